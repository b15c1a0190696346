/**
 * Signing in and out. Sign-in is throttled per account and per IP (see
 * sign-in-throttle.server.ts) before any password is checked, and takes
 * the same time whether or not the e-mail exists: an unknown address is
 * verified against a dummy hash, and both failures read the same.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, Role } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { ForbiddenError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { normalizeEmail } from "./account-fields";
import { hashPassword, verifyPassword } from "./password.server";
import { countSignInAttempt, forgiveSignInAttempt } from "./sign-in-throttle.server";
import { type NewSession, startSession } from "./sessions.server";

export interface SignInInput {
  email: string;
  password: string;
  /** Client IP, for the per-IP limit and the audit log; null when unknown. */
  ip: string | null;
}

export interface SignedIn {
  userId: string;
  role: Role;
  session: NewSession;
}

export const INVALID_CREDENTIALS_MESSAGE = "邮箱或密码不正确";

let dummyHash: Promise<string> | undefined;

/** A real argon2id hash of a random password, so unknown e-mails cost one verify too. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(18).toString("base64"));
  return dummyHash;
}

/**
 * Checks the credentials and starts a session. Throws TooManyRequestsError
 * (throttled: the password was not checked), ValidationError
 * "invalid_credentials", or ForbiddenError "account_disabled" (only after
 * the right password, so it reveals nothing to a guesser).
 */
export async function signIn(
  db: Kysely<DB>,
  input: SignInInput,
  { now = new Date() }: { now?: Date } = {},
): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  const attempt = { email, ip: input.ip };
  await countSignInAttempt(db, attempt, now);

  const user = await db
    .selectFrom("users")
    .select(["id", "role", "password_hash", "disabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  const matches = await verifyPassword(
    user?.password_hash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !matches) {
    throw new ValidationError("invalid_credentials", INVALID_CREDENTIALS_MESSAGE);
  }
  if (user.disabled_at) {
    throw new ForbiddenError("account_disabled", "该账号已停用，如有疑问请联系平台管理员");
  }
  return await inTransaction(db, async (trx) => {
    await forgiveSignInAttempt(trx, attempt);
    const session = await startSession(trx, user.id);
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "user.sign_in",
      entityType: "user",
      entityId: user.id,
      ip: input.ip,
    });
    return { userId: user.id, role: user.role, session };
  });
}

/** Ends one session (退出登录); a session that is already gone is fine. */
export async function signOut(
  db: Kysely<DB>,
  { sessionId, userId, ip }: { sessionId: string; userId: string; ip: string | null },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("sessions").where("id", "=", sessionId).execute();
    await recordAudit(trx, {
      actorUserId: userId,
      action: "user.sign_out",
      entityType: "user",
      entityId: userId,
      ip,
    });
  });
}
