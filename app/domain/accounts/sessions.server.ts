/**
 * Session rows written inside the caller's transaction, so that signing in,
 * signing up or accepting an invitation commits the session together with
 * its audit entry (Lucia's own `createSession` writes outside any
 * transaction). Rows are exactly what Lucia creates and validates: a
 * 25-byte random id and an expiry SESSION_EXPIRES_IN from now.
 */
import type { Kysely } from "kysely";
import { generateIdFromEntropySize } from "lucia";
import type { DB } from "../../../db/schema";
import { SESSION_EXPIRES_IN } from "./auth.server";

export interface NewSession {
  id: string;
  userId: string;
  expiresAt: Date;
}

/** Inserts a new session for `userId`; the route turns its id into the cookie. */
export async function startSession(trx: Kysely<DB>, userId: string): Promise<NewSession> {
  const session: NewSession = {
    id: generateIdFromEntropySize(25),
    userId,
    expiresAt: new Date(Date.now() + SESSION_EXPIRES_IN.milliseconds()),
  };
  await trx
    .insertInto("sessions")
    .values({ id: session.id, user_id: userId, expires_at: session.expiresAt })
    .execute();
  return session;
}

/** Deletes the user's sessions except `keepSessionId`; returns how many ended. */
export async function endOtherSessions(
  trx: Kysely<DB>,
  userId: string,
  keepSessionId: string | null,
): Promise<number> {
  let query = trx.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) query = query.where("id", "<>", keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
