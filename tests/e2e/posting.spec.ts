/**
 * Posting (issue #3 part B), as members click through it, in every project
 * (desktop, JavaScript disabled, phone):
 * - an enterprise posts a 技术需求 with the budget "abc": the error sits
 *   next to the budget field and everything typed is kept; fixed, it goes
 *   to review and /my shows 待审核;
 * - an institution posts a 科技成果 and submits it, bureau staff approve it
 *   in the review queue, and the public finds it in search.
 */
import { expect, type Page, test } from "@playwright/test";

const PASSWORD = "techbridge-demo";

async function signIn(page: Page, email: string) {
  if (!/\/login/.test(page.url())) await page.goto("/login");
  await page.getByLabel(/邮箱/).fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function signOut(page: Page) {
  await page
    .getByRole("navigation", { name: "账号" })
    .getByRole("button", { name: "退出" })
    .click();
  await expect(
    page.getByRole("navigation", { name: "账号" }).getByRole("link", { name: "登录" }),
  ).toBeVisible();
}

/** A title no other project's run uses (they share one server). */
const uniqueTitle = (base: string, project: string) => `${base}（${project}-${Date.now() % 1e6}）`;

test("enterprise: a budget of “abc” is refused next to the field with all input kept, then submitted for review", async ({
  page,
}, testInfo) => {
  const title = uniqueTitle("铸造车间粉尘在线监测与治理", testInfo.project.name);
  const description = "公司铸造车间打磨工段粉尘浓度高，希望引进在线监测与局部除尘一体化方案。";
  const deadline = `${new Date().getFullYear() + 1}-06-30`;

  await page.goto("/my");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmy/);
  await signIn(page, "engineer@demo.test");
  await expect(page).toHaveURL(/\/my$/);
  await expect(page.getByRole("heading", { level: 1, name: "我的发布" })).toBeVisible();

  await page.getByRole("link", { name: "发布技术需求" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "发布技术需求" })).toBeVisible();
  await page.getByLabel("需求名称").fill(title);
  await page.getByLabel("需求描述").fill(description);
  await page.getByLabel("技术领域").selectOption({ label: "环境保护与资源综合利用" });
  await page.getByLabel("关键词").fill("粉尘、在线监测");
  await page.getByLabel("最低预算（万元）").fill("abc");
  await page.getByLabel("最高预算（万元）").fill("50");
  await page.getByRole("checkbox", { name: "技术服务" }).check();
  await page.getByLabel("截止日期").fill(deadline);
  await page.getByLabel("所在县（市、区）").selectOption({ label: "黄骅市" });
  await page.getByRole("button", { name: "提交审核" }).click();

  const budgetMin = page.getByLabel("最低预算（万元）");
  await expect(budgetMin).toHaveAccessibleDescription(/请输入数字，单位万元/);
  await expect(budgetMin).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("请输入数字，单位万元")).toBeVisible();
  await expect(budgetMin).toHaveValue("abc");
  await expect(page.getByLabel("需求名称")).toHaveValue(title);
  await expect(page.getByLabel("需求描述")).toHaveValue(description);
  await expect(page.getByLabel("技术领域")).toHaveValue("environmental_protection");
  await expect(page.getByLabel("关键词")).toHaveValue("粉尘、在线监测");
  await expect(page.getByLabel("最高预算（万元）")).toHaveValue("50");
  await expect(page.getByRole("checkbox", { name: "技术服务" })).toBeChecked();
  await expect(page.getByLabel("截止日期")).toHaveValue(deadline);
  await expect(page.getByLabel("所在县（市、区）")).toHaveValue("130983");

  await budgetMin.fill("35.5");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page).toHaveURL(/\/my\?notice=submitted/);
  await expect(page.getByText("已提交审核")).toBeVisible();
  const row = page.getByRole("listitem").filter({ hasText: title });
  await expect(row).toContainText("待审核");

  await row.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("35.5–50万元")).toBeVisible();
});

test("institution posts a result, bureau approves it, and it appears in search", async ({
  page,
}, testInfo) => {
  const title = uniqueTitle("石墨烯导热膜卷对卷连续制备工艺", testInfo.project.name);

  await signIn(page, "officer@demo.test");
  await page.goto("/my/results/new");
  await page.getByLabel("成果名称").fill(title);
  await page
    .getByLabel("详细介绍")
    .fill("采用卷对卷连续涂布与高温石墨化工艺制备石墨烯导热膜，面内导热系数超过1500瓦每米开尔文。");
  await page.getByLabel("技术领域").selectOption({ label: "新材料及其应用" });
  await page.getByLabel("成熟度").selectOption({ label: "中试" });
  await page.getByLabel("技术就绪度").selectOption("6");
  await page.getByLabel("知识产权类型").selectOption({ label: "发明专利" });
  await page.getByLabel("专利号").fill("ZL202110538742.X");
  await page.getByRole("checkbox", { name: "许可" }).check();
  await page.getByLabel("参考价格（万元）").fill("120.5");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page).toHaveURL(/\/my\?notice=submitted/);
  await expect(page.getByRole("listitem").filter({ hasText: title })).toContainText("待审核");
  await signOut(page);

  await signIn(page, "staff@demo.test");
  await page.goto("/bureau/reviews");
  await page.getByRole("button", { name: `通过：${title}` }).click();
  await expect(page.getByRole("button", { name: `通过：${title}` })).toHaveCount(0);
  await signOut(page);

  await page.goto(`/results?${new URLSearchParams({ q: title })}`);
  const hits = page.getByRole("list", { name: "搜索结果" });
  await hits.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("120.5万元")).toBeVisible();
});
