/**
 * The signed-in user's own account (/account): profile and password.
 * Changing the password ends every other session of the user, so a
 * session stolen before the change stops working.
 */
import type { Kysely } from "kysely";
import type { DB, Role } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { NotFoundError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { MAX_DISPLAY_NAME_LENGTH } from "./account-fields";
import { hashPassword, verifyPassword } from "./password.server";
import { passwordProblem } from "./password-policy";
import { countSignInAttempt, forgiveSignInAttempt } from "./sign-in-throttle.server";
import { endOtherSessions } from "./sessions.server";

export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  isOrgAdmin: boolean;
  organizationId: number;
  organizationName: string;
  createdAt: string;
}

/** The user's account; throws NotFoundError when it does not exist. */
export async function getAccount(db: Kysely<DB>, userId: string): Promise<Account> {
  const row = await db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .where("u.id", "=", userId)
    .select([
      "u.id",
      "u.email",
      "u.display_name",
      "u.role",
      "u.is_org_admin",
      "u.organization_id",
      "o.name as organization_name",
      "u.created_at",
    ])
    .executeTakeFirst();
  if (!row) throw new NotFoundError("user_not_found", "未找到该账号");
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    isOrgAdmin: row.is_org_admin,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    createdAt: row.created_at.toISOString(),
  };
}

/** Renames the user (姓名 shown to colleagues and the bureau). */
export async function updateDisplayName(
  db: Kysely<DB>,
  { userId, displayName, ip }: { userId: string; displayName: string; ip: string | null },
): Promise<void> {
  const name = displayName.trim();
  if (name.length < 1 || name.length > MAX_DISPLAY_NAME_LENGTH) {
    const message = `请填写姓名（不超过 ${MAX_DISPLAY_NAME_LENGTH} 个字）`;
    throw new ValidationError("invalid_display_name", message, { displayName: message });
  }
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select("display_name")
      .where("id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFoundError("user_not_found", "未找到该账号");
    if (before.display_name === name) return;
    await trx
      .updateTable("users")
      .set({ display_name: name, updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    await recordAudit(trx, {
      actorUserId: userId,
      action: "user.update_profile",
      entityType: "user",
      entityId: userId,
      before: { displayName: before.display_name },
      after: { displayName: name },
      ip,
    });
  });
}

export interface ChangePasswordInput {
  userId: string;
  /** The session making the change; it stays signed in. */
  currentSessionId: string | null;
  currentPassword: string;
  newPassword: string;
  ip: string | null;
}

/**
 * Sets a new password after checking the current one (counted like a
 * sign-in attempt, so a stolen session cannot guess it quickly) and ends
 * every other session. Returns how many sessions ended.
 */
export async function changePassword(db: Kysely<DB>, input: ChangePasswordInput): Promise<number> {
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new ValidationError("invalid_password", problem, { newPassword: problem });
  const user = await db
    .selectFrom("users")
    .select(["email", "password_hash"])
    .where("id", "=", input.userId)
    .executeTakeFirst();
  if (!user) throw new NotFoundError("user_not_found", "未找到该账号");
  const attempt = { email: user.email, ip: input.ip };
  await countSignInAttempt(db, attempt);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    const message = "当前密码不正确";
    throw new ValidationError("wrong_password", message, { currentPassword: message });
  }
  if (input.newPassword === input.currentPassword) {
    const message = "新密码不能与当前密码相同";
    throw new ValidationError("same_password", message, { newPassword: message });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return await inTransaction(db, async (trx) => {
    await forgiveSignInAttempt(trx, attempt);
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where("id", "=", input.userId)
      .execute();
    const ended = await endOtherSessions(trx, input.userId, input.currentSessionId);
    await recordAudit(trx, {
      actorUserId: input.userId,
      action: "user.change_password",
      entityType: "user",
      entityId: input.userId,
      after: { otherSessionsEnded: ended },
      ip: input.ip,
    });
    return ended;
  });
}
