/**
 * The newcomer's path: home → search 管道 → filter 技术领域=先进制造 narrows
 * the hits → open a detail page. Runs in every project, including
 * "chromium-no-js" (JavaScript disabled) and "phone".
 */
import { expect, type Page, test } from "@playwright/test";

async function totalHits(page: Page): Promise<number> {
  const text = await page.getByTestId("total-hits").innerText();
  const match = /(\d[\d,]*)/.exec(text);
  if (!match?.[1]) throw new Error(`no count in "${text}"`);
  return Number(match[1].replace(/,/g, ""));
}

test("home → search 管道 → filter 先进制造 → detail", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/科技成果/);

  const box = page.getByRole("searchbox", { name: "搜索科技成果" }).first();
  await box.fill("管道");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/results\?.*q=%E7%AE%A1%E9%81%93/);

  const hits = page.getByRole("list", { name: "搜索结果" });
  await expect(hits.getByRole("listitem").first()).toBeVisible();
  const before = await totalHits(page);
  expect(before).toBeGreaterThan(1);
  await expect(hits.locator("mark").first()).toHaveText("管道");

  const filters = page.getByRole("navigation", { name: "筛选" });
  await filters
    .getByRole("link", { name: /先进制造/ })
    .first()
    .click();
  await expect(page).toHaveURL(/techField=advanced_manufacturing/);
  await expect(page).toHaveURL(/q=%E7%AE%A1%E9%81%93/);
  await expect.poll(() => totalHits(page)).toBeLessThan(before);
  const after = await totalHits(page);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  await expect(hits.getByRole("listitem")).toHaveCount(Math.min(after, 20));
  for (const item of await hits.getByRole("listitem").all()) {
    await expect(item).toContainText("先进制造");
  }

  const first = hits.getByRole("listitem").first().getByRole("link").first();
  const title = (await first.innerText()).trim();
  await first.click();
  await expect(page).toHaveURL(/\/results\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("先进制造").first()).toBeVisible();
});

test("demands search filters by county", async ({ page }) => {
  await page.goto("/demands");
  const before = await totalHits(page);
  expect(before).toBeGreaterThanOrEqual(100);
  const filters = page.getByRole("navigation", { name: "筛选" });
  await filters
    .getByRole("link", { name: /黄骅市/ })
    .first()
    .click();
  await expect(page).toHaveURL(/county=130983/);
  // With JavaScript the URL can change a moment before the new hits render.
  await expect.poll(() => totalHits(page)).toBeLessThan(before);
  const after = await totalHits(page);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
});

test("an unknown listing shows a 404 page with a way back", async ({ page }) => {
  const response = await page.goto("/results/99999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("不存在");
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("bad search parameters are explained, not a server error", async ({ page }) => {
  const response = await page.goto("/results?page=abc&hitsPerPage=100000&techField=火星");
  expect(response?.status()).toBe(200);
  await expect(page.getByText(/页码/).first()).toBeVisible();
  await expect(
    page.getByRole("list", { name: "搜索结果" }).getByRole("listitem").first(),
  ).toBeVisible();
});
