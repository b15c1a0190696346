/**
 * Loads a labeled matching set (tests/fixtures/matching: set A or set B) into a migrated
 * database: organizations (verified), results and demands (published, a few
 * weeks old), search documents in the Postgres index. Returns the database
 * ids of the fixture keys.
 */
import type { Kysely } from "kysely";
import { syncListingSearch } from "../../app/domain/listings/search-sync.server";
import type { DB } from "../../db/schema";
import {
  BENCH_DEMANDS,
  BENCH_LABELS,
  BENCH_ORGANIZATIONS,
  BENCH_RESULTS,
  type BenchDemand,
  type BenchOrganization,
  type BenchResult,
} from "../fixtures/matching/index";
import { SET_B } from "../fixtures/matching/set-b";

const WAN = 1_000_000; // fen per 万元
const DAY_MS = 86_400_000;

/** A labeled set: organizations, demands, results and graded labels (demand key → result key → 0/1/2). */
export interface BenchSet {
  name: string;
  organizations: BenchOrganization[];
  demands: BenchDemand[];
  results: BenchResult[];
  labels: Record<string, Record<string, 0 | 1 | 2>>;
}

/** Set A: the first labeled set (demands.ts, results-*.ts, labels.ts). */
export const SET_A: BenchSet = {
  name: "A",
  organizations: BENCH_ORGANIZATIONS,
  demands: BENCH_DEMANDS,
  results: BENCH_RESULTS,
  labels: BENCH_LABELS,
};

/** Set B: the harder set with attribute-decided grades (set-b*.ts, LABELING.md). */
export const SET_B_BENCH: BenchSet = { name: "B", ...SET_B };

export interface LoadedSet {
  resultIds: Map<string, number>;
  demandIds: Map<string, number>;
  resultKeys: Map<number, string>;
}

/** Inserts a fixture set (default set A); `now` anchors publication dates (deterministic ages). */
export async function loadMatchingSet(
  db: Kysely<DB>,
  now = new Date(),
  set: BenchSet = SET_A,
): Promise<LoadedSet> {
  return db.transaction().execute(async (trx) => {
    const orgIds = new Map<string, number>();
    for (const org of set.organizations) {
      const row = await trx
        .insertInto("organizations")
        .values({
          kind: org.kind,
          name: org.name,
          region_code: org.regionCode,
          party_type: org.kind === "enterprise" ? "170" : org.kind === "university" ? "022" : "021",
          intro: "",
          verification_status: "verified",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      orgIds.set(org.key, row.id);
    }
    const orgOf = (key: string) => {
      const id = orgIds.get(key);
      if (id === undefined) throw new Error(`unknown organization ${key}`);
      return id;
    };
    const resultIds = new Map<string, number>();
    for (const [i, r] of set.results.entries()) {
      const publishedAt = new Date(now.getTime() - ((i * 7) % 300) * DAY_MS);
      const row = await trx
        .insertInto("results")
        .values({
          organization_id: orgOf(r.org),
          title: r.title,
          summary: "",
          description: r.description,
          tech_field: r.techField,
          keywords: r.keywords,
          maturity: r.maturity,
          trl: null,
          ip_type: "invention_patent",
          patent_numbers: [],
          transfer_modes: r.modes,
          asking_price_fen: r.priceWan === null ? null : r.priceWan * WAN,
          status: "published",
          published_at: publishedAt,
          expires_at: new Date(publishedAt.getTime() + 365 * DAY_MS),
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
      resultIds.set(r.key, row.id);
    }
    const demandIds = new Map<string, number>();
    for (const [i, d] of set.demands.entries()) {
      const org = set.organizations.find((o) => o.key === d.org);
      const publishedAt = new Date(now.getTime() - ((i * 5) % 120) * DAY_MS);
      const row = await trx
        .insertInto("demands")
        .values({
          organization_id: orgOf(d.org),
          title: d.title,
          description: d.description,
          tech_field: d.techField,
          keywords: d.keywords,
          budget_min_fen: d.budgetWan ? d.budgetWan[0] * WAN : null,
          budget_max_fen: d.budgetWan ? d.budgetWan[1] * WAN : null,
          desired_modes: d.modes,
          deadline: null,
          region_code: org?.regionCode ?? "130900",
          status: "published",
          published_at: publishedAt,
          expires_at: new Date(publishedAt.getTime() + 365 * DAY_MS),
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
      demandIds.set(d.key, row.id);
    }
    await syncListingSearch(trx, "results", [...resultIds.values()], { matches: false });
    await syncListingSearch(trx, "demands", [...demandIds.values()], { matches: false });
    return {
      resultIds,
      demandIds,
      resultKeys: new Map([...resultIds].map(([k, v]) => [v, k])),
    };
  });
}
