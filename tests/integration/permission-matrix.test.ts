/**
 * The permission matrix over real HTTP, on every server dialect: each demo
 * role (and an anonymous visitor) POSTs to EVERY route module that exports
 * an `action`, and GETs every protected page, and gets what the table
 * below says — allowed, 403, sent to sign in, or sent elsewhere.
 *
 * Routes are discovered from app/routes: a route with an action but no
 * row here fails the test, so a new mutating route cannot slip through
 * unreviewed. POSTs carry an empty form, so an allowed request fails
 * validation (400) and changes nothing; sign-out runs last.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serverDialects, startServer } from "../support/server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "techbridge-demo";

const ROLES = ["anonymous", "enterprise", "institution", "staff", "admin"] as const;
type RoleName = (typeof ROLES)[number];

const ACCOUNTS: Record<Exclude<RoleName, "anonymous">, string> = {
  enterprise: "engineer@demo.test",
  institution: "officer@demo.test",
  staff: "staff@demo.test",
  admin: "admin@demo.test",
};

/**
 * What a request gets:
 * - "ok": allowed — any status below 500 except 401/403, and no redirect to /login
 *   (for these empty POSTs, usually 400 from validation);
 * - "403": refused;
 * - "login": redirected to /login?redirectTo=…;
 * - "→/path": redirected elsewhere (e.g. a bureau account opening /my goes to
 *   /bureau; a signed-in user posting to /login goes to their workbench);
 * - "404", "405": that status (the JSON API refuses writes; a fake invitation is unknown).
 */
type Outcome = "ok" | "403" | "login" | `→/${string}` | "404" | "405";
type Row = Record<RoleName, Outcome>;

const all = (outcome: Outcome): Row => ({
  anonymous: outcome,
  enterprise: outcome,
  institution: outcome,
  staff: outcome,
  admin: outcome,
});

/**
 * Placeholders filled from the seeded server: {ownResultId} (of officer@'s
 * organization), {otherResultId} (of another one), {ownDemandId},
 * {otherDemandId} (engineer@'s organization and another), {contractId} (a
 * submitted contract of the seed) and {registeredContractId} (a registered one).
 */
interface Expectation extends Row {
  url: string;
}

