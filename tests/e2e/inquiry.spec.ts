/**
 * Issue #5's path end to end, as its two users walk it, in every project
 * (desktop, JavaScript disabled, phone): engineer@demo.test (沧州运衡精细化工)
 * opens its published demand, sees 天津大学's VOCs result recommended with a
 * reason, and starts an inquiry from the recommendation; officer@demo.test
 * (天津大学) finds it through the header's notification count, replies
 * (洽谈) and confirms the deal; the enterprise confirms too, and both sides
 * see 签约. Projects share one server; an inquiry that reached 签约 is no
 * longer active, so the next project may start the same pair again.
 */
import { expect, type Page, test } from "@playwright/test";

const PASSWORD = "techbridge-demo";
/** Seeded demand of engineer@'s organization (d-003) and 天津大学's result that solves it (r-env-010). */
const DEMAND_TITLE = "车间无组织有机废气收集与治理";
const RESULT_TITLE = "沸石转轮浓缩加催化燃烧VOCs治理技术";

let pageErrors: string[] = [];

test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) {
      pageErrors.push(message.text());
    }
  });
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message} at ${page.url()}`));
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

async function signOut(page: Page) {
  const account = page.getByRole("navigation", { name: "账号" });
  await account.getByRole("button", { name: "退出" }).click();
  await expect(account.getByRole("link", { name: "登录" })).toBeVisible();
}

/** Opens a confirmed action's fold and confirms it. */
async function confirmAction(page: Page, label: string, confirm: string) {
  const actions = page.getByRole("complementary", { name: "对接操作" });
  await actions.locator("summary", { hasText: label }).click();
  await actions.getByRole("button", { name: confirm }).click();
}

test("enterprise starts an inquiry from a recommendation; the university replies; both confirm the deal", async ({
  page,
}, testInfo) => {
  // Four sign-ins, a whole inquiry and a contract record: longer than the default 30 s.
  test.setTimeout(90_000);
  const stamp = `${testInfo.project.name}-${Date.now().toString(36)}`;

  // 1. The enterprise opens its published demand and sees the recommended result with a reason.
  await signIn(page, "engineer@demo.test");
  await page.goto("/my");
  await page.getByRole("link", { name: DEMAND_TITLE }).first().click();
  const panel = page.locator("section#matches");
  await expect(panel.getByRole("heading", { name: "推荐成果" })).toBeVisible();
  const match = panel.getByTestId("match").filter({ hasText: RESULT_TITLE }).first();
  await expect(match).toContainText("天津大学");
  await expect(match.getByText("推荐理由：")).toBeVisible();

  // 2. … and starts an inquiry from it.
  await match.getByRole("link", { name: "发起对接" }).click();
  await expect(page).toHaveURL(/\/inquiries\/new\?demandId=\d+&resultId=\d+$/);
  await expect(page.getByRole("link", { name: RESULT_TITLE })).toBeVisible();
  await expect(page.getByRole("link", { name: DEMAND_TITLE })).toBeVisible();
  await page
    .getByLabel("留言")
    .fill(`贵校的沸石转轮技术能否用于我司合成车间？风量约每小时4万立方米。${stamp}`);
  await page.getByRole("button", { name: "发起对接" }).click();
  await expect(page).toHaveURL(/\/inquiries\/\d+\?notice=started$/);
  const inquiryPath = new URL(page.url()).pathname;
  await expect(page.getByText("对接已发起，对方会收到通知。")).toBeVisible();
  await expect(page.locator("[data-status]").first()).toHaveText("意向");
  await signOut(page);

  // 3. The university sees the notification and replies: 洽谈.
  await signIn(page, "officer@demo.test");
  await page
    .getByRole("navigation", { name: "账号" })
    .getByRole("link", { name: /消息通知（\d+ 条未读）/ })
    .click();
  await expect(page).toHaveURL(/\/notifications$/);
  await page
    .getByRole("listitem")
    .filter({ hasText: `对“${RESULT_TITLE}”发起了对接` })
    .filter({ hasText: stamp })
    .getByRole("button", { name: /^查看/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`${inquiryPath}$`));
  await expect(page.getByText(stamp)).toBeVisible();
  await page
    .getByRole("textbox", { name: "留言" })
    .fill("可以，我们已在多家化工企业应用，欢迎来校考察。");
  await page.getByRole("button", { name: "发送留言" }).click();
  await expect(page.getByText("留言已发送。")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "留言" })).toHaveValue("");
  await expect(page.locator("[data-status]").first()).toHaveText("洽谈");

  // 4. Both mark it a deal: the university first, then the enterprise.
  await confirmAction(page, "确认签约", "确认双方已达成签约");
  await expect(page.getByText("贵方已确认签约，等待")).toBeVisible();
  await signOut(page);

  await signIn(page, "engineer@demo.test");
  await page.goto(inquiryPath);
  await expect(page.getByText("可以，我们已在多家化工企业应用，欢迎来校考察。")).toBeVisible();
  await expect(page.getByText("天津大学已确认签约，等待贵方确认。")).toBeVisible();
  await confirmAction(page, "确认签约", "确认双方已达成签约");
  await expect(page.locator("[data-status]").first()).toHaveText("签约");
  await expect(page.getByText(/双方已确认签约/)).toBeVisible();
  await page.goto("/inquiries?status=deal");
  await expect(page.locator(`a[href="${inquiryPath}"]`)).toBeVisible();
  await signOut(page);

  // 5. 签约 on the university's side too.
  await signIn(page, "officer@demo.test");
  await page.goto(inquiryPath);
  await expect(page.locator("[data-status]").first()).toHaveText("签约");
  await expect(page.getByText(/双方已确认签约/)).toBeVisible();

  await signOut(page);

  // 6. The bureau records the deal: 天津大学 (seller) registered it in Tianjin,
  // so the station records it as 技术吸纳, pre-filled from the inquiry.
  await signIn(page, "staff@demo.test");
  await page.goto(inquiryPath);
  await page.getByRole("link", { name: "录入技术吸纳" }).click();
  await expect(page).toHaveURL(/\/bureau\/contracts\/absorption\/new\?inquiryId=\d+$/);
  const absorptionForm = page.url();
  await expect(page.getByText(/来自对接 #\d+/)).toBeVisible();
  await expect(page.getByLabel("卖方名称")).toHaveValue(/天津大学/);
  const contractName = `${RESULT_TITLE}技术转让合同 ${stamp}`;
  await page.getByLabel("合同名称", { exact: true }).fill(contractName);
  await page.getByLabel("外地登记号").fill(`1201${Date.now().toString().slice(-8)}`);
  await page.getByLabel("外地登记日期").fill("2026-11-20");
  await page.getByLabel("合同类别", { exact: true }).selectOption("transfer");
  await page.getByLabel("合同子类", { exact: true }).selectOption("patent_right");
  await page.getByLabel("成交额（元）").fill("880000.50");
  await page.getByLabel("技术交易额（元）").fill("800000.00");
  await page.getByLabel("签订日期").fill("2026-11-18");
  await page.getByRole("button", { name: "录入" }).click();
  await expect(page.getByRole("heading", { name: contractName })).toBeVisible();
  // Opening the deal's form again warns that the deal already has a record.
  await page.goto(absorptionForm);
  await expect(page.getByText(/已有合同记录/)).toContainText(contractName);

  // It counts as absorption in the drill-down list of November 2026 …
  await page.goto("/bureau/contracts?year=2026&month=11&direction=inbound&status=registered");
  await expect(page.getByRole("link", { name: contractName })).toBeVisible();
  // … and the dashboard (rendered and hydrated without errors) lists 京津 transfers.
  await page.goto("/bureau/stats?year=2026");
  await expect(page.getByRole("heading", { name: /技术合同统计/ })).toBeVisible();
  await expect(page.getByText("天津大学").or(page.getByText("天津市")).first()).toBeVisible();
});
