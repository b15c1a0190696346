/**
 * The statistics pages and API over real HTTP against the built server
 * (seeded with the contract history), once per dialect. Needs
 * `npm run build` first.
 * - /bureau/stats renders its charts as SVG in the HTML (no JavaScript);
 * - the exports answer CSV with a BOM and a real XLSX;
 * - /api/v1/stats/summary: staff session 200, anonymous 401, member 403,
 *   an admin-issued token 200, the same token once revoked 401.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statsSummarySchema } from "../../app/domain/api/stats-api.server";
import { type RunningServer, serverDialects, startServer } from "../support/server";

const PASSWORD = "techbridge-demo";

describe.each(serverDialects())("statistics over HTTP on %s", (dialect) => {
  let server: RunningServer;
  const cookies: Record<string, string> = {};

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, server.baseUrl), { headers, redirect: "manual" });

  async function signIn(email: string): Promise<string> {
    const response = await fetch(new URL("/login", server.baseUrl), {
      method: "POST",
      body: new URLSearchParams({ email, password: PASSWORD }),
      headers: { Origin: new URL(server.baseUrl).origin },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    const session = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.startsWith("tb_session=") && c.length > "tb_session=".length);
    if (!session) throw new Error(`no session for ${email}`);
    return session;
  }

  beforeAll(async () => {
    server = await startServer(dialect, { DEMO_ACCOUNTS: "true" });
    cookies.staff = await signIn("staff@demo.test");
    cookies.admin = await signIn("admin@demo.test");
    cookies.engineer = await signIn("engineer@demo.test");
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("renders the dashboard with SVG charts and drill-down links, without JavaScript", async () => {
    const response = await get("/bureau/stats?year=2026", { Cookie: cookies.staff! });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("技术合同统计");
    expect((html.match(/<svg[^>]*role="img"/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(html).toMatch(/<rect[^>]+width="\d/);
    expect(html).toContain(
      "/bureau/contracts?year=2026&amp;status=registered&amp;direction=output",
    );
    expect(html).toContain("/bureau/stats/export/output-county.xlsx?year=2026");
  });

  it("exports CSV with a BOM and XLSX that exceljs reads", async () => {
    const csv = await get("/bureau/stats/export/type.csv?year=2026", { Cookie: cookies.staff! });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("合同类别,合同数（份）,成交额（元）,技术交易额（元）\r\n技术开发,");

    const xlsx = await get("/bureau/stats/export/type.xlsx?year=2026", { Cookie: cookies.staff! });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A2").value).toBe("技术开发");
    // The same numbers as the CSV, row by row.
    const csvRows = text
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(","));
    for (const [i, row] of csvRows.entries()) {
      const cells = sheet.getRow(i + 2).values as unknown[];
      expect([cells[1], String(cells[2]), Number(cells[3]).toFixed(2)]).toEqual([
        row[0],
        row[1],
        row[2],
      ]);
    }
    expect((await get("/bureau/stats/export/nope.csv", { Cookie: cookies.staff! })).status).toBe(
      404,
    );
    expect((await get("/bureau/stats/export/type.csv", { Cookie: cookies.engineer! })).status).toBe(
      403,
    );
  });

  it("authenticates the summary API by session or token, and refuses others", async () => {
    const bySession = await get("/api/v1/stats/summary?year=2026", { Cookie: cookies.staff! });
    expect(bySession.status).toBe(200);
    const body = statsSummarySchema.parse(await bySession.json());
    expect(body.contractCount).toBeGreaterThan(0);
    expect(body.byMonth.reduce((s, m) => s + m.contractAmountFen, 0)).toBe(body.contractAmountFen);

    const anonymous = await get("/api/v1/stats/summary");
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthenticated" } });
    const member = await get("/api/v1/stats/summary", { Cookie: cookies.engineer! });
    expect(member.status).toBe(403);
    expect(await member.json()).toMatchObject({ error: { code: "forbidden" } });
    const badParam = await get("/api/v1/stats/summary?year=abc", { Cookie: cookies.staff! });
    expect(badParam.status).toBe(400);
    expect(await badParam.json()).toMatchObject({ error: { code: "invalid_year" } });

    const issued = await fetch(new URL("/admin/api-tokens", server.baseUrl), {
      method: "POST",
      body: new URLSearchParams({ intent: "issue", name: "测试令牌" }),
      headers: { Cookie: cookies.admin!, Origin: new URL(server.baseUrl).origin },
      redirect: "manual",
    });
    expect(issued.status).toBe(200);
    const token = /tbk_[A-Za-z0-9_-]{43}/.exec(await issued.text())?.[0];
    if (!token) throw new Error("no token on the page");
    const byToken = await get("/api/v1/stats/summary?year=2026", {
      Authorization: `Bearer ${token}`,
    });
    expect(byToken.status).toBe(200);
    expect(statsSummarySchema.parse(await byToken.json())).toEqual(body);

    const list = await (await get("/admin/api-tokens", { Cookie: cookies.admin! })).text();
    expect(list).not.toContain(token);
    const id = /name="id" value="(\d+)"/.exec(list)?.[1];
    const revoked = await fetch(new URL("/admin/api-tokens", server.baseUrl), {
      method: "POST",
      body: new URLSearchParams({ intent: "revoke", id: id! }),
      headers: { Cookie: cookies.admin!, Origin: new URL(server.baseUrl).origin },
      redirect: "manual",
    });
    expect(revoked.status).toBe(200);
    const afterRevoke = await get("/api/v1/stats/summary", { Authorization: `Bearer ${token}` });
    expect(afterRevoke.status).toBe(401);
    expect(await afterRevoke.json()).toMatchObject({ error: { code: "invalid_token" } });
  });
});
