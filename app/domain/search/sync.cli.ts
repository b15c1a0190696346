/**
 * `npm run search:sync`: the search sync worker as a process of its own,
 * for deployments that run it apart from the app (the app runs the same
 * loop itself; any number of both can run at once).
 *
 *   npm run search:sync                      run until SIGINT or SIGTERM
 *   npm run search:sync -- --once            deliver everything pending (failed rows
 *                                            too, without waiting for their backoff), then exit
 *   npm run search:sync -- --once --timeout 600
 *                                            … giving up after 600 s (exit code 1)
 *
 * Uses the app's configuration and services (DATABASE_URL, the search
 * backend chosen by MEILISEARCH_URL / SEARCH_BACKEND). With the Postgres
 * backend there is nothing to deliver: rows are only acknowledged.
 */
import { parseArgs } from "node:util";
import { services, stopServices } from "../../services.server";
import { retryFailedNow } from "./outbox-status.server";
import { acknowledgeForPostgres, pruneSearchOutbox, syncUntilEmpty } from "./search-outbox.server";
import { startSyncLoop, syncModeOf } from "./sync-loop.server";

const USAGE = `用法：npm run search:sync [-- --once [--timeout <秒>]] [-- --batch-size <条数>]`;

const { values } = parseArgs({
  options: {
    once: { type: "boolean" },
    timeout: { type: "string" },
    "batch-size": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const positive = (text: string | undefined) =>
  text === undefined ? undefined : /^[1-9]\d*$/.test(text) ? Number(text) : NaN;
const timeoutSeconds = positive(values.timeout);
const batchSize = positive(values["batch-size"]);
if (values.help || Number.isNaN(timeoutSeconds) || Number.isNaN(batchSize)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const { db, search, database, config } = await services();
console.log(`[search-sync] ${database.dialect} → ${search.kind}`);
const mode = syncModeOf(config, search);
if (mode === "hold") {
  console.error("[search-sync] Meilisearch is configured but unreachable; try again later");
  await stopServices();
  process.exit(1);
}

if (values.once) {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    if (mode === "acknowledge") {
      const acknowledged = await acknowledgeForPostgres(db);
      console.log(`[search-sync] Postgres backend: ${acknowledged} row(s) acknowledged`);
    } else {
      // Asked to deliver now: failed rows do not wait out their backoff.
      const retried = await retryFailedNow(db);
      if (retried > 0) console.log(`[search-sync] retrying ${retried} failed row(s) now`);
      const pending = await syncUntilEmpty(db, search, {
        signal: controller.signal,
        timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
        batchSize,
        onDrain: (r) =>
          console.log(
            `[search-sync] ${r.claimed} row(s): ${r.upserted} upserted, ${r.removed} removed, ${r.failed} failed`,
          ),
      });
      if (pending > 0) {
        console.error(`[search-sync] ${pending} row(s) still pending, see /admin/search`);
        process.exitCode = 1;
      }
    }
    const pruned = await pruneSearchOutbox(db);
    if (pruned > 0) console.log(`[search-sync] pruned ${pruned} processed row(s)`);
  } finally {
    await stopServices();
  }
} else {
  const loop = startSyncLoop(db, search, { batchSize });
  const stop = (signal: string) => {
    console.log(`[search-sync] ${signal}: stopping after the current batch`);
    void loop
      .stop()
      .then(() => stopServices())
      .then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}
