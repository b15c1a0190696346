/**
 * Periodic maintenance inside the app process (started by server.mjs via
 * entry.server `startup`): expire listings past their expiry date and drop
 * expired sessions, hourly; and the search sync loop, which carries the
 * search outbox to an external backend (Meilisearch) every second or, with
 * the in-database Postgres backend, acknowledges its rows; and the e-mail
 * outbox loop, which sends queued mail through the configured transport
 * (EMAIL_TRANSPORT) every few seconds. Each is
 * idempotent and safe with several app instances running it at once.
 * Errors are logged, never thrown.
 */
import { expireListings } from "./domain/listings/listing-workflow.server";
import { sendDailyDigests } from "./domain/matching/match-alert-digest.server";
import { processMatchAlertQueue } from "./domain/matching/match-alerts.server";
import { type EmailLoop, startEmailLoop } from "./domain/notifications/email-outbox.server";
import { createEmailTransport } from "./domain/notifications/email-transport.server";
import { type SyncLoop, startSyncLoop, syncModeOf } from "./domain/search/sync-loop.server";
import { services } from "./services.server";

const HOUR_MS = 3_600_000;
const MATCH_ALERT_INTERVAL_MS = 60_000;

async function runOnce(): Promise<void> {
  const { db, auth } = await services();
  const expired = await expireListings(db);
  if (expired.results + expired.demands > 0) {
    console.log(`[jobs] expired ${expired.results} result(s), ${expired.demands} demand(s)`);
  }
  await auth.deleteExpiredSessions();
}

let matchAlertsRunning: Promise<void> | undefined;

/**
 * Works off the new-match alert queue and sends due daily digests. Runs
 * once at a time per process (a call while one runs returns that run);
 * called every minute and right after an approval commits.
 */
export function runMatchAlerts(): Promise<void> {
  matchAlertsRunning ??= (async () => {
    try {
      const { db, search } = await services();
      const run = await processMatchAlertQueue(db, search);
      if (run.alerts > 0) {
        console.log(`[jobs] match alerts: ${run.alerts} new, ${run.notified} notified at once`);
      }
      const digests = await sendDailyDigests(db);
      if (digests > 0) console.log(`[jobs] sent ${digests} daily match digest(s)`);
    } catch (error) {
      console.error("[jobs] match alerts", error);
    } finally {
      matchAlertsRunning = undefined;
    }
  })();
  return matchAlertsRunning;
}

let timer: NodeJS.Timeout | undefined;
let matchAlertTimer: NodeJS.Timeout | undefined;
let searchSync: Promise<SyncLoop | undefined> | undefined;
let emailLoop: Promise<EmailLoop | undefined> | undefined;

/** Runs the jobs now and then every hour, and starts the search sync and e-mail loops; calling it again does nothing. */
export function startBackgroundJobs(): void {
  if (timer) return;
  const tick = () => void runOnce().catch((error: unknown) => console.error("[jobs]", error));
  tick();
  timer = setInterval(tick, HOUR_MS);
  timer.unref();
  void runMatchAlerts();
  matchAlertTimer = setInterval(() => void runMatchAlerts(), MATCH_ALERT_INTERVAL_MS);
  matchAlertTimer.unref();
  searchSync = services()
    .then(({ db, search, config }) => {
      if (syncModeOf(config, search) !== "hold") return startSyncLoop(db, search);
      console.warn(
        "[search-sync] Meilisearch is configured but this process serves search from Postgres: " +
          "outbox rows wait for a process that reaches Meilisearch (restart, or npm run search:sync)",
      );
      return undefined;
    })
    .catch((error: unknown) => {
      console.error("[search-sync] not started", error);
      return undefined;
    });
  emailLoop = services()
    .then(({ db, config }) => {
      const transport = createEmailTransport(config);
      if (!transport) return undefined;
      return startEmailLoop(db, transport, { from: config.EMAIL_FROM });
    })
    .catch((error: unknown) => {
      console.error("[email] not started", error);
      return undefined;
    });
}

/** Stops the timer, the search sync loop and the e-mail loop, after their current batch (graceful shutdown). */
export async function stopBackgroundJobs(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  if (matchAlertTimer) clearInterval(matchAlertTimer);
  matchAlertTimer = undefined;
  await matchAlertsRunning;
  const loop = await searchSync;
  searchSync = undefined;
  await loop?.stop();
  const email = await emailLoop;
  emailLoop = undefined;
  await email?.stop();
}
