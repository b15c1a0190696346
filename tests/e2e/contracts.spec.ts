/**
 * Contract registration as the station's registrar does it, in every
 * project (desktop, JavaScript disabled, phone): staff@ accepts a contract
 * through the form, registers it (the 16-digit number appears), and opens
 * the certificate, which in print media shows the number and no site
 * navigation.
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
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test("staff register a contract and print its certificate", async ({ page }, testInfo) => {
  const name = `耐腐蚀保温管道技术开发合同 ${testInfo.project.name} ${Date.now().toString(36)}`;
  await signIn(page, "staff@demo.test");
  await page.goto("/bureau/contracts");
  await page.getByRole("link", { name: "合同受理" }).click();
  await expect(page.getByRole("heading", { name: "合同受理" })).toBeVisible();

  await page.getByLabel("合同名称", { exact: true }).fill(name);
  await page.getByLabel("合同类别", { exact: true }).selectOption("development");
  await page.getByLabel("合同子类", { exact: true }).selectOption("commissioned");
  await page.getByLabel("技术领域").selectOption("new_materials");
  await page.getByLabel("知识产权类型").selectOption("invention_patent");
  await page.getByLabel("卖方名称").fill("沧州测试保温材料有限公司");
  await page.getByLabel("卖方所在区县").selectOption("130921");
  await page.getByLabel("卖方性质").selectOption("150");
  await page.getByLabel("买方名称").fill("黄骅测试管业有限公司");
  await page.getByLabel("买方所在区县").selectOption("130983");
  await page.getByLabel("买方性质").selectOption("170");
  await page.getByLabel("成交额（元）").fill("1234567.89");
  await page.getByLabel("技术交易额（元）").fill("1000000.00");
  await page.getByLabel("签订日期").fill("2026-11-02");
  await page.getByRole("button", { name: "受理" }).click();

  await expect(page.getByText("已受理。")).toBeVisible();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByRole("button", { name: "登记并生成登记号" }).click();
  await expect(page.getByText("已登记，登记号已生成。")).toBeVisible();
  const number = (await page.getByTestId("registration-number").textContent())?.trim() ?? "";
  expect(number).toMatch(/^\d{4}130901\d{6}$/);

  await page.getByRole("link", { name: "登记证明（打印）" }).click();
  const certificate = page.getByTestId("certificate");
  await expect(certificate).toContainText(number);
  await expect(certificate).toContainText("壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分");

  await page.emulateMedia({ media: "print" });
  await expect(certificate).toBeVisible();
  await expect(certificate).toContainText(number);
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "科技局工作区" })).toBeHidden();
  await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
});
