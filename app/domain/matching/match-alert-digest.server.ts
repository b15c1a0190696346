/**
 * The daily digest of new-match alerts (issue #5 item 5) for users whose
 * setting is 'daily': alerts recorded by match-alerts.server.ts wait in
 * `match_alerts` (notified_at null) and go out together once a day, from
 * DIGEST_HOUR Asia/Shanghai time, as one "match.alert" notification.
 *
 * Per user, one transaction inserts the `match_alert_digests` row for the
 * day (primary key user + day: a second process or a second run the same
 * day finds it and sends nothing), writes the notification and marks the
 * alerts sent — so a digest is sent at most once a day and an alert at
 * most once, whatever crashes or runs in parallel. Pending alerts of a user
 * who has since turned alerts off stay pending (and are sent if they turn
 * them on again).
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import { formatDate } from "../../utils/date";
import { notifyUsers } from "../notifications/notifications.server";

/** Hour of the day (Asia/Shanghai, 0–23) from which the day's digest is sent. */
export const DIGEST_HOUR = 8;

/** Lines listed in one digest; the rest are counted. */
const DIGEST_LINES = 10;

/** Hour of `now` in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiHour(now: Date): number {
  return (now.getUTCHours() + 8) % 24;
}

/**
 * Sends the day's digest to every user with pending alerts who has not had
 * one today; does nothing before DIGEST_HOUR. Returns the number of
 * digests sent. `now` is for tests.
 */
export async function sendDailyDigests(
  db: Kysely<DB>,
  { now = new Date() }: { now?: Date } = {},
): Promise<number> {
  if (shanghaiHour(now) < DIGEST_HOUR) return 0;
  const day = formatDate(now);
  const due = await db
    .selectFrom("match_alerts as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select("a.user_id")
    .distinct()
    .where("a.notified_at", "is", null)
    .where("u.match_alert_frequency", "<>", "off")
    .where("u.disabled_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("match_alert_digests as d")
            .select("d.user_id")
            .whereRef("d.user_id", "=", "a.user_id")
            .where("d.digest_date", "=", day),
        ),
      ),
    )
    .execute();
  let sent = 0;
  for (const { user_id: userId } of due) {
    if (await sendDigest(db, userId, day)) sent++;
  }
  return sent;
}

async function sendDigest(db: Kysely<DB>, userId: string, day: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto("match_alert_digests")
      .values({ user_id: userId, digest_date: day, alert_count: 0 })
      .onConflict((oc) => oc.columns(["user_id", "digest_date"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!claimed) return false;
    const alerts = await trx
      .selectFrom("match_alerts as a")
      .innerJoin("demands as d", "d.id", "a.demand_id")
      .innerJoin("results as r", "r.id", "a.result_id")
      .select([
        "a.id",
        "a.recipient_kind",
        "a.demand_id",
        "a.result_id",
        "a.score",
        "d.title as demand_title",
        "r.title as result_title",
      ])
      .where("a.user_id", "=", userId)
      .where("a.notified_at", "is", null)
      .orderBy("a.score", "desc")
      .orderBy("a.id")
      .forUpdate("a")
      .execute();
    if (alerts.length === 0) {
      // Another process sent them since the user was selected; free the day again.
      await trx
        .deleteFrom("match_alert_digests")
        .where("user_id", "=", userId)
        .where("digest_date", "=", day)
        .execute();
      return false;
    }
    const lines = alerts
      .slice(0, DIGEST_LINES)
      .map((a) =>
        a.recipient_kind === "demands"
          ? `新成果「${a.result_title}」↔ 您的需求「${a.demand_title}」，匹配度 ${a.score}`
          : `新需求「${a.demand_title}」↔ 您的成果「${a.result_title}」，匹配度 ${a.score}`,
      );
    if (alerts.length > DIGEST_LINES) lines.push(`另有 ${alerts.length - DIGEST_LINES} 条`);
    const own = new Set(
      alerts.map((a) =>
        a.recipient_kind === "demands" ? `demands/${a.demand_id}` : `results/${a.result_id}`,
      ),
    );
    await notifyUsers(trx, [userId], {
      kind: "match.alert",
      title: `今日新匹配：${alerts.length} 条`,
      body: lines.join("\n"),
      link: own.size === 1 ? `/my/${[...own][0]}#matches` : "/my",
    });
    await trx
      .updateTable("match_alerts")
      .set({ notified_at: sql<Date>`now()`, digest_date: day })
      .where(
        "id",
        "in",
        alerts.map((a) => a.id),
      )
      .execute();
    await trx
      .updateTable("match_alert_digests")
      .set({ alert_count: alerts.length })
      .where("user_id", "=", userId)
      .where("digest_date", "=", day)
      .execute();
    return true;
  });
}
