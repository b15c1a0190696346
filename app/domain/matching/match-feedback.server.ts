/**
 * 不相关 feedback on recommendations (issue #5 item 4). A user marks a pair
 * irrelevant with a reason; the matcher never shows that pair to that user
 * again (either direction), and each reason blames one matcher feature so
 * the marks can be counted per feature (feedbackCountsByFeature).
 *
 * How the counts tune the weights: see weights.ts — they are read by a
 * person, who may move a weight by at most ±20 % of its default by editing
 * TUNED_WEIGHTS and re-running `npm run bench:match`; nothing tunes itself.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { ValidationError } from "../errors";
import { MATCH_FEATURES, type MatchFeature } from "./weights";

/** Reasons a user can give, zh-CN labels. */
export const FEEDBACK_REASONS = {
  field: "领域不符",
  maturity: "成熟度不合适",
  price: "价格不合适",
  region: "地域不合适",
  content: "内容无关",
  other: "其他",
} as const;
export type FeedbackReason = keyof typeof FEEDBACK_REASONS;

/** The feature each reason blames; 其他 blames none. */
export const REASON_FEATURE: Record<FeedbackReason, MatchFeature | null> = {
  field: "field",
  maturity: "maturity",
  price: "price",
  region: "region",
  content: "text",
  other: null,
};

export interface IrrelevantInput {
  userId: string;
  demandId: number;
  resultId: number;
  /** Whose recommendation list the pair was on: a demand's results ("demand") or a result's demands. */
  side: "demand" | "result";
  reason: FeedbackReason;
  /** Optional free text, at most 500 characters. */
  note?: string;
}

const MAX_NOTE = 500;

export function isFeedbackReason(value: unknown): value is FeedbackReason {
  return typeof value === "string" && Object.hasOwn(FEEDBACK_REASONS, value);
}

/**
 * Stores the user's 不相关 mark for the pair (a second mark replaces the
 * first). Errors: ValidationError `invalid_feedback` for an unknown reason
 * or side, or a note over 500 characters. Unknown ids fail the foreign keys.
 */
export async function markIrrelevant(db: Kysely<DB>, input: IrrelevantInput): Promise<void> {
  if (!isFeedbackReason(input.reason)) {
    throw new ValidationError("invalid_feedback", "请选择不相关的原因", { reason: "请选择原因" });
  }
  if (input.side !== "demand" && input.side !== "result") {
    throw new ValidationError("invalid_feedback", "推荐列表类型无效");
  }
  const note = input.note?.trim() || null;
  if (note !== null && note.length > MAX_NOTE) {
    throw new ValidationError("invalid_feedback", `说明不能超过 ${MAX_NOTE} 字`, {
      note: `不能超过 ${MAX_NOTE} 字`,
    });
  }
  await db
    .insertInto("match_feedback")
    .values({
      user_id: input.userId,
      demand_id: input.demandId,
      result_id: input.resultId,
      side: input.side,
      reason: input.reason,
      note,
    })
    .onConflict((oc) =>
      oc.columns(["user_id", "demand_id", "result_id"]).doUpdateSet({
        side: input.side,
        reason: input.reason,
        note,
      }),
    )
    .execute();
}

/** Counts of 不相关 marks per blamed feature (every feature present), plus those blaming none. */
export interface FeedbackCounts {
  byFeature: Record<MatchFeature, number>;
  unattributed: number;
  total: number;
}

/** 不相关 marks counted per feature their reason blames (REASON_FEATURE). */
export async function feedbackCountsByFeature(db: Kysely<DB>): Promise<FeedbackCounts> {
  const rows = await db
    .selectFrom("match_feedback")
    .select(["reason", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("reason")
    .execute();
  const byFeature = Object.fromEntries(MATCH_FEATURES.map((f) => [f, 0])) as Record<
    MatchFeature,
    number
  >;
  let unattributed = 0;
  let total = 0;
  for (const row of rows) {
    const n = Number(row.n);
    total += n;
    const feature = isFeedbackReason(row.reason) ? REASON_FEATURE[row.reason] : null;
    if (feature) byFeature[feature] += n;
    else unattributed += n;
  }
  return { byFeature, unattributed, total };
}
