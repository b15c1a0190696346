/**
 * Repository of research results (科技成果): reads map snake_case rows to
 * `Result`; writes keep the search data in step in the same transaction.
 */
import type { Kysely } from "kysely";
import type { DB, NewResultRow, ResultRow } from "../../../db/schema";
import { NotFoundError } from "../errors";
import { type Region, regionFullName, regionMap } from "../regions/regions.server";
import type {
  IpType,
  ListingStatus,
  Maturity,
  OrganizationKind,
  TechField,
  TransferMode,
} from "../taxonomy/taxonomy";
import type { OrganizationSummary, Result } from "./listing-types";
import { syncListingSearch } from "./search-sync.server";

type OrgColumns = { org_name: string; org_kind: string; org_region_code: string };

function organizationOf(
  row: { organization_id: number } & OrgColumns,
  regions: Map<string, Region>,
): OrganizationSummary {
  return {
    id: row.organization_id,
    name: row.org_name,
    kind: row.org_kind as OrganizationKind,
    regionCode: row.org_region_code,
    regionName: regionFullName(regions, row.org_region_code, false),
  };
}

export { organizationOf };

function toResult(row: ResultRow & OrgColumns, regions: Map<string, Region>): Result {
  return {
    id: row.id,
    organization: organizationOf(row, regions),
    title: row.title,
    summary: row.summary,
    description: row.description,
    techField: row.tech_field as TechField,
    keywords: row.keywords,
    maturity: row.maturity as Maturity,
    trl: row.trl,
    ipType: row.ip_type as IpType,
    patentNumbers: row.patent_numbers,
    transferModes: row.transfer_modes as TransferMode[],
    askingPriceFen: row.asking_price_fen,
    status: row.status as ListingStatus,
    publishedAt: row.published_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

function selectResults(db: Kysely<DB>) {
  return db
    .selectFrom("results")
    .innerJoin("organizations as o", "o.id", "results.organization_id")
    .selectAll("results")
    .select(["o.name as org_name", "o.kind as org_kind", "o.region_code as org_region_code"]);
}

/**
 * The result with `id`, if it exists and (with `publishedOnly`, the default)
 * is published. Throws NotFoundError otherwise.
 */
export async function getResult(
  db: Kysely<DB>,
  id: number,
  { publishedOnly = true } = {},
): Promise<Result> {
  let query = selectResults(db).where("results.id", "=", id);
  if (publishedOnly) query = query.where("results.status", "=", "published");
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFoundError("result_not_found", `未找到编号为 ${id} 的科技成果`);
  return toResult(row, await regionMap(db));
}

/** Rows of `ids` in the given order, with their organizations (for search documents). */
export async function getResultsByIds(db: Kysely<DB>, ids: readonly number[]): Promise<Result[]> {
  if (ids.length === 0) return [];
  const rows = await selectResults(db).where("results.id", "in", ids).execute();
  const regions = await regionMap(db);
  const byId = new Map(rows.map((r) => [r.id, toResult(r, regions)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The `limit` newest published results. */
export async function newestResults(db: Kysely<DB>, limit: number): Promise<Result[]> {
  const rows = await selectResults(db)
    .where("results.status", "=", "published")
    .orderBy("results.published_at", "desc")
    .orderBy("results.id", "desc")
    .limit(limit)
    .execute();
  const regions = await regionMap(db);
  return rows.map((r) => toResult(r, regions));
}

/**
 * Inserts a seed result unless one with the same `seed_key` exists (then it
 * is left exactly as users and reviewers have changed it), and indexes it
 * in the same transaction. Returns the new id, or null when it existed.
 */
export async function insertSeedResult(trx: Kysely<DB>, row: NewResultRow): Promise<number | null> {
  const inserted = await trx
    .insertInto("results")
    .values(row)
    .onConflict((oc) => oc.column("seed_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return null;
  // The seed rebuilds every match pair at the end (refreshAllMatchCandidates).
  await syncListingSearch(trx, "results", [inserted.id], { matches: false });
  return inserted.id;
}
