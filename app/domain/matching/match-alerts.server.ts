/**
 * New-match alerts (issue #5 item 5): when a listing becomes published,
 * the members of every other organization whose published listings it
 * matches with a score ≥ MATCH_ALERT_THRESHOLD are told — at once
 * ('immediate': a "match.alert" notification linking to their listing's
 * recommendations), in the daily digest ('daily', match-alert-digest.server.ts),
 * or not at all ('off'); the setting is `users.match_alert_frequency`.
 *
 * Work comes from `match_alert_queue`, written in the approval transaction
 * (match-alert-queue.server.ts). `processMatchAlertQueue` runs after commit
 * (from the job loop and right after an approval):
 *   1. claim the oldest due row `FOR UPDATE SKIP LOCKED` with a lease
 *      (available_at = now + lease, attempts + 1), so two processes never
 *      work one row and a crash only delays it;
 *   2. match outside any transaction (the search backend may be Meilisearch,
 *      and PGlite has one connection);
 *   3. in one transaction: re-check the row is still pending, record one
 *      `match_alerts` row per (user, demand, result) — the unique key drops
 *      pairs already announced — write the immediate notifications, mark
 *      the row processed. Notifications exist exactly when the row is done.
 * A failure in step 2 or 3 leaves the row pending with its error and a
 * backoff; nothing is sent twice and nothing is lost.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import type { SearchBackend } from "../../../search/types";
import type { ListingKind } from "../listings/listing-types";
import { notifyUsers } from "../notifications/notifications.server";
import { ALERTED_ROLES } from "./match-alert-settings.server";
import { type Match, matchDemandsForResult, matchResultsForDemand } from "./matcher.server";

/**
 * Minimum match score (0–100) that triggers an alert. 60 is where the
 * matcher's reasons name a shared field and shared key terms (a weaker
 * match is shown on the listing's panel but not pushed to anyone).
 */
export const MATCH_ALERT_THRESHOLD = 60;

/** How many candidates are matched per published listing (the matcher's maximum). */
export const MATCH_ALERT_CANDIDATES = 50;

/** How long a claimed queue row is leased before another worker may retry it. */
const LEASE_MS = 5 * 60_000;
/** Retry delay after a failure: 1 min × attempts, at most 1 hour. */
const backoffMs = (attempts: number) => Math.min(60 * 60_000, attempts * 60_000);

export interface MatchAlertOptions {
  /** Overrides MATCH_ALERT_THRESHOLD (tests, tuning). */
  threshold?: number;
  /** Queue rows handled per call (default 20). */
  maxRows?: number;
  /** Log line for failures (default console.error). */
  log?: (message: string) => void;
}

export interface MatchAlertRun {
  /** Queue rows finished (including listings no longer published). */
  processed: number;
  /** Queue rows that failed and wait for a retry. */
  failed: number;
  /** New (user, pair) alerts recorded. */
  alerts: number;
  /** Immediate notifications written. */
  notified: number;
}

interface ClaimedRow {
  id: number;
  listing_kind: ListingKind;
  listing_id: number;
  attempts: number;
}

async function claimOne(db: Kysely<DB>): Promise<ClaimedRow | undefined> {
  const { rows } = await sql<ClaimedRow>`
    with due as (
      select id from match_alert_queue
      where processed_at is null and available_at <= now()
      order by id
      limit 1
      for update skip locked
    )
    update match_alert_queue as q
    set available_at = now() + ${LEASE_MS}::double precision * interval '1 millisecond',
        attempts = q.attempts + 1
    from due
    where q.id = due.id
    returning q.id, q.listing_kind, q.listing_id, q.attempts`.execute(db);
  return rows[0];
}

const pathOf = (kind: ListingKind, id: number) => `/my/${kind}/${id}#matches`;

/**
 * Works off due queue rows (at most `maxRows`); see the module comment.
 * Returns what it did; failures are logged and retried later, never thrown
 * (except a failure to reach the database at all).
 */
export async function processMatchAlertQueue(
  db: Kysely<DB>,
  search: SearchBackend,
  options: MatchAlertOptions = {},
): Promise<MatchAlertRun> {
  const run: MatchAlertRun = { processed: 0, failed: 0, alerts: 0, notified: 0 };
  const maxRows = options.maxRows ?? 20;
  const log = options.log ?? ((message: string) => console.error(message));
  for (let i = 0; i < maxRows; i++) {
    const row = await claimOne(db);
    if (!row) break;
    try {
      const outcome = await processRow(db, search, row, options.threshold ?? MATCH_ALERT_THRESHOLD);
      run.processed++;
      run.alerts += outcome.alerts;
      run.notified += outcome.notified;
    } catch (error) {
      run.failed++;
      const message = error instanceof Error ? error.message : String(error);
      log(
        `[match-alerts] queue row ${row.id} (${row.listing_kind} #${row.listing_id}): ${message}`,
      );
      await db
        .updateTable("match_alert_queue")
        .set({
          last_error: message.slice(0, 2000),
          available_at: sql<Date>`now() + ${backoffMs(row.attempts)}::double precision * interval '1 millisecond'`,
        })
        .where("id", "=", row.id)
        .where("processed_at", "is", null)
        .execute();
    }
  }
  return run;
}

