/**
 * Loads the seed data of seeds/data into a migrated database. Idempotent:
 * rows are matched by `seed_key`; a second run adds only what is missing and
 * never changes a row users have edited, withdrawn or reviewed. All in one
 * transaction: a failure leaves the database unchanged.
 *
 * Organizations get clearly fictional, valid 统一社会信用代码 (GB 32100-2015)
 * derived from their position in the list.
 */
import type { Kysely } from "kysely";
import { insertSeedDemand } from "../app/domain/listings/demands.server";
import { insertSeedResult } from "../app/domain/listings/results.server";
import { refreshAllMatchCandidates } from "../app/domain/matching/match-candidates.server";
import { fictionalUscc } from "../app/domain/organizations/uscc";
import type { DB } from "../db/schema";
import { demands } from "./data/demands";
import { organizations } from "./data/organizations";
import { results } from "./data/results";

export interface SeedCounts {
  organizations: number;
  results: number;
  demands: number;
}

/** True when the database has no organizations yet. */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom("organizations").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}

const DAY_MS = 24 * 3600 * 1000;
const LISTING_LIFETIME_MS = 365 * DAY_MS;

/**
 * Expiry of a seeded listing: a year after publication, but at least 180
 * days after seeding, so the demo market is not half expired on first start.
 */
function seedExpiry(publishedAt: Date, seededAt: Date): Date {
  return new Date(
    Math.max(publishedAt.getTime() + LISTING_LIFETIME_MS, seededAt.getTime() + 180 * DAY_MS),
  );
}

/**
 * Adds the seed rows that are missing; rows already present (matched by
 * `seed_key`) are never changed, so edits, withdrawals and reviews made on
 * the site survive a re-run. Returns how many of each the seed holds.
 */
export async function seedDatabase(db: Kysely<DB>): Promise<SeedCounts> {
  const seededAt = new Date();
  return db.transaction().execute(async (trx) => {
    const orgIds = new Map<string, number>();
    for (const [i, org] of organizations.entries()) {
      const prefix = org.kind === "enterprise" ? "91" : org.kind === "intermediary" ? "52" : "12";
      const row = await trx
        .insertInto("organizations")
        .values({
          kind: org.kind,
          name: org.name,
          uscc: fictionalUscc(prefix, org.regionCode, i + 1),
          region_code: org.regionCode,
          party_type: org.partyType,
          intro: org.intro,
          verification_status: "verified",
          seed_key: org.key,
        })
        .onConflict((oc) => oc.column("seed_key").doNothing())
        .returning("id")
        .executeTakeFirst();
      const id =
        row?.id ??
        (
          await trx
            .selectFrom("organizations")
            .select("id")
            .where("seed_key", "=", org.key)
            .executeTakeFirstOrThrow()
        ).id;
      orgIds.set(org.key, id);
    }
    const orgId = (key: string) => {
      const id = orgIds.get(key);
      if (id === undefined) throw new Error(`seed: unknown organization key "${key}"`);
      return id;
    };

    for (const r of results) {
      const publishedAt = new Date(`${r.publishedAt}T09:00:00+08:00`);
      await insertSeedResult(trx, {
        organization_id: orgId(r.ownerKey),
        title: r.title,
        summary: r.summary,
        description: r.description,
        tech_field: r.techField,
        keywords: r.keywords,
        maturity: r.maturity,
        trl: r.trl,
        ip_type: r.ipType,
        patent_numbers: r.patentNumbers,
        transfer_modes: r.transferModes,
        asking_price_fen: r.askingPriceFen,
        status: "published",
        published_at: publishedAt,
        expires_at: seedExpiry(publishedAt, seededAt),
        seed_key: r.key,
      });
    }

    for (const d of demands) {
      const publishedAt = new Date(`${d.publishedAt}T09:00:00+08:00`);
      await insertSeedDemand(trx, {
        organization_id: orgId(d.ownerKey),
        title: d.title,
        description: d.description,
        tech_field: d.techField,
        keywords: d.keywords,
        budget_min_fen: d.budgetMinFen,
        budget_max_fen: d.budgetMaxFen,
        desired_modes: d.desiredModes,
        deadline: d.deadline,
        region_code: d.regionCode,
        status: "published",
        published_at: publishedAt,
        expires_at: seedExpiry(publishedAt, seededAt),
        seed_key: d.key,
      });
    }
    await refreshAllMatchCandidates(trx);
    return {
      organizations: organizations.length,
      results: results.length,
      demands: demands.length,
    };
  });
}
