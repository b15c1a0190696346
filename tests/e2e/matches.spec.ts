/**
 * Recommendations as their users meet them, in every project (desktop,
 * JavaScript disabled, phone): engineer@demo.test opens their organization's
 * demand, sees recommended results with reasons and scores, marks one
 * 不相关 and it disappears; a refused 不相关 mark (no 原因) shows its error
 * and keeps the note — in the open form with JavaScript, on a page naming
 * the recommendation without; bureau staff open 撮合机会 and filter by county.
 */
import { expect, type Page, test } from "@playwright/test";

const PASSWORD = "techbridge-demo";
/** A seeded demand of engineer@'s organization (沧州运衡精细化工, 运河区). */
const DEMAND_TITLE = "医药中间体高盐废水分盐资源化";

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
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test("an enterprise sees recommended results with reasons and hides one as 不相关", async ({
  page,
}) => {
  await signIn(page, "engineer@demo.test");
  await page.goto("/my");
  await page.getByRole("link", { name: DEMAND_TITLE }).first().click();
  await expect(page).toHaveURL(/\/my\/demands\/\d+$/);

  const panel = page.locator("section#matches");
  await expect(panel.getByRole("heading", { name: "推荐成果" })).toBeVisible();
  const matches = panel.getByTestId("match");
  expect(await matches.count()).toBeGreaterThanOrEqual(2);
  const first = matches.first();
  await expect(first.getByText("推荐理由：")).toBeVisible();
  await expect(first.getByRole("meter", { name: "匹配度" })).toBeVisible();
  await expect(first.getByRole("link", { name: "发起对接" })).toHaveAttribute(
    "href",
    /^\/inquiries\/new\?demandId=\d+&resultId=\d+$/,
  );
  // The per-feature breakdown folds open.
  await first.getByText("评分明细").click();
  await expect(first.getByText("技术领域", { exact: true })).toBeVisible();

  const title = (await first.getByRole("link").first().textContent())!.trim();
  await first.getByText("不相关", { exact: true }).click();
  await first.getByLabel("原因").selectOption({ index: 1 });
  await first.getByLabel("补充说明（选填）").fill("与我们的工艺无关");
  await first.getByRole("button", { name: "标记为不相关" }).click();

  // Without JavaScript the redirect keeps its #matches; the client router drops it.
  await expect(page).toHaveURL(/\/my\/demands\/\d+(#matches)?$/);
  await expect(panel.getByRole("heading", { name: "推荐成果" })).toBeVisible();
  await expect(panel.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  expect(await panel.getByTestId("match").count()).toBeGreaterThan(0);
});

test("a refused 不相关 mark shows the error and keeps the note", async ({
  page,
  javaScriptEnabled,
}) => {
  await signIn(page, "engineer@demo.test");
  await page.goto("/my");
  await page.getByRole("link", { name: DEMAND_TITLE }).first().click();
  await expect(page).toHaveURL(/\/my\/demands\/\d+$/);
  const url = page.url();
  if (javaScriptEnabled) {
    // The form posts through the panel's fetcher once hydrated: React has
    // attached its fiber to the panel's forms.: React has attached its fiber to the panel's forms.
    await page.waitForFunction(() => {
      const form = document.querySelector("section#matches form");
      return form !== null && Object.keys(form).some((key) => key.startsWith("__react"));
    });
  }

  const first = page.locator("section#matches").getByTestId("match").first();
  const title = (await first.getByRole("link").first().textContent())!.trim();
  await first.getByText("不相关", { exact: true }).click();
  // The browser's `required` can be bypassed: the server must answer.
  await first.getByLabel("原因").evaluate((select) => select.removeAttribute("required"));
  await first.getByLabel("补充说明（选填）").fill("说明不要丢");
  await first.getByRole("button", { name: "标记为不相关" }).click();

  if (javaScriptEnabled) {
    await expect(first.getByText("请选择不相关的原因")).toBeVisible();
    await expect(first.getByLabel("补充说明（选填）")).toHaveValue("说明不要丢");
    await expect(first.getByRole("button", { name: "标记为不相关" })).toBeVisible();
    expect(page.url()).toBe(url);
  } else {
    await expect(page).toHaveURL(/\/matches\/feedback$/);
    await expect(page.getByText("请选择不相关的原因")).toBeVisible();
    await expect(page.getByLabel("补充说明（选填）")).toHaveValue("说明不要丢");
    const subject = page.getByTestId("feedback-subject");
    await expect(subject.getByRole("link", { name: DEMAND_TITLE })).toBeVisible();
    await expect(subject.getByRole("link", { name: title, exact: true })).toBeVisible();
    await page.getByRole("link", { name: "返回推荐列表" }).click();
    await expect(page).toHaveURL(/\/my\/demands\/\d+#matches$/);
  }
});

test("bureau staff see the strongest unworked matches filtered by county", async ({ page }) => {
  await signIn(page, "staff@demo.test");
  await page.goto("/bureau");
  await page
    .getByRole("navigation", { name: "科技局工作区" })
    .getByRole("link", { name: "撮合机会" })
    .click();
  await expect(page.getByRole("heading", { name: "撮合机会" })).toBeVisible();

  await page.getByLabel("需求所在县区").selectOption({ label: "运河区" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/county=130903/);
  const rows = page.getByTestId("market-match");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    await expect(rows.nth(i)).toContainText("运河区");
  }
  // 推荐对接 notifies both organizations and marks the row.
  await rows.first().getByRole("button", { name: "推荐对接" }).click();
  await expect(page.getByRole("status")).toContainText("已通知双方机构");
  await expect(page).toHaveURL(/county=130903/);
  await expect(rows.first()).toContainText("已推荐");
});
