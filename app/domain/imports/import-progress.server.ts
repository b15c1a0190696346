/**
 * Runs a ledger import commit in the background of the request that
 * confirmed it, and tracks its progress for the progress bar.
 * - Progress is kept in this process (always) and, on a PostgreSQL server,
 *   also written to the batch row through another pooled connection, so
 *   any app instance can show it. PGlite has a single connection, which
 *   the committing transaction holds: other requests wait until it ends,
 *   so there the bar moves in one step.
 * - The request waits up to `waitMs` for the commit, so small files show
 *   their result at once; bigger ones redirect to the progress page.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { Actor } from "../accounts/actor";
import { claimImportBatch, type CommitOutcome, runImportCommit } from "./import-commit.server";

interface Running {
  done: number;
  total: number;
  promise: Promise<CommitOutcome | null>;
}

const running = new Map<number, Running>();

/** Rows written so far by a commit running in this process, or null. */
export function localProgress(batchId: number): { done: number; total: number } | null {
  const run = running.get(batchId);
  return run ? { done: run.done, total: run.total } : null;
}

/**
 * Claims and starts committing `batchId`. Returns "already_committed" when
 * an earlier submit committed it, "done" when it finished within `waitMs`,
 * otherwise "running". Throws what claimImportBatch throws (errors in the
 * batch, another commit running, no permission).
 */
export async function startImportCommit(
  database: { db: Kysely<DB>; dialect: "pglite" | "postgres" },
  batchId: number,
  actor: Actor,
  { waitMs = 1500 } = {},
): Promise<"already_committed" | "done" | "running"> {
  const { db } = database;
  if (!(await claimImportBatch(db, batchId, actor))) return "already_committed";
  const run: Running = { done: 0, total: 0, promise: Promise.resolve(null) };
  running.set(batchId, run);
  run.promise = runImportCommit(db, batchId, actor, {
    onProgress: async (done, total) => {
      run.done = done;
      run.total = total;
      if (database.dialect === "postgres") {
        await db
          .updateTable("contract_import_batches")
          .set({ progress_done: done, updated_at: new Date() })
          .where("id", "=", batchId)
          .where("status", "=", "committing")
          .execute();
      }
    },
  })
    .catch((error: unknown) => {
      // The batch is marked failed with a message for the page; keep the cause in the log.
      console.error(`[import] batch ${batchId} failed:`, error);
      return null;
    })
    .finally(() => running.delete(batchId));
  const finished = await Promise.race([
    run.promise.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), waitMs).unref()),
  ]);
  return finished ? "done" : "running";
}
