/**
 * HTTP helpers shared by routes: mapping domain errors to responses, JSON
 * error bodies of the API (`{"error":{"code","message"}}`), and id parsing.
 */
import { DomainError, NotFoundError } from "../domain/errors";

/** Structured API error body with a 4xx status. */
export function apiError(
  status: number,
  code: string,
  message: string,
  details?: unknown,
): Response {
  return Response.json(
    { error: details === undefined ? { code, message } : { code, message, details } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * Parses a positive integer route id ("12"). Throws a 404 Response for
 * anything else, so "abc", "-1" and "1e3" read as "no such page".
 */
export function parseId(raw: string | undefined, what: string): number {
  if (raw && /^[1-9]\d{0,8}$/.test(raw)) return Number(raw);
  throw new NotFoundError("invalid_id", `编号“${(raw ?? "").slice(0, 40)}”不是有效的${what}编号`);
}

/** Rethrows a DomainError as a Response with its status (for loaders of pages). */
export function domainErrorToResponse(error: unknown): never {
  if (error instanceof DomainError) {
    throw Response.json(
      { code: error.code, message: error.message },
      { status: error.status, statusText: error.code },
    );
  }
  throw error;
}

/** Runs `fn`, turning a DomainError into the API's JSON error response. */
export async function withApiErrors(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError)
      return apiError(error.status, error.code, error.message, error.details);
    throw error;
  }
}
