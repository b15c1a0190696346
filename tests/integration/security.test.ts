/**
 * Web security over real HTTP against the built server (`npx remix build`
 * first), once per database dialect: same-origin checks on writes, security
 * headers with a per-request CSP nonce, the session cookie's attributes,
 * and sign-up / sign-in / throttling as a browser without JavaScript
 * would send them.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fictionalUscc } from "../../app/domain/organizations/uscc";
import { type RunningServer, serverDialects, startServer } from "../support/server";

const REFUSAL = "请求来源不是本站";
const PASSWORD = "correct horse battery";
const unique = () => randomBytes(4).toString("hex");

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

describe.each(serverDialects())("web security on %s", (dialect) => {
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    server = await startServer(dialect);
    base = server.baseUrl;
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  const post = (path: string, body: URLSearchParams, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      redirect: "manual",
    });

  function signUpForm(email: string, overrides: Record<string, string> = {}) {
    return form({
      kind: "university",
      organizationName: `安全测试大学${unique()}`,
      uscc: fictionalUscc("12", "110108", Math.floor(Math.random() * 999_999)),
      regionCode: "110108",
      partyType: "022",
      displayName: "测试员",
      email,
      password: PASSWORD,
      confirmPassword: PASSWORD,
      ...overrides,
    });
  }

  describe("same-origin writes", () => {
    const credentials = () =>
      form({ email: `nobody-${unique()}@x.test`, password: "whatever whatever" });

    it.each([
      ["a foreign Origin", { Origin: "https://evil.example" }],
      ["Origin null", { Origin: "null" }],
      ["a foreign Referer without Origin", { Referer: "https://evil.example/page" }],
      ["Sec-Fetch-Site cross-site only", { "Sec-Fetch-Site": "cross-site" }],
      ["no Origin, Referer or Sec-Fetch-Site", {}],
    ])("refuses a POST with %s (403, zh-CN)", async (_label, headers) => {
      const response = await post("/login", credentials(), headers);
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; charset=utf-8/);
      expect(await response.text()).toContain(REFUSAL);
    });

    it("answers JSON to JSON clients and under /api", async () => {
      const response = await post("/login", credentials(), {
        Origin: "https://evil.example",
        Accept: "application/json",
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "cross_origin_request" } });
      const api = await post("/api/v1/results", credentials(), { Origin: "https://evil.example" });
      expect(api.status).toBe(403);
      expect(await api.json()).toMatchObject({ error: { code: "cross_origin_request" } });
    });

    it.each([
      ["its own Origin", () => ({ Origin: base })],
      ["its own Referer", () => ({ Referer: `${base}/login` })],
      ["Sec-Fetch-Site same-origin", () => ({ "Sec-Fetch-Site": "same-origin" })],
    ])("lets a POST with %s through to the app", async (_label, headers) => {
      const response = await post("/login", credentials(), headers());
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("邮箱或密码不正确");
    });

    it("does not check GET requests", async () => {
      const response = await fetch(`${base}/login`, {
        headers: { Origin: "https://evil.example" },
      });
      expect(response.status).toBe(200);
    });
  });

  describe("security headers", () => {
    it("sends a CSP with a fresh nonce that every inline script carries", async () => {
      const pages = await Promise.all([fetch(`${base}/`), fetch(`${base}/login`)]);
      const nonces: string[] = [];
      for (const page of pages) {
        expect(page.status).toBe(200);
        const csp = page.headers.get("content-security-policy") ?? "";
        for (const directive of [
          "default-src 'self'",
          "img-src 'self' data:",
          "frame-ancestors 'none'",
          "base-uri 'self'",
          "form-action 'self'",
          "object-src 'none'",
        ]) {
          expect(csp).toContain(directive);
        }
        const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
        expect(nonce).toBeTruthy();
        expect(csp).not.toContain("unsafe-inline");
        nonces.push(nonce!);

        const html = await page.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

        expect(page.headers.get("x-content-type-options")).toBe("nosniff");
        expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
        expect(page.headers.get("permissions-policy")).toContain("camera=()");
        expect(page.headers.get("x-frame-options")).toBe("DENY");
      }
      expect(nonces[0]).not.toBe(nonces[1]);
    });

    it("sends them on static files too", async () => {
      const response = await fetch(`${base}/favicon.svg`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    });
  });

  describe("accounts over HTTP", () => {
    it("keeps the input and writes nothing on an invalid sign-up, then signs up with an HttpOnly, SameSite=Lax cookie", async () => {
      const email = `http-${unique()}@uni.test`;
      const valid = signUpForm(email);
      const uscc = valid.get("uscc")!;
      const wrongCheck = uscc.slice(0, 17) + (uscc[17] === "0" ? "1" : "0");

      const invalid = await post(
        "/signup",
        signUpForm(email, { uscc: wrongCheck, organizationName: "输入保留大学" }),
        {
          Origin: base,
        },
      );
      expect(invalid.status).toBe(400);
      expect(invalid.headers.get("set-cookie")).toBeNull();
      const html = await invalid.text();
      expect(html).toContain("统一社会信用代码校验位不正确");
      expect(html).toContain('value="输入保留大学"');
      expect(html).not.toContain(PASSWORD);

      // Nothing was written: the same e-mail signs up now.
      const response = await post("/signup", valid, { Origin: base });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/org?welcome=1");
      const cookie = response.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/^tb_session=[a-z0-9]+;/);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//);

      const session = cookie.split(";")[0]!;
      const org = await fetch(`${base}/org`, { headers: { Cookie: session } });
      expect(org.status).toBe(200);
      const orgHtml = await org.text();
      expect(orgHtml).toContain("待认证");
      expect(orgHtml).toContain("测试员");

      const duplicate = await post("/signup", signUpForm(email), { Origin: base });
      expect(duplicate.status).toBe(409);
      expect(await duplicate.text()).toContain("该邮箱已注册");

      // Sign out is POST only, and clears the cookie.
      expect(
        (await fetch(`${base}/logout`, { headers: { Cookie: session }, redirect: "manual" }))
          .status,
      ).toBe(302);
      expect(
        (await fetch(`${base}/org`, { headers: { Cookie: session }, redirect: "manual" })).status,
      ).toBe(200);
      const out = await post("/logout", form({}), { Origin: base, Cookie: session });
      expect(out.status).toBe(302);
      expect(out.headers.get("set-cookie")).toMatch(/^tb_session=;.*Max-Age=0/i);
      const after = await fetch(`${base}/org`, {
        headers: { Cookie: session },
        redirect: "manual",
      });
      expect(after.status).toBe(302);
      expect(after.headers.get("location")).toBe("/login?redirectTo=%2Forg");
    });

    it("signs in to ?redirectTo= only when it is local", async () => {
      const email = `redirect-${unique()}@uni.test`;
      expect((await post("/signup", signUpForm(email), { Origin: base })).status).toBe(302);
      const signIn = (redirectTo: string) =>
        post("/login", form({ email, password: PASSWORD, redirectTo }), { Origin: base });
      expect((await signIn("/results?q=x")).headers.get("location")).toBe("/results?q=x");
      expect((await signIn("https://evil.example/")).headers.get("location")).toBe("/my");
      expect((await signIn("//evil.example/")).headers.get("location")).toBe("/my");
    });

    it("lists the demo accounts on the sign-in page only where they exist (the embedded default)", async () => {
      const html = await (await fetch(`${base}/login`)).text();
      if (dialect === "pglite") {
        expect(html).toContain("演示账号");
        expect(html).toContain("officer@demo.test");
      } else {
        expect(html).not.toContain("演示账号");
        expect(html).not.toContain("techbridge-demo");
      }
    });

    it("changes the password on /account and signs out the other sessions", async () => {
      const email = `change-${unique()}@uni.test`;
      const signedUp = await post("/signup", signUpForm(email), { Origin: base });
      const first = signedUp.headers.get("set-cookie")!.split(";")[0]!;
      const other = await post("/login", form({ email, password: PASSWORD }), { Origin: base });
      const second = other.headers.get("set-cookie")!.split(";")[0]!;
      const newPassword = "a brand new password";

      const mismatch = await post(
        "/account",
        form({
          intent: "password",
          currentPassword: PASSWORD,
          newPassword,
          confirmPassword: "different",
        }),
        { Origin: base, Cookie: first },
      );
      expect(mismatch.status).toBe(400);
      expect(await mismatch.text()).toContain("两次输入的新密码不一致");

      const changed = await post(
        "/account",
        form({
          intent: "password",
          currentPassword: PASSWORD,
          newPassword,
          confirmPassword: newPassword,
        }),
        { Origin: base, Cookie: first },
      );
      expect(changed.status).toBe(200);
      expect(await changed.text()).toContain("已退出其他 1 处登录");
      expect(
        (await fetch(`${base}/account`, { headers: { Cookie: first }, redirect: "manual" })).status,
      ).toBe(200);
      const signedOut = await fetch(`${base}/account`, {
        headers: { Cookie: second },
        redirect: "manual",
      });
      expect(signedOut.status).toBe(302);
      expect(signedOut.headers.get("set-cookie")).toMatch(/^tb_session=;/);
    });

    it("answers the 11th wrong password in a minute with 429, Retry-After and the wait in zh-CN", async () => {
      const email = `throttle-${unique()}@uni.test`;
      expect((await post("/signup", signUpForm(email), { Origin: base })).status).toBe(302);
      for (let i = 0; i < 10; i++) {
        const response = await post("/login", form({ email, password: `wrong-${i}-password` }), {
          Origin: base,
        });
        expect(response.status).toBe(400);
        await response.arrayBuffer();
      }
      const refused = await post("/login", form({ email, password: PASSWORD }), { Origin: base });
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get("retry-after"));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect(await refused.text()).toMatch(/尝试次数过多，请在 \d+ 秒后重试/);
    });
  });
});
