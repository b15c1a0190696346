/**
 * Sign-in throttling in the rate_limits table, so that every instance of
 * the (stateless) app counts against the same numbers. Fixed one-minute
 * windows per key, one key per account (e-mail) and one per client IP.
 *
 * An attempt is counted *before* the password is checked, by one atomic
 * upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING), so concurrent
 * attempts each get their own number and the 11th cannot slip through while
 * the 10th is still hashing. A successful sign-in then takes its attempt
 * back: the account counter is reset and the IP counter decremented, so the
 * limits count failures and a shared campus IP is not locked out by its
 * users signing in.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import { TooManyRequestsError } from "../errors";

export const SIGN_IN_LIMITS = {
  /** Failed attempts per account per window. */
  account: 10,
  /** Failed attempts per client IP per window. */
  ip: 30,
  windowSeconds: 60,
} as const;

interface AttemptKeys {
  /** Normalized (lower-case) e-mail. */
  email: string;
  /** Client IP; null when unknown (no IP limit then). */
  ip: string | null;
}

const accountKey = (email: string) => `signin:account:${email}`;
const ipKey = (ip: string) => `signin:ip:${ip}`;

function keysOf({ email, ip }: AttemptKeys): { key: string; limit: number }[] {
  const keys: { key: string; limit: number }[] = [
    { key: accountKey(email), limit: SIGN_IN_LIMITS.account },
  ];
  if (ip) keys.push({ key: ipKey(ip), limit: SIGN_IN_LIMITS.ip });
  // A fixed order, so two concurrent upserts lock the same rows in the same order.
  return keys.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Counts one attempt for the account and the IP. Throws TooManyRequestsError
 * (with the seconds until the window ends) when either is over its limit;
 * the caller must then not check the password.
 */
export async function countSignInAttempt(
  db: Kysely<DB>,
  attempt: AttemptKeys,
  now: Date = new Date(),
): Promise<void> {
  const keys = keysOf(attempt);
  const windowMs = SIGN_IN_LIMITS.windowSeconds * 1000;
  const expiredBefore = new Date(now.getTime() - windowMs);
  const rows = await db
    .insertInto("rate_limits")
    .values(keys.map(({ key }) => ({ key, window_start: now, count: 1 })))
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        window_start: sql<Date>`case when rate_limits.window_start <= ${expiredBefore}::timestamptz
          then excluded.window_start else rate_limits.window_start end`,
        count: sql<number>`case when rate_limits.window_start <= ${expiredBefore}::timestamptz
          then 1 else rate_limits.count + 1 end`,
      }),
    )
    .returning(["key", "count", "window_start"])
    .execute();

  let retryAfterSeconds = 0;
  for (const row of rows) {
    const limit = keys.find((k) => k.key === row.key)?.limit ?? 0;
    if (row.count > limit) {
      const endsAt = new Date(row.window_start).getTime() + windowMs;
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((endsAt - now.getTime()) / 1000));
    }
  }
  if (retryAfterSeconds > 0) {
    throw new TooManyRequestsError(
      "too_many_attempts",
      `尝试次数过多，请在 ${retryAfterSeconds} 秒后重试`,
      retryAfterSeconds,
    );
  }
  // Keys of finished windows are dead weight; sweep now and then.
  if (Math.random() < 0.02) await purgeExpiredRateLimits(db, now);
}

/** Takes back a successful attempt: resets the account, decrements the IP. */
export async function forgiveSignInAttempt(trx: Kysely<DB>, attempt: AttemptKeys): Promise<void> {
  await trx.deleteFrom("rate_limits").where("key", "=", accountKey(attempt.email)).execute();
  if (attempt.ip) {
    await trx
      .updateTable("rate_limits")
      .set({ count: sql<number>`greatest(count - 1, 0)` })
      .where("key", "=", ipKey(attempt.ip))
      .execute();
  }
}

/** Deletes sign-in counters whose window ended (other users of the table keep theirs); returns how many. */
export async function purgeExpiredRateLimits(
  db: Kysely<DB>,
  now: Date = new Date(),
): Promise<number> {
  const result = await db
    .deleteFrom("rate_limits")
    .where("key", "like", "signin:%")
    .where("window_start", "<=", new Date(now.getTime() - SIGN_IN_LIMITS.windowSeconds * 1000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
