/**
 * Keeps search data in step with listings, inside the caller's transaction:
 * - the Postgres search index (same database) is updated directly, so a
 *   committed listing change is searchable at once and a rolled-back one
 *   never was;
 * - a `search_outbox` row per listing is written for an external engine
 *   (Meilisearch), drained by the sync worker (DESIGN.md §4).
 * Only published listings are indexed; any other status removes the document.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { demandsIndex, resultsIndex } from "../../../search/index-definitions";
import { createPostgresSearchBackend } from "../../../search/postgres-backend";
import type { SearchDocument } from "../../../search/types";
import { refreshMatchCandidates } from "../matching/match-candidates.server";
import { provinceOf } from "../regions/regions.server";
import { getDemandsByIds } from "./demands.server";
import type { Demand, ListingKind, Result } from "./listing-types";
import { getResultsByIds } from "./results.server";

const epochMs = (iso: string | null) => (iso ? Date.parse(iso) : null);

/** The search document of a result (index "results"). */
export function resultDocument(result: Result): SearchDocument {
  return {
    id: String(result.id),
    title: result.title,
    summary: result.summary,
    description: result.description,
    keywords: result.keywords,
    organizationName: result.organization.name,
    organizationId: result.organization.id,
    regionName: result.organization.regionName,
    techField: result.techField,
    maturity: result.maturity,
    trl: result.trl,
    transferModes: result.transferModes,
    sourceProvince: provinceOf(result.organization.regionCode),
    ipType: result.ipType,
    askingPriceFen: result.askingPriceFen,
    publishedAt: epochMs(result.publishedAt),
  };
}

/** The search document of a demand (index "demands"). */
export function demandDocument(demand: Demand): SearchDocument {
  return {
    id: String(demand.id),
    title: demand.title,
    description: demand.description,
    keywords: demand.keywords,
    organizationName: demand.organization.name,
    organizationId: demand.organization.id,
    regionName: demand.regionName,
    techField: demand.techField,
    desiredModes: demand.desiredModes,
    countyCode: demand.regionCode,
    budgetMinFen: demand.budgetMinFen,
    budgetMaxFen: demand.budgetMaxFen,
    deadline: demand.deadline,
    publishedAt: epochMs(demand.publishedAt),
  };
}

/**
 * Re-indexes the listings `ids` of `kind` from their current rows, within
 * `trx`: upserts published ones, removes the rest, and queues one outbox
 * row each. Ids that do not exist are removed from the index. Then, unless
 * `matches` is false (bulk loads that rebuild all pairs afterwards), their
 * precomputed match pairs are refreshed (matching/match-candidates.server.ts).
 */
export async function syncListingSearch(
  trx: Kysely<DB>,
  kind: ListingKind,
  ids: readonly number[],
  { matches = true }: { matches?: boolean } = {},
): Promise<void> {
  if (ids.length === 0) return;
  const definition = kind === "results" ? resultsIndex : demandsIndex;
  const listings =
    kind === "results" ? await getResultsByIds(trx, ids) : await getDemandsByIds(trx, ids);
  const published = listings.filter((l) => l.status === "published");
  const publishedIds = new Set(published.map((l) => l.id));
  const documents = published.map((l) =>
    kind === "results" ? resultDocument(l as Result) : demandDocument(l as Demand),
  );
  const removed = ids.filter((id) => !publishedIds.has(id)).map(String);

  const backend = createPostgresSearchBackend(trx, [definition]);
  if (documents.length > 0) await backend.upsert(definition.name, documents);
  if (removed.length > 0) await backend.remove(definition.name, removed);
  await trx
    .insertInto("search_outbox")
    .values(
      ids.map((id) => ({
        index_name: definition.name,
        doc_id: String(id),
        operation: publishedIds.has(id) ? ("upsert" as const) : ("delete" as const),
        available_at: new Date(),
      })),
    )
    .execute();
  if (matches) await refreshMatchCandidates(trx, kind, ids);
}
