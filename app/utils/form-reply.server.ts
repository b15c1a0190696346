/**
 * Form actions' answers to domain errors: the conform submission, replied
 * with the error's message as a form error and its details as field
 * errors, under the error's HTTP status. Anything that is not a
 * DomainError is rethrown (a real failure, for the error boundary).
 * `hideFields` leaves fields (passwords) out of the values sent back; a
 * throttled attempt (429) carries its Retry-After header.
 */
import type { Submission, SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { DomainError, TooManyRequestsError } from "../domain/errors";

export interface ReplyOptions {
  /** Fields whose submitted values are not sent back (e.g. passwords). */
  hideFields?: string[];
}

/** The reply for `error` and its status; rethrows anything but a DomainError. */
export function domainErrorResult<Output>(
  submission: Submission<Output>,
  error: unknown,
  { hideFields }: ReplyOptions = {},
): { result: SubmissionResult; status: number } {
  if (!(error instanceof DomainError)) throw error;
  const fieldErrors = Object.fromEntries(
    Object.entries(error.details ?? {}).map(([field, message]) => [field, [message]]),
  );
  return {
    result: submission.reply({ formErrors: [error.message], fieldErrors, hideFields }),
    status: error.status,
  };
}

/** `domainErrorResult` as the action's response (`.data` and `.init` for callers that wrap it). */
export function replyWithDomainError<Output>(
  submission: Submission<Output>,
  error: unknown,
  options: ReplyOptions = {},
) {
  const { result, status } = domainErrorResult(submission, error, options);
  const headers: Record<string, string> =
    error instanceof TooManyRequestsError ? { "Retry-After": String(error.retryAfterSeconds) } : {};
  return data(result, { status, headers });
}
