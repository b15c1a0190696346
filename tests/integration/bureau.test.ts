/**
 * The bureau's work (issue #3 part C) on every dialect: organization
 * verification transitions and their audit entries, the review queue's
 * filters, order and counts, bulk approval all or nothing, and the audit
 * log browser's filters.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import type { Actor } from "../../app/domain/accounts/actor";
import {
  queryAuditLog,
  auditActionLabel,
  changedFields,
} from "../../app/domain/audit/audit-log.server";
import {
  approveListings,
  rejectQueuedListing,
} from "../../app/domain/bureau/review-actions.server";
import { getListingForReview } from "../../app/domain/bureau/listing-review.server";
import { listReviewQueue, reviewQueueSummary } from "../../app/domain/bureau/review-queue.server";
import {
  createDemand,
  createResult,
  submitForReview,
  updateListing,
  approveListing,
} from "../../app/domain/listings/listing-workflow.server";
import type { ListingKind } from "../../app/domain/listings/listing-types";
import type { TechField } from "../../app/domain/taxonomy/taxonomy";
import {
  listOrganizationQueue,
  organizationQueueSummary,
  rejectOrganization,
  verifyOrganization,
} from "../../app/domain/organizations/verification.server";
import {
  type TestUser,
  createOrganization,
  createUser,
  demandInput,
  resultInput,
} from "../support/factories";
import { testDialects } from "../support/databases";

const DAY = 24 * 3600 * 1000;
/** A fixed past day, so date-range filters have known answers. */
const BASE = new Date("2026-03-02T02:00:00Z"); // 2026-03-02 10:00 in Shanghai

describe("audit labels and diffs", () => {
  it("labels known and unknown actions", () => {
    expect(auditActionLabel("result.approve")).toBe("科技成果 · 审核通过");
    expect(auditActionLabel("organization.verify")).toBe("机构 · 认证通过");
    expect(auditActionLabel("widget.frobnicate")).toBe("widget · frobnicate");
  });

  it("lists only the fields that changed", () => {
    expect(
      changedFields(
        { a: 1, status: "x", c: [1], updated_at: "t1" },
        { a: 1, status: "y", d: true, updated_at: "t2" },
      ),
    ).toEqual([
      { field: "status", label: "状态", before: "x", after: "y" },
      { field: "c", label: "c", before: "[1]", after: "—" },
      { field: "d", label: "d", before: "—", after: "true" },
    ]);
    // Timestamps read in the market's time zone.
    expect(
      changedFields({ published_at: null }, { published_at: "2026-03-02T02:00:00.000Z" }),
    ).toEqual([
      { field: "published_at", label: "发布时间", before: "—", after: "2026-03-02 10:00" },
    ]);
    // Entries written as JSON text (before jsonb was bound as such) read the same.
    expect(changedFields('{"role":"admin"}', { role: "bureau_staff" })).toEqual([
      { field: "role", label: "角色", before: "admin", after: "bureau_staff" },
    ]);
    expect(changedFields(null, null)).toEqual([]);
  });
});

