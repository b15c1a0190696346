/**
 * The search outbox worker (DESIGN.md §4, sync): carries listing changes
 * from `search_outbox` to an external search backend, in batches, at least
 * once and idempotently, with any number of workers at once.
 *
 * One batch:
 * 1. claim: one statement takes the oldest due pending rows `FOR UPDATE
 *    SKIP LOCKED` and leases them by moving `available_at` to now + lease
 *    (a visibility timeout), counting the attempt. No transaction stays open
 *    while the backend works: on PGlite that would stall the whole app, and
 *    on a server it would pin a connection and hold back vacuum for as long
 *    as the search engine takes. Rows of a worker that dies come due again
 *    when their lease ends.
 * 2. load: the rows of one document coalesce, and the document is read as
 *    it is now (`loadDocuments`: published ⇒ a document, otherwise none);
 *    a row's `operation` is never trusted, so replays and rows that arrive
 *    out of order are harmless.
 * 3. apply: per index, upsert the present documents and remove the absent
 *    ones; backends await their tasks and throw on anything but success.
 * 4. verify: reload. A document that changed since step 2 may have been
 *    written by another worker before this, now stale, write landed, so its
 *    rows are released to be processed again rather than marked done.
 * 5. finish: rows of applied documents get `processed_at`; the rows of an
 *    index that failed keep `last_error` and wait an exponential, capped,
 *    jittered backoff. A row is only ever deleted after it was processed.
 *
 * Imports nothing from app/: the caller supplies the documents.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema";
import type { SearchBackend, SearchDocument } from "./types";

/**
 * The current documents of `ids` in `indexName`: one per id that should be
 * searchable (a published listing), none for the others, which are removed.
 */
export type DocumentLoader = (
  indexName: string,
  ids: readonly string[],
) => Promise<SearchDocument[]>;

/** The backend methods the worker writes through. */
export type SyncTarget = Pick<SearchBackend, "upsert" | "remove">;

export interface SyncOptions {
  /** Rows claimed per batch (default 500). */
  batchSize?: number;
  /** How long a claim lasts before another worker may take the rows (default 2 minutes). */
  leaseMs?: number;
  /** First retry delay after a failure; doubles per attempt (default 5 s). */
  backoffBaseMs?: number;
  /** Longest retry delay (default 10 minutes). */
  backoffCapMs?: number;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
}

export interface BatchReport {
  /** Ids of the rows this batch claimed. */
  rowIds: number[];
  /** Documents written and removed. */
  upserted: number;
  removed: number;
  /** Rows marked processed, failed (backing off), released (changed meanwhile). */
  processed: number;
  failed: number;
  released: number;
  /** One message per index that failed. */
  errors: string[];
}

export interface DrainReport extends Omit<BatchReport, "rowIds"> {
  batches: number;
  claimed: number;
}

const DEFAULTS = {
  batchSize: 500,
  leaseMs: 120_000,
  backoffBaseMs: 5_000,
  backoffCapMs: 600_000,
};
const MAX_ERROR_LENGTH = 2_000;
const PRUNE_CHUNK = 10_000;

interface ClaimedRow {
  id: number;
  index_name: string;
  doc_id: string;
  attempts: number;
}

/**
 * Delay before retry number `attempts` + 1: base · 2^(attempts − 1), at
 * most `cap`, of which a random half ("equal jitter"), so workers that
 * failed together do not retry together.
 */
export function backoffDelayMs(
  attempts: number,
  { backoffBaseMs = DEFAULTS.backoffBaseMs, backoffCapMs = DEFAULTS.backoffCapMs }: SyncOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const delay = Math.min(backoffCapMs, backoffBaseMs * 2 ** exponent);
  return Math.round(delay / 2 + (random() * delay) / 2);
}

/** JSON with object keys sorted, so equal documents compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Claims and leases up to `batchSize` due rows (see the module comment, step 1). */
async function claimBatch(
  db: Kysely<DB>,
  batchSize: number,
  leaseMs: number,
): Promise<ClaimedRow[]> {
  const { rows } = await sql<ClaimedRow>`
    with due as (
      select id from search_outbox
      where processed_at is null and available_at <= now()
      order by id
      limit ${batchSize}
      for update skip locked
    )
    update search_outbox as o
    set available_at = now() + ${leaseMs}::double precision * interval '1 millisecond',
        attempts = o.attempts + 1
    from due
    where o.id = due.id
    returning o.id, o.index_name, o.doc_id, o.attempts`.execute(db);
  return rows.sort((a, b) => a.id - b.id);
}

