/**
 * Review as the bureau clerk does it, in every project (desktop, JavaScript
 * disabled, phone): an institution submits a 科技成果; bureau staff find it
 * from the dashboard, open it, tick it and 批量通过; the audit log records
 * the approval; and the public finds the result in search.
 */
import { expect, type Page, test } from "@playwright/test";

const PASSWORD = "techbridge-demo";

let pageErrors: string[] = [];

test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) {
      pageErrors.push(message.text());
    }
  });
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
});

test.afterEach(() => {
  expect(pageErrors, "CSP violations or page errors").toEqual([]);
});

async function signIn(page: Page, email: string) {
  if (!new URL(page.url()).pathname.startsWith("/login")) await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function signOut(page: Page) {
  const account = page.getByRole("navigation", { name: "账号" });
  await account.getByRole("button", { name: "退出" }).click();
  await expect(account.getByRole("link", { name: "登录" })).toBeVisible();
}

test("a submitted result is approved in the bureau queue and becomes searchable", async ({
  page,
}, testInfo) => {
  // Unique per run and project: the projects share one server.
  const stamp = `${testInfo.project.name}${Date.now().toString(36)}`;
  const title = `盐碱地改良微生物菌剂审核测试${stamp}`;

  await signIn(page, "officer@demo.test");
  await page.goto("/my/results/new");
  await page.getByLabel("成果名称").fill(title);
  await page
    .getByLabel("详细介绍")
    .fill(
      "筛选耐盐碱功能菌株并复配成菌剂，施用后土壤含盐量下降、作物出苗率明显提高，适合滨海盐碱地改良。",
    );
  await page.getByLabel("技术领域").selectOption({ label: "农业" });
  await page.getByLabel("成熟度").selectOption({ label: "小试" });
  await page.getByLabel("知识产权类型").selectOption({ label: "技术秘密" });
  await page.getByRole("checkbox", { name: "技术服务" }).check();
  await page.getByRole("checkbox", { name: "价格面议" }).check();
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page).toHaveURL(/\/my\?notice=submitted/);
  await signOut(page);

  // Anonymous visitors of the queue are asked to sign in, then come back.
  await page.goto("/bureau/reviews");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fbureau%2Freviews/);
  await signIn(page, "staff@demo.test");
  await expect(page).toHaveURL(/\/bureau\/reviews$/);

  await page.goto("/bureau");
  const newResults = page
    .getByRole("list", { name: "待处理队列" })
    .getByRole("link", { name: /科技成果 · 新发布/ });
  await expect(newResults).toContainText(/[1-9]/);
  await newResults.click();
  await expect(page).toHaveURL(/\/bureau\/reviews\?kind=results&type=new/);

  const queue = page.getByRole("table", { name: "待审核列表" });
  const row = queue.getByRole("row").filter({ hasText: title });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("农业");
  await expect(row).toContainText("新发布");

  await row.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(/\/bureau\/reviews\/results\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("待审核（新发布）")).toBeVisible();
  await expect(page.getByRole("table", { name: "信息内容" })).toContainText("技术秘密");
  await page.goBack();

  await row.getByRole("checkbox", { name: `选择：${title}` }).check();
  await page.getByRole("button", { name: "批量通过所选" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已通过 1 条" })).toBeVisible();
  await expect(page).toHaveURL(/kind=results/);
  await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(0);

  await page.goto("/bureau/audit?action=result.approve");
  const audit = page
    .getByRole("table", { name: "审计记录" })
    .getByRole("row")
    .filter({ hasText: title });
  await expect(audit.first()).toContainText("科技成果 · 审核通过");
  await expect(audit.first()).toContainText("科技局审核员");
  await signOut(page);

  await page.goto(`/results?${new URLSearchParams({ q: title })}`);
  const hits = page.getByRole("list", { name: "搜索结果" });
  await hits.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("面议").first()).toBeVisible();
});

test("a reviewer rejects with a reason, and a missing note for 其他 is explained at the field", async ({
  page,
}, testInfo) => {
  const title = `渤海湾海水淡化膜污染控制驳回测试${testInfo.project.name}${Date.now().toString(36)}`;
  await signIn(page, "officer@demo.test");
  await page.goto("/my/results/new");
  await page.getByLabel("成果名称").fill(title);
  await page
    .getByLabel("详细介绍")
    .fill("通过预处理与在线清洗相结合的方式控制反渗透膜污染，延长膜寿命。");
  await page.getByLabel("技术领域").selectOption({ label: "环境保护与资源综合利用" });
  await page.getByLabel("成熟度").selectOption({ label: "中试" });
  await page.getByLabel("知识产权类型").selectOption({ label: "发明专利" });
  await page.getByRole("checkbox", { name: "许可" }).check();
  await page.getByRole("checkbox", { name: "价格面议" }).check();
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page).toHaveURL(/\/my\?notice=submitted/);
  await signOut(page);

  await signIn(page, "staff@demo.test");
  await page.goto("/bureau/reviews?techField=environmental_protection");
  const row = page.getByRole("row").filter({ hasText: title });
  await row.getByText("驳回", { exact: true }).click();
  const form = row.getByRole("form", { name: `驳回“${title}”` });
  await form.getByLabel("驳回原因").selectOption({ label: "其他" });
  await form.getByRole("button", { name: "确认驳回" }).click();

  const again = page
    .getByRole("row")
    .filter({ hasText: title })
    .getByRole("form", { name: `驳回“${title}”` });
  await expect(again.getByText("选择“其他”时请填写说明")).toBeVisible();
  await expect(again.getByLabel("驳回原因")).toHaveValue("other");
  await again.getByLabel(/说明/).fill("请补充中试数据与膜通量指标");
  await again.getByRole("button", { name: "确认驳回" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已驳回 1 条" })).toBeVisible();
  await expect(page).toHaveURL(/techField=environmental_protection/);
  await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(0);
});
