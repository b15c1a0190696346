/**
 * Domain errors users can meet, each with a stable `code` and a zh-CN
 * message. Routes map them to HTTP (see app/utils/http.server.ts); domain
 * code never builds Responses.
 */
export abstract class DomainError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409 | 429;
  readonly code: string;
  /** Optional field → message details for forms and the API. */
  readonly details?: Record<string, string>;

  constructor(code: string, message: string, details?: Record<string, string>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Input that breaks a rule (HTTP 400). */
export class ValidationError extends DomainError {
  readonly status = 400;
}

/** A record that does not exist or is not visible to the caller (HTTP 404). */
export class NotFoundError extends DomainError {
  readonly status = 404;
}

/** An action the caller's role does not allow (HTTP 403). */
export class ForbiddenError extends DomainError {
  readonly status = 403;
}

/** A conflict with stored state, e.g. a duplicate (HTTP 409). */
export class ConflictError extends DomainError {
  readonly status = 409;
}

/** Too many attempts in a time window, e.g. sign-in throttling (HTTP 429). */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;

  constructor(
    code: string,
    message: string,
    /** Seconds until the caller may try again (the Retry-After header). */
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}
