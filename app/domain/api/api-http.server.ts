/**
 * The HTTP side of the public API, shared by the /api route modules: every
 * answer with a body is JSON in UTF-8 — successes, 4xx errors, and an unexpected
 * failure (500 `internal_error`, logged) — never Remix's HTML or text.
 *
 * (HTTP glue rather than domain logic; it lives beside the API's domain
 * code because route modules cannot share a file inside app/routes.)
 */
import { apiError, withApiErrors } from "../../utils/http.server";
import type { ApiProblem } from "./api-schemas";

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** Lists and details: a short shared cache; errors are `no-store` (see apiError). */
export const LISTING_CACHE_CONTROL = "public, max-age=30";
export const DOCUMENT_CACHE_CONTROL = "public, max-age=300";

/** A 200 JSON response with `cacheControl`. */
export function apiJson(body: unknown, cacheControl: string): Response {
  return Response.json(body, {
    headers: { "Content-Type": JSON_CONTENT_TYPE, "Cache-Control": cacheControl },
  });
}

/** 400 for parameter problems: the first one's code and message, all of them as details. */
export function problemsResponse(problems: readonly [ApiProblem, ...ApiProblem[]]): Response {
  const [first] = problems;
  return apiError(400, first.code, first.message, problems);
}

const ALLOW = "GET, HEAD, OPTIONS";

/** 405 for a method an API resource does not take (anything but GET, HEAD, OPTIONS). */
export function methodNotAllowed(request: Request): Response {
  const response = apiError(
    405,
    "method_not_allowed",
    `不支持 ${request.method.slice(0, 20)} 请求，此接口只接受 GET`,
  );
  response.headers.set("Allow", ALLOW);
  return response;
}

/**
 * Runs an API handler: domain errors become their JSON error, anything
 * unexpected a logged JSON 500; every JSON body is labelled UTF-8.
 */
export async function withJsonErrors(
  handler: () => Promise<Response> | Response,
): Promise<Response> {
  let response: Response;
  try {
    response = await withApiErrors(async () => handler());
  } catch (error) {
    console.error(error);
    response = apiError(500, "internal_error", "服务器处理请求时出错，请稍后再试");
  }
  if (response.headers.get("Content-Type")?.startsWith("application/json")) {
    response.headers.set("Content-Type", JSON_CONTENT_TYPE);
  }
  return response;
}

/**
 * Runs the handler of an API resource (see withJsonErrors); OPTIONS, which
 * Remix routes to loaders, is answered with the allowed methods instead.
 */
export function apiHandler(
  request: Request,
  handler: () => Promise<Response> | Response,
): Promise<Response> {
  if (request.method === "OPTIONS") {
    return Promise.resolve(
      new Response(null, { status: 204, headers: { Allow: ALLOW, "Cache-Control": "no-store" } }),
    );
  }
  return withJsonErrors(handler);
}
