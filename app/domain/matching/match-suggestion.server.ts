/**
 * 推荐对接 by bureau staff (issue #5: "bureau staff … broker it"): from the
 * market view a staff member points both organizations of a strong,
 * unworked demand–result pair at each other. Each side's members get a
 * notification (and e-mail) linking to the other side's listing, where
 * 发起对接 starts the inquiry; staff do not start inquiries themselves
 * (an inquiry is between the two organizations).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { type Actor, assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import { NotFoundError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { notifyOrganization } from "../notifications/notifications.server";

export interface MatchSuggestion {
  demandId: number;
  resultId: number;
  /** The matcher's one-line reason, quoted in the notifications; may be empty. */
  reason?: string;
}

/**
 * Notifies both organizations of the pair. Returns how many users were
 * notified. Throws ForbiddenError without "matches.market", NotFoundError
 * when either listing is not published. Audited as "demand.suggest_match".
 */
export async function suggestMatch(
  db: Kysely<DB>,
  actor: Actor,
  suggestion: MatchSuggestion,
): Promise<number> {
  assertCan(actor, "matches.market");
  return inTransaction(db, async (trx) => {
    const demand = await trx
      .selectFrom("demands")
      .select(["id", "title", "organization_id"])
      .where("id", "=", suggestion.demandId)
      .where("status", "=", "published")
      .executeTakeFirst();
    const result = await trx
      .selectFrom("results")
      .select(["id", "title", "organization_id"])
      .where("id", "=", suggestion.resultId)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (!demand || !result) {
      throw new NotFoundError("listing_not_found", "需求或成果不存在或已下线，无法推荐对接");
    }
    const reason = suggestion.reason?.trim() ? `推荐理由：${suggestion.reason.trim()}` : "";
    const toDemandSide = await notifyOrganization(trx, demand.organization_id, {
      kind: "match.suggested",
      title: `科技局为您的需求“${demand.title}”推荐了成果“${result.title}”`,
      body: [reason, "可在成果页面发起对接。"].filter(Boolean).join("\n"),
      link: `/results/${result.id}`,
    });
    const toResultSide = await notifyOrganization(trx, result.organization_id, {
      kind: "match.suggested",
      title: `科技局为您的成果“${result.title}”推荐了需求“${demand.title}”`,
      body: [reason, "可在需求页面发起对接。"].filter(Boolean).join("\n"),
      link: `/demands/${demand.id}`,
    });
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "demand.suggest_match",
      entityType: "demand",
      entityId: demand.id,
      after: { resultId: result.id, notified: toDemandSide + toResultSide },
      ip: actor.ip ?? null,
    });
    return toDemandSide + toResultSide;
  });
}