const byId = (documents: readonly SearchDocument[]) => new Map(documents.map((d) => [d.id, d]));

interface IndexOutcome {
  done: ClaimedRow[];
  released: ClaimedRow[];
  upserted: number;
  removed: number;
}

/** Steps 2–4 for the rows of one index; throws when loading or the backend fails. */
async function applyIndex(
  target: SyncTarget,
  loadDocuments: DocumentLoader,
  indexName: string,
  rows: readonly ClaimedRow[],
): Promise<IndexOutcome> {
  const ids = [...new Set(rows.map((r) => r.doc_id))];
  const loaded = byId(await loadDocuments(indexName, ids));
  const upserts = ids.flatMap((id) => loaded.get(id) ?? []);
  const removals = ids.filter((id) => !loaded.has(id));
  if (upserts.length > 0) await target.upsert(indexName, upserts);
  if (removals.length > 0) await target.remove(indexName, removals);

  const now = byId(await loadDocuments(indexName, ids));
  const changed = new Set(
    ids.filter(
      (id) => canonicalJson(loaded.get(id) ?? null) !== canonicalJson(now.get(id) ?? null),
    ),
  );
  return {
    done: rows.filter((r) => !changed.has(r.doc_id)),
    released: rows.filter((r) => changed.has(r.doc_id)),
    upserted: upserts.length,
    removed: removals.length,
  };
}

const idsOf = (rows: readonly ClaimedRow[]) => rows.map((r) => r.id);

async function markProcessed(db: Kysely<DB>, rows: readonly ClaimedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .updateTable("search_outbox")
    .set({ processed_at: sql<Date>`now()` })
    .where("id", "in", idsOf(rows))
    .where("processed_at", "is", null)
    .execute();
}

async function release(db: Kysely<DB>, rows: readonly ClaimedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .updateTable("search_outbox")
    .set({ available_at: sql<Date>`now()` })
    .where("id", "in", idsOf(rows))
    .where("processed_at", "is", null)
    .execute();
}

async function markFailed(
  db: Kysely<DB>,
  rows: readonly ClaimedRow[],
  message: string,
  options: SyncOptions,
): Promise<void> {
  const random = options.random ?? Math.random;
  const delays = rows.map(
    (r) => sql`(${r.id}::bigint, ${backoffDelayMs(r.attempts, options, random)}::double precision)`,
  );
  await sql`
    update search_outbox as o
    set last_error = ${message.slice(0, MAX_ERROR_LENGTH)},
        last_error_at = now(),
        available_at = now() + v.delay_ms * interval '1 millisecond'
    from (values ${sql.join(delays)}) as v(id, delay_ms)
    where o.id = v.id and o.processed_at is null`.execute(db);
}

/**
 * An error's message followed by those of its causes ("Request to … has
 * failed: fetch failed: connect ECONNREFUSED …"), for people to read.
 */
export function errorMessage(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const message =
      typeof current === "object" && "message" in current && typeof current.message === "string"
        ? current.message
        : typeof current === "string"
          ? current
          : "";
    if (message && !parts.some((part) => part.includes(message))) parts.push(message);
    current = typeof current === "object" && "cause" in current ? current.cause : undefined;
  }
  return parts.join(": ") || String(error);
}

/**
 * Claims one batch and carries it to `target` (steps 1–5 of the module
 * comment). Returns what happened; `rowIds` is empty when nothing was due.
 * Throws only when the database fails (the rows stay leased and come due
 * again when the lease ends).
 */
