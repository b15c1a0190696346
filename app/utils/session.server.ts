/**
 * Request-level authentication for loaders and actions (the first line of
 * every protected loader): read the session cookie, validate it, and either
 * return the user or throw a redirect to sign-in (anonymous) or a 403
 * (signed in without the permission).
 *
 * A document request runs the root loader and the page's loader on the same
 * Request; the validation is memoized per Request so the session is read
 * (and, when Lucia extends it, written) once.
 */
import { redirect } from "@remix-run/node";
import type { SessionUser } from "../domain/accounts/auth.server";
import { type Permission, roleCan } from "../domain/accounts/permissions";
import { services } from "../services.server";

export interface RequestSession {
  user: SessionUser | null;
  /** Id of the valid session (for sign-out and "keep this session"), else null. */
  sessionId: string | null;
  /** Set-Cookie value to send when the session was extended or is invalid. */
  setCookie: string | null;
}

const validated = new WeakMap<Request, Promise<RequestSession>>();

async function validate(request: Request): Promise<RequestSession> {
  const { auth } = await services();
  const sessionId = auth.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return { user: null, sessionId: null, setCookie: null };
  const { session, user } = await auth.validateSession(sessionId);
  if (!session || !user) {
    return { user: null, sessionId: null, setCookie: auth.createBlankSessionCookie().serialize() };
  }
  return {
    user,
    sessionId: session.id,
    setCookie: session.fresh ? auth.createSessionCookie(session.id).serialize() : null,
  };
}

/** Validates the request's session; never throws for a bad or expired cookie. */
export function getRequestSession(request: Request): Promise<RequestSession> {
  let result = validated.get(request);
  if (!result) {
    result = validate(request);
    validated.set(request, result);
    // A failed validation (database down) is not remembered.
    result.catch(() => validated.delete(request));
  }
  return result;
}

/** The signed-in user, or null. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getRequestSession(request)).user;
}

/** Path and query of the request, for ?redirectTo= after sign-in. */
function currentPath(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

/** The signed-in user; anonymous requests are redirected to /login?redirectTo=…. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const { user, setCookie } = await getRequestSession(request);
  if (!user) {
    // A stale cookie (ended or expired session) is cleared on the way.
    throw redirect(`/login?${new URLSearchParams({ redirectTo: currentPath(request) })}`, {
      headers: setCookie ? { "Set-Cookie": setCookie } : undefined,
    });
  }
  return user;
}

/** The signed-in user holding `permission`; otherwise redirect (anonymous) or 403. */
export async function requirePermission(
  request: Request,
  permission: Permission,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roleCan(user.role, permission)) {
    throw Response.json(
      { code: "forbidden", message: "您的账号没有执行此操作的权限" },
      { status: 403 },
    );
  }
  return user;
}

/**
 * The client IP header server.mjs sets on every request from Express's
 * `req.ip` (which honours TRUST_PROXY), after discarding any value the
 * client sent. X-Forwarded-For itself is not read here: without a trusted
 * proxy in front, anyone can write it, and the per-IP sign-in limit would
 * be one header away from useless.
 */
export const CLIENT_IP_HEADER = "X-TechBridge-Client-IP";

/** Client IP for throttling and audit; "unknown" outside server.mjs. */
export function clientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) || "unknown";
}

/** The client IP, or null when unknown (so unknown clients do not share one rate-limit bucket). */
export function knownClientIp(request: Request): string | null {
  return request.headers.get(CLIENT_IP_HEADER) || null;
}
