/**
 * Periodic maintenance inside the app process (started by server.mjs via
 * entry.server `startup`): expire listings past their expiry date and drop
 * expired sessions. Each run is idempotent and safe with several app
 * instances running it at once. Errors are logged, never thrown.
 */
import { expireListings } from "./domain/listings/listing-workflow.server";
import { services } from "./services.server";

const HOUR_MS = 3_600_000;

async function runOnce(): Promise<void> {
  const { db, auth } = await services();
  const expired = await expireListings(db);
  if (expired.results + expired.demands > 0) {
    console.log(`[jobs] expired ${expired.results} result(s), ${expired.demands} demand(s)`);
  }
  await auth.deleteExpiredSessions();
}

let timer: NodeJS.Timeout | undefined;

/** Runs the jobs now and then every hour; calling it again does nothing. */
export function startBackgroundJobs(): void {
  if (timer) return;
  const tick = () => void runOnce().catch((error: unknown) => console.error("[jobs]", error));
  tick();
  timer = setInterval(tick, HOUR_MS);
  timer.unref();
}

/** Stops the timer (graceful shutdown). */
export function stopBackgroundJobs(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