describe.each(testDialects())("bureau work on $name", (dialect) => {
  let database: Database;
  let staff: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let enterpriseMember: TestUser;
  let university: { id: number; name: string };
  let enterprise: { id: number; name: string };

  beforeAll(async () => {
    database = await dialect.open();
    const db = database.db;
    const bureau = await createOrganization(db, { kind: "bureau", regionCode: "130900" });
    staff = await createUser(db, bureau.id, "bureau_staff");
    admin = await createUser(db, bureau.id, "admin");
    university = await createOrganization(db, { kind: "university", name: "测试大学甲" });
    enterprise = await createOrganization(db, { kind: "enterprise", name: "测试企业乙" });
    member = await createUser(db, university.id, "institution_member");
    enterpriseMember = await createUser(db, enterprise.id, "enterprise_member");
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const auditOf = (entityType: string, entityId: number | string) =>
    database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_type", "=", entityType)
      .where("entity_id", "=", String(entityId))
      .orderBy("id")
      .execute();

  describe("organization verification", () => {
    it("verifies a pending organization, audited with before and after", async () => {
      const org = await createOrganization(database.db, { verification: "pending" });
      await verifyOrganization(database.db, org.id, staff);
      const row = await database.db
        .selectFrom("organizations")
        .selectAll()
        .where("id", "=", org.id)
        .executeTakeFirstOrThrow();
      expect(row.verification_status).toBe("verified");
      expect(row.reviewed_by).toBe(staff.id);
      expect(row.reviewed_at).toBeInstanceOf(Date);
      const audit = await auditOf("organization", org.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: "organization.verify",
        actor_user_id: staff.id,
        before: { verificationStatus: "pending", rejectionReason: null },
        after: { verificationStatus: "verified", rejectionReason: null },
        ip: staff.ip,
      });
    });

    it("rejects only with a reason, and only a pending organization", async () => {
      const org = await createOrganization(database.db, { verification: "pending" });
      await expect(
        rejectOrganization(database.db, org.id, staff, { reason: "  " }),
      ).rejects.toMatchObject({
        code: "rejection_reason_required",
        status: 400,
      });
      await rejectOrganization(database.db, org.id, staff, { reason: "营业执照信息与名称不符" });
      const row = await database.db
        .selectFrom("organizations")
        .select(["verification_status", "rejection_reason"])
        .where("id", "=", org.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        verification_status: "rejected",
        rejection_reason: "营业执照信息与名称不符",
      });
      await expect(
        rejectOrganization(database.db, org.id, staff, { reason: "再次驳回" }),
      ).rejects.toMatchObject({ code: "organization_status_conflict", status: 409 });

      // A rejected organization can be verified later (corrected details).
      await verifyOrganization(database.db, org.id, staff);
      await expect(verifyOrganization(database.db, org.id, staff)).rejects.toMatchObject({
        status: 409,
      });
      const audit = await auditOf("organization", org.id);
      expect(audit.map((a) => a.action)).toEqual(["organization.reject", "organization.verify"]);
      expect(audit[1]).toMatchObject({
        before: { verificationStatus: "rejected", rejectionReason: "营业执照信息与名称不符" },
        after: { verificationStatus: "verified", rejectionReason: null },
      });
    });

    it("refuses roles without organizations.verify, and the bureau itself", async () => {
      const org = await createOrganization(database.db, { verification: "pending" });
      for (const actor of [admin, member, enterpriseMember]) {
        await expect(verifyOrganization(database.db, org.id, actor)).rejects.toMatchObject({
          status: 403,
        });
      }
      const bureau = await database.db
        .selectFrom("organizations")
        .select("id")
        .where("kind", "=", "bureau")
        .executeTakeFirstOrThrow();
      await expect(verifyOrganization(database.db, bureau.id, staff)).rejects.toMatchObject({
        status: 404,
      });
      await expect(verifyOrganization(database.db, 99_999_999, staff)).rejects.toMatchObject({
        code: "organization_not_found",
      });
      expect(await auditOf("organization", org.id)).toHaveLength(0);
    });

    it("lists the queue with kind, region and name filters and counts", async () => {
      const db = database.db;
      const tag = `筛选${Date.now()}`;
      await createOrganization(db, {
        kind: "enterprise",
        verification: "pending",
        name: `${tag}企业A`,
        regionCode: "130983",
      });
      await createOrganization(db, {
        kind: "enterprise",
        verification: "pending",
        name: `${tag}企业B`,
        regionCode: "130984",
      });
      await createOrganization(db, {
        kind: "university",
        verification: "pending",
        name: `${tag}大学`,
        regionCode: "120104",
      });
      await createOrganization(db, {
        kind: "institute",
        verification: "rejected",
        name: `${tag}研究院`,
        regionCode: "110108",
      });

      const all = await listOrganizationQueue(db, {
        status: "pending",
        q: tag,
        page: 1,
        pageSize: 50,
      });
      expect(all.total).toBe(3);
      expect(all.rows.map((r) => r.name)).toEqual([`${tag}企业A`, `${tag}企业B`, `${tag}大学`]);
      expect(all.statusCounts).toEqual({ pending: 3, verified: 0, rejected: 1 });
      expect(all.kindCounts).toEqual({ enterprise: 2, university: 1 });
      expect(all.rows[0]).toMatchObject({
        regionName: "河北省沧州市黄骅市",
        status: "pending",
        userCount: 0,
      });

      const enterprises = await listOrganizationQueue(db, {
        status: "pending",
        q: tag,
        kind: "enterprise",
        page: 1,
        pageSize: 50,
      });
      expect(enterprises.total).toBe(2);
      expect(enterprises.kindCounts).toEqual({ enterprise: 2, university: 1 });

      const inCangzhou = await listOrganizationQueue(db, {
        status: "pending",
        q: tag,
        regionCode: "130900",
        page: 1,
        pageSize: 50,
      });
      expect(inCangzhou.rows.map((r) => r.name)).toEqual([`${tag}企业A`, `${tag}企业B`]);
      const inTianjin = await listOrganizationQueue(db, {
        status: "pending",
        q: tag,
        regionCode: "120000",
        page: 1,
        pageSize: 50,
      });
      expect(inTianjin.rows.map((r) => r.name)).toEqual([`${tag}大学`]);
      expect(inTianjin.regionOptions.map((r) => r.code)).toEqual(["120104", "130983", "130984"]);

      const page2 = await listOrganizationQueue(db, {
        status: "pending",
        q: tag,
        page: 2,
        pageSize: 2,
      });
      expect(page2.rows.map((r) => r.name)).toEqual([`${tag}大学`]);
      expect(page2.total).toBe(3);

      const rejected = await listOrganizationQueue(db, {
        status: "rejected",
        q: tag,
        page: 1,
        pageSize: 50,
      });
      expect(rejected.rows.map((r) => r.name)).toEqual([`${tag}研究院`]);

      // "%" in a search is a character, not a wildcard.
      const literal = await listOrganizationQueue(db, {
        status: "pending",
        q: "%",
        page: 1,
        pageSize: 50,
      });
      expect(literal.total).toBe(0);

      const summary = await organizationQueueSummary(db);
      expect(summary.pending).toBeGreaterThanOrEqual(3);
      expect(summary.oldestSince).not.toBeNull();
    });
  });

  describe("review queue", () => {
    type Ref = { kind: ListingKind; id: number; title: string };
    const submitted: Ref[] = [];
    let revision: Ref;
    let otherUniversity: { id: number; name: string };

    async function submitResult(
      actor: TestUser,
      title: string,
      daysAfterBase: number,
      techField: TechField = "advanced_manufacturing",
    ) {
      const at = new Date(BASE.getTime() + daysAfterBase * DAY);
      const id = await createResult(database.db, actor, resultInput({ title, techField }), {
        now: at,
      });
      await submitForReview(database.db, "results", id, actor, { now: at });
      return { kind: "results" as const, id, title };
    }

    beforeAll(async () => {
      const db = database.db;
      otherUniversity = await createOrganization(db, { kind: "institute", name: "测试研究院丙" });
      const otherMember = await createUser(db, otherUniversity.id, "institution_member");
      submitted.push(await submitResult(member, "队列成果一：激光熔覆", 0));
      submitted.push(await submitResult(otherMember, "队列成果二：秸秆还田", 2, "agriculture"));
      const demandAt = new Date(BASE.getTime() + 1 * DAY);
      const demandId = await createDemand(
        db,
        enterpriseMember,
        demandInput({ title: "队列需求一：粉尘治理" }),
        { now: demandAt },
      );
      await submitForReview(db, "demands", demandId, enterpriseMember, { now: demandAt });
      submitted.push({ kind: "demands", id: demandId, title: "队列需求一：粉尘治理" });

      // A published result whose edit waits for review.
      const published = await submitResult(member, "队列成果三：已发布", -10);
      await approveListing(db, "results", published.id, staff, {
        now: new Date(BASE.getTime() - 9 * DAY),
      });
      await updateListing(
        db,
        "results",
        published.id,
        member,
        resultInput({ title: "队列成果三：修改后的标题" }),
        {
          now: new Date(BASE.getTime() + 3 * DAY),
        },
      );
      revision = published;
    }, 120_000);

    it("lists new submissions and edits oldest first, with counts", async () => {
      const queue = await listReviewQueue(database.db, { page: 1, pageSize: 50 });
      expect(queue.items.map((i) => `${i.kind}:${i.id}`)).toEqual([
        `results:${submitted[0]!.id}`,
        `demands:${submitted[2]!.id}`,
        `results:${submitted[1]!.id}`,
        `results:${revision.id}`,
      ]);
      expect(queue.total).toBe(4);
      expect(queue.kindCounts).toEqual({ results: 3, demands: 1 });
      expect(queue.typeCounts).toEqual({ new: 3, revision: 1 });
      expect(queue.techFieldCounts).toEqual({
        advanced_manufacturing: 2,
        agriculture: 1,
        environmental_protection: 1,
      });
      expect(queue.items[3]).toMatchObject({
        type: "revision",
        status: "published",
        title: "队列成果三：已发布",
        submittedAt: new Date(BASE.getTime() + 3 * DAY).toISOString(),
      });
      expect(queue.items[0]).toMatchObject({
        type: "new",
        organization: { id: university.id, name: university.name, verificationStatus: "verified" },
        submittedAt: BASE.toISOString(),
      });
      // Ordered by name in the database's collation; compare as a set.
      expect(new Map(queue.organizations.map((o) => [o.name, o.count]))).toEqual(
        new Map([
          [university.name, 2],
          [enterprise.name, 1],
          [otherUniversity.name, 1],
        ]),
      );
    });

    it("filters by kind, type, 技术领域, organization and submitted date", async () => {
      const db = database.db;
      const ids = async (filters: Parameters<typeof listReviewQueue>[1]) =>
        (await listReviewQueue(db, filters)).items.map((i) => i.id);
      const page = { page: 1, pageSize: 50 };

      const demands = await listReviewQueue(db, { ...page, kind: "demands" });
      expect(demands.items.map((i) => i.id)).toEqual([submitted[2]!.id]);
      expect(demands.kindCounts).toEqual({ results: 3, demands: 1 });

      expect(await ids({ ...page, type: "revision" })).toEqual([revision.id]);
      expect(await ids({ ...page, techField: "agriculture" })).toEqual([submitted[1]!.id]);
      expect(await ids({ ...page, organizationId: university.id })).toEqual([
        submitted[0]!.id,
        revision.id,
      ]);

      // Days are Shanghai days: BASE is 2026-03-02; +1 day is 03-03, +2 days 03-04, +3 days 03-05.
      expect(await ids({ ...page, from: "2026-03-03", to: "2026-03-04" })).toEqual([
        submitted[2]!.id,
        submitted[1]!.id,
      ]);
      expect(await ids({ ...page, from: "2026-03-05" })).toEqual([revision.id]);
      expect(await ids({ ...page, to: "2026-03-02" })).toEqual([submitted[0]!.id]);

      const combined = await listReviewQueue(db, { ...page, kind: "results", from: "2026-03-03" });
      expect(combined.total).toBe(2);
      expect(combined.typeCounts).toEqual({ new: 1, revision: 1 });

      const paged = await listReviewQueue(db, { page: 2, pageSize: 3 });
      expect(paged.items.map((i) => i.id)).toEqual([revision.id]);
      expect(paged.total).toBe(4);
    });

    it("summarizes each queue for the dashboard", async () => {
      const summary = await reviewQueueSummary(database.db);
      expect(summary).toEqual([
        { kind: "results", type: "new", count: 2, oldestSince: BASE.toISOString() },
        {
          kind: "results",
          type: "revision",
          count: 1,
          oldestSince: new Date(BASE.getTime() + 3 * DAY).toISOString(),
        },
        {
          kind: "demands",
          type: "new",
          count: 1,
          oldestSince: new Date(BASE.getTime() + DAY).toISOString(),
        },
        { kind: "demands", type: "revision", count: 0, oldestSince: null },
      ]);
    });

    it("shows the published and the edited value side by side", async () => {
      const view = await getListingForReview(database.db, staff, "results", revision.id);
      expect(view.awaiting).toBe("revision");
      const title = view.fields.find((f) => f.key === "title");
      expect(title).toEqual({
        key: "title",
        label: "成果名称",
        value: "队列成果三：已发布",
        revised: "队列成果三：修改后的标题",
      });
      expect(view.fields.find((f) => f.key === "techField")).not.toHaveProperty("revised");
      await expect(
        getListingForReview(database.db, member, "results", revision.id),
      ).rejects.toMatchObject({
        status: 403,
      });
      const fresh = await getListingForReview(database.db, staff, "demands", submitted[2]!.id);
      expect(fresh).toMatchObject({
        awaiting: "new",
        status: "pending_review",
        statusLabel: "待审核",
      });
      expect(fresh.fields.every((f) => f.revised === undefined)).toBe(true);
    });

    it("bulk approval changes nothing when one listing cannot be approved, and names it", async () => {
      const db = database.db;
      // The demand's organization loses its verification after submitting.
      await db
        .updateTable("organizations")
        .set({ verification_status: "pending" })
        .where("id", "=", enterprise.id)
        .execute();
      const refs = [submitted[0]!, submitted[2]!, submitted[1]!];
      const failure = await approveListings(db, refs, staff).catch((e: unknown) => e);
      expect(failure).toMatchObject({
        status: 409,
        code: "bulk_approve_failed",
        details: { item: `demands:${submitted[2]!.id}` },
      });
      expect((failure as Error).message).toContain("队列需求一：粉尘治理");
      expect((failure as Error).message).toContain("第 2 条");

      const statuses = await db
        .selectFrom("results")
        .select(["id", "status"])
        .where("id", "in", [submitted[0]!.id, submitted[1]!.id])
        .execute();
      expect(statuses.every((r) => r.status === "pending_review")).toBe(true);
      const approvals = await db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "result.approve")
        .where("entity_id", "in", [String(submitted[0]!.id), String(submitted[1]!.id)])
        .execute();
      expect(approvals).toHaveLength(0);
      expect((await listReviewQueue(db, { page: 1, pageSize: 50 })).total).toBe(4);

      await db
        .updateTable("organizations")
        .set({ verification_status: "verified" })
        .where("id", "=", enterprise.id)
        .execute();
    });

    it("bulk approval refuses other roles and empty selections", async () => {
      await expect(approveListings(database.db, [submitted[0]!], member)).rejects.toMatchObject({
        status: 403,
      });
      await expect(approveListings(database.db, [submitted[0]!], admin)).rejects.toMatchObject({
        status: 403,
      });
      await expect(approveListings(database.db, [], staff)).rejects.toMatchObject({
        code: "nothing_selected",
      });
    });

    it("bulk approval publishes all selected in one go, and rejection empties the queue", async () => {
      const db = database.db;
      const { last } = await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.max("id").as("last"))
        .executeTakeFirstOrThrow();
      const count = await approveListings(
        db,
        [submitted[0]!, submitted[1]!, submitted[0]!, { kind: "results", id: revision.id }],
        staff,
      );
      expect(count).toBe(3);
      const rows = await db
        .selectFrom("results")
        .select(["id", "status", "title", "pending_revision"])
        .where("id", "in", [submitted[0]!.id, submitted[1]!.id, revision.id])
        .orderBy("id")
        .execute();
      expect(rows.map((r) => r.status)).toEqual(["published", "published", "published"]);
      expect(rows.find((r) => r.id === revision.id)).toMatchObject({
        title: "队列成果三：修改后的标题",
        pending_revision: null,
      });
      const audit = await db
        .selectFrom("audit_log")
        .select(["action", "entity_id"])
        .where("actor_user_id", "=", staff.id)
        .where("entity_type", "=", "result")
        .where("entity_id", "in", [
          String(submitted[0]!.id),
          String(submitted[1]!.id),
          String(revision.id),
        ])
        .where("id", ">", Number(last))
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        "result.approve",
        "result.approve",
        "result.approve_revision",
      ]);

      await expect(
        rejectQueuedListing(db, submitted[2]!, staff, { reason: "other" }),
      ).rejects.toMatchObject({ status: 400 });
      await rejectQueuedListing(db, submitted[2]!, staff, {
        reason: "unclear",
        note: "请补充技术指标",
      });
      const queue = await listReviewQueue(db, { page: 1, pageSize: 50 });
      expect(queue.total).toBe(0);
      expect(queue.kindCounts).toEqual({ results: 0, demands: 0 });
    });
  });

  describe("audit log browser", () => {
    let subjectOrg: number;

    beforeAll(async () => {
      const db = database.db;
      subjectOrg = (await createOrganization(db, { verification: "pending", name: "审计测试机构" }))
        .id;
      const rows = [
        {
          actor: staff.id,
          action: "organization.verify",
          type: "organization",
          id: subjectOrg,
          at: "2026-01-10T01:00:00Z",
        },
        {
          actor: staff.id,
          action: "organization.reject",
          type: "organization",
          id: subjectOrg,
          at: "2026-01-11T15:59:00Z",
        },
        {
          actor: admin.id,
          action: "user.disable",
          type: "user",
          id: member.id,
          at: "2026-01-11T16:00:00Z",
        },
        {
          actor: null,
          action: "result.expire",
          type: "result",
          id: 424242,
          at: "2026-01-12T03:00:00Z",
        },
      ];
      for (const r of rows) {
        await db
          .insertInto("audit_log")
          .values({
            actor_user_id: r.actor,
            action: r.action,
            entity_type: r.type,
            entity_id: String(r.id),
            before: sql<string>`${JSON.stringify({ status: "a", same: 1 })}::text::jsonb`,
            after: sql<string>`${JSON.stringify({ status: "b", same: 1 })}::text::jsonb`,
            ip: "198.51.100.1",
            created_at: r.at,
          })
          .execute();
      }
    });

    const january = { from: "2026-01-01", to: "2026-01-31", page: 1, pageSize: 50 };

    it("requires audit.read", async () => {
      await expect(queryAuditLog(database.db, member, january)).rejects.toMatchObject({
        status: 403,
      });
      await expect(queryAuditLog(database.db, admin, january)).resolves.toBeTruthy();
    });

    it("pages newest first with actor, label, entity name and changed fields", async () => {
      const page = await queryAuditLog(database.db, staff, january);
      expect(page.total).toBe(4);
      expect(page.entries.map((e) => e.action)).toEqual([
        "result.expire",
        "user.disable",
        "organization.reject",
        "organization.verify",
      ]);
      expect(page.entries[0]).toMatchObject({
        actor: null,
        entityName: null,
        actionLabel: "科技成果 · 过期",
      });
      expect(page.entries[2]).toMatchObject({
        actor: { id: staff.id },
        entityType: "organization",
        entityId: String(subjectOrg),
        entityName: "审计测试机构",
        actionLabel: "机构 · 驳回",
        changes: [{ field: "status", label: "状态", before: "a", after: "b" }],
        ip: "198.51.100.1",
      });
      const second = await queryAuditLog(database.db, staff, { ...january, page: 2, pageSize: 3 });
      expect(second.entries.map((e) => e.action)).toEqual(["organization.verify"]);
      expect(second.total).toBe(4);
      expect(second.actions.map((a) => a.action)).toContain("user.disable");
    });

    it("filters by actor, entity, action and Shanghai date range", async () => {
      const actions = async (filters: Partial<Parameters<typeof queryAuditLog>[2]>) =>
        (await queryAuditLog(database.db, staff as Actor, { ...january, ...filters })).entries.map(
          (e) => e.action,
        );
      expect(await actions({ actor: admin.id })).toEqual(["user.disable"]);
      const staffEmail = `${staff.id}@factory.test`;
      expect(await actions({ actor: staffEmail.slice(0, 8).toUpperCase() })).toEqual([
        "organization.reject",
        "organization.verify",
      ]);
      expect(await actions({ entityType: "organization", entityId: String(subjectOrg) })).toEqual([
        "organization.reject",
        "organization.verify",
      ]);
      expect(await actions({ entityType: "user" })).toEqual(["user.disable"]);
      expect(await actions({ action: "organization.verify" })).toEqual(["organization.verify"]);
      expect(await actions({ action: "organization." })).toEqual([
        "organization.reject",
        "organization.verify",
      ]);
      // 2026-01-11T15:59Z is 23:59 on the 11th in Shanghai; 16:00Z is already the 12th.
      expect(await actions({ from: "2026-01-11", to: "2026-01-11" })).toEqual([
        "organization.reject",
      ]);
      expect(await actions({ from: "2026-01-12", to: "2026-01-12" })).toEqual([
        "result.expire",
        "user.disable",
      ]);
    });
  });
});
