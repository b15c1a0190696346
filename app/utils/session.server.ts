/**
 * Request-level authentication for loaders and actions (the first line of
 * every protected loader): read the session cookie, validate it, and either
 * return the user or throw a redirect to sign-in (anonymous) or a 403
 * (signed in without the permission).
 */
import { redirect } from "@remix-run/node";
import type { SessionUser } from "../domain/accounts/auth.server";
import { type Permission, roleCan } from "../domain/accounts/permissions";
import { services } from "../services.server";

export interface RequestSession {
  user: SessionUser | null;
  /** Set-Cookie value to send when the session was extended or is invalid. */
  setCookie: string | null;
}

/** Validates the request's session; never throws for a bad or expired cookie. */
export async function getRequestSession(request: Request): Promise<RequestSession> {
  const { auth } = await services();
  const sessionId = auth.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return { user: null, setCookie: null };
  const { session, user } = await auth.validateSession(sessionId);
  if (!session || !user) {
    return { user: null, setCookie: auth.createBlankSessionCookie().serialize() };
  }
  return {
    user,
    setCookie: session.fresh ? auth.createSessionCookie(session.id).serialize() : null,
  };
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
  const user = await getUser(request);
  if (!user) {
    throw redirect(`/login?${new URLSearchParams({ redirectTo: currentPath(request) })}`);
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

/** Client IP for throttling and audit: first X-Forwarded-For hop, else the socket address header. */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("X-Real-IP") || "unknown";
}