interface Published {
  id: number;
  title: string;
  organizationId: number;
}

async function publishedListing(
  db: Kysely<DB>,
  kind: ListingKind,
  id: number,
): Promise<Published | undefined> {
  const row = await db
    .selectFrom(kind)
    .select(["id", "title", "organization_id"])
    .where("id", "=", id)
    .where("status", "=", "published")
    .executeTakeFirst();
  return row ? { id: row.id, title: row.title, organizationId: row.organization_id } : undefined;
}

async function processRow(
  db: Kysely<DB>,
  search: SearchBackend,
  row: ClaimedRow,
  threshold: number,
): Promise<{ alerts: number; notified: number }> {
  const kind = row.listing_kind;
  const listing = await publishedListing(db, kind, row.listing_id);
  let strong: Match[] = [];
  if (listing) {
    const options = { limit: MATCH_ALERT_CANDIDATES };
    const matches =
      kind === "results"
        ? await matchDemandsForResult(db, search, listing.id, options)
        : await matchResultsForDemand(db, search, listing.id, options);
    strong = matches.filter((m) => m.score >= threshold);
  }
  return db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom("match_alert_queue")
      .select("id")
      .where("id", "=", row.id)
      .where("processed_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!pending) return { alerts: 0, notified: 0 };
    const outcome =
      listing && strong.length > 0
        ? await recordAlerts(trx, kind, listing, strong)
        : { alerts: 0, notified: 0 };
    await trx
      .updateTable("match_alert_queue")
      .set({ processed_at: sql<Date>`now()` })
      .where("id", "=", row.id)
      .execute();
    return outcome;
  });
}

/** Records the alerts of `listing` (just published) for the owners of `matches` and notifies the immediate ones. */
async function recordAlerts(
  trx: Kysely<DB>,
  kind: ListingKind,
  listing: Published,
  matches: readonly Match[],
): Promise<{ alerts: number; notified: number }> {
  const otherKind: ListingKind = kind === "results" ? "demands" : "results";
  const owned = await trx
    .selectFrom(otherKind)
    .select(["id", "title", "organization_id"])
    .where(
      "id",
      "in",
      matches.map((m) => m.id),
    )
    .where("status", "=", "published")
    .where("organization_id", "<>", listing.organizationId)
    .execute();
  if (owned.length === 0) return { alerts: 0, notified: 0 };
  const users = await trx
    .selectFrom("users")
    .select(["id", "organization_id", "match_alert_frequency"])
    .where("organization_id", "in", [...new Set(owned.map((o) => o.organization_id))])
    .where("disabled_at", "is", null)
    .where("role", "in", ALERTED_ROLES)
    .where("match_alert_frequency", "<>", "off")
    .execute();
  const matchById = new Map(matches.map((m) => [m.id, m]));
  const values = owned.flatMap((own) => {
    const match = matchById.get(own.id)!;
    return users
      .filter((u) => u.organization_id === own.organization_id)
      .map((u) => ({
        user_id: u.id,
        demand_id: kind === "demands" ? listing.id : own.id,
        result_id: kind === "results" ? listing.id : own.id,
        recipient_kind: otherKind,
        score: match.score,
        reason: match.reason,
        frequency: u.match_alert_frequency as "immediate" | "daily",
      }));
  });
  if (values.length === 0) return { alerts: 0, notified: 0 };
  const inserted = await trx
    .insertInto("match_alerts")
    .values(values)
    .onConflict((oc) => oc.columns(["user_id", "demand_id", "result_id"]).doNothing())
    .returning(["id", "user_id", "demand_id", "result_id", "score", "reason", "frequency"])
    .execute();

  const titleOf = new Map(owned.map((o) => [o.id, o.title]));
  const immediate = new Map<string, typeof inserted>();
  for (const alert of inserted) {
    if (alert.frequency !== "immediate") continue;
    immediate.set(alert.user_id, [...(immediate.get(alert.user_id) ?? []), alert]);
  }
  const noun = kind === "results" ? "科技成果" : "技术需求";
  let notified = 0;
  for (const [userId, alerts] of immediate) {
    const sorted = [...alerts].sort((a, b) => b.score - a.score);
    const best = sorted[0]!;
    const ownIdOf = (a: (typeof sorted)[number]) =>
      kind === "results" ? a.demand_id : a.result_id;
    notified += await notifyUsers(trx, [userId], {
      kind: "match.alert",
      title: `新发布的${noun}与您的信息匹配：「${listing.title}」`,
      body: sorted
        .map(
          (a) =>
            `与您的「${titleOf.get(ownIdOf(a)) ?? ""}」匹配度 ${a.score}${a.reason ? `：${a.reason}` : ""}`,
        )
        .join("\n"),
      link: pathOf(otherKind, ownIdOf(best)),
    });
    await trx
      .updateTable("match_alerts")
      .set({ notified_at: sql<Date>`now()` })
      .where(
        "id",
        "in",
        alerts.map((a) => a.id),
      )
      .execute();
  }
  return { alerts: inserted.length, notified };
}
