/**
 * Invitations (邀请链接): an organization admin invites colleagues to join
 * the organization. The token exists only in the link; the database keeps
 * its SHA-256, so a leaked database (or audit log) cannot be used to join.
 * A link works once, for INVITATION_TTL_DAYS, until revoked; when it names
 * an e-mail address, only that address can accept it.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { generateIdFromEntropySize } from "lucia";
import type { DB, Role } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { uniqueViolation } from "../unique-violation.server";
import {
  EMAIL_PATTERN,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  normalizeEmail,
} from "./account-fields";
import {
  INVITATION_STATUS_LABELS,
  INVITATION_TTL_DAYS,
  type InvitationStatus,
} from "./invitation-labels";
import { hashPassword } from "./password.server";
import { passwordProblem } from "./password-policy";
import { memberRoleFor } from "./permissions";
import { type NewSession, startSession } from "./sessions.server";

/** Open invitations an organization may have at once (a runaway-loop guard). */
export const MAX_OPEN_INVITATIONS = 50;

/** The organization admin acting on invitations (a SessionUser fits). */
export interface OrgAdminActor {
  id: string;
  organizationId: number;
  isOrgAdmin: boolean;
  ip?: string | null;
}

export interface InvitationView {
  id: number;
  email: string | null;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  createdByName: string;
  usedByName: string | null;
  usedAt: string | null;
}

export interface OpenInvitation {
  id: number;
  email: string | null;
  expiresAt: string;
  organization: { id: number; name: string; kind: string };
  /** Role the new account will get. */
  role: Role;
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function statusOf(
  row: { used_at: Date | null; revoked_at: Date | null; expires_at: Date },
  now: Date,
): InvitationStatus {
  if (row.used_at) return "used";
  if (row.revoked_at) return "revoked";
  return row.expires_at.getTime() <= now.getTime() ? "expired" : "open";
}

function assertOrgAdmin(actor: OrgAdminActor): void {
  if (!actor.isOrgAdmin) {
    throw new ForbiddenError("not_org_admin", "只有机构管理员可以管理邀请");
  }
}

/** The organization's invitations, newest first. */
export async function listInvitations(
  db: Kysely<DB>,
  organizationId: number,
  now: Date = new Date(),
): Promise<InvitationView[]> {
  const rows = await db
    .selectFrom("organization_invitations as i")
    .innerJoin("users as creator", "creator.id", "i.created_by")
    .leftJoin("users as used", "used.id", "i.used_by")
    .where("i.organization_id", "=", organizationId)
    .select([
      "i.id",
      "i.email",
      "i.created_at",
      "i.expires_at",
      "i.used_at",
      "i.revoked_at",
      "creator.display_name as created_by_name",
      "used.display_name as used_by_name",
    ])
    .orderBy("i.created_at", "desc")
    .orderBy("i.id", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    status: statusOf(r, now),
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    createdByName: r.created_by_name,
    usedByName: r.used_by_name,
    usedAt: r.used_at?.toISOString() ?? null,
  }));
}

/**
 * Creates an invitation to the actor's organization; returns it and the
 * token for the link (shown once, never stored).
 */
export async function createInvitation(
  db: Kysely<DB>,
  actor: OrgAdminActor,
  { email }: { email?: string | null } = {},
  now: Date = new Date(),
): Promise<{ token: string; invitation: InvitationView }> {
  assertOrgAdmin(actor);
  const invitee = email ? normalizeEmail(email) : null;
  if (invitee !== null && (invitee.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(invitee))) {
    throw new ValidationError("invalid_email", "邮箱格式不正确", { email: "邮箱格式不正确" });
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  const id = await inTransaction(db, async (trx) => {
    // Locking the organization serializes concurrent invitations (the count below).
    const org = await trx
      .selectFrom("organizations")
      .select(["id", "kind"])
      .where("id", "=", actor.organizationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (memberRoleFor(org.kind) === null) {
      throw new ForbiddenError(
        "invitation_not_allowed",
        "科技管理部门的账号由系统管理员创建，不能通过邀请加入",
      );
    }
    if (invitee !== null) {
      const taken = await trx
        .selectFrom("users")
        .select("id")
        .where("email", "=", invitee)
        .executeTakeFirst();
      if (taken) {
        throw new ConflictError("email_taken", "该邮箱已注册账号", { email: "该邮箱已注册账号" });
      }
    }
    const open = await trx
      .selectFrom("organization_invitations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", org.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirstOrThrow();
    if (Number(open.n) >= MAX_OPEN_INVITATIONS) {
      throw new ConflictError(
        "too_many_invitations",
        `有效邀请已达 ${MAX_OPEN_INVITATIONS} 个，请先撤销不再需要的邀请`,
      );
    }
    const { id } = await trx
      .insertInto("organization_invitations")
      .values({
        organization_id: org.id,
        token_hash: hashInvitationToken(token),
        email: invitee,
        created_by: actor.id,
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "invitation.create",
      entityType: "invitation",
      entityId: id,
      after: { organizationId: org.id, email: invitee, expiresAt: expiresAt.toISOString() },
      ip: actor.ip ?? null,
    });
    return id;
  });
  const invitation = (await listInvitations(db, actor.organizationId, now)).find(
    (i) => i.id === id,
  )!;
  return { token, invitation };
}

/** Revokes an open invitation of the actor's organization. */
export async function revokeInvitation(
  db: Kysely<DB>,
  actor: OrgAdminActor,
  invitationId: number,
  now: Date = new Date(),
): Promise<void> {
  assertOrgAdmin(actor);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("organization_invitations")
      .select(["id", "organization_id", "email", "used_at", "revoked_at", "expires_at"])
      .where("id", "=", invitationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.organization_id !== actor.organizationId) {
      throw new NotFoundError("invitation_not_found", "未找到该邀请");
    }
    const status = statusOf(row, now);
    if (status !== "open") {
      throw new ConflictError(
        "invitation_not_open",
        `该邀请${INVITATION_STATUS_LABELS[status]}，无需撤销`,
      );
    }
    await trx
      .updateTable("organization_invitations")
      .set({ revoked_at: now, revoked_by: actor.id })
      .where("id", "=", invitationId)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "invitation.revoke",
      entityType: "invitation",
      entityId: invitationId,
      before: { status },
      after: { status: "revoked" },
      ip: actor.ip ?? null,
    });
  });
}

