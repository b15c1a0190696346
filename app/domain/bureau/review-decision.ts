/**
 * The forms of the review queue and review page: approve one, approve the
 * checked ones, reject one with a reason. Shared by server and browser
 * (conform validates on both).
 */
import { z } from "zod";
import { rejectionSchema } from "../listings/listing-input";
import type { ListingKind } from "../listings/listing-types";

export interface ListingRef {
  kind: ListingKind;
  id: number;
}

/** "results:12" ↔ { kind: "results", id: 12 } (checkbox and button values). */
export function listingRefKey(ref: ListingRef): string {
  return `${ref.kind}:${ref.id}`;
}

const REF_PATTERN = /^(results|demands):([1-9]\d{0,8})$/;

export function parseListingRef(value: string): ListingRef | null {
  const match = REF_PATTERN.exec(value.trim());
  return match ? { kind: match[1] as ListingKind, id: Number(match[2]) } : null;
}

export const MAX_BULK_APPROVE = 200;

const itemField = z
  .string({ error: "缺少要处理的条目" })
  .regex(REF_PATTERN, "条目编号无效")
  .transform((v) => parseListingRef(v)!);

/** Rejecting one listing (or its waiting edit): reason, and a note required for 其他. */
export const rejectDecisionSchema = rejectionSchema.safeExtend({
  intent: z.literal("reject"),
  item: itemField,
});

export const reviewDecisionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approve-selected"),
    items: z
      .array(itemField)
      .min(1, "请先勾选要通过的条目")
      .max(MAX_BULK_APPROVE, `一次最多批量通过 ${MAX_BULK_APPROVE} 条，请分批处理`),
  }),
  z.object({ intent: z.literal("approve"), item: itemField }),
  rejectDecisionSchema,
]);

export type ReviewDecision = z.output<typeof reviewDecisionSchema>;
