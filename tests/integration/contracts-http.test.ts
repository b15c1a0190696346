/**
 * The contract pages over real HTTP on every server dialect: the
 * registration form answers invalid input with 400, zh-CN field errors and
 * the input kept; a valid one is accepted, registered with the next
 * number, and its certificate shows the number and the upper-case amount.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serverDialects, startServer } from "../support/server";

describe.each(serverDialects())("contract pages over HTTP on %s", (dialect) => {
  let server: RunningServer;
  let cookie = "";

  const post = (url: string, body: Record<string, string>) =>
    fetch(new URL(url, server.baseUrl), {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { Cookie: cookie, Origin: new URL(server.baseUrl).origin },
      redirect: "manual",
    });
  const get = (url: string) =>
    fetch(new URL(url, server.baseUrl), { headers: { Cookie: cookie }, redirect: "manual" });

  beforeAll(async () => {
    server = await startServer(dialect, { DEMO_ACCOUNTS: "true" });
    const response = await fetch(new URL("/login", server.baseUrl), {
      method: "POST",
      body: new URLSearchParams({ email: "staff@demo.test", password: "techbridge-demo" }),
      headers: { Origin: new URL(server.baseUrl).origin },
      redirect: "manual",
    });
    cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.startsWith("tb_session=") && c.length > 11)!;
    expect(cookie).toBeTruthy();
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  const form = {
    contractName: "HTTP 测试技术开发合同",
    contractType: "development",
    contractSubtype: "commissioned",
    sellerName: "沧州 HTTP 测试有限公司",
    sellerRegionCode: "130921",
    sellerPartyType: "150",
    buyerName: "黄骅 HTTP 测试有限公司",
    buyerRegionCode: "130983",
    buyerPartyType: "170",
    contractAmount: "1234567.89",
    techTransactionAmount: "1000000",
    signedOn: "2026-11-02",
    techField: "new_materials",
    ipType: "none",
  };

  it("keeps the input and shows zh-CN errors when the form is invalid", async () => {
    const response = await post("/bureau/contracts/new", {
      ...form,
      contractAmount: "1.234",
      techTransactionAmount: "5",
      sellerUscc: "91130921MA0000001X",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("成交额：最多保留 2 位小数（精确到分）");
    expect(html).toContain("统一社会信用代码校验位不正确");
    expect(html).toContain('value="1.234"');
    expect(html).toContain('value="HTTP 测试技术开发合同"');

    const tooHigh = await post("/bureau/contracts/new", {
      ...form,
      techTransactionAmount: "1234567.90",
    });
    expect(tooHigh.status).toBe(400);
    expect(await tooHigh.text()).toContain("技术交易额不能超过成交额");
  });

  it("accepts, registers and certifies a contract", async () => {
    const accepted = await post("/bureau/contracts/new", form);
    expect(accepted.status).toBe(302);
    const path = new URL(accepted.headers.get("Location")!, server.baseUrl).pathname;
    expect(path).toMatch(/^\/bureau\/contracts\/\d+$/);
    const page = await (await get(path)).text();
    expect(page).toContain("办理期限");

    const refused = await post(path, { intent: "refuse", reason: "other" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("理由为“其他”时请写明具体原因");

    const registered = await post(path, {
      intent: "register",
      techTransactionAmount: "1000000.00",
      category: "development:commissioned",
    });
    expect(registered.status).toBe(302);
    const detail = await (await get(path)).text();
    const number = /data-testid="registration-number"[^>]*>(\d{16})</.exec(detail)?.[1];
    expect(number).toMatch(/^\d{4}130901\d{6}$/);

    const certificate = await (await get(`${path}/certificate`)).text();
    expect(certificate).toContain(number);
    expect(certificate).toContain("壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分");
    expect(certificate).toContain("财税〔2016〕36号");
  });

  it("shows exact amounts, amended fields and the contract in the audit log", async () => {
    const name = "HTTP 测试变更合同";
    const accepted = await post("/bureau/contracts/new", { ...form, contractName: name });
    expect(accepted.status).toBe(302);
    const path = new URL(accepted.headers.get("Location")!, server.baseUrl).pathname;
    const id = path.split("/").pop()!;
    const registered = await post(path, {
      intent: "register",
      techTransactionAmount: "1000000.00",
      category: "development:commissioned",
    });
    expect(registered.status).toBe(302);

    const detail = await (await get(path)).text();
    expect(detail).toContain("1,234,567.89 元（123.456789 万元）");
    expect(detail).toContain("1,000,000.00 元（100 万元）");

    const amended = await post(`${path}/amend`, {
      ...form,
      contractName: name,
      contractAmount: "2345678.90",
      reason: "签订补充协议",
    });
    expect(amended.status).toBe(302);
    const after = await (await get(path)).text();
    // Once under 变更记录 and once under 办理记录.
    const change = /成交额(?:<!-- -->)?：<span[^>]*>1,234,567.89 元<\/span>/g;
    expect(after.match(change)?.length).toBe(2);
    expect(after).toContain("2,345,678.90 元（234.56789 万元）");

    const audit = await (
      await get(`/bureau/audit?${new URLSearchParams({ entityType: "contract", entityId: id })}`)
    ).text();
    expect(audit).not.toContain("已不存在");
    expect(audit).toContain(`href="/bureau/contracts/${id}"`);
    expect(audit).toMatch(/HTTP 测试变更合同（登记号 \d{16}）/);
    expect(audit).toContain("1,234,567.89 元");
    expect(audit).toContain("2,345,678.90 元");
    expect(audit).not.toContain("123456789");
  });
});
