/**
 * The recommendation panels and 不相关 feedback over real HTTP against the
 * built server (`npm run build` first), on every server dialect, with the
 * seeded demo data:
 * - engineer@ (enterprise) sees 推荐成果 with reasons on their own demand,
 *   marks one 不相关 with a plain form POST and it is gone for them; a
 *   refused mark answers a page naming the recommendation with a link back;
 * - a recommended pair with an inquiry 对接 shows its status and a link to
 *   it instead of 发起对接, to the member and to bureau staff;
 * - bureau staff see the panel on the public page; another organization's
 *   member and an anonymous visitor do not, and cannot post feedback;
 * - /bureau/matches lists unworked matches, filtered by county, for staff only;
 * - the alert setting on /account saves without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serverDialects, startServer } from "../support/server";

const PASSWORD = "techbridge-demo";
const PANEL = 'id="matches-heading"';

describe.each(serverDialects())("match pages over HTTP on %s", (dialect) => {
  let server: RunningServer;
  const cookies = new Map<string, string>();
  let demandId: string;

  function request(who: string | null, path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("Origin", new URL(server.baseUrl).origin);
    headers.set("Accept", "text/html");
    const cookie = who ? cookies.get(who) : undefined;
    if (cookie) headers.set("Cookie", cookie);
    return fetch(new URL(path, server.baseUrl), { ...init, headers, redirect: "manual" });
  }

  const post = (who: string | null, path: string, fields: Record<string, string>) =>
    request(who, path, { method: "POST", body: new URLSearchParams(fields) });

  async function signIn(email: string) {
    const response = await post(null, "/login", { email, password: PASSWORD });
    expect(response.status, `sign-in of ${email}`).toBe(302);
    const session = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.startsWith("tb_session=") && c.length > "tb_session=".length);
    if (!session) throw new Error(`no session cookie for ${email}`);
    cookies.set(email, session);
  }

  /** Result ids of the recommendations on a page (each 不相关 form names its pair). */
  function recommendedResultIds(html: string): string[] {
    return [...html.matchAll(/name="resultId" value="(\d+)"/g)].map((m) => m[1]!);
  }

  beforeAll(async () => {
    server = await startServer(dialect, { DEMO_ACCOUNTS: "true" });
    for (const email of ["engineer@demo.test", "officer@demo.test", "staff@demo.test"]) {
      await signIn(email);
    }
    const my = await (await request("engineer@demo.test", "/my")).text();
    const ids = [...my.matchAll(/\/my\/demands\/(\d+)/g)].map((m) => m[1]!);
    // The first of engineer@'s published demands that has recommendations.
    for (const id of new Set(ids)) {
      const page = await (await request("engineer@demo.test", `/my/demands/${id}`)).text();
      if (recommendedResultIds(page).length >= 2) {
        demandId = id;
        break;
      }
    }
    if (!demandId) throw new Error("no demand of engineer@demo.test with recommendations");
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("shows the owner 推荐成果 with scores, reasons and breakdowns", async () => {
    const response = await request("engineer@demo.test", `/my/demands/${demandId}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("推荐成果");
    expect(html).toContain("推荐理由：");
    expect(html).toContain("评分明细");
    expect(html).toContain("<meter");
    expect(html).toContain('action="/matches/feedback"');
  });

  it("hides a match marked 不相关 for that user (plain form POST, 303 back to the panel)", async () => {
    const before = recommendedResultIds(
      await (await request("engineer@demo.test", `/my/demands/${demandId}`)).text(),
    );
    const resultId = before[0]!;
    const response = await post("engineer@demo.test", "/matches/feedback", {
      demandId,
      resultId,
      side: "demand",
      reason: await firstReason(),
      note: "我们不做这类工艺",
      redirectTo: `/my/demands/${demandId}`,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/my/demands/${demandId}#matches`);
    const after = recommendedResultIds(
      await (await request("engineer@demo.test", `/my/demands/${demandId}`)).text(),
    );
    expect(after).not.toContain(resultId);
    expect(after).toContain(before[1]);
    // Still shown to bureau staff, who did not mark it.
    const staff = recommendedResultIds(
      await (await request("staff@demo.test", `/demands/${demandId}`)).text(),
    );
    expect(staff).toContain(resultId);
  });

  async function firstReason(): Promise<string> {
    const html = await (
      await request("engineer@demo.test", `/matches/feedback?demandId=${demandId}`)
    ).text();
    const reason = /<option value="([a-z_]+)"/.exec(html)?.[1];
    if (!reason) throw new Error("no reason option on /matches/feedback");
    return reason;
  }

  /** The text of each recommendation of a page, keyed by the recommended result's id. */
  function matchItems(html: string): Map<string, string> {
    const items = html
      .split('data-testid="match"')
      .slice(1)
      .map((chunk) => chunk.slice(0, chunk.indexOf("</li>")));
    return new Map(items.map((item) => [/name="resultId" value="(\d+)"/.exec(item)![1]!, item]));
  }

  /** The title of result #`id` as its link in `html` reads. */
  function resultTitle(html: string, id: string): string {
    const title = new RegExp(`href="/results/${id}"[^>]*>([^<]+)<`).exec(html)?.[1];
    if (!title) throw new Error(`no link to result ${id}`);
    return title;
  }

  it("answers a submission without a reason with 400, the error, the form and what it is about", async () => {
    const page = await (await request("engineer@demo.test", `/my/demands/${demandId}`)).text();
    const resultId = recommendedResultIds(page)[0]!;
    const response = await post("engineer@demo.test", "/matches/feedback", {
      demandId,
      resultId,
      side: "demand",
      note: "说明不要丢",
      redirectTo: `/my/demands/${demandId}`,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("请选择不相关的原因");
    expect(html).toContain('value="说明不要丢"');
    expect(html).toContain('data-testid="feedback-subject"');
    expect(html).toContain(`href="/demands/${demandId}"`);
    expect(html).toContain(`href="/results/${resultId}"`);
    expect(html).toContain(resultTitle(page, resultId));
    expect(html).toContain(`href="/my/demands/${demandId}#matches"`);
    expect(html).toContain("返回推荐列表");
  });

  it("shows a pair's inquiry 对接 with a link instead of 发起对接, to the member and to staff", async () => {
    const page = await (await request("engineer@demo.test", `/my/demands/${demandId}`)).text();
    const fresh = [...matchItems(page)].find(([, item]) => !item.includes("match-inquiry"));
    if (!fresh) throw new Error("every recommendation already has an inquiry");
    const [resultId, before] = fresh;
    expect(before).toContain("发起对接");
    const started = await post("engineer@demo.test", "/inquiries/new", {
      demandId,
      resultId,
      message: "您好，我们对这项成果很感兴趣，希望进一步了解。",
    });
    expect(started.status).toBe(302);
    const inquiryId = /^\/inquiries\/(\d+)/.exec(started.headers.get("Location") ?? "")?.[1];
    expect(inquiryId).toBeDefined();

    const after = matchItems(
      await (await request("engineer@demo.test", `/my/demands/${demandId}`)).text(),
    ).get(resultId)!;
    expect(after).toContain(`href="/inquiries/${inquiryId}"`);
    expect(after).toContain("已在对接（意向）");
    expect(after).not.toContain("发起对接");
    expect(after).not.toContain("/inquiries/new");

    const staff = matchItems(
      await (await request("staff@demo.test", `/demands/${demandId}`)).text(),
    ).get(resultId)!;
    expect(staff).toContain(`href="/inquiries/${inquiryId}"`);
    expect(staff).toContain("已在对接（意向）");
  });

  it("shows the panel on the public page to bureau staff only", async () => {
    const staff = await (await request("staff@demo.test", `/demands/${demandId}`)).text();
    expect(staff).toContain(PANEL);
    const officer = await request("officer@demo.test", `/demands/${demandId}`);
    expect(officer.status).toBe(200);
    expect(await officer.text()).not.toContain(PANEL);
    const anonymous = await request(null, `/demands/${demandId}`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.text()).not.toContain(PANEL);
  });

  it("refuses feedback on another organization's listing (403) and from anonymous visitors (sign in)", async () => {
    const fields = {
      demandId,
      resultId: "1",
      side: "demand",
      reason: await firstReason(),
      redirectTo: "/",
    };
    const officer = await post("officer@demo.test", "/matches/feedback", fields);
    expect(officer.status).toBe(403);
    const anonymous = await post(null, "/matches/feedback", fields);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?/);
  });

  it("lists unworked matches on /bureau/matches, filtered by county, for staff only", async () => {
    const all = await request("staff@demo.test", "/bureau/matches");
    expect(all.status).toBe(200);
    const html = await all.text();
    const rows = html.match(/data-testid="market-match"/g) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    /** The text of each row of the list. */
    const rowsOf = (page: string) =>
      page
        .split('data-testid="market-match"')
        .slice(1)
        .map((chunk) => chunk.slice(0, chunk.indexOf("</tr>")));
    // 运河区 130903: where engineer@'s organization's demands are, in the seed.
    const county = rowsOf(
      await (await request("staff@demo.test", "/bureau/matches?county=130903")).text(),
    );
    expect(county.length).toBeGreaterThan(0);
    for (const row of county) {
      expect(row).toContain("运河区");
      // Staff broker (推荐对接 notifies both sides); they do not start inquiries.
      expect(row).toMatch(/name="demandId" value="\d+"/);
      expect(row).toContain("推荐对接");
      expect(row).not.toContain("/inquiries/new");
    }
    const fielded = rowsOf(
      await (
        await request(
          "staff@demo.test",
          "/bureau/matches?county=130903&techField=nuclear_application",
        )
      ).text(),
    );
    expect(fielded.length).toBeLessThan(county.length);
    expect((await request("engineer@demo.test", "/bureau/matches")).status).toBe(403);
    expect((await request(null, "/bureau/matches")).status).toBe(302);
  });

  it("saves the alert setting on /account with a plain form", async () => {
    const response = await post("engineer@demo.test", "/account", {
      intent: "matchAlerts",
      frequency: "daily",
    });
    expect(response.status).toBe(200);
    const page = await (await request("engineer@demo.test", "/account")).text();
    const checked = (page.match(/<input[^>]*type="radio"[^>]*>/g) ?? []).filter((tag) =>
      tag.includes("checked"),
    );
    expect(checked).toHaveLength(1);
    expect(checked[0]).toContain('value="daily"');
    const bad = await post("engineer@demo.test", "/account", {
      intent: "matchAlerts",
      frequency: "hourly",
    });
    expect(bad.status).toBe(400);
  });
});