export async function syncBatch(
  db: Kysely<DB>,
  target: SyncTarget,
  loadDocuments: DocumentLoader,
  options: SyncOptions = {},
): Promise<BatchReport> {
  const rows = await claimBatch(
    db,
    options.batchSize ?? DEFAULTS.batchSize,
    options.leaseMs ?? DEFAULTS.leaseMs,
  );
  const report: BatchReport = {
    rowIds: idsOf(rows),
    upserted: 0,
    removed: 0,
    processed: 0,
    failed: 0,
    released: 0,
    errors: [],
  };
  const byIndex = new Map<string, ClaimedRow[]>();
  for (const row of rows) {
    const group = byIndex.get(row.index_name);
    if (group) group.push(row);
    else byIndex.set(row.index_name, [row]);
  }
  for (const [indexName, indexRows] of byIndex) {
    let outcome: IndexOutcome;
    try {
      outcome = await applyIndex(target, loadDocuments, indexName, indexRows);
    } catch (error) {
      const message = `${indexName}: ${errorMessage(error)}`;
      await markFailed(db, indexRows, message, options);
      report.failed += indexRows.length;
      report.errors.push(message);
      continue;
    }
    await markProcessed(db, outcome.done);
    await release(db, outcome.released);
    report.upserted += outcome.upserted;
    report.removed += outcome.removed;
    report.processed += outcome.done.length;
    report.released += outcome.released.length;
  }
  return report;
}

/**
 * Runs batches until none is due, a batch fails (the backend is likely
 * down: wait before hammering it with the rest of the backlog), or
 * `signal` aborts (between batches).
 */
export async function drainOutbox(
  db: Kysely<DB>,
  target: SyncTarget,
  loadDocuments: DocumentLoader,
  options: SyncOptions & { signal?: AbortSignal } = {},
): Promise<DrainReport> {
  const total: DrainReport = {
    batches: 0,
    claimed: 0,
    upserted: 0,
    removed: 0,
    processed: 0,
    failed: 0,
    released: 0,
    errors: [],
  };
  while (!options.signal?.aborted) {
    const batch = await syncBatch(db, target, loadDocuments, options);
    if (batch.rowIds.length === 0) break;
    total.batches += 1;
    total.claimed += batch.rowIds.length;
    total.upserted += batch.upserted;
    total.removed += batch.removed;
    total.processed += batch.processed;
    total.failed += batch.failed;
    total.released += batch.released;
    total.errors.push(...batch.errors);
    if (batch.failed > 0) break;
  }
  return total;
}

export interface PendingSummary {
  /** Rows not yet processed (due, leased or backing off). */
  pending: number;
  /** Milliseconds until the next pending row is due (≤ 0: due now); null when none is pending. */
  nextDueInMs: number | null;
}

/** How much is left, and when the next row comes due. */
export async function pendingSummary(db: Kysely<DB>): Promise<PendingSummary> {
  const { rows } = await sql<{ pending: number; next_due_in_ms: number | null }>`
    select count(*)::int as pending,
           (extract(epoch from min(available_at) - now()) * 1000)::float8 as next_due_in_ms
    from search_outbox where processed_at is null`.execute(db);
  const row = rows[0];
  return { pending: row?.pending ?? 0, nextDueInMs: row?.next_due_in_ms ?? null };
}

/**
 * Marks pending rows created at least `olderThanMs` ago processed without
 * sending them anywhere: for the Postgres backend, which updated its index
 * in the listing's own transaction. Returns how many.
 */
export async function acknowledgePending(db: Kysely<DB>, olderThanMs: number): Promise<number> {
  const result = await db
    .updateTable("search_outbox")
    .set({ processed_at: sql<Date>`now()` })
    .where("processed_at", "is", null)
    .where(
      "created_at",
      "<=",
      sql<Date>`now() - ${olderThanMs}::double precision * interval '1 millisecond'`,
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes rows processed more than `days` ago, in chunks; returns how many. */
export async function pruneProcessed(db: Kysely<DB>, days: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await db
      .deleteFrom("search_outbox")
      .where("id", "in", (eb) =>
        eb
          .selectFrom("search_outbox")
          .select("id")
          .where(
            "processed_at",
            "<",
            sql<Date>`now() - ${days}::double precision * interval '1 day'`,
          )
          .limit(PRUNE_CHUNK),
      )
      .executeTakeFirst();
    const count = Number(result.numDeletedRows);
    deleted += count;
    if (count < PRUNE_CHUNK) return deleted;
  }
}
