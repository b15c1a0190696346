/**
 * User administration (users.manage): the user list, role changes within
 * what an account's organization allows, disabling and enabling accounts,
 * password resets to a temporary password, and bureau accounts. Every
 * change is audited in its transaction; passwords never reach the log.
 *
 * Guard rails: an administrator cannot disable, demote or reset themself
 * here, and the last active administrator cannot be disabled or demoted.
 */
import { randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import { generateIdFromEntropySize } from "lucia";
import type { DB, Role } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { type Actor, assertCan } from "./actor";
import { EMAIL_PATTERN, normalizeEmail } from "./account-fields";
import { hashPassword } from "./password.server";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "./password-policy";
import { memberRoleFor } from "./permissions";

export type AccountStatus = "active" | "disabled";

export const BUREAU_ROLES = ["bureau_staff", "admin"] as const satisfies readonly Role[];
export type BureauRole = (typeof BUREAU_ROLES)[number];

/** The roles an account of an organization of `kind` may hold. */
export function allowedRolesFor(organizationKind: string): Role[] {
  if (organizationKind === "bureau") return [...BUREAU_ROLES];
  const member = memberRoleFor(organizationKind);
  return member ? [member] : [];
}

export interface AdminUserRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organization: { id: number; name: string; kind: string };
  isOrgAdmin: boolean;
  disabledAt: string | null;
  createdAt: string;
  /** Roles this account may be given (its own included). */
  allowedRoles: Role[];
}

export interface UserListFilters {
  /** Part of the e-mail address, name or organization name. */
  q?: string;
  role?: Role;
  status?: AccountStatus;
  page: number;
  pageSize: number;
}

export interface UserList {
  users: AdminUserRow[];
  total: number;
  /** Per role, under the q and status filters. */
  roleCounts: Record<Role, number>;
  /** Per status, under the q and role filters. */
  statusCounts: Record<AccountStatus, number>;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Kysely<DB>, filters: Omit<UserListFilters, "page" | "pageSize">) {
  let query = db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id");
  const q = filters.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("u.email", "ilike", pattern),
        eb("u.display_name", "ilike", pattern),
        eb("o.name", "ilike", pattern),
      ]),
    );
  }
  if (filters.role) query = query.where("u.role", "=", filters.role);
  if (filters.status === "active") query = query.where("u.disabled_at", "is", null);
  if (filters.status === "disabled") query = query.where("u.disabled_at", "is not", null);
  return query;
}

/** Users matching `filters`, bureau accounts first, then by e-mail. Requires users.manage. */
export async function listUsers(
  db: Kysely<DB>,
  actor: Actor,
  filters: UserListFilters,
): Promise<UserList> {
  assertCan(actor, "users.manage");
  const { page, pageSize, ...set } = filters;
  const [rows, total, byRole, byStatus] = await Promise.all([
    filtered(db, set)
      .select([
        "u.id",
        "u.email",
        "u.display_name",
        "u.role",
        "u.is_org_admin",
        "u.disabled_at",
        "u.created_at",
        "o.id as organization_id",
        "o.name as organization_name",
        "o.kind as organization_kind",
      ])
      .orderBy((eb) => eb.case().when("o.kind", "=", "bureau").then(0).else(1).end())
      .orderBy("u.email")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, set)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    filtered(db, { ...set, role: undefined })
      .select(["u.role", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("u.role")
      .execute(),
    filtered(db, { ...set, status: undefined })
      .select([
        (eb) => eb("u.disabled_at", "is not", null).as("disabled"),
        (eb) => eb.fn.countAll<number>().as("n"),
      ])
      .groupBy((eb) => eb("u.disabled_at", "is not", null))
      .execute(),
  ]);
  const roleCounts: Record<Role, number> = {
    enterprise_member: 0,
    institution_member: 0,
    bureau_staff: 0,
    admin: 0,
  };
  for (const r of byRole) roleCounts[r.role] = Number(r.n);
  return {
    users: rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      role: r.role,
      organization: { id: r.organization_id, name: r.organization_name, kind: r.organization_kind },
      isOrgAdmin: r.is_org_admin,
      disabledAt: r.disabled_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      allowedRoles: allowedRolesFor(r.organization_kind),
    })),
    total: Number(total.n),
    roleCounts,
    statusCounts: {
      active: Number(byStatus.find((r) => !r.disabled)?.n ?? 0),
      disabled: Number(byStatus.find((r) => r.disabled)?.n ?? 0),
    },
  };
}