/** POST to every route module with an action: route file → URL → role → outcome. */
// prettier-ignore
const ACTIONS: Record<string, Expectation> = {
  "login":                      { url: "/login",                        anonymous: "ok",    enterprise: "→/my",  institution: "→/my",  staff: "→/bureau", admin: "→/admin" },
  "signup":                     { url: "/signup",                       anonymous: "ok",    enterprise: "→/org", institution: "→/org", staff: "→/org", admin: "→/org" },
  "invite.$token":              { url: "/invite/not-a-real-token",      ...all("ok") },
  "account":                    { url: "/account",                      ...all("ok"), anonymous: "login" },
  "org":                        { url: "/org",                          ...all("ok"), anonymous: "login" },
  "my._index":                  { url: "/my?index",                     anonymous: "login", enterprise: "ok",  institution: "ok",  staff: "→/bureau", admin: "→/admin" },
  "my.results.new":             { url: "/my/results/new",               anonymous: "login", enterprise: "403", institution: "ok",  staff: "→/bureau", admin: "→/admin" },
  "my.results.$id.edit":        { url: "/my/results/{ownResultId}/edit", anonymous: "login", enterprise: "403", institution: "ok",  staff: "→/bureau", admin: "→/admin" },
  "my.demands.new":             { url: "/my/demands/new",               anonymous: "login", enterprise: "ok",  institution: "403", staff: "→/bureau", admin: "→/admin" },
  "my.demands.$id.edit":        { url: "/my/demands/{ownDemandId}/edit", anonymous: "login", enterprise: "ok",  institution: "403", staff: "→/bureau", admin: "→/admin" },
  "bureau.reviews":             { url: "/bureau/reviews",               anonymous: "login", enterprise: "403", institution: "403", staff: "ok",       admin: "403" },
  "bureau.reviews_.$kind.$id":  { url: "/bureau/reviews/results/{otherResultId}", anonymous: "login", enterprise: "403", institution: "403", staff: "ok", admin: "403" },
  "bureau.matches":             { url: "/bureau/matches",               anonymous: "login", enterprise: "403", institution: "403", staff: "→/bureau/matches", admin: "403" },
  "matches.feedback":           { url: "/matches/feedback",             anonymous: "login", enterprise: "ok",  institution: "ok",  staff: "ok",       admin: "403" },
  "bureau.organizations":       { url: "/bureau/organizations",         anonymous: "login", enterprise: "403", institution: "403", staff: "ok",       admin: "403" },
  "bureau.contracts_.import":   { url: "/bureau/contracts/import",      anonymous: "login", enterprise: "403", institution: "403", staff: "ok",       admin: "403" },
  "bureau.contracts_.import_.$batchId": { url: "/bureau/contracts/import/999999", anonymous: "login", enterprise: "403", institution: "403", staff: "ok", admin: "403" },
  "bureau.contracts.new":       { url: "/bureau/contracts/new",         anonymous: "login", enterprise: "403", institution: "403", staff: "ok",       admin: "403" },
  "bureau.contracts.$id._index": { url: "/bureau/contracts/{contractId}", anonymous: "login", enterprise: "403", institution: "403", staff: "ok",      admin: "403" },
  "bureau.contracts.$id.amend": { url: "/bureau/contracts/{registeredContractId}/amend", anonymous: "login", enterprise: "403", institution: "403", staff: "ok", admin: "403" },
  "bureau.contracts.absorption.new": { url: "/bureau/contracts/absorption/new", anonymous: "login", enterprise: "403", institution: "403", staff: "ok", admin: "403" },
  "admin.stations":             { url: "/admin/stations",               anonymous: "login", enterprise: "403", institution: "403", staff: "403",      admin: "ok" },
  "inquiries.new":              { url: "/inquiries/new?resultId={otherResultId}", anonymous: "login", enterprise: "ok", institution: "ok", staff: "403", admin: "403" },
  // No inquiry is seeded: every signed-in role gets the 404 a stranger gets (tests/integration/inquiry-http.test.ts covers real ones).
  "inquiries.$id":              { url: "/inquiries/999999",             ...all("404"), anonymous: "login" },
  "notifications":              { url: "/notifications",                ...all("ok"), anonymous: "login" },
  "admin.users":                { url: "/admin/users",                  anonymous: "login", enterprise: "403", institution: "403", staff: "403",      admin: "ok" },
  "admin.users_.new":           { url: "/admin/users/new",              anonymous: "login", enterprise: "403", institution: "403", staff: "403",      admin: "ok" },
  "admin.search":               { url: "/admin/search",                 anonymous: "login", enterprise: "403", institution: "403", staff: "403",      admin: "ok" },
  "admin.targets":              { url: "/admin/targets",                anonymous: "login", enterprise: "403", institution: "403", staff: "403",      admin: "ok" },
  "admin.api-tokens":           { url: "/admin/api-tokens",             anonymous: "login", enterprise: "403", institution: "403", staff: "403",      admin: "ok" },
  "api.v1.stats.summary":       { url: "/api/v1/stats/summary",         ...all("405") },
  "api.v1.results":             { url: "/api/v1/results",               ...all("405") },
  "api.v1.results.$id":         { url: "/api/v1/results/{otherResultId}",    ...all("405") },
  "api.v1.demands":             { url: "/api/v1/demands",               ...all("405") },
  "api.v1.demands.$id":         { url: "/api/v1/demands/{otherDemandId}",    ...all("405") },
  "api.v1.demands.$id.matches": { url: "/api/v1/demands/{otherDemandId}/matches", ...all("405") },
  "api.v1.results.$id.matches": { url: "/api/v1/results/{otherResultId}/matches", ...all("405") },
  "api.v1.openapi[.]json":      { url: "/api/v1/openapi.json",          ...all("405") },
  "api.$":                      { url: "/api/v1/no-such-endpoint",      ...all("404") },
  // Last: signing out ends the session the other rows use.
  "logout":                     { url: "/logout",                       ...all("→/") },
};

