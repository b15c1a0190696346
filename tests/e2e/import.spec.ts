/**
 * 台账导入 as a registrar does it, in every project (desktop, JavaScript
 * disabled, phone): from the contract list open the import page, upload a
 * ledger with a duplicate row, read the preview, confirm, and find the
 * imported contract in the contract list.
 */
import { expect, test } from "@playwright/test";
import { ledgerRow, ledgerXlsx, localNumber } from "../support/ledger-xlsx";

const PASSWORD = "techbridge-demo";
/**
 * Each project imports numbers 1–3 of its own past year (the seed numbers
 * 2025–2026): a ledger must continue the station's numbering without gaps.
 */
const PROJECT_YEAR: Record<string, number> = {
  chromium: 2021,
  "chromium-no-js": 2022,
  phone: 2023,
};

test("imports a ledger: preview, duplicates skipped, commit, list", async ({ page }, testInfo) => {
  const year = PROJECT_YEAR[testInfo.project.name] ?? 2020;
  const name = `台账导入验收合同${year}`;
  const buffer = Buffer.from(
    await ledgerXlsx([
      ledgerRow(1, { 合同名称: name }, year),
      ledgerRow(2, {}, year),
      ledgerRow(3, {}, year),
      ledgerRow(1, { 合同名称: "重复录入" }, year),
    ]),
  );

  await page.goto("/login");
  await page.getByLabel("邮箱").fill("staff@demo.test");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  await page.goto("/bureau/contracts");
  await page.getByRole("link", { name: "导入台账" }).click();
  await expect(page.getByRole("heading", { name: "台账导入" })).toBeVisible();
  await page.getByLabel(/台账文件/).setInputFiles({
    name: "沧州台账.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer,
  });
  await page.getByRole("button", { name: "上传并预览" }).click();

  await expect(page).toHaveURL(/\/bureau\/contracts\/import\/\d+$/);
  await expect(page.getByRole("heading", { name: "台账导入：沧州台账.xlsx" })).toBeVisible();
  const duplicates = page.getByRole("table", { name: "重复的登记号" });
  await expect(duplicates).toContainText(localNumber(year, 1));
  await expect(duplicates).toContainText("与第 2 行重复");
  await expect(page.getByRole("table", { name: "可导入的行" })).toContainText(name);

  await page.getByRole("button", { name: "确认导入 3 份合同" }).click();
  await expect(page.getByText("导入完成：写入 3 份合同，跳过重复 1 行")).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByRole("button", { name: /确认导入/ })).toHaveCount(0);

  await page.goto(`/bureau/contracts?q=${encodeURIComponent(name)}`);
  await expect(page.getByText(name).first()).toBeVisible();
});
