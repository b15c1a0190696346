/**
 * Loader glue for the recommendations panel (app/components/match-panel.tsx):
 * the panel's data for the signed-in user, or null when they may not see
 * it, and the 不相关 reasons as select options.
 */
import type { SessionUser } from "../domain/accounts/auth.server";
import { roleCan } from "../domain/accounts/permissions";
import type { ListingKind } from "../domain/listings/listing-types";
import { listingMatchesFor } from "../domain/matching/match-access.server";
import { FEEDBACK_REASONS } from "../domain/matching/match-feedback.server";
import type { MatchPanelData } from "../components/match-panel";
import { services } from "../services.server";

/** The 不相关 reasons as select options, in the feedback module's order. */
export function feedbackReasonOptions(): { value: string; label: string }[] {
  return Object.entries(FEEDBACK_REASONS).map(([value, label]) => ({ value, label }));
}

/**
 * The panel of listing `kind` #`id` for `user`; null when hidden from them.
 * `canStartInquiry`: members may start an inquiry from a match; bureau
 * staff broker from /bureau/matches instead.
 */
export async function matchPanelFor(
  user: SessionUser | null,
  kind: ListingKind,
  id: number,
): Promise<{
  panel: MatchPanelData;
  reasons: { value: string; label: string }[];
  canStartInquiry: boolean;
} | null> {
  const { db, search } = await services();
  const found = await listingMatchesFor(db, search, user, kind, id);
  if (found.state === "hidden") return null;
  return {
    panel: found,
    reasons: feedbackReasonOptions(),
    canStartInquiry: user !== null && roleCan(user.role, "inquiries.start"),
  };
}
