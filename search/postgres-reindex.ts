/**
 * Reindexing for the Postgres search backend (reindex.ts): the staging
 * index is a set of search_documents rows under the staging name, written
 * by the Postgres backend itself; publishing replaces the live rows with
 * them in one transaction, so a search sees either all old or all new
 * rows. Rows of the live index written by listing transactions meanwhile
 * wait on the row locks and then land on the new rows.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema";
import { createPostgresSearchBackend } from "./postgres-backend";
import { type Reindexable, type StagedIndex, stagingName } from "./reindex";
import type { IndexDefinition } from "./types";

/** Reindex support for the Postgres backend over `db` (not a transaction: publishing opens one). */
export function postgresReindexable(db: Kysely<DB>): Reindexable {
  return {
    stageIndex(definition: IndexDefinition): Promise<StagedIndex> {
      const live = definition.name;
      const staging = stagingName(live);
      const backend = createPostgresSearchBackend(db, [{ ...definition, name: staging }]);
      // Nothing to create: staged rows are ordinary rows under another index name.
      return Promise.resolve({
        name: staging,
        upsert: (documents) => backend.upsert(staging, documents),
        remove: (ids) => backend.remove(staging, ids),
        async publish() {
          await db.transaction().execute(async (trx) => {
            await sql`delete from search_documents where index_name = ${live}`.execute(trx);
            await sql`update search_documents set index_name = ${live}, updated_at = now()
                      where index_name = ${staging}`.execute(trx);
          });
        },
        async drop() {
          await sql`delete from search_documents where index_name = ${staging}`.execute(db);
        },
      });
    },
  };
}
