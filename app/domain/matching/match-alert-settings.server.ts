/**
 * Each user's new-match alert setting (`users.match_alert_frequency`):
 * 立即 'immediate' (default), 每日汇总 'daily', 不提醒 'off'. Changed on
 * /account; every change is audited as "user.update_match_alerts".
 */
import type { Kysely } from "kysely";
import type { DB, Role } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { NotFoundError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { MATCH_ALERT_FREQUENCIES, type MatchAlertFrequency } from "./match-alert-labels";

export { MATCH_ALERT_FREQUENCIES, type MatchAlertFrequency };

/** Roles that receive new-match alerts: members, whose organizations own listings. */
export const ALERTED_ROLES = ["enterprise_member", "institution_member"] as const satisfies Role[];

/** True when users of `role` receive alerts (and so see the setting). */
export function receivesMatchAlerts(role: Role): boolean {
  return (ALERTED_ROLES as readonly Role[]).includes(role);
}

/** The user's setting; NotFoundError for an unknown user. */
export async function getMatchAlertFrequency(
  db: Kysely<DB>,
  userId: string,
): Promise<MatchAlertFrequency> {
  const row = await db
    .selectFrom("users")
    .select("match_alert_frequency")
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("user_not_found", "未找到该账号");
  return row.match_alert_frequency;
}

/** Changes the user's own setting (no-op when unchanged); NotFoundError for an unknown user. */
export async function setMatchAlertFrequency(
  db: Kysely<DB>,
  { userId, frequency, ip }: { userId: string; frequency: MatchAlertFrequency; ip: string | null },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select("match_alert_frequency")
      .where("id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFoundError("user_not_found", "未找到该账号");
    if (before.match_alert_frequency === frequency) return;
    await trx
      .updateTable("users")
      .set({ match_alert_frequency: frequency, updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    await recordAudit(trx, {
      actorUserId: userId,
      action: "user.update_match_alerts",
      entityType: "user",
      entityId: userId,
      before: { matchAlertFrequency: before.match_alert_frequency },
      after: { matchAlertFrequency: frequency },
      ip,
    });
  });
}
