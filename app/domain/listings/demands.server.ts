/**
 * Repository of technical demands (技术需求): reads map snake_case rows to
 * `Demand`; writes keep the search data in step in the same transaction.
 */
import type { Kysely } from "kysely";
import type { DB, DemandRow, NewDemandRow } from "../../../db/schema";
import { NotFoundError } from "../errors";
import { type Region, regionFullName, regionMap } from "../regions/regions.server";
import type { ListingStatus, TechField, TransferMode } from "../taxonomy/taxonomy";
import type { Demand } from "./listing-types";
import { organizationOf } from "./results.server";
import { syncListingSearch } from "./search-sync.server";

type OrgColumns = { org_name: string; org_kind: string; org_region_code: string };

function toDemand(row: DemandRow & OrgColumns, regions: Map<string, Region>): Demand {
  return {
    id: row.id,
    organization: organizationOf(row, regions),
    title: row.title,
    description: row.description,
    techField: row.tech_field as TechField,
    keywords: row.keywords,
    budgetMinFen: row.budget_min_fen,
    budgetMaxFen: row.budget_max_fen,
    desiredModes: row.desired_modes as TransferMode[],
    deadline: row.deadline,
    regionCode: row.region_code,
    regionName: regionFullName(regions, row.region_code, false),
    status: row.status as ListingStatus,
    publishedAt: row.published_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

function selectDemands(db: Kysely<DB>) {
  return db
    .selectFrom("demands")
    .innerJoin("organizations as o", "o.id", "demands.organization_id")
    .selectAll("demands")
    .select(["o.name as org_name", "o.kind as org_kind", "o.region_code as org_region_code"]);
}

/**
 * The demand with `id`, if it exists and (with `publishedOnly`, the default)
 * is published. Throws NotFoundError otherwise.
 */
export async function getDemand(
  db: Kysely<DB>,
  id: number,
  { publishedOnly = true } = {},
): Promise<Demand> {
  let query = selectDemands(db).where("demands.id", "=", id);
  if (publishedOnly) query = query.where("demands.status", "=", "published");
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFoundError("demand_not_found", `未找到编号为 ${id} 的技术需求`);
  return toDemand(row, await regionMap(db));
}

/** Demands of `ids` in the given order (for search documents). */
export async function getDemandsByIds(db: Kysely<DB>, ids: readonly number[]): Promise<Demand[]> {
  if (ids.length === 0) return [];
  const rows = await selectDemands(db).where("demands.id", "in", ids).execute();
  const regions = await regionMap(db);
  const byId = new Map(rows.map((r) => [r.id, toDemand(r, regions)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The `limit` newest published demands. */
export async function newestDemands(db: Kysely<DB>, limit: number): Promise<Demand[]> {
  const rows = await selectDemands(db)
    .where("demands.status", "=", "published")
    .orderBy("demands.published_at", "desc")
    .orderBy("demands.id", "desc")
    .limit(limit)
    .execute();
  const regions = await regionMap(db);
  return rows.map((r) => toDemand(r, regions));
}

/**
 * Inserts a seed demand unless one with the same `seed_key` exists (then it
 * is left exactly as users and reviewers have changed it), and indexes it
 * in the same transaction. Returns the new id, or null when it existed.
 */
export async function insertSeedDemand(trx: Kysely<DB>, row: NewDemandRow): Promise<number | null> {
  const inserted = await trx
    .insertInto("demands")
    .values(row)
    .onConflict((oc) => oc.column("seed_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return null;
  // The seed rebuilds every match pair at the end (refreshAllMatchCandidates).
  await syncListingSearch(trx, "demands", [inserted.id], { matches: false });
  return inserted.id;
}

/** Counts of published results and demands, for the home page. */
export async function listingCounts(db: Kysely<DB>): Promise<{ results: number; demands: number }> {
  const [results, demands] = await Promise.all([
    db
      .selectFrom("results")
      .where("status", "=", "published")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("demands")
      .where("status", "=", "published")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { results: Number(results.n), demands: Number(demands.n) };
}