/** Account counts per role and status, for the admin dashboard. */
export async function userCounts(
  db: Kysely<DB>,
  actor: Actor,
): Promise<Pick<UserList, "roleCounts" | "statusCounts" | "total">> {
  const { roleCounts, statusCounts, total } = await listUsers(db, actor, { page: 1, pageSize: 1 });
  return { roleCounts, statusCounts, total };
}

async function lockUser(trx: Kysely<DB>, userId: string) {
  const user = await trx
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.id", "u.email", "u.role", "u.disabled_at", "o.kind as organization_kind"])
    .where("u.id", "=", userId)
    .forUpdate("u")
    .executeTakeFirst();
  if (!user) throw new NotFoundError("user_not_found", "未找到该用户");
  return user;
}

function refuseSelf(actor: Actor, userId: string, what: string): void {
  if (actor.id === userId) {
    throw new ConflictError("cannot_change_self", `不能${what}自己的账号，请让另一位管理员操作`);
  }
}

/** Throws when `userId` is the last active administrator (locks the admins to decide safely). */
async function refuseLastAdmin(trx: Kysely<DB>, userId: string, what: string): Promise<void> {
  const admins = await trx
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .forUpdate()
    .execute();
  if (admins.length <= 1 && admins.some((a) => a.id === userId)) {
    throw new ConflictError("last_admin", `这是唯一可用的管理员账号，不能${what}`);
  }
}

/** Gives `userId` another role its organization allows. */
export async function changeUserRole(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
  role: Role,
): Promise<void> {
  assertCan(actor, "users.manage");
  refuseSelf(actor, userId, "修改");
  await inTransaction(db, async (trx) => {
    const user = await lockUser(trx, userId);
    if (user.role === role) return;
    if (!allowedRolesFor(user.organization_kind).includes(role)) {
      throw new ValidationError("role_not_allowed", "该账号所属机构不能使用这个角色", {
        role: "该账号所属机构不能使用这个角色",
      });
    }
    if (user.role === "admin") await refuseLastAdmin(trx, userId, "取消管理员角色");
    await trx
      .updateTable("users")
      .set({ role, updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "user.role_change",
      entityType: "user",
      entityId: userId,
      before: { role: user.role },
      after: { role },
      ip: actor.ip ?? null,
    });
  });
}

/** Disables the account and ends all its sessions at once. */
export async function disableUser(db: Kysely<DB>, actor: Actor, userId: string): Promise<void> {
  assertCan(actor, "users.manage");
  refuseSelf(actor, userId, "停用");
  await inTransaction(db, async (trx) => {
    const user = await lockUser(trx, userId);
    if (user.disabled_at) return;
    if (user.role === "admin") await refuseLastAdmin(trx, userId, "停用");
    const now = new Date();
    await trx
      .updateTable("users")
      .set({ disabled_at: now, updated_at: now })
      .where("id", "=", userId)
      .execute();
    const ended = await trx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "user.disable",
      entityType: "user",
      entityId: userId,
      before: { disabledAt: null },
      after: { disabledAt: now.toISOString(), sessionsEnded: Number(ended.numDeletedRows) },
      ip: actor.ip ?? null,
    });
  });
}

/** Enables a disabled account (its user signs in again). */
export async function enableUser(db: Kysely<DB>, actor: Actor, userId: string): Promise<void> {
  assertCan(actor, "users.manage");
  await inTransaction(db, async (trx) => {
    const user = await lockUser(trx, userId);
    if (!user.disabled_at) return;
    await trx
      .updateTable("users")
      .set({ disabled_at: null, updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "user.enable",
      entityType: "user",
      entityId: userId,
      before: { disabledAt: user.disabled_at.toISOString() },
      after: { disabledAt: null },
      ip: actor.ip ?? null,
    });
  });
}

// No 0/O, 1/l/I: the password is read off a screen and typed or dictated.
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/** A random temporary password (14 characters, about 81 bits). */
export function temporaryPassword(length = 14): string {
  let password = "";
  for (let i = 0; i < Math.max(length, MIN_PASSWORD_LENGTH); i++) {
    password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  }
  return password;
}

/**
 * Sets a new temporary password and ends the account's sessions. Returns
 * the password, to be shown once to the administrator and never stored.
 */
