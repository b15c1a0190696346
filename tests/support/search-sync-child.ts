/**
 * A search sync worker process for the crash test
 * (tests/integration/search-sync-crash.test.ts): the same drain as
 * `npm run search:sync -- --once` (syncUntilEmpty with the listing
 * documents), into the real Meilisearch backend at MEILI_URL, with a short
 * lease and backoff so that a killed worker's rows come back quickly.
 * Prints JSON lines: `ready` once connected, one per drain, and `done`
 * when nothing is pending.
 *
 *   DATABASE_URL=… MEILI_URL=… MEILI_KEY=… INDEX_PREFIX=… node --import tsx search-sync-child.ts
 */
import { openDatabase } from "../../db/database";
import { syncUntilEmpty } from "../../app/domain/search/search-outbox.server";
import { LISTING_INDEXES } from "../../search/index-definitions";
import { createMeilisearchBackend } from "../../search/meilisearch-backend";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const database = await openDatabase({ databaseUrl: env("DATABASE_URL"), poolSize: 3 });
const backend = createMeilisearchBackend({
  host: env("MEILI_URL"),
  apiKey: env("MEILI_KEY"),
  definitions: LISTING_INDEXES,
  indexPrefix: env("INDEX_PREFIX"),
  taskTimeoutMs: 10_000,
  taskIntervalMs: 5,
});
console.log(JSON.stringify({ ready: true }));
try {
  const pending = await syncUntilEmpty(database.db, backend, {
    batchSize: Number(process.env.BATCH_SIZE ?? 200),
    leaseMs: Number(process.env.LEASE_MS ?? 1_500),
    backoffBaseMs: 50,
    backoffCapMs: 500,
    onDrain: (report) => console.log(JSON.stringify({ drain: report })),
  });
  console.log(JSON.stringify({ done: true, pending }));
} finally {
  await database.close();
}
