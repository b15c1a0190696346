/**
 * What the admin page (/admin/search) shows about search sync: the
 * backend and whether it answers, the backlog, failed rows, the last
 * successful delivery and the last error — and "retry failed now".
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import { RESULTS_INDEX } from "../../../search/index-definitions";
import { errorMessage } from "../../../search/sync-worker";
import type { SearchBackend } from "../../../search/types";

/** Failed rows listed on the page (the count covers all of them). */
import { FAILED_ROWS_SHOWN } from "./outbox-limits";

export { FAILED_ROWS_SHOWN };
const HEALTH_TIMEOUT_MS = 3_000;

export interface FailedOutboxRow {
  id: number;
  indexName: string;
  docId: string;
  operation: "upsert" | "delete";
  attempts: number;
  lastError: string;
  lastErrorAt: string | null;
  /** When the next attempt is due (ISO). */
  nextAttemptAt: string;
}

export interface SearchSyncStatus {
  /** Rows not yet delivered. */
  backlog: number;
  /** Creation time of the oldest of them (ISO). */
  oldestPendingAt: string | null;
  /** Pending rows whose last attempt failed. */
  failedCount: number;
  /** The most recently failed of them, up to FAILED_ROWS_SHOWN. */
  failed: FailedOutboxRow[];
  /** Last time a row was delivered (or, with the Postgres backend, acknowledged). */
  lastProcessedAt: string | null;
  /** The newest error on any row still kept, delivered since or not. */
  lastError: { message: string; at: string; indexName: string; docId: string } | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The outbox figures of the admin page. */
export async function searchSyncStatus(db: Kysely<DB>): Promise<SearchSyncStatus> {
  const counts = await db
    .selectFrom("search_outbox")
    .select([
      sql<number>`count(*)::int`.as("backlog"),
      sql<number>`(count(*) filter (where last_error is not null))::int`.as("failed"),
      sql<Date | null>`min(created_at)`.as("oldest"),
    ])
    .where("processed_at", "is", null)
    .executeTakeFirstOrThrow();
  const failed = await db
    .selectFrom("search_outbox")
    .select([
      "id",
      "index_name",
      "doc_id",
      "operation",
      "attempts",
      "last_error",
      "last_error_at",
      "available_at",
    ])
    .where("processed_at", "is", null)
    .where("last_error", "is not", null)
    .orderBy("last_error_at", (ob) => ob.desc().nullsLast())
    .orderBy("id", "desc")
    .limit(FAILED_ROWS_SHOWN)
    .execute();
  const { last } = await db
    .selectFrom("search_outbox")
    .select(sql<Date | null>`max(processed_at)`.as("last"))
    .where("processed_at", "is not", null)
    .executeTakeFirstOrThrow();
  const lastError = await db
    .selectFrom("search_outbox")
    .select(["last_error", "last_error_at", "index_name", "doc_id"])
    .where("last_error_at", "is not", null)
    .orderBy("last_error_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return {
    backlog: counts.backlog,
    oldestPendingAt: iso(counts.oldest),
    failedCount: counts.failed,
    failed: failed.map((r) => ({
      id: r.id,
      indexName: r.index_name,
      docId: r.doc_id,
      operation: r.operation,
      attempts: r.attempts,
      lastError: r.last_error ?? "",
      lastErrorAt: iso(r.last_error_at),
      nextAttemptAt: new Date(r.available_at).toISOString(),
    })),
    lastProcessedAt: iso(last),
    lastError:
      lastError?.last_error && lastError.last_error_at
        ? {
            message: lastError.last_error,
            at: new Date(lastError.last_error_at).toISOString(),
            indexName: lastError.index_name,
            docId: lastError.doc_id,
          }
        : null,
  };
}

/**
 * Makes every failed pending row due now instead of after its backoff;
 * returns how many. A row a worker is retrying at this moment may be sent
 * twice, which is harmless (delivery is idempotent).
 */
export async function retryFailedNow(db: Kysely<DB>): Promise<number> {
  const result = await db
    .updateTable("search_outbox")
    .set({ available_at: sql<Date>`now()` })
    .where("processed_at", "is", null)
    .where("last_error", "is not", null)
    .where("available_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface BackendHealth {
  kind: SearchBackend["kind"];
  ok: boolean;
  latencyMs: number;
  error: string | null;
}

/** Whether `backend` answers a one-hit search within a few seconds. */
export async function backendHealth(backend: SearchBackend): Promise<BackendHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${HEALTH_TIMEOUT_MS / 1000} 秒内没有响应`)),
      HEALTH_TIMEOUT_MS,
    );
  });
  try {
    // Meilisearch's own health endpoint: its searches fall back to Postgres
    // when it is down (search/backend-factory.ts), so a search would pass.
    const probe =
      "isHealthy" in backend && typeof backend.isHealthy === "function"
        ? (backend.isHealthy as () => Promise<boolean>)().then((healthy) => {
            if (!healthy) throw new Error("Meilisearch 健康检查未通过（无法连接或不可用）");
          })
        : backend.search(RESULTS_INDEX, { page: 1, hitsPerPage: 1 });
    await Promise.race([probe, timeout]);
    return { kind: backend.kind, ok: true, latencyMs: performance.now() - started, error: null };
  } catch (error) {
    return {
      kind: backend.kind,
      ok: false,
      latencyMs: performance.now() - started,
      error: errorMessage(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