export async function resetUserPassword(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
): Promise<{ email: string; temporaryPassword: string }> {
  assertCan(actor, "users.manage");
  refuseSelf(actor, userId, "在这里重置");
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const user = await lockUser(trx, userId);
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    const ended = await trx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "user.password_reset",
      entityType: "user",
      entityId: userId,
      after: { sessionsEnded: Number(ended.numDeletedRows) },
      ip: actor.ip ?? null,
    });
    return { email: user.email, temporaryPassword: password };
  });
}

/**
 * The bureau organization (kind "bureau") bureau accounts belong to;
 * created, verified, in the home region when the database has none.
 */
export async function ensureBureauOrganization(
  db: Kysely<DB>,
  homeRegionCode: string,
): Promise<number> {
  const existing = await db
    .selectFrom("organizations")
    .select("id")
    .where("kind", "=", "bureau")
    .orderBy("id")
    .executeTakeFirst();
  if (existing) return existing.id;
  const region = await db
    .selectFrom("regions")
    .select("name")
    .where("code", "=", homeRegionCode)
    .executeTakeFirst();
  const { id } = await db
    .insertInto("organizations")
    .values({
      kind: "bureau",
      name: `${region?.name ?? ""}科学技术局`,
      region_code: homeRegionCode,
      party_type: "500",
      intro: "技术市场主管部门，负责成果与需求审核、技术合同认定登记。",
      verification_status: "verified",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export interface NewBureauAccount {
  email: string;
  displayName: string;
  role: BureauRole;
  /** Omitted: a temporary password is generated and returned. */
  password?: string;
}

async function insertBureauAccount(
  trx: Kysely<DB>,
  input: NewBureauAccount,
  homeRegionCode: string,
  actor: Actor | null,
): Promise<{ id: string; email: string; temporaryPassword: string | null }> {
  const email = normalizeEmail(input.email);
  const displayName = input.displayName.trim();
  if (!EMAIL_PATTERN.test(email)) {
    throw new ValidationError("invalid_email", "邮箱地址格式不正确", {
      email: "邮箱地址格式不正确",
    });
  }
  if (!displayName) {
    throw new ValidationError("name_required", "请填写姓名", { displayName: "请填写姓名" });
  }
  if (!(BUREAU_ROLES as readonly string[]).includes(input.role)) {
    throw new ValidationError("role_not_allowed", "只能创建科技局工作人员或管理员账号", {
      role: "只能创建科技局工作人员或管理员账号",
    });
  }
  const problem = input.password === undefined ? null : passwordProblem(input.password);
  if (problem) throw new ValidationError("invalid_password", problem, { password: problem });
  const taken = await trx
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  if (taken) {
    throw new ConflictError("email_taken", `邮箱 ${email} 已有账号`, { email: "该邮箱已有账号" });
  }
  const organizationId = await ensureBureauOrganization(trx, homeRegionCode);
  const password = input.password ?? temporaryPassword();
  const id = generateIdFromEntropySize(10);
  await trx
    .insertInto("users")
    .values({
      id,
      email,
      display_name: displayName,
      password_hash: await hashPassword(password),
      role: input.role,
      organization_id: organizationId,
      is_org_admin: input.role === "admin",
    })
    .execute();
  await recordAudit(trx, {
    actorUserId: actor?.id ?? null,
    action: "user.create",
    entityType: "user",
    entityId: id,
    after: { email, displayName, role: input.role, organizationId },
    ip: actor?.ip ?? null,
  });
  return { id, email, temporaryPassword: input.password === undefined ? password : null };
}

/** Creates a bureau_staff or admin account in the bureau organization. Requires users.manage. */
export async function createBureauAccount(
  db: Kysely<DB>,
  actor: Actor,
  input: NewBureauAccount,
  { homeRegionCode }: { homeRegionCode: string },
): Promise<{ id: string; email: string; temporaryPassword: string | null }> {
  assertCan(actor, "users.manage");
  return inTransaction(db, (trx) => insertBureauAccount(trx, input, homeRegionCode, actor));
}

/**
 * Creates the first administrator of a fresh deployment (command line, no
 * actor; audited as the system). Creates the bureau organization if needed.
 */
export async function createFirstAdmin(
  db: Kysely<DB>,
  input: Omit<NewBureauAccount, "role">,
  { homeRegionCode }: { homeRegionCode: string },
): Promise<{ id: string; email: string; temporaryPassword: string | null }> {
  return inTransaction(db, (trx) =>
    insertBureauAccount(trx, { ...input, role: "admin" }, homeRegionCode, null),
  );
}