const REFUSALS: Record<Exclude<InvitationStatus, "open">, string> = {
  used: "该邀请链接已被使用。每个邀请链接只能注册一个账号，请向机构管理员索取新的链接。",
  expired: `该邀请链接已过期（有效期 ${INVITATION_TTL_DAYS} 天），请向机构管理员索取新的链接。`,
  revoked: "该邀请链接已被机构管理员撤销。",
};

/** The open invitation of `token`; throws NotFoundError (code says why) otherwise. */
export async function findOpenInvitation(
  db: Kysely<DB>,
  token: string,
  now: Date = new Date(),
): Promise<OpenInvitation> {
  const row = await db
    .selectFrom("organization_invitations as i")
    .innerJoin("organizations as o", "o.id", "i.organization_id")
    .where("i.token_hash", "=", hashInvitationToken(token))
    .select([
      "i.id",
      "i.email",
      "i.expires_at",
      "i.used_at",
      "i.revoked_at",
      "o.id as organization_id",
      "o.name as organization_name",
      "o.kind as organization_kind",
    ])
    .executeTakeFirst();
  const role = row ? memberRoleFor(row.organization_kind) : null;
  if (!row || !role) {
    throw new NotFoundError("invitation_unknown", "邀请链接无效，请核对链接是否完整。");
  }
  const status = statusOf(row, now);
  if (status !== "open") throw new NotFoundError(`invitation_${status}`, REFUSALS[status]);
  return {
    id: row.id,
    email: row.email,
    expiresAt: row.expires_at.toISOString(),
    organization: {
      id: row.organization_id,
      name: row.organization_name,
      kind: row.organization_kind,
    },
    role,
  };
}

export interface AcceptInvitationInput {
  token: string;
  displayName: string;
  email: string;
  password: string;
  ip: string | null;
}

export interface AcceptedInvitation {
  userId: string;
  organizationId: number;
  session: NewSession;
}

/**
 * Creates an account in the invitation's organization and signs it in;
 * the invitation is used up in the same transaction (a second acceptance,
 * even a concurrent one, fails with NotFoundError "invitation_used").
 */
export async function acceptInvitation(
  db: Kysely<DB>,
  input: AcceptInvitationInput,
  now: Date = new Date(),
): Promise<AcceptedInvitation> {
  const invitation = await findOpenInvitation(db, input.token, now);
  const email = normalizeEmail(input.email);
  const displayName = input.displayName.trim();
  const problems: Record<string, string> = {};
  if (displayName.length < 1 || displayName.length > MAX_DISPLAY_NAME_LENGTH) {
    problems.displayName = `请填写姓名（不超过 ${MAX_DISPLAY_NAME_LENGTH} 个字）`;
  }
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    problems.email = "邮箱格式不正确";
  } else if (invitation.email && invitation.email !== email) {
    problems.email = `此邀请仅限 ${invitation.email} 使用`;
  }
  const password = passwordProblem(input.password);
  if (password) problems.password = password;
  if (Object.keys(problems).length > 0) {
    throw new ValidationError("invalid_invitation_acceptance", "请检查标出的字段", problems);
  }
  const emailTaken = () =>
    new ConflictError("already_registered", "该邮箱已注册，请直接登录", {
      email: "该邮箱已注册，请直接登录",
    });
  if (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()) {
    throw emailTaken();
  }
  const passwordHash = await hashPassword(input.password);

  try {
    return await inTransaction(db, async (trx) => {
      const userId = generateIdFromEntropySize(10);
      await trx
        .insertInto("users")
        .values({
          id: userId,
          email,
          display_name: displayName,
          password_hash: passwordHash,
          role: invitation.role,
          organization_id: invitation.organization.id,
          is_org_admin: false,
        })
        .execute();
      // The conditional update is the single-use guarantee: of two
      // concurrent acceptances, one updates the row, the other finds it used.
      const used = await trx
        .updateTable("organization_invitations")
        .set({ used_at: now, used_by: userId })
        .where("id", "=", invitation.id)
        .where("used_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", now)
        .returning("id")
        .executeTakeFirst();
      if (!used) throw new NotFoundError("invitation_used", REFUSALS.used);
      await recordAudit(trx, {
        actorUserId: userId,
        action: "user.join_by_invitation",
        entityType: "user",
        entityId: userId,
        after: {
          email,
          displayName,
          role: invitation.role,
          organizationId: invitation.organization.id,
          invitationId: invitation.id,
        },
        ip: input.ip,
      });
      await recordAudit(trx, {
        actorUserId: userId,
        action: "invitation.accept",
        entityType: "invitation",
        entityId: invitation.id,
        before: { status: "open" },
        after: { status: "used", usedBy: userId },
        ip: input.ip,
      });
      const session = await startSession(trx, userId);
      return { userId, organizationId: invitation.organization.id, session };
    });
  } catch (error) {
    if (uniqueViolation(error)?.includes("email")) throw emailTaken();
    throw error;
  }
}
