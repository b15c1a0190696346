/**
 * Inquiries over real HTTP on every server dialect, with the demo accounts:
 * an enterprise starts an inquiry from a result's page; another
 * organization's member gets 404 on it and cannot post; anonymous visitors
 * are sent to sign in; bureau staff read it and add broker notes the sides
 * never see; the university is notified (header count, /notifications),
 * replies, and both sides confirm the deal; forms answer 400 with the
 * input kept, a second inquiry for the same pair 409 with a link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serverDialects, startServer } from "../support/server";

const PASSWORD = "techbridge-demo";
type Account = "engineer" | "officer" | "staff" | "admin";

describe.each(serverDialects())("inquiries over HTTP on %s", (dialect) => {
  let server: RunningServer;
  const cookies = new Map<Account, string>();
  let tjuResultId = "";
  let otherResultId = "";

  function request(who: Account | "anonymous", url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("Origin", new URL(server.baseUrl).origin);
    headers.set("Accept", "text/html");
    const cookie = who === "anonymous" ? undefined : cookies.get(who);
    if (cookie) headers.set("Cookie", cookie);
    return fetch(new URL(url, server.baseUrl), { ...init, headers, redirect: "manual" });
  }

  const post = (who: Account | "anonymous", url: string, form: Record<string, string>) =>
    request(who, url, { method: "POST", body: new URLSearchParams(form) });

  async function signIn(who: Account): Promise<string> {
    const response = await post("anonymous", "/login", {
      email: `${who}@demo.test`,
      password: PASSWORD,
    });
    expect(response.status).toBe(302);
    const session = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.startsWith("tb_session=") && c.length > "tb_session=".length);
    if (!session) throw new Error(`no session for ${who}`);
    return session;
  }

  async function startFrom(resultId: string, message: string): Promise<string> {
    // Forms post to the page's own URL, query included (Remix's default form action).
    const response = await post("engineer", `/inquiries/new?resultId=${resultId}`, {
      resultId,
      message,
    });
    expect(response.status).toBe(302);
    const location = response.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/inquiries\/\d+\?notice=started$/);
    return /\/inquiries\/(\d+)/.exec(location)![1]!;
  }

  beforeAll(async () => {
    server = await startServer(dialect, { DEMO_ACCOUNTS: "true" });
    for (const who of ["engineer", "officer", "staff", "admin"] as const) {
      cookies.set(who, await signIn(who));
    }
    const my = await (await request("officer", "/my")).text();
    const own = [...my.matchAll(/\/my\/results\/(\d+)/g)].map((m) => m[1]!);
    tjuResultId = own[0]!;
    const api = await fetch(new URL("/api/v1/results?hitsPerPage=100", server.baseUrl));
    const { hits } = (await api.json()) as { hits: { id: number }[] };
    otherResultId = String(hits.map((h) => h.id).find((id) => !own.includes(String(id))));
    expect(tjuResultId).toMatch(/^\d+$/);
    expect(otherResultId).toMatch(/^\d+$/);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("the result page offers 发起对接 to the enterprise and sign-in to anonymous visitors", async () => {
    const asEngineer = await (await request("engineer", `/results/${otherResultId}`)).text();
    expect(asEngineer).toContain(`href="/inquiries/new?resultId=${otherResultId}"`);
    const anonymous = await (await request("anonymous", `/results/${otherResultId}`)).text();
    expect(anonymous).toContain(
      `/login?redirectTo=%2Finquiries%2Fnew%3FresultId%3D${otherResultId}`,
    );
    const start = await request("anonymous", `/inquiries/new?resultId=${otherResultId}`);
    expect(start.status).toBe(302);
    expect(start.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const form = await request("engineer", `/inquiries/new?resultId=${otherResultId}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("发起对接");
  });

  it("only the two organizations and bureau staff can read or post; others get 404", async () => {
    const id = await startFrom(otherResultId, "想了解这项成果的许可条件。");
    const url = `/inquiries/${id}`;
    const page = await request("engineer", url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("想了解这项成果的许可条件。");

    // officer@ (Tianjin University) is not a party to an inquiry about another institution's result.
    for (const stranger of ["officer", "admin"] as const) {
      const get = await request(stranger, url);
      expect(get.status, `GET as ${stranger}`).toBe(404);
      expect(await get.text()).not.toContain("想了解这项成果的许可条件。");
      const message = await post(stranger, url, { intent: "message", body: "路过看看" });
      expect(message.status, `POST message as ${stranger}`).toBe(404);
      const close = await post(stranger, url, { intent: "close", reason: "other", note: "x" });
      expect(close.status, `POST close as ${stranger}`).toBe(404);
      const empty = await post(stranger, url, {});
      expect(empty.status, `POST empty as ${stranger}`).toBe(404);
    }
    for (const response of [
      await request("anonymous", url),
      await post("anonymous", url, { intent: "message", body: "x" }),
    ]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }

    // Bureau staff read it and keep a note the sides never see.
    expect((await request("staff", url)).status).toBe(200);
    const note = await post("staff", url, { intent: "note", body: "建议组织现场考察BROKERNOTE" });
    expect(note.status).toBe(302);
    expect(await (await request("staff", url)).text()).toContain("建议组织现场考察BROKERNOTE");
    expect(await (await request("engineer", url)).text()).not.toContain("BROKERNOTE");
    const sideNote = await post("engineer", url, { intent: "note", body: "我也写" });
    expect(sideNote.status).toBe(403);
    const bureauList = await (await request("staff", "/bureau/inquiries")).text();
    expect(bureauList).toContain(`/inquiries/${id}`);
    expect((await request("engineer", "/bureau/inquiries")).status).toBe(403);
    // The enterprise lists it; the outsider does not.
    expect(await (await request("engineer", "/inquiries")).text()).toContain(`/inquiries/${id}`);
    expect(await (await request("officer", "/inquiries")).text()).not.toContain(
      `/inquiries/${id}"`,
    );

    // Invalid forms: 400 with the input kept; a second inquiry for the pair: 409 naming the first.
    const invalid = await post("engineer", url, { intent: "close", reason: "other" });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("选择“其他”时请填写说明");
    const duplicate = await post("engineer", `/inquiries/new?resultId=${otherResultId}`, {
      resultId: otherResultId,
      message: "再发起一次",
    });
    expect(duplicate.status).toBe(409);
    const body = await duplicate.text();
    expect(body).toContain(`/inquiries/${id}`);
    expect(body).toContain("再发起一次");
  });

  it("the university is notified, replies, and both sides confirm the deal", async () => {
    const before = await (await request("officer", "/")).text();
    const id = await startFrom(tjuResultId, "我们有一条产线需要这项技术。");
    const url = `/inquiries/${id}`;
    const header = await (await request("officer", "/")).text();
    expect(header).toMatch(/消息通知（\d+ 条未读）/);
    expect(header).not.toBe(before);
    const notifications = await (await request("officer", "/notifications")).text();
    expect(notifications).toContain("发起了对接");

    expect((await post("officer", url, { intent: "message", body: "欢迎来校交流。" })).status).toBe(
      302,
    );
    const afterReply = await (await request("engineer", url)).text();
    expect(afterReply).toContain("欢迎来校交流。");
    expect(afterReply).toContain('data-status="negotiating"');

    expect((await post("engineer", url, { intent: "confirm-deal" })).status).toBe(302);
    const waiting = await (await request("officer", url)).text();
    expect(waiting).toContain("已确认签约，等待贵方确认");
    expect((await post("officer", url, { intent: "confirm-deal" })).status).toBe(302);
    for (const who of ["engineer", "officer"] as const) {
      const page = await (await request(who, url)).text();
      expect(page).toContain('data-status="deal"');
      expect(page).toContain("双方已确认签约");
    }
    const again = await post("engineer", url, { intent: "close", reason: "tech_mismatch" });
    expect(again.status).toBe(409);

    // Opening the notification list and marking all read clears the header count.
    expect((await post("officer", "/notifications", { intent: "read-all" })).status).toBe(302);
    expect(await (await request("officer", "/")).text()).not.toMatch(/条未读/);
  });
});
