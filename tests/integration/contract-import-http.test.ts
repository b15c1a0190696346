/**
 * Ledger import over real HTTP on every server dialect, as bureau staff:
 * download the template, upload a ledger (multipart), read the preview,
 * confirm, see the result, and confirm again without importing twice;
 * wrong files get a 400 with the reason; a ledger with errors cannot be
 * committed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../../app/domain/imports/ledger-workbook.server";
import { type RunningServer, serverDialects, startServer } from "../support/server";
import { ledgerRow, ledgerXlsx, localNumber } from "../support/ledger-xlsx";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe.each(serverDialects())("ledger import over HTTP on %s", (dialect) => {
  let server: RunningServer;
  let cookie = "";
  let stationId = "";

  function request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("Origin", new URL(server.baseUrl).origin);
    headers.set("Cookie", cookie);
    return fetch(new URL(path, server.baseUrl), { ...init, headers, redirect: "manual" });
  }

  async function upload(bytes: Uint8Array, fileName: string) {
    const form = new FormData();
    form.set("stationId", stationId);
    form.set("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }), fileName);
    return request("/bureau/contracts/import", { method: "POST", body: form });
  }

  /** Text of a page without tags, so numbers split by JSX comments still match. */
  async function pageText(path: string): Promise<string> {
    const response = await request(path);
    expect(response.status, `GET ${path}`).toBe(200);
    return (await response.text())
      .replace(/<!--.*?-->/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ");
  }

  beforeAll(async () => {
    server = await startServer(dialect, { DEMO_ACCOUNTS: "true" });
    const signIn = await fetch(new URL("/login", server.baseUrl), {
      method: "POST",
      headers: { Origin: new URL(server.baseUrl).origin },
      body: new URLSearchParams({ email: "staff@demo.test", password: "techbridge-demo" }),
      redirect: "manual",
    });
    cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.startsWith("tb_session=") && c.length > 11)!;
    expect(cookie).toBeTruthy();
    const page = await (await request("/bureau/contracts/import")).text();
    stationId = /<option value="(\d+)"[^>]*>01</.exec(page)?.[1] ?? "";
    expect(stationId, "the seeded default station 01 on the upload form").not.toBe("");
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("serves the template as XLSX with the ledger sheet", async () => {
    const response = await request("/bureau/contracts/import/template.xlsx");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(XLSX_TYPE);
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const sheet = await readLedger(new Uint8Array(await response.arrayBuffer()));
    expect(sheet.sheetName).toBe("台账");
    expect(sheet.rows).toHaveLength(1);
  });

  it("uploads, previews, commits once, and shows the result", async () => {
    // 2024: the demo seed numbers 2025 and 2026, and 登记号 must continue without gaps.
    const bytes = await ledgerXlsx([
      ledgerRow(1, {}, 2024),
      ledgerRow(2, {}, 2024),
      ledgerRow(1, { 合同名称: "重复行" }, 2024),
    ]);
    const uploaded = await upload(bytes, "沧州台账2026.xlsx");
    expect(uploaded.status).toBe(302);
    const batchPath = uploaded.headers.get("Location")!;
    expect(batchPath).toMatch(/^\/bureau\/contracts\/import\/\d+$/);

    const preview = await pageText(batchPath);
    expect(preview).toContain("沧州台账2026.xlsx");
    expect(preview).toMatch(/数据行 3 可导入 2 有错误的行 0 重复（跳过） 1/);
    expect(preview).toContain(`${localNumber(2024, 1)} 与第 2 行重复`);
    expect(preview).toContain("确认导入 2 份合同");

    const commit = () =>
      request(batchPath, { method: "POST", body: new URLSearchParams({ intent: "commit" }) });
    const first = await commit();
    expect(first.status).toBe(302);
    let result = await pageText(batchPath);
    for (let i = 0; i < 50 && result.includes("正在导入"); i++) {
      await new Promise((r) => setTimeout(r, 200));
      result = await pageText(batchPath);
    }
    expect(result).toContain("导入完成：写入 2 份合同，跳过重复 1 行");

    const second = await commit();
    expect(second.status).toBe(302);
    expect(await pageText(batchPath)).toContain("导入完成：写入 2 份合同");

    // The same numbers uploaded again are all duplicates of the database now.
    const again = await upload(
      await ledgerXlsx([ledgerRow(1, {}, 2024), ledgerRow(2, {}, 2024)]),
      "again.xlsx",
    );
    const againPage = await pageText(again.headers.get("Location")!);
    expect(againPage).toMatch(/数据行 2 可导入 0 有错误的行 0 重复（跳过） 2/);
    expect(againPage).toContain("系统中已有该登记号");
  }, 60_000);

  it("shows row errors and refuses to commit them", async () => {
    const bytes = await ledgerXlsx([
      ledgerRow(9, { "成交额（元）": 1.234 }, 2024),
      ledgerRow(3, {}, 2024),
    ]);
    const uploaded = await upload(bytes, "bad.xlsx");
    const batchPath = uploaded.headers.get("Location")!;
    const page = await pageText(batchPath);
    expect(page).toContain("有 1 行存在错误，不能导入");
    expect(page).toContain("2 成交额（元） 成交额：最多保留 2 位小数（精确到分）");
    expect(page).not.toContain("确认导入");
    const commit = await request(batchPath, {
      method: "POST",
      body: new URLSearchParams({ intent: "commit" }),
    });
    expect(commit.status).toBe(400);
    expect(await commit.text()).toContain("有错误时不能导入");
  });

  it("answers a wrong file with 400 and the reason", async () => {
    const csv = await upload(new TextEncoder().encode("登记号,合同名称\n"), "ledger.xlsx");
    expect(csv.status).toBe(400);
    expect(await csv.text()).toContain("文件不是 Excel .xlsx 格式");
    const xls = await upload(new Uint8Array([1, 2, 3]), "ledger.xls");
    expect(xls.status).toBe(400);
    expect(await xls.text()).toContain("只能上传 Excel .xlsx 文件");
    const headers = await upload(
      await ledgerXlsx([ledgerRow(1)], { headers: ["登记号", "合同名称", "成交额（元）"] }),
      "short.xlsx",
    );
    expect(headers.status).toBe(400);
    expect(await headers.text()).toContain("缺少必填列：合同类别");
  });
});
