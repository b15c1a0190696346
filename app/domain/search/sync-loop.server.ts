/**
 * The search sync loop inside a long-running process (the app, or
 * `npm run search:sync`): drains the outbox into an external backend every
 * second, or, with the Postgres backend, acknowledges its rows every
 * minute; prunes processed rows every hour. Safe with any number of
 * processes running it (search/sync-worker.ts). Errors are logged, never
 * thrown; after failures it waits longer, up to a minute.
 */
import type { Kysely } from "kysely";
import { setTimeout as delay } from "node:timers/promises";
import type { DB } from "../../../db/schema";
import { type SearchBackendConfig, wantedBackend } from "../../../search/backend-factory";
import type { SyncOptions } from "../../../search/sync-worker";
import type { SearchBackend } from "../../../search/types";
import {
  acknowledgeForPostgres,
  drainSearchOutbox,
  pruneSearchOutbox,
} from "./search-outbox.server";

export interface SyncLoopOptions extends SyncOptions {
  /** Wait between drains when the outbox is empty (default 1 s). */
  idleMs?: number;
  /** Wait between acknowledgements with the Postgres backend (default 1 minute). */
  acknowledgeEveryMs?: number;
  /** Wait between prunes of processed rows (default 1 hour). */
  pruneEveryMs?: number;
  /** Where progress and errors go (default console, prefixed "[search-sync]"). */
  log?: { info(message: string): void; error(message: string, error?: unknown): void };
}

export interface SyncLoop {
  /** Stops after the current batch; resolves when the loop has ended. */
  stop(): Promise<void>;
}

const MAX_ERROR_WAIT_MS = 60_000;

/**
 * What a process does with the outbox: `deliver` to Meilisearch when it is
 * configured and this process uses it; `acknowledge` when the Postgres
 * backend is configured; `hold` when Meilisearch is configured but this
 * process fell back to Postgres (unreachable at start) — acknowledging
 * then would lose the changes for Meilisearch, so the rows wait for a
 * process that reaches it (a restart, or `npm run search:sync`).
 */
export type SyncMode = "deliver" | "acknowledge" | "hold";

export function syncModeOf(configured: SearchBackendConfig, active: SearchBackend): SyncMode {
  if (wantedBackend(configured) === "postgres") return "acknowledge";
  return active.kind === "meilisearch" ? "deliver" : "hold";
}

const consoleLog = {
  info: (message: string) => console.log(`[search-sync] ${message}`),
  error: (message: string, error?: unknown) =>
    error === undefined
      ? console.error(`[search-sync] ${message}`)
      : console.error(`[search-sync] ${message}`, error),
};

/**
 * Starts the loop for `backend` (see the module comment): delivery for
 * Meilisearch, acknowledgement for Postgres. Do not start it in `hold`.
 */
export function startSyncLoop(
  db: Kysely<DB>,
  backend: SearchBackend,
  options: SyncLoopOptions = {},
): SyncLoop {
  const {
    idleMs = 1_000,
    acknowledgeEveryMs = 60_000,
    pruneEveryMs = 3_600_000,
    log = consoleLog,
  } = options;
  const controller = new AbortController();
  const { signal } = controller;

  async function step(): Promise<{ wait: number; failed: boolean }> {
    if (backend.kind === "postgres") {
      await acknowledgeForPostgres(db);
      return { wait: acknowledgeEveryMs, failed: false };
    }
    const report = await drainSearchOutbox(db, backend, { ...options, signal });
    if (report.claimed > 0) {
      log.info(
        `${report.claimed} row(s): ${report.upserted} upserted, ${report.removed} removed, ` +
          `${report.failed} failed, ${report.released} changed meanwhile`,
      );
    }
    for (const message of report.errors) log.error(`batch failed, will retry: ${message}`);
    return { wait: idleMs, failed: report.failed > 0 };
  }

  async function run(): Promise<void> {
    let lastPrune = -Infinity;
    let failures = 0;
    while (!signal.aborted) {
      let wait = idleMs;
      let failed = true;
      try {
        if (Date.now() - lastPrune >= pruneEveryMs) {
          lastPrune = Date.now();
          const pruned = await pruneSearchOutbox(db);
          if (pruned > 0) log.info(`pruned ${pruned} processed row(s)`);
        }
        ({ wait, failed } = await step());
      } catch (error) {
        log.error("sync step failed", error);
      }
      failures = failed ? failures + 1 : 0;
      if (failures > 0) wait = Math.min(MAX_ERROR_WAIT_MS, Math.max(wait, idleMs * 2 ** failures));
      await delay(wait, undefined, { signal }).catch(() => {});
    }
  }

  const running = run();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
