/**
 * The matcher, 不相关 feedback, precomputed pairs and the market view on a
 * real database (PGlite, and the PostgreSQL server when DATABASE_URL is
 * set), with the Postgres search backend.
 */
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncListingSearch } from "../../app/domain/listings/search-sync.server";
import { strongestUnworkedMatches } from "../../app/domain/matching/market-view.server";
import {
  feedbackCountsByFeature,
  markIrrelevant,
} from "../../app/domain/matching/match-feedback.server";
import {
  matchDemandsForResult,
  matchResultsForDemand,
} from "../../app/domain/matching/matcher.server";
import { refreshAllMatchCandidates } from "../../app/domain/matching/match-candidates.server";
import type { Database } from "../../db/database";
import type { DB } from "../../db/schema";
import { LISTING_INDEXES } from "../../search/index-definitions";
import { createPostgresSearchBackend } from "../../search/postgres-backend";
import type { SearchBackend } from "../../search/types";
import { testDialects } from "../support/databases";
import { type TestUser, createOrganization, createUser } from "../support/factories";

const DAY = 86_400_000;

async function addResult(
  db: Kysely<DB>,
  organizationId: number,
  fields: { title: string; description: string; keywords: string[]; techField: string },
  status = "published",
): Promise<number> {
  const row = await db
    .insertInto("results")
    .values({
      organization_id: organizationId,
      title: fields.title,
      summary: "",
      description: fields.description,
      tech_field: fields.techField,
      keywords: fields.keywords,
      maturity: "industrialization",
      trl: null,
      ip_type: "invention_patent",
      patent_numbers: [],
      transfer_modes: ["license"],
      asking_price_fen: 30_000_000,
      status,
      published_at: status === "published" ? new Date(Date.now() - 10 * DAY) : null,
      expires_at: null,
      created_by: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
      rejection_reason: null,
      rejection_note: null,
      pending_revision: null,
      revision_submitted_at: null,
      seed_key: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await syncListingSearch(db, "results", [row.id]);
  return row.id;
}

async function addDemand(
  db: Kysely<DB>,
  organizationId: number,
  fields: { title: string; description: string; keywords: string[]; techField: string },
  { status = "published", regionCode = "130983" } = {},
): Promise<number> {
  const row = await db
    .insertInto("demands")
    .values({
      organization_id: organizationId,
      title: fields.title,
      description: fields.description,
      tech_field: fields.techField,
      keywords: fields.keywords,
      budget_min_fen: 0,
      budget_max_fen: 50_000_000,
      desired_modes: ["license"],
      deadline: null,
      region_code: regionCode,
      status,
      published_at: status === "published" ? new Date(Date.now() - 5 * DAY) : null,
      expires_at: null,
      created_by: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
      rejection_reason: null,
      rejection_note: null,
      pending_revision: null,
      revision_submitted_at: null,
      seed_key: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await syncListingSearch(db, "demands", [row.id]);
  return row.id;
}

const CLADDING = {
  title: "阀门密封面激光熔覆耐磨强化",
  description: "我厂阀门密封面磨损严重，希望采用激光熔覆耐磨涂层提高使用寿命。",
  keywords: ["激光熔覆", "耐磨"],
  techField: "advanced_manufacturing",
};

for (const dialect of testDialects()) {
  describe(`matching on ${dialect.name}`, () => {
    let database: Database;
    let db: Kysely<DB>;
    let search: SearchBackend;
    let enterprise: number;
    let tianjin: number;
    let shandong: number;
    let engineer: TestUser;
    let engineer2: TestUser;
    let tianjinMember: TestUser;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      database = await dialect.open();
      db = database.db;
      search = createPostgresSearchBackend(db, LISTING_INDEXES);
      enterprise = (await createOrganization(db, { kind: "enterprise", regionCode: "130983" })).id;
      const county = (await createOrganization(db, { kind: "enterprise", regionCode: "130981" }))
        .id;
      tianjin = (await createOrganization(db, { kind: "university", regionCode: "120104" })).id;
      shandong = (await createOrganization(db, { kind: "university", regionCode: "370102" })).id;
      engineer = await createUser(db, enterprise, "enterprise_member");
      engineer2 = await createUser(db, enterprise, "enterprise_member");
      tianjinMember = await createUser(db, tianjin, "institution_member");

      ids.sameField = await addResult(db, shandong, {
        title: "激光熔覆铁基耐磨合金涂层",
        description: "高速激光熔覆铁基合金涂层，用于阀门密封面和法兰的耐磨强化。",
        keywords: ["激光熔覆", "耐磨涂层"],
        techField: "advanced_manufacturing",
      });
      ids.otherField = await addResult(db, shandong, {
        title: "激光熔覆镍基耐磨合金粉末",
        description: "激光熔覆用镍基合金粉末材料，涂层耐磨，适用于阀门密封面。",
        keywords: ["激光熔覆", "合金粉末"],
        techField: "new_materials",
      });
      ids.tianjinResult = await addResult(db, tianjin, {
        title: "阀门密封面激光熔覆修复技术",
        description: "激光熔覆修复阀门密封面磨损，耐磨寿命提高三倍。",
        keywords: ["激光熔覆", "阀门"],
        techField: "advanced_manufacturing",
      });
      ids.ownResult = await addResult(db, enterprise, {
        title: "阀门密封面激光熔覆耐磨工艺",
        description: "本公司自有的激光熔覆耐磨工艺。",
        keywords: ["激光熔覆", "耐磨"],
        techField: "advanced_manufacturing",
      });
      ids.unrelated = await addResult(db, shandong, {
        title: "工业大数据实时数据管道平台",
        description: "流式计算的数据管道软件，支持多源数据实时采集。",
        keywords: ["数据管道"],
        techField: "electronic_information",
      });
      ids.draftResult = await addResult(
        db,
        shandong,
        { ...CLADDING, title: "草稿：激光熔覆耐磨" },
        "draft",
      );
      ids.demand = await addDemand(db, enterprise, CLADDING);
      ids.otherCountyDemand = await addDemand(db, county, CLADDING, { regionCode: "130981" });
      ids.draftDemand = await addDemand(db, enterprise, CLADDING, { status: "draft" });
    });

    afterAll(async () => {
      await database?.close();
    });

    it("ranks the same-field result first and explains it", async () => {
      const matches = await matchResultsForDemand(db, search, ids.demand!);
      const order = matches.map((m) => m.id);
      expect(order.indexOf(ids.sameField!)).toBeLessThan(order.indexOf(ids.otherField!));
      expect(order).not.toContain(ids.unrelated);
      expect(order).not.toContain(ids.draftResult);
      const top = matches[0]!;
      expect([ids.sameField, ids.tianjinResult]).toContain(top.id);
      expect(top.score).toBeGreaterThan(60);
      expect(Object.values(top.breakdown).reduce((a, b) => a + b, 0)).toBe(top.score);
      expect(top.reason).toContain("同属先进制造领域");
      expect(top.reason).toContain("激光熔覆");
      for (let i = 1; i < matches.length; i++) {
        expect(matches[i - 1]!.score).toBeGreaterThanOrEqual(matches[i]!.score);
      }
    });

    it("never recommends the demand's own organization's results", async () => {
      const matches = await matchResultsForDemand(db, search, ids.demand!, { limit: 50 });
      expect(matches.map((m) => m.id)).not.toContain(ids.ownResult);
    });

    it("leaves out the viewer's own organization's listings", async () => {
      const all = await matchDemandsForResult(db, search, ids.sameField!);
      expect(all.map((m) => m.id)).toContain(ids.demand);
      const forTianjin = await matchResultsForDemand(db, search, ids.demand!, {
        userId: tianjinMember.id,
      });
      expect(forTianjin.map((m) => m.id)).not.toContain(ids.tianjinResult);
      expect(forTianjin.map((m) => m.id)).toContain(ids.sameField);
    });

    it("hides a pair marked 不相关 for that user only, in both directions", async () => {
      await markIrrelevant(db, {
        userId: engineer.id,
        demandId: ids.demand!,
        resultId: ids.sameField!,
        side: "demand",
        reason: "field",
        note: "我们只要修复服务",
      });
      const mine = await matchResultsForDemand(db, search, ids.demand!, { userId: engineer.id });
      expect(mine.map((m) => m.id)).not.toContain(ids.sameField);
      const colleague = await matchResultsForDemand(db, search, ids.demand!, {
        userId: engineer2.id,
      });
      expect(colleague.map((m) => m.id)).toContain(ids.sameField);
      const reverse = await matchDemandsForResult(db, search, ids.sameField!, {
        userId: engineer.id,
      });
      expect(reverse.map((m) => m.id)).not.toContain(ids.demand);
    });

    it("counts feedback per blamed feature", async () => {
      await markIrrelevant(db, {
        userId: engineer2.id,
        demandId: ids.demand!,
        resultId: ids.otherField!,
        side: "demand",
        reason: "content",
      });
      await markIrrelevant(db, {
        userId: engineer2.id,
        demandId: ids.demand!,
        resultId: ids.tianjinResult!,
        side: "demand",
        reason: "other",
      });
      // A second mark of the same pair replaces the first.
      await markIrrelevant(db, {
        userId: engineer2.id,
        demandId: ids.demand!,
        resultId: ids.tianjinResult!,
        side: "demand",
        reason: "price",
      });
      const counts = await feedbackCountsByFeature(db);
      expect(counts.byFeature).toMatchObject({ field: 1, text: 1, price: 1, region: 0 });
      expect(counts.unattributed).toBe(0);
      expect(counts.total).toBe(3);
      await expect(
        markIrrelevant(db, {
          userId: engineer2.id,
          demandId: ids.demand!,
          resultId: ids.unrelated!,
          side: "demand",
          reason: "nonsense" as "other",
        }),
      ).rejects.toMatchObject({ code: "invalid_feedback" });
    });

    it("answers NotFound for unpublished or unknown listings and rejects bad limits", async () => {
      await expect(matchResultsForDemand(db, search, ids.draftDemand!)).rejects.toMatchObject({
        code: "demand_not_found",
      });
      await expect(matchResultsForDemand(db, search, 99_999_999)).rejects.toMatchObject({
        code: "demand_not_found",
      });
      await expect(matchDemandsForResult(db, search, ids.draftResult!)).rejects.toMatchObject({
        code: "result_not_found",
      });
      await expect(
        matchResultsForDemand(db, search, ids.demand!, { limit: 51 }),
      ).rejects.toMatchObject({ code: "invalid_limit" });
    });

    it("keeps precomputed pairs in step with listing changes, for the market view", async () => {
      const pairs = await db
        .selectFrom("match_candidates")
        .select(["demand_id", "result_id", "score"])
        .where("demand_id", "=", ids.demand!)
        .execute();
      expect(pairs.map((p) => p.result_id)).toContain(ids.sameField);
      expect(pairs.map((p) => p.result_id)).not.toContain(ids.ownResult);

      const view = await strongestUnworkedMatches(db, search, { limit: 100 });
      expect(view.some((v) => v.demandId === ids.demand && v.resultId === ids.sameField)).toBe(
        true,
      );
      for (let i = 1; i < view.length; i++) {
        expect(view[i - 1]!.score).toBeGreaterThanOrEqual(view[i]!.score);
      }
      const county = await strongestUnworkedMatches(db, search, { countyCode: "130981" });
      expect(county.length).toBeGreaterThan(0);
      expect(county.every((v) => v.demandId === ids.otherCountyDemand)).toBe(true);
      const field = await strongestUnworkedMatches(db, search, { techField: "new_materials" });
      expect(field.every((v) => v.resultId === ids.otherField)).toBe(true);

      // An inquiry about the pair makes it worked.
      await db
        .insertInto("inquiries")
        .values({
          result_id: ids.sameField!,
          demand_id: ids.demand!,
          initiator_organization_id: enterprise,
          counterpart_organization_id: shandong,
          initiated_by: engineer.id,
        })
        .execute();
      const after = await strongestUnworkedMatches(db, search, { limit: 100 });
      expect(after.some((v) => v.demandId === ids.demand && v.resultId === ids.sameField)).toBe(
        false,
      );

      // Withdrawing the result drops its pairs.
      await db
        .updateTable("results")
        .set({ status: "withdrawn" })
        .where("id", "=", ids.tianjinResult!)
        .execute();
      await syncListingSearch(db, "results", [ids.tianjinResult!]);
      const left = await db
        .selectFrom("match_candidates")
        .select("demand_id")
        .where("result_id", "=", ids.tianjinResult!)
        .execute();
      expect(left).toEqual([]);

      const rebuilt = await refreshAllMatchCandidates(db);
      expect(rebuilt.demands).toBe(2);
      expect(rebuilt.pairs).toBeGreaterThan(0);
    });
  });
}
