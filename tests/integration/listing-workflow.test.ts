/**
 * The listing workflow (issue #3 part B) on every dialect: the status
 * machine with its invalid transitions, ownership, organization
 * verification, search visibility after each step (only published
 * listings, and only their published version), review decisions, renewal,
 * expiry and the audit trail — plus exact 万元 → fen conversion and the
 * form schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWithZod } from "@conform-to/zod/v4";
import type { Database } from "../../db/database";
import { LISTING_INDEXES } from "../../search/index-definitions";
import { createPostgresSearchBackend } from "../../search/postgres-backend";
import type { SearchBackend } from "../../search/types";
import {
  demandFormSchema,
  resultFormSchema,
  toDemandInput,
  toResultInput,
} from "../../app/domain/listings/listing-form";
import { normalizePatentNumber } from "../../app/domain/listings/listing-input";
import {
  approveListing,
  createDemand,
  createResult,
  expireListings,
  rejectListing,
  renewListing,
  saveListing,
  submitForReview,
  updateListing,
  withdrawListing,
} from "../../app/domain/listings/listing-workflow.server";
import { getOwnListing, listOwnListings } from "../../app/domain/listings/my-listings.server";
import type { ListingKind } from "../../app/domain/listings/listing-types";
import { fenToWanInput, parseWan } from "../../app/utils/money-input";
import {
  type TestUser,
  createOrganization,
  createUser,
  demandInput,
  resultInput,
} from "../support/factories";
import { testDialects } from "../support/databases";

const DAY = 24 * 3600 * 1000;

describe("万元 → fen", () => {
  it.each([
    ["35.5", 35_500_000],
    ["0.01", 10_000],
    ["0.000001", 1],
    ["1", 1_000_000],
    ["0", 0],
    ["100.123456", 100_123_456],
    ["１２．５", 12_500_000],
    ["20万元", 20_000_000],
    ["1,000", 1_000_000_000],
    ["999999999.999999", 999_999_999_999_999],
  ])("%s万元 = %i fen", (text, fen) => {
    expect(parseWan(text)).toEqual({ ok: true, fen });
  });

  it.each([
    ["abc", "not_a_number"],
    ["", "not_a_number"],
    ["1e3", "not_a_number"],
    ["0x10", "not_a_number"],
    ["1.2.3", "not_a_number"],
    ["-1", "negative"],
    ["12.3456789", "too_precise"],
    ["1000000000", "too_large"],
  ])("refuses %j (%s)", (text, code) => {
    expect(parseWan(text)).toMatchObject({ ok: false, code });
  });

  it("formats fen back to the exact 万元 text", () => {
    expect(fenToWanInput(35_500_000)).toBe("35.5");
    expect(fenToWanInput(1)).toBe("0.000001");
    expect(fenToWanInput(20_000_000)).toBe("20");
    expect(fenToWanInput(null)).toBe("");
    for (const text of ["0.01", "123.456789", "7"]) {
      const parsed = parseWan(text);
      expect(parsed.ok && fenToWanInput(parsed.fen)).toBe(text);
    }
  });
});

describe("listing forms", () => {
  const counties = ["130983", "130921"];
  const form = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [k, v] of entries) data.append(k, v);
    return data;
  };
  const demandEntries: [string, string][] = [
    ["title", "铸造车间粉尘治理"],
    ["description", "铸造车间打磨工段粉尘浓度高，希望引进在线监测方案。"],
    ["techField", "environmental_protection"],
    ["keywords", "粉尘、监测，除尘 环保"],
    ["budgetMin", "abc"],
    ["budgetMax", "50"],
    ["desiredModes", "service"],
    ["regionCode", "130983"],
    ["intent", "submit"],
  ];

  it("puts “请输入数字，单位万元” on a non-numeric budget and keeps the input", () => {
    const submission = parseWithZod(form(demandEntries), {
      schema: demandFormSchema(counties, "2026-11-30"),
    });
    expect(submission.status).toBe("error");
    const reply = submission.reply();
    expect(reply.error).toEqual({ budgetMin: ["请输入数字，单位万元"] });
    expect(reply.initialValue).toMatchObject({
      title: "铸造车间粉尘治理",
      budgetMin: "abc",
      budgetMax: "50",
    });
  });

  it("converts a valid demand form exactly and checks min ≤ max, county, deadline", () => {
    const ok = parseWithZod(
      form(demandEntries.map(([k, v]) => [k, k === "budgetMin" ? "35.5" : v])),
      { schema: demandFormSchema(counties, "2026-11-30") },
    );
    expect(ok.status).toBe("success");
    if (ok.status !== "success") return;
    expect(toDemandInput(ok.value)).toMatchObject({
      keywords: ["粉尘", "监测", "除尘", "环保"],
      budgetMinFen: 35_500_000,
      budgetMaxFen: 50_000_000,
      desiredModes: ["service"],
      deadline: null,
    });

    const bad = parseWithZod(
      form([
        ...demandEntries.filter(([k]) => !["budgetMin", "regionCode"].includes(k)),
        ["budgetMin", "80"],
        ["regionCode", "110108"],
        ["deadline", "2026-11-30"],
      ]),
      { schema: demandFormSchema(counties, "2026-11-30") },
    );
    expect(bad.reply().error).toEqual({
      budgetMax: ["最高预算不能低于最低预算"],
      regionCode: ["请选择所在县（市、区）"],
      deadline: ["截止日期须晚于今天"],
    });

    const negotiable = parseWithZod(
      form([...demandEntries.filter(([k]) => !k.startsWith("budget")), ["budgetNegotiable", "on"]]),
      { schema: demandFormSchema(counties, "2026-11-30") },
    );
    expect(negotiable.status === "success" && toDemandInput(negotiable.value)).toMatchObject({
      budgetMinFen: null,
      budgetMaxFen: null,
    });
  });

  it("checks TRL against maturity, patent numbers and price on the result form", () => {
    const entries: [string, string][] = [
      ["title", "高温合金叶片激光熔覆修复"],
      ["description", "开发同轴送粉激光熔覆修复工艺与专用合金粉末。"],
      ["techField", "advanced_manufacturing"],
      ["maturity", "laboratory"],
      ["trl", "7"],
      ["ipType", "invention_patent"],
      ["patentNumbers", "ZL202110538742.1\nZL202210164385.X"],
      ["transferModes", "license"],
    ];
    const bad = parseWithZod(form(entries), { schema: resultFormSchema });
    const errors = bad.reply().error ?? {};
    expect(errors.trl?.[0]).toContain("1–3");
    expect(errors.patentNumbers?.[0]).toContain("ZL202110538742.1");
    expect(errors.askingPrice).toEqual(["请填写参考价格（万元），或勾选“面议”"]);

    const good = parseWithZod(
      form([
        ...entries.filter(([k]) => !["trl", "patentNumbers"].includes(k)),
        ["trl", "3"],
        ["patentNumbers", "zl 202110538742.x，ZL202210164385X"],
        ["askingPrice", "120.5"],
      ]),
      { schema: resultFormSchema },
    );
    expect(good.status).toBe("success");
    if (good.status !== "success") return;
    expect(toResultInput(good.value)).toMatchObject({
      trl: 3,
      patentNumbers: ["ZL202110538742.X", "ZL202210164385.X"],
      transferModes: ["license"],
      askingPriceFen: 120_500_000,
    });
    expect(normalizePatentNumber("ZL202110538742.5")).toBeNull();
  });
});

describe.each(testDialects())("listing workflow on $name", (dialect) => {
  let database: Database;
  let search: SearchBackend;
  let officer: TestUser;
  let colleague: TestUser;
  let otherOfficer: TestUser;
  let engineer: TestUser;
  let pendingOfficer: TestUser;
  let staff: TestUser;
  const db = () => database.db;

  beforeAll(async () => {
    database = await dialect.open();
    search = createPostgresSearchBackend(database.db, LISTING_INDEXES);
    await search.ensureIndexes(LISTING_INDEXES);
    const university = await createOrganization(database.db, { kind: "university" });
    const otherUniversity = await createOrganization(database.db, { kind: "institute" });
    const enterprise = await createOrganization(database.db, { kind: "enterprise" });
    const unverified = await createOrganization(database.db, {
      kind: "university",
      verification: "pending",
    });
    const bureau = await createOrganization(database.db, { kind: "bureau", regionCode: "130900" });
    officer = await createUser(database.db, university.id, "institution_member");
    colleague = await createUser(database.db, university.id, "institution_member");
    otherOfficer = await createUser(database.db, otherUniversity.id, "institution_member");
    engineer = await createUser(database.db, enterprise.id, "enterprise_member");
    pendingOfficer = await createUser(database.db, unverified.id, "institution_member");
    staff = await createUser(database.db, bureau.id, "bureau_staff");
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  /** Ids of `kind` found by a search for `q`. */
  async function searchIds(kind: ListingKind, q: string): Promise<number[]> {
    const response = await search.search(kind, { q, page: 1, hitsPerPage: 50 });
    return response.hits.map((h) => Number(h.document.id));
  }

  async function row(kind: ListingKind, id: number) {
    return db().selectFrom(kind).selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  }

  async function auditActions(entityType: string, id: number): Promise<string[]> {
    const rows = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", entityType)
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    return rows.map((r) => r.action);
  }

  it("walks a result through draft → review → published → revision → withdrawn → renewed → rejected → published → expired", async () => {
    const t0 = new Date();
    const id = await createResult(
      db(),
      officer,
      resultInput({ title: "钒钛磁铁矿微波焙烧提钒工艺" }),
    );
    expect((await row("results", id)).status).toBe("draft");
    expect(await searchIds("results", "微波焙烧")).not.toContain(id);

    await submitForReview(db(), "results", id, officer);
    expect((await row("results", id)).status).toBe("pending_review");
    expect(await searchIds("results", "微波焙烧")).not.toContain(id);

    await approveListing(db(), "results", id, staff, { now: t0 });
    const published = await row("results", id);
    expect(published).toMatchObject({ status: "published", reviewed_by: staff.id });
    expect(published.published_at?.getTime()).toBe(t0.getTime());
    expect(published.expires_at?.getTime()).toBe(t0.getTime() + 365 * DAY);
    expect(await searchIds("results", "微波焙烧")).toContain(id);

    // An edit of the published listing waits for review; the published version stays searchable.
    const outcome = await updateListing(
      db(),
      "results",
      id,
      colleague,
      resultInput({ title: "钒钛磁铁矿富氧焙烧提钒新工艺" }),
    );
    expect(outcome).toBe("revision_submitted");
    const revised = await row("results", id);
    expect(revised.status).toBe("published");
    expect(revised.title).toBe("钒钛磁铁矿微波焙烧提钒工艺");
    expect(revised.pending_revision).toMatchObject({ title: "钒钛磁铁矿富氧焙烧提钒新工艺" });
    expect(revised.revision_submitted_at).not.toBeNull();
    expect(await searchIds("results", "微波焙烧")).toContain(id);
    expect(await searchIds("results", "富氧焙烧")).not.toContain(id);
    expect((await getOwnListing(db(), "results", id, officer)).input.title).toBe(
      "钒钛磁铁矿富氧焙烧提钒新工艺",
    );

    await approveListing(db(), "results", id, staff);
    const applied = await row("results", id);
    expect(applied).toMatchObject({
      status: "published",
      title: "钒钛磁铁矿富氧焙烧提钒新工艺",
      pending_revision: null,
    });
    expect(applied.published_at?.getTime()).toBe(t0.getTime());
    expect(await searchIds("results", "富氧焙烧")).toContain(id);
    expect(await searchIds("results", "微波焙烧")).not.toContain(id);

    await withdrawListing(db(), "results", id, officer);
    expect((await row("results", id)).status).toBe("withdrawn");
    expect(await searchIds("results", "富氧焙烧")).not.toContain(id);

    expect(await renewListing(db(), "results", id, officer)).toBe("resubmitted");
    expect((await row("results", id)).status).toBe("pending_review");

    await rejectListing(db(), "results", id, staff, { reason: "unclear", note: "请补充技术指标" });
    expect(await row("results", id)).toMatchObject({
      status: "rejected",
      rejection_reason: "unclear",
      rejection_note: "请补充技术指标",
    });
    expect(await searchIds("results", "富氧焙烧")).not.toContain(id);
    const [summary] = (await listOwnListings(db(), "results", officer)).filter((s) => s.id === id);
    expect(summary).toMatchObject({
      status: "rejected",
      rejectionReason: "unclear",
      actions: ["edit", "submit"],
    });

    // Edit in place, resubmit, approve.
    expect(
      await updateListing(
        db(),
        "results",
        id,
        officer,
        resultInput({ title: "钒钛磁铁矿富氧焙烧提钒工艺（第二版）", trl: 7 }),
      ),
    ).toBe("updated");
    expect((await row("results", id)).status).toBe("rejected");
    await submitForReview(db(), "results", id, officer);
    expect(await row("results", id)).toMatchObject({
      status: "pending_review",
      rejection_reason: null,
    });
    const t1 = new Date();
    await approveListing(db(), "results", id, staff, { now: t1, lifetimeDays: 30 });
    expect(await searchIds("results", "第二版")).toContain(id);

    // Expiry: nothing before expires_at, then expired and out of search; idempotent.
    expect(await expireListings(db(), new Date(t1.getTime() + 29 * DAY))).toEqual({
      results: 0,
      demands: 0,
    });
    const expired = await expireListings(db(), new Date(t1.getTime() + 30 * DAY + 1000));
    expect(expired.results).toBeGreaterThanOrEqual(1);
    expect((await row("results", id)).status).toBe("expired");
    expect(await searchIds("results", "第二版")).not.toContain(id);
    expect(await expireListings(db(), new Date(t1.getTime() + 30 * DAY + 1000))).toEqual({
      results: 0,
      demands: 0,
    });

    expect(await renewListing(db(), "results", id, officer)).toBe("resubmitted");
    expect((await row("results", id)).status).toBe("pending_review");

    expect(await auditActions("result", id)).toEqual([
      "result.create",
      "result.submit",
      "result.approve",
      "result.submit_revision",
      "result.approve_revision",
      "result.withdraw",
      "result.renew",
      "result.reject",
      "result.update",
      "result.submit",
      "result.approve",
      "result.expire",
      "result.renew",
    ]);
    const expiry = await db()
      .selectFrom("audit_log")
      .select(["actor_user_id", "before", "after"])
      .where("action", "=", "result.expire")
      .where("entity_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(expiry.actor_user_id).toBeNull();
    expect(expiry.before).toMatchObject({ status: "published" });
    expect(expiry.after).toMatchObject({ status: "expired" });
    const approval = await db()
      .selectFrom("audit_log")
      .select(["actor_user_id", "ip"])
      .where("action", "=", "result.approve")
      .where("entity_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(approval).toEqual({ actor_user_id: staff.id, ip: "203.0.113.7" });
  });

  it("refuses invalid transitions with ConflictError", async () => {
    const id = await createResult(db(), officer, resultInput({ title: "无效状态转换测试成果" }));
    const conflict = { name: "ConflictError" };
    await expect(withdrawListing(db(), "results", id, officer)).rejects.toMatchObject(conflict);
    await expect(approveListing(db(), "results", id, staff)).rejects.toMatchObject(conflict);
    await expect(
      rejectListing(db(), "results", id, staff, { reason: "duplicate" }),
    ).rejects.toMatchObject(conflict);
    await expect(renewListing(db(), "results", id, officer)).rejects.toMatchObject(conflict);

    await submitForReview(db(), "results", id, officer);
    await expect(submitForReview(db(), "results", id, officer)).rejects.toMatchObject({
      name: "ConflictError",
      message: "当前状态为“待审核”，不能提交审核",
    });
    await expect(
      updateListing(db(), "results", id, officer, resultInput({ title: "审核中修改" })),
    ).rejects.toMatchObject(conflict);
    await expect(renewListing(db(), "results", id, officer)).rejects.toMatchObject(conflict);

    await approveListing(db(), "results", id, staff);
    await expect(approveListing(db(), "results", id, staff)).rejects.toMatchObject({
      code: "not_pending_review",
    });
    await expect(submitForReview(db(), "results", id, officer)).rejects.toMatchObject(conflict);
    await expect(renewListing(db(), "results", id, officer)).rejects.toMatchObject({
      code: "renewal_too_early",
    });

    // Rejection reasons come from the list; 其他 needs a note.
    await updateListing(db(), "results", id, officer, resultInput({ title: "待驳回的修改" }));
    await expect(
      rejectListing(db(), "results", id, staff, { reason: "other" }),
    ).rejects.toMatchObject({
      name: "ValidationError",
      details: { note: "选择“其他”时请填写说明" },
    });
    await expect(
      rejectListing(db(), "results", id, staff, { reason: "bogus" as "other", note: "x" }),
    ).rejects.toMatchObject({ name: "ValidationError" });
  });

  it("rejecting an edit keeps the published version and records the reason", async () => {
    const { id } = await saveListing(
      db(),
      "results",
      null,
      officer,
      resultInput({ title: "秸秆生物炭基肥制备技术" }),
      "submit",
    );
    await approveListing(db(), "results", id, staff);
    await updateListing(
      db(),
      "results",
      id,
      officer,
      resultInput({ title: "秸秆热解炭化联产技术" }),
    );
    await rejectListing(db(), "results", id, staff, { reason: "untrue", note: "指标与专利不符" });
    expect(await row("results", id)).toMatchObject({
      status: "published",
      title: "秸秆生物炭基肥制备技术",
      pending_revision: null,
      revision_submitted_at: null,
      rejection_reason: "untrue",
      rejection_note: "指标与专利不符",
    });
    expect(await searchIds("results", "生物炭")).toContain(id);
    expect(await searchIds("results", "热解炭化")).not.toContain(id);
    expect((await auditActions("result", id)).slice(-2)).toEqual([
      "result.submit_revision",
      "result.reject_revision",
    ]);
  });

  it("renews a published listing only in its last 30 days", async () => {
    const { id } = await saveListing(
      db(),
      "results",
      null,
      officer,
      resultInput({ title: "续期测试成果" }),
      "submit",
    );
    const approvedAt = new Date(Date.now() - 340 * DAY);
    await approveListing(db(), "results", id, staff, { now: approvedAt });
    const now = new Date();
    expect(await renewListing(db(), "results", id, officer, { now })).toBe("extended");
    const renewed = await row("results", id);
    expect(renewed.status).toBe("published");
    expect(renewed.expires_at?.getTime()).toBe(now.getTime() + 365 * DAY);
    expect(renewed.published_at?.getTime()).toBe(approvedAt.getTime());
  });

  it("lets members act only on their own organization's listings", async () => {
    const id = await createResult(db(), officer, resultInput({ title: "归属检查成果" }));
    const notFound = { name: "NotFoundError", code: "result_not_found" };
    await expect(submitForReview(db(), "results", id, otherOfficer)).rejects.toMatchObject(
      notFound,
    );
    await expect(
      updateListing(db(), "results", id, otherOfficer, resultInput()),
    ).rejects.toMatchObject(notFound);
    await expect(getOwnListing(db(), "results", id, otherOfficer)).rejects.toMatchObject(notFound);
    expect((await listOwnListings(db(), "results", otherOfficer)).map((l) => l.id)).not.toContain(
      id,
    );
    // A colleague of the same organization may.
    await submitForReview(db(), "results", id, colleague);

    const forbidden = { name: "ForbiddenError" };
    await expect(createResult(db(), engineer, resultInput())).rejects.toMatchObject(forbidden);
    await expect(createDemand(db(), officer, demandInput())).rejects.toMatchObject(forbidden);
    await expect(withdrawListing(db(), "results", id, engineer)).rejects.toMatchObject(forbidden);
    await expect(approveListing(db(), "results", id, officer)).rejects.toMatchObject(forbidden);
    await expect(createResult(db(), staff, resultInput())).rejects.toMatchObject(forbidden);
    expect((await row("results", id)).status).toBe("pending_review");
  });

  it("lets an unverified organization save drafts but not submit", async () => {
    const count = async () =>
      Number(
        (
          await db()
            .selectFrom("results")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("organization_id", "=", pendingOfficer.organizationId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const id = await createResult(db(), pendingOfficer, resultInput({ title: "未认证机构草稿" }));
    const refused = {
      name: "ForbiddenError",
      code: "organization_not_verified",
      message: "机构尚未通过认证，暂不能提交发布",
    };
    await expect(submitForReview(db(), "results", id, pendingOfficer)).rejects.toMatchObject(
      refused,
    );
    expect((await row("results", id)).status).toBe("draft");
    expect(await count()).toBe(1);
    // 提交审核 of a new listing saves nothing when refused.
    await expect(
      saveListing(
        db(),
        "results",
        null,
        pendingOfficer,
        resultInput({ title: "未认证机构直接提交" }),
        "submit",
      ),
    ).rejects.toMatchObject(refused);
    expect(await count()).toBe(1);
    expect(
      await saveListing(
        db(),
        "results",
        id,
        pendingOfficer,
        resultInput({ title: "未认证机构草稿二" }),
        "save",
      ),
    ).toEqual({
      id,
      outcome: "saved",
    });
  });

  it("runs demands through the same machine with budget in fen and home-city counties", async () => {
    const { id, outcome } = await saveListing(
      db(),
      "demands",
      null,
      engineer,
      demandInput({
        title: "盐碱地耐盐苜蓿种植技术需求",
        budgetMinFen: 35_500_000,
        budgetMaxFen: 35_500_000,
      }),
      "submit",
    );
    expect(outcome).toBe("submitted");
    expect(await row("demands", id)).toMatchObject({
      status: "pending_review",
      budget_min_fen: 35_500_000,
    });
    expect(await searchIds("demands", "耐盐苜蓿")).not.toContain(id);
    await approveListing(db(), "demands", id, staff);
    expect(await searchIds("demands", "耐盐苜蓿")).toContain(id);
    const hit = (await search.search("demands", { q: "耐盐苜蓿", page: 1, hitsPerPage: 5 }))
      .hits[0];
    expect(hit?.document).toMatchObject({ budgetMinFen: 35_500_000, countyCode: "130983" });

    const invalid = { name: "ValidationError" };
    await expect(
      createDemand(db(), engineer, demandInput({ regionCode: "110108" })),
    ).rejects.toMatchObject({
      ...invalid,
      details: { regionCode: "请选择所在县（市、区）" },
    });
    await expect(
      createDemand(db(), engineer, demandInput({ budgetMinFen: 50, budgetMaxFen: 10 })),
    ).rejects.toMatchObject({ ...invalid, details: { budgetMaxFen: "最高预算不能低于最低预算" } });
    await expect(
      createDemand(db(), engineer, demandInput({ deadline: "2020-01-01" })),
    ).rejects.toMatchObject({
      ...invalid,
      details: { deadline: "截止日期须晚于今天" },
    });
    await expect(
      createResult(db(), officer, resultInput({ maturity: "laboratory", trl: 9 })),
    ).rejects.toMatchObject(invalid);

    await withdrawListing(db(), "demands", id, engineer);
    expect(await searchIds("demands", "耐盐苜蓿")).not.toContain(id);
    expect(await auditActions("demand", id)).toEqual([
      "demand.create",
      "demand.submit",
      "demand.approve",
      "demand.withdraw",
    ]);
  });
});
