/**
 * HTTP security for every response and every write, as Express middleware
 * (server.mjs), so that it also covers static files and resource routes:
 *
 * - client IP: `req.ip` (honouring TRUST_PROXY) is passed to the app in the
 *   X-TechBridge-Client-IP header; a value sent by the client is replaced.
 * - security headers: a Content-Security-Policy with a fresh script nonce
 *   per request (handed to Remix through the load context), and the usual
 *   companions.
 * - same-origin writes (CSRF): a POST/PUT/PATCH/DELETE must come from a page
 *   of this site. Origin is compared with the host; without Origin, the
 *   Referer; with neither, the request is allowed only when the browser
 *   says `Sec-Fetch-Site: same-origin` or `none` (typed by the user).
 *   Everything else gets 403 — including scripts that send no browser
 *   headers at all: the site has no write API for non-browser clients,
 *   and a rule with an "unknown origin is fine" hole is no rule. The
 *   SameSite=Lax session cookie is the second line of defence.
 */
import { randomBytes } from "node:crypto";

export const CLIENT_IP_HEADER = "x-techbridge-client-ip";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** TRUST_PROXY: unset/"false" → no proxy; "true"; a hop count; or Express's list ("loopback", CIDRs). */
export function parseTrustProxy(value) {
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Sets X-TechBridge-Client-IP from `req.ip`. */
export function clientIp() {
  return (req, _res, next) => {
    req.headers[CLIENT_IP_HEADER] = req.ip ?? "";
    next();
  };
}

/** The Content-Security-Policy for one response. */
export function contentSecurityPolicy(nonce, { isDev = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Tailwind is one stylesheet file; the app sets no inline styles.
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // `remix dev` reloads the page over a WebSocket on another port.
    isDev ? "connect-src 'self' ws://localhost:*" : "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** Security headers on every response; the nonce goes to `res.locals.cspNonce`. */
export function securityHeaders({ isDev = false } = {}) {
  return (req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set({
      "Content-Security-Policy": contentSecurityPolicy(nonce, { isDev }),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    if (req.secure) res.set("Strict-Transport-Security", "max-age=31536000");
    next();
  };
}

/** Host (with port) the browser addressed: X-Forwarded-Host from a trusted proxy, else Host. */
function requestHost(req) {
  const trusted = req.app.get("trust proxy fn")(req.socket.remoteAddress, 0);
  const forwarded = trusted ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return (forwarded || req.get("host") || "").toLowerCase();
}

function hostOf(url) {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/** Why a write is refused, or null when it comes from this site. */
export function crossOriginProblem(req) {
  const host = requestHost(req);
  const origin = req.get("origin");
  if (origin) return hostOf(origin) === host ? null : `origin ${origin}`;
  const referer = req.get("referer");
  if (referer) return hostOf(referer) === host ? null : `referer ${referer}`;
  const site = req.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return null;
  return site ? `sec-fetch-site ${site}` : "no origin, referer or sec-fetch-site";
}

const REFUSAL = "请求来源不是本站，已拒绝。请在本站页面中重新操作。";

/** 403 for a write that does not come from a page of this site. */
export function sameOriginWrites() {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const problem = crossOriginProblem(req);
    if (!problem) return next();
    console.warn(`[security] refused cross-origin ${req.method} ${req.originalUrl}: ${problem}`);
    res.status(403).set("Cache-Control", "no-store");
    if (
      req.path.startsWith("/api/") ||
      req.accepts(["text/html", "application/json"]) === "application/json"
    ) {
      res.json({ error: { code: "cross_origin_request", message: REFUSAL } });
    } else {
      res.type("text/plain; charset=utf-8").send(REFUSAL);
    }
  };
}
