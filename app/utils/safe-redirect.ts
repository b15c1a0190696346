/**
 * `?redirectTo=` after sign-in must stay on this site: only a local path
 * ("/org?x=1") is followed; "//evil.example", "/\\evil.example",
 * "https://…" and anything else fall back. Browsers read "\" as "/", and
 * strip tabs and newlines from URLs, hence the character checks.
 */
const BASE = "http://local.invalid";

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.pathname === "/logout") return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
