/**
 * The search documents the outbox worker sends (search/sync-worker.ts):
 * read from the listing repositories as they are now, so whatever order
 * outbox rows arrive in, the engine gets the current state. Only
 * published listings have a document; withdrawn, rejected, expired,
 * draft, pending and deleted ones have none and are removed from the index.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { DEMANDS_INDEX, RESULTS_INDEX } from "../../../search/index-definitions";
import type { DocumentLoader } from "../../../search/sync-worker";
import type { SearchDocument } from "../../../search/types";
import { getDemandsByIds } from "../listings/demands.server";
import { getResultsByIds } from "../listings/results.server";
import { demandDocument, resultDocument } from "../listings/search-sync.server";

/** Listing ids among `ids` (document ids that are not ids cannot exist). */
function listingIds(ids: readonly string[]): number[] {
  return ids.filter((id) => /^[1-9]\d{0,15}$/.test(id)).map(Number);
}

/** A loader of the published listings' documents; throws for an unknown index. */
export function listingDocumentLoader(db: Kysely<DB>): DocumentLoader {
  return async (indexName, ids): Promise<SearchDocument[]> => {
    switch (indexName) {
      case RESULTS_INDEX: {
        const results = await getResultsByIds(db, listingIds(ids));
        return results.filter((r) => r.status === "published").map(resultDocument);
      }
      case DEMANDS_INDEX: {
        const demands = await getDemandsByIds(db, listingIds(ids));
        return demands.filter((d) => d.status === "published").map(demandDocument);
      }
      default:
        throw new Error(`unknown search index "${indexName}"`);
    }
  };
}
