/**
 * User administration (issue #3 part C) on every dialect: the list with its
 * filters and counts, role changes within what an organization allows,
 * disabling (sessions end at once) and enabling, temporary passwords, the
 * guard rails around the last administrator, bureau accounts and the first
 * administrator of a fresh deployment — each audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { verifyPassword } from "../../app/domain/accounts/password.server";
import {
  allowedRolesFor,
  changeUserRole,
  createBureauAccount,
  createFirstAdmin,
  disableUser,
  enableUser,
  ensureBureauOrganization,
  listUsers,
  resetUserPassword,
  temporaryPassword,
} from "../../app/domain/accounts/user-admin.server";
import { type TestUser, createOrganization, createUser } from "../support/factories";
import { testDialects } from "../support/databases";

describe("roles an organization allows", () => {
  it("keeps members to their kind and the bureau to staff and admins", () => {
    expect(allowedRolesFor("bureau")).toEqual(["bureau_staff", "admin"]);
    expect(allowedRolesFor("enterprise")).toEqual(["enterprise_member"]);
    expect(allowedRolesFor("university")).toEqual(["institution_member"]);
    expect(allowedRolesFor("intermediary")).toEqual(["institution_member"]);
  });

  it("generates unambiguous temporary passwords of policy length", () => {
    const passwords = new Set(Array.from({ length: 50 }, () => temporaryPassword()));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{14}$/);
  });
});

describe.each(testDialects())("user administration on $name", (dialect) => {
  let database: Database;
  let admin: TestUser;
  let staff: TestUser;
  let member: TestUser;
  let bureauId: number;

  beforeAll(async () => {
    database = await dialect.open();
    const db = database.db;
    bureauId = (
      await createOrganization(db, {
        kind: "bureau",
        regionCode: "130900",
        name: "沧州市科学技术局",
      })
    ).id;
    admin = await createUser(db, bureauId, "admin");
    staff = await createUser(db, bureauId, "bureau_staff");
    const university = await createOrganization(db, {
      kind: "university",
      name: "用户管理测试大学",
    });
    member = await createUser(db, university.id, "institution_member");
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const sessionsOf = async (userId: string) =>
    (await database.db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute())
      .length;
  const addSession = (userId: string) =>
    database.db
      .insertInto("sessions")
      .values({
        id: `s${Math.random().toString(36).slice(2)}`,
        user_id: userId,
        expires_at: new Date(Date.now() + 3_600_000),
      })
      .execute();
  const lastAudit = (entityId: string) =>
    database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_type", "=", "user")
      .where("entity_id", "=", entityId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();

  it("is for administrators only", async () => {
    await expect(listUsers(database.db, staff, { page: 1, pageSize: 10 })).rejects.toMatchObject({
      status: 403,
    });
    await expect(disableUser(database.db, staff, member.id)).rejects.toMatchObject({ status: 403 });
    await expect(resetUserPassword(database.db, member, staff.id)).rejects.toMatchObject({
      status: 403,
    });
  });

  it("lists users with text, role and status filters and counts", async () => {
    const all = await listUsers(database.db, admin, { page: 1, pageSize: 50 });
    expect(all.total).toBe(3);
    expect(all.roleCounts).toEqual({
      enterprise_member: 0,
      institution_member: 1,
      bureau_staff: 1,
      admin: 1,
    });
    // Bureau accounts first.
    expect(all.users.slice(0, 2).map((u) => u.organization.kind)).toEqual(["bureau", "bureau"]);
    expect(all.users.find((u) => u.id === staff.id)?.allowedRoles).toEqual([
      "bureau_staff",
      "admin",
    ]);

    const byOrg = await listUsers(database.db, admin, { q: "测试大学", page: 1, pageSize: 50 });
    expect(byOrg.users.map((u) => u.id)).toEqual([member.id]);
    const byRole = await listUsers(database.db, admin, {
      role: "bureau_staff",
      page: 1,
      pageSize: 50,
    });
    expect(byRole.users.map((u) => u.id)).toEqual([staff.id]);
    expect(byRole.roleCounts.admin).toBe(1);
  });

  it("changes roles only within what the organization allows, audited", async () => {
    await expect(
      changeUserRole(database.db, admin, member.id, "bureau_staff"),
    ).rejects.toMatchObject({
      code: "role_not_allowed",
      status: 400,
    });
    await expect(
      changeUserRole(database.db, admin, admin.id, "bureau_staff"),
    ).rejects.toMatchObject({
      code: "cannot_change_self",
    });
    await changeUserRole(database.db, admin, staff.id, "admin");
    expect(await lastAudit(staff.id)).toMatchObject({
      action: "user.role_change",
      actor_user_id: admin.id,
      before: { role: "bureau_staff" },
      after: { role: "admin" },
    });
    // Now two admins: one may demote the other, but not the last one.
    await changeUserRole(database.db, admin, staff.id, "bureau_staff");
    const role = await database.db
      .selectFrom("users")
      .select("role")
      .where("id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(role.role).toBe("bureau_staff");
  });

  it("disabling ends every session at once; enabling restores the account", async () => {
    await addSession(member.id);
    await addSession(member.id);
    expect(await sessionsOf(member.id)).toBe(2);
    await disableUser(database.db, admin, member.id);
    expect(await sessionsOf(member.id)).toBe(0);
    const row = await database.db
      .selectFrom("users")
      .select("disabled_at")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeInstanceOf(Date);
    expect(await lastAudit(member.id)).toMatchObject({
      action: "user.disable",
      after: { sessionsEnded: 2 },
    });

    const disabled = await listUsers(database.db, admin, {
      status: "disabled",
      page: 1,
      pageSize: 50,
    });
    expect(disabled.users.map((u) => u.id)).toEqual([member.id]);
    expect(disabled.statusCounts).toEqual({ active: 2, disabled: 1 });

    await enableUser(database.db, admin, member.id);
    const enabled = await database.db
      .selectFrom("users")
      .select("disabled_at")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(enabled.disabled_at).toBeNull();
    expect((await lastAudit(member.id)).action).toBe("user.enable");
  });

  it("never disables or demotes the last active administrator", async () => {
    const second = await createUser(database.db, bureauId, "admin");
    await expect(disableUser(database.db, admin, admin.id)).rejects.toMatchObject({
      code: "cannot_change_self",
    });
    // Two active administrators: one may disable the other …
    await disableUser(database.db, second, admin.id);
    // … after which `second` is the last one: neither disabled nor demoted.
    await expect(disableUser(database.db, admin, second.id)).rejects.toMatchObject({
      code: "last_admin",
      status: 409,
    });
    await expect(
      changeUserRole(database.db, admin, second.id, "bureau_staff"),
    ).rejects.toMatchObject({
      code: "last_admin",
    });
    await enableUser(database.db, second, admin.id);
    await changeUserRole(database.db, admin, second.id, "bureau_staff");
  });

  it("resets a password to a temporary one, ends sessions, and keeps it out of the log", async () => {
    await addSession(staff.id);
    const active = await database.db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "admin")
      .where("disabled_at", "is", null)
      .executeTakeFirstOrThrow();
    const actor = { id: active.id, role: "admin" as const, ip: "198.51.100.9" };
    const reset = await resetUserPassword(database.db, actor, staff.id);
    expect(reset.email).toBe(`${staff.id}@factory.test`);
    const row = await database.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, reset.temporaryPassword)).toBe(true);
    expect(await sessionsOf(staff.id)).toBe(0);
    const audit = await lastAudit(staff.id);
    expect(audit).toMatchObject({ action: "user.password_reset", ip: "198.51.100.9" });
    expect(JSON.stringify(audit)).not.toContain(reset.temporaryPassword);
  });

  it("creates bureau accounts in the bureau organization, with a temporary password", async () => {
    const active = await database.db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "admin")
      .where("disabled_at", "is", null)
      .executeTakeFirstOrThrow();
    const actor = { id: active.id, role: "admin" as const };
    const created = await createBureauAccount(
      database.db,
      actor,
      { email: " New.Staff@KJJ.example.cn ", displayName: "新同事", role: "bureau_staff" },
      { homeRegionCode: "130900" },
    );
    expect(created.email).toBe("new.staff@kjj.example.cn");
    const row = await database.db
      .selectFrom("users")
      .select(["organization_id", "role", "password_hash"])
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ organization_id: bureauId, role: "bureau_staff" });
    expect(await verifyPassword(row.password_hash, created.temporaryPassword!)).toBe(true);
    expect(await lastAudit(created.id)).toMatchObject({
      action: "user.create",
      actor_user_id: actor.id,
    });

    await expect(
      createBureauAccount(
        database.db,
        actor,
        { email: "new.staff@kjj.example.cn", displayName: "重复", role: "admin" },
        { homeRegionCode: "130900" },
      ),
    ).rejects.toMatchObject({ code: "email_taken", status: 409 });
    await expect(
      createBureauAccount(
        database.db,
        actor,
        { email: "x@kjj.example.cn", displayName: "越权", role: "enterprise_member" as "admin" },
        { homeRegionCode: "130900" },
      ),
    ).rejects.toMatchObject({ code: "role_not_allowed" });
    await expect(
      createBureauAccount(
        database.db,
        { id: staff.id, role: "bureau_staff" },
        { email: "y@kjj.example.cn", displayName: "员工", role: "admin" },
        { homeRegionCode: "130900" },
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("creates the first administrator and the bureau organization of an empty deployment", async () => {
    const fresh = await dialect.open();
    try {
      const created = await createFirstAdmin(
        fresh.db,
        { email: "root@kjj.example.cn", displayName: "管理员", password: "a-long-enough-password" },
        { homeRegionCode: "130900" },
      );
      expect(created.temporaryPassword).toBeNull();
      const org = await fresh.db
        .selectFrom("organizations")
        .select(["id", "kind", "name", "region_code", "verification_status"])
        .executeTakeFirstOrThrow();
      expect(org).toMatchObject({
        kind: "bureau",
        name: "沧州市科学技术局",
        region_code: "130900",
        verification_status: "verified",
      });
      expect(await ensureBureauOrganization(fresh.db, "130900")).toBe(org.id);
      const audit = await fresh.db.selectFrom("audit_log").selectAll().executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: "user.create", actor_user_id: null });
      await expect(
        createFirstAdmin(
          fresh.db,
          { email: "root2@kjj.example.cn", displayName: "x", password: "short" },
          { homeRegionCode: "130900" },
        ),
      ).rejects.toMatchObject({ code: "invalid_password" });
    } finally {
      await fresh.close();
    }
  });
});
