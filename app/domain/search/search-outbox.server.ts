/**
 * The search outbox, app side: the generic worker (search/sync-worker.ts)
 * wired to the listing documents, and the policies around it — how long
 * processed rows are kept, and what the Postgres backend does with rows
 * nobody needs to send.
 */
import type { Kysely } from "kysely";
import { setTimeout as delay } from "node:timers/promises";
import type { DB } from "../../../db/schema";
import {
  type DrainReport,
  type SyncOptions,
  type SyncTarget,
  acknowledgePending,
  drainOutbox,
  pendingSummary,
  pruneProcessed,
} from "../../../search/sync-worker";
import { listingDocumentLoader } from "./search-documents.server";

/** Processed rows are kept this long (a record of recent changes), then pruned. */
export const OUTBOX_RETENTION_DAYS = 7;

/**
 * With the Postgres backend every listing write already updated the index
 * in its own transaction, so outbox rows are acknowledged, not sent — but
 * only once they are this old: while a deployment switches to Meilisearch,
 * instances still on Postgres must not swallow the changes the first
 * Meilisearch instances are about to send.
 */
export const POSTGRES_ACK_GRACE_MS = 15 * 60_000;

/** One drain of the outbox into `target` with the listing documents (see drainOutbox). */
export function drainSearchOutbox(
  db: Kysely<DB>,
  target: SyncTarget,
  options: SyncOptions & { signal?: AbortSignal } = {},
): Promise<DrainReport> {
  return drainOutbox(db, target, listingDocumentLoader(db), options);
}

/** Marks rows the Postgres backend needs no delivery for processed; returns how many. */
export function acknowledgeForPostgres(db: Kysely<DB>): Promise<number> {
  return acknowledgePending(db, POSTGRES_ACK_GRACE_MS);
}

/** Deletes processed rows past the retention; returns how many. */
export function pruneSearchOutbox(db: Kysely<DB>): Promise<number> {
  return pruneProcessed(db, OUTBOX_RETENTION_DAYS);
}

export interface UntilEmptyOptions extends SyncOptions {
  signal?: AbortSignal;
  /** Give up after this long with rows still pending (default: never). */
  timeoutMs?: number;
  /** Called after every drain that claimed rows. */
  onDrain?: (report: DrainReport) => void;
}

/**
 * Drains until no row is pending at all — including rows leased by a
 * worker that died (waiting for their lease to end) and rows backing off
 * after a failure. Returns how many rows are still pending: 0, unless
 * aborted or timed out.
 */
export async function syncUntilEmpty(
  db: Kysely<DB>,
  target: SyncTarget,
  options: UntilEmptyOptions = {},
): Promise<number> {
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  for (;;) {
    const report = await drainSearchOutbox(db, target, options);
    if (report.claimed > 0) options.onDrain?.(report);
    const { pending, nextDueInMs } = await pendingSummary(db);
    if (pending === 0 || options.signal?.aborted || Date.now() >= deadline) return pending;
    const wait = Math.min(Math.max(nextDueInMs ?? 0, 50), 1_000, deadline - Date.now());
    await delay(wait, undefined, { signal: options.signal }).catch(() => {});
  }
}
