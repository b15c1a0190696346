/**
 * `npm run search:reindex`: rebuilds the results and demands indexes of the
 * active search backend from PostgreSQL without downtime (search/reindex.ts):
 * loads every published listing into a staging index, replays the outbox
 * rows written meanwhile, swaps, and drops the old data. Prints progress.
 * Exit code 1 when a rebuild fails (the live index is then untouched).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { LISTING_INDEXES } from "../../../search/index-definitions";
import type { MeilisearchBackend } from "../../../search/meilisearch-backend";
import { postgresReindexable } from "../../../search/postgres-reindex";
import { type IndexWriter, type Reindexable, reindex } from "../../../search/reindex";
import type { IndexDefinition, SearchBackend } from "../../../search/types";
import { services, stopServices } from "../../services.server";
import { listingDocumentLoader } from "./search-documents.server";

const BATCH = 500;

/** Published listing ids of `index`, in batches, turned into documents. */
async function* allDocuments(db: Kysely<DB>, index: IndexDefinition) {
  const load = listingDocumentLoader(db);
  const table = index.name === "results" ? "results" : "demands";
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom(table)
      .select("id")
      .where("status", "=", "published")
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield await load(
      index.name,
      rows.map((r) => String(r.id)),
    );
  }
}

/** Replays outbox rows of `index` with id > `sinceId` into `writer` (current state of each listing). */
async function replayOutbox(
  db: Kysely<DB>,
  index: IndexDefinition,
  sinceId: number,
  writer: IndexWriter,
) {
  const rows = await db
    .selectFrom("search_outbox")
    .select("doc_id")
    .distinct()
    .where("index_name", "=", index.name)
    .where("id", ">", sinceId)
    .execute();
  const ids = rows.map((r) => r.doc_id);
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const documents = await listingDocumentLoader(db)(index.name, batch);
    const present = new Set(documents.map((d) => d.id));
    if (documents.length > 0) await writer.upsert(documents);
    const gone = batch.filter((id) => !present.has(id));
    if (gone.length > 0) await writer.remove(gone);
  }
  return ids.length;
}

const { db, search } = await services();
const target: SearchBackend & Reindexable =
  search.kind === "meilisearch"
    ? (search as MeilisearchBackend)
    : { ...search, ...postgresReindexable(db) };
console.log(`[reindex] backend: ${search.kind}`);

let failed = false;
for (const index of LISTING_INDEXES) {
  const started = performance.now();
  const mark = await db
    .selectFrom("search_outbox")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  const sinceId = Number(mark?.id ?? 0);
  try {
    const result = await reindex(target, index, allDocuments(db, index), {
      onProgress: (p) => console.log(`[reindex] ${p.index}: ${p.phase}, ${p.documents} documents`),
      catchUp: async (writer, stage) => {
        const replayed = await replayOutbox(db, index, sinceId, writer);
        console.log(
          `[reindex] ${index.name}: replayed ${replayed} change(s) into the ${stage} index`,
        );
      },
    });
    console.log(
      `[reindex] ${result.index}: ${result.documents} documents in ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    failed = true;
    console.error(`[reindex] ${index.name} failed; the live index is unchanged:`, error);
  }
}
await stopServices();
process.exit(failed ? 1 : 0);