/** GET of protected pages: URL → role → outcome. */
// prettier-ignore
const PAGES: Record<string, Row> = {
  "/my":                              { anonymous: "login", enterprise: "ok",  institution: "ok",  staff: "→/bureau", admin: "→/admin" },
  "/my/results/new":                  { anonymous: "login", enterprise: "403", institution: "ok",  staff: "→/bureau", admin: "→/admin" },
  "/my/demands/new":                  { anonymous: "login", enterprise: "ok",  institution: "403", staff: "→/bureau", admin: "→/admin" },
  "/my/results/{ownResultId}":        { anonymous: "login", enterprise: "403", institution: "ok",  staff: "→/bureau", admin: "→/admin" },
  "/my/results/{ownResultId}/edit":   { anonymous: "login", enterprise: "403", institution: "ok",  staff: "→/bureau", admin: "→/admin" },
  "/my/results/{otherResultId}":      { anonymous: "login", enterprise: "403", institution: "404", staff: "→/bureau", admin: "→/admin" },
  "/my/results/{otherResultId}/edit": { anonymous: "login", enterprise: "403", institution: "404", staff: "→/bureau", admin: "→/admin" },
  "/my/demands/{ownDemandId}":        { anonymous: "login", enterprise: "ok",  institution: "403", staff: "→/bureau", admin: "→/admin" },
  "/my/demands/{ownDemandId}/edit":   { anonymous: "login", enterprise: "ok",  institution: "403", staff: "→/bureau", admin: "→/admin" },
  "/my/demands/{otherDemandId}":      { anonymous: "login", enterprise: "404", institution: "403", staff: "→/bureau", admin: "→/admin" },
  "/my/demands/{otherDemandId}/edit": { anonymous: "login", enterprise: "404", institution: "403", staff: "→/bureau", admin: "→/admin" },
  "/account":                         { ...all("ok"), anonymous: "login" },
  "/org":                             { ...all("ok"), anonymous: "login" },
  "/bureau":                          { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/reviews":                  { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/reviews/results/{otherResultId}": { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/reviews/demands/{otherDemandId}": { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/matches":                  { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/matches/feedback":                { anonymous: "login", enterprise: "ok",  institution: "ok",  staff: "ok",  admin: "403" },
  "/bureau/organizations":            { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/contracts":                 { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "ok" },
  "/bureau/contracts/new":             { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/contracts/absorption/new":  { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/contracts/{contractId}":    { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "ok" },
  "/bureau/contracts/{registeredContractId}/amend":       { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/contracts/{registeredContractId}/certificate": { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "ok" },
  "/admin/stations":                  { anonymous: "login", enterprise: "403", institution: "403", staff: "403", admin: "ok" },
  "/bureau/inquiries":                { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/inquiries":                       { anonymous: "login", enterprise: "ok",  institution: "ok",  staff: "→/bureau/inquiries", admin: "403" },
  "/inquiries/new?resultId={otherResultId}": { anonymous: "login", enterprise: "ok", institution: "ok", staff: "403", admin: "403" },
  "/inquiries/999999":                { ...all("404"), anonymous: "login" },
  "/notifications":                   { ...all("ok"), anonymous: "login" },
  "/bureau/audit":                    { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "ok" },
  "/bureau/contracts/import":         { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/contracts/import/template.xlsx": { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "403" },
  "/bureau/contracts/import/999999":  { anonymous: "login", enterprise: "403", institution: "403", staff: "404", admin: "403" },
  "/admin":                           { anonymous: "login", enterprise: "403", institution: "403", staff: "403", admin: "ok" },
  "/admin/users":                     { anonymous: "login", enterprise: "403", institution: "403", staff: "403", admin: "ok" },
  "/admin/users/new":                 { anonymous: "login", enterprise: "403", institution: "403", staff: "403", admin: "ok" },
  "/admin/search":                    { anonymous: "login", enterprise: "403", institution: "403", staff: "403", admin: "ok" },
  "/admin/targets":                   { anonymous: "login", enterprise: "403", institution: "403", staff: "403", admin: "ok" },
  "/admin/api-tokens":                { anonymous: "login", enterprise: "403", institution: "403", staff: "403", admin: "ok" },
  "/bureau/stats":                    { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "ok" },
  "/bureau/stats/export/kpi.csv":     { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "ok" },
  "/bureau/stats/export/month.xlsx":  { anonymous: "login", enterprise: "403", institution: "403", staff: "ok",  admin: "ok" },
};

const ACTION_EXPORT =
  /export\s+(?:async\s+)?function\s+action\b|export\s+(?:const|let)\s+action\b|export\s*\{[^}]*\baction\b[^}]*\}/;

/** Route module names (file name without extension) that export an action. */
function routesWithActions(): string[] {
  const dir = path.join(ROOT, "app/routes");
  return readdirSync(dir)
    .filter((file) => /\.(tsx?|jsx?)$/.test(file) && !file.startsWith("."))
    .filter((file) => ACTION_EXPORT.test(readFileSync(path.join(dir, file), "utf8")))
    .map((file) => file.replace(/\.(tsx?|jsx?)$/, ""))
    .sort();
}

/** Protected areas whose every page must have a GET row. */
const PROTECTED = /^(my|bureau|admin)(\.|$)/;

/** Route modules of the protected areas (pages and layouts). */
function protectedPageRoutes(): string[] {
  return readdirSync(path.join(ROOT, "app/routes"))
    .filter((file) => /\.(tsx?|jsx?)$/.test(file))
    .map((file) => file.replace(/\.(tsx?|jsx?)$/, ""))
    .filter((route) => PROTECTED.test(route))
    .sort();
}

/** The URLs a flat route module name answers ("my.results.$id.edit" → /my/results/x/edit). */
function routePattern(route: string): RegExp {
  // A dot inside brackets ("template[.]xlsx") is part of the segment.
  const segments = route
    .split(/\.(?![^[]*\])/)
    .filter((segment) => segment !== "_index")
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) => (segment.startsWith("$") ? "[^/]+" : segment.replace(/[[\]]/g, "")));
  return new RegExp(`^/${segments.join("/")}$`);
}

describe("the permission matrix covers every route with an action", () => {
  it("has a GET row for every page under /my, /bureau and /admin", () => {
    const urls = Object.keys(PAGES).map((url) => url.replace(/\{\w+\}/g, "1"));
    const uncovered = protectedPageRoutes().filter(
      (route) => !urls.some((url) => routePattern(route).test(url)),
    );
    expect(uncovered, "protected pages without a row in PAGES").toEqual([]);
  });

  it("has a row for each, and none for routes without one", () => {
    const routes = routesWithActions();
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((r) => !Object.hasOwn(ACTIONS, r));
    const stale = Object.keys(ACTIONS).filter((r) => !routes.includes(r));
    expect(missing, "routes with an action but no expectation in ACTIONS").toEqual([]);
    expect(stale, "expectations for routes that have no action (any more)").toEqual([]);
  });
});

/** The outcome a response means, in the table's terms. */
function outcomeOf(response: Response): string {
  const { status } = response;
  if (status >= 300 && status < 400) {
    const location = response.headers.get("Location") ?? "";
    const target = new URL(location, "http://x.invalid");
    return target.pathname === "/login" ? "login" : `→${target.pathname}`;
  }
  if (status === 401 || status === 403) return "403";
  if (status === 404 || status === 405) return String(status);
  if (status >= 500) return `server error ${status}`;
  return "ok";
}

describe.each(serverDialects())("permission matrix over HTTP on %s", (dialect) => {
  let server: RunningServer;
  const cookies = new Map<RoleName, string>();
  const ids: Record<string, string> = {};

  const fill = (url: string) =>
    url.replace(/\{(\w+)\}/g, (_, name: string) => {
      const id = ids[name];
      if (!id) throw new Error(`no value for {${name}}`);
      return id;
    });

  function request(role: RoleName, url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("Origin", new URL(server.baseUrl).origin);
    headers.set("Accept", "text/html");
    const cookie = cookies.get(role);
    if (cookie) headers.set("Cookie", cookie);
    return fetch(new URL(fill(url), server.baseUrl), { ...init, headers, redirect: "manual" });
  }

  async function signIn(role: Exclude<RoleName, "anonymous">): Promise<string> {
    const response = await request("anonymous", "/login", {
      method: "POST",
      body: new URLSearchParams({ email: ACCOUNTS[role], password: PASSWORD }),
    });
    expect(response.status, `sign-in of ${ACCOUNTS[role]}`).toBe(302);
    const session = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.startsWith("tb_session=") && c.length > "tb_session=".length);
    if (!session) throw new Error(`no session cookie for ${ACCOUNTS[role]}`);
    return session;
  }

  /** Ids of the listings on a member's /my page, and of a published one of another organization. */
  async function listingIds(role: "enterprise" | "institution") {
    const kind = role === "institution" ? "results" : "demands";
    const page = await (await request(role, "/my")).text();
    const own = [...page.matchAll(new RegExp(`/my/${kind}/(\\d+)`, "g"))].map((m) => m[1]!);
    if (own.length === 0) throw new Error(`no own ${kind} on /my of ${ACCOUNTS[role]}`);
    const response = await fetch(new URL(`/api/v1/${kind}?hitsPerPage=100`, server.baseUrl));
    const { hits } = (await response.json()) as { hits: { id: number }[] };
    const other = hits.map((h) => String(h.id)).find((id) => !own.includes(id));
    if (!other) throw new Error(`no ${kind} of another organization`);
    return { own: own[0]!, other };
  }

  beforeAll(async () => {
    server = await startServer(dialect, { DEMO_ACCOUNTS: "true" });
    for (const role of ["enterprise", "institution", "staff", "admin"] as const) {
      cookies.set(role, await signIn(role));
    }
    const results = await listingIds("institution");
    const demands = await listingIds("enterprise");
    const contractIdOf = async (query: string) => {
      const page = await (await request("staff", `/bureau/contracts?${query}`)).text();
      const id = /\/bureau\/contracts\/(\d+)/.exec(page)?.[1];
      if (!id) throw new Error(`no contract for ${query} on /bureau/contracts`);
      return id;
    };
    Object.assign(ids, {
      contractId: await contractIdOf("status=submitted"),
      registeredContractId: await contractIdOf("status=registered&direction=output"),
      ownResultId: results.own,
      otherResultId: results.other,
      ownDemandId: demands.own,
      otherDemandId: demands.other,
    });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("answers every GET of a protected page as the table says", async () => {
    const problems: string[] = [];
    for (const [url, row] of Object.entries(PAGES)) {
      for (const role of ROLES) {
        const response = await request(role, url);
        await response.arrayBuffer();
        const got = outcomeOf(response);
        if (got !== row[role])
          problems.push(`GET ${url} as ${role}: expected ${row[role]}, got ${got}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("answers every POST to a route with an action as the table says", async () => {
    const problems: string[] = [];
    for (const [route, expectation] of Object.entries(ACTIONS)) {
      for (const role of ROLES) {
        const response = await request(role, expectation.url, {
          method: "POST",
          body: new URLSearchParams(),
        });
        await response.arrayBuffer();
        const got = outcomeOf(response);
        if (got !== expectation[role]) {
          problems.push(
            `POST ${expectation.url} (${route}) as ${role}: expected ${expectation[role]}, got ${got}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
