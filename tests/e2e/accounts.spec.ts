/**
 * Accounts as a user meets them, in every project: desktop Chromium,
 * Chromium without JavaScript, and a phone. Pages must work without
 * JavaScript and, with it, hydrate under the Content-Security-Policy: any
 * CSP violation in the console fails the test.
 */
import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { fictionalUscc } from "../../app/domain/organizations/uscc";

const unique = () => randomBytes(4).toString("hex");

let cspViolations: string[] = [];

test.beforeEach(({ page }) => {
  cspViolations = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) {
      cspViolations.push(message.text());
    }
  });
  page.on("pageerror", (error) => cspViolations.push(`pageerror: ${error.message}`));
});

test.afterEach(() => {
  expect(cspViolations, "CSP violations or page errors").toEqual([]);
});

async function signOut(page: Page) {
  await page
    .getByRole("navigation", { name: "账号" })
    .getByRole("button", { name: "退出" })
    .click();
  await expect(
    page.getByRole("navigation", { name: "账号" }).getByRole("link", { name: "登录" }),
  ).toBeVisible();
}

test("a new university officer signs up and sees the pending verification", async ({
  page,
  javaScriptEnabled,
}) => {
  const organizationName = `渤海理工大学${unique()}`;
  const email = `officer-${unique()}@bohai-uni.test`;
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("注册机构账号");

  // Region first: switching the province reloads the page without JavaScript.
  await page.getByLabel("所在省份").selectOption({ label: "天津市" });
  if (javaScriptEnabled) {
    // Hydrated: the change alone switches the province.
    await expect(page).toHaveURL(/province=120000/);
  } else {
    await page.getByRole("button", { name: "切换省份" }).click();
    await expect(page).toHaveURL(/province=120000/);
  }
  await page.getByLabel("所在区县").selectOption({ label: "南开区" });

  await page.getByRole("radio", { name: /高校/ }).check();
  await page.getByLabel("机构名称").fill(organizationName);
  const uscc = fictionalUscc("12", "120104", Math.floor(Math.random() * 999_999));
  // A wrong check digit first: the form keeps the input and says what is wrong.
  await page
    .getByLabel("统一社会信用代码")
    .fill(uscc.slice(0, 17) + (uscc[17] === "0" ? "1" : "0"));
  await page.getByLabel("单位性质").selectOption({ label: "高等院校" });
  await page.getByLabel("姓名").fill("周老师");
  await page.getByLabel("邮箱（登录名）").fill(email);
  await page.getByLabel("密码", { exact: true }).fill("bohai-officer-2026");
  await page.getByLabel("确认密码").fill("bohai-officer-2026");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("统一社会信用代码校验位不正确，请核对").first()).toBeVisible();
  await expect(page.getByLabel("机构名称")).toHaveValue(organizationName);
  await expect(page.getByLabel("所在区县")).toHaveValue("120104");

  await page.getByLabel("统一社会信用代码").fill(uscc);
  await page.getByLabel("密码", { exact: true }).fill("bohai-officer-2026");
  await page.getByLabel("确认密码").fill("bohai-officer-2026");
  await page.getByRole("button", { name: "注册" }).click();

  await expect(page).toHaveURL(/\/org\?welcome=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(organizationName);
  await expect(page.getByTestId("verification-status")).toContainText("认证状态：待认证");
  await expect(page.getByText("天津市南开区").first()).toBeVisible();
  await expect(page.getByRole("navigation", { name: "账号" })).toContainText("周老师");

  await signOut(page);
});

test("the demo officer signs in and is sent back where they were going", async ({ page }) => {
  await page.goto("/login?redirectTo=%2Forg");
  await expect(page.getByRole("region", { name: /演示账号/ })).toBeVisible();
  await page.getByLabel("邮箱").fill("officer@demo.test");
  await page.getByLabel("密码").fill("techbridge-demo");
  await page.getByRole("button", { name: "登录" }).click();

  await expect(page).toHaveURL(/\/org$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("天津大学");
  await expect(page.getByTestId("verification-status")).toContainText("已认证");
  const account = page.getByRole("navigation", { name: "账号" });
  await expect(account.getByRole("link", { name: "我的工作台" })).toHaveAttribute("href", "/my");
  await expect(account).toContainText("天津大学技术转移中心");
  const cookie = (await page.context().cookies()).find((c) => c.name === "tb_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await signOut(page);
});

test("an organization admin invites a colleague, who joins through the link", async ({
  page,
  browser,
}) => {
  await page.goto("/login?redirectTo=%2Forg");
  await page.getByLabel("邮箱").fill("officer@demo.test");
  await page.getByLabel("密码").fill("techbridge-demo");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/org$/);

  const colleague = `colleague-${unique()}@tju.test`;
  await page.getByLabel("同事邮箱（可选）").fill(colleague);
  await page.getByRole("button", { name: "生成邀请链接" }).click();
  const link = (await page.getByTestId("invite-link").innerText()).trim();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const invitations = page.getByRole("list", { name: "邀请记录" });
  await expect(invitations.getByRole("listitem").filter({ hasText: colleague })).toContainText(
    "有效",
  );
  await signOut(page);

  // The colleague opens the link in their own browser.
  const context = await browser.newContext({
    javaScriptEnabled: test.info().project.use.javaScriptEnabled ?? true,
  });
  const invitee = await context.newPage();
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("加入 天津大学");
  await expect(invitee.getByLabel("邮箱（登录名）")).toHaveValue(colleague);
  await invitee.getByLabel("姓名").fill("吴工程师");
  await invitee.getByLabel("密码", { exact: true }).fill("colleague-pass-2026");
  await invitee.getByLabel("确认密码").fill("colleague-pass-2026");
  await invitee.getByRole("button", { name: "注册并加入" }).click();
  await expect(invitee).toHaveURL(/\/org$/);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("天津大学");
  await expect(invitee.getByRole("navigation", { name: "账号" })).toContainText("吴工程师");

  // The link works once.
  await invitee
    .getByRole("navigation", { name: "账号" })
    .getByRole("button", { name: "退出" })
    .click();
  const again = await invitee.goto(new URL(link).pathname);
  expect(again?.status()).toBe(404);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("邀请链接不可用");
  await expect(invitee.getByText("已被使用")).toBeVisible();
  await context.close();
});

test("a cross-origin POST is refused", async ({ page }) => {
  await page.goto("/login");
  const response = await page.request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: "officer@demo.test", password: "techbridge-demo" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("请求来源不是本站");
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "tb_session")).toBeUndefined();
});

test("the eleventh wrong password in a minute is throttled", async ({ page }, testInfo) => {
  // An address of this project's own, so the projects do not share the per-IP count.
  const projectIndex = testInfo.config.projects.findIndex((p) => p.name === testInfo.project.name);
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `192.0.2.${10 + projectIndex}` });
  const email = `target-${unique()}@demo.test`;
  await page.goto("/login");
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill(`wrong-password-${attempt}`);
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "登录" }).click();
    expect((await response).status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("邮箱或密码不正确");
  }
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill("wrong-password-11");
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "登录" }).click();
  expect((await response).status()).toBe(429);
  await expect(page.getByRole("alert")).toContainText(/尝试次数过多，请在 \d+ 秒后重试/);
});
