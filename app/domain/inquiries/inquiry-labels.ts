/**
 * Inquiry (对接) vocabulary shared by server and browser: zh-CN status
 * labels, the fixed list of close reasons, and the zod schemas of the
 * inquiry forms (conform validates with them on both sides).
 * Status machine (DESIGN.md §3): open 意向 → negotiating 洽谈 → deal 签约 | closed 终止.
 */
import { z } from "zod";
import type { InquiryStatus } from "../../../db/schema";

export type { InquiryStatus };

export const INQUIRY_STATUSES: Record<InquiryStatus, string> = {
  open: "意向",
  negotiating: "洽谈",
  deal: "签约",
  closed: "终止",
};

export const INQUIRY_STATUS_ORDER: readonly InquiryStatus[] = [
  "open",
  "negotiating",
  "deal",
  "closed",
];

/** Statuses in which the conversation is still going (at most one such inquiry per pair). */
export const ACTIVE_STATUSES: readonly InquiryStatus[] = ["open", "negotiating"];

/** Why an inquiry was ended (终止原因); "other" needs a note. */
export const CLOSE_REASONS = {
  tech_mismatch: "技术不匹配",
  price_mismatch: "价格或条件未谈拢",
  need_changed: "需求已变化或已解决",
  no_response: "对方长期未回复",
  other_partner: "已与其他单位合作",
  other: "其他",
} as const;
export type CloseReason = keyof typeof CLOSE_REASONS;

export const MESSAGE_MAX_LENGTH = 2000;
export const NOTE_MAX_LENGTH = 1000;

const messageBody = z
  .string({ error: "请填写留言内容" })
  .trim()
  .min(1, "请填写留言内容")
  .max(MESSAGE_MAX_LENGTH, `留言最多 ${MESSAGE_MAX_LENGTH} 个字`);

const optionalId = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,8}$/, "编号无效")
  .transform(Number)
  .optional();

/** /inquiries/new: the listing(s) and the first message. */
export const startInquirySchema = z
  .object({
    resultId: optionalId,
    demandId: optionalId,
    message: messageBody,
  })
  .refine((v) => v.resultId !== undefined || v.demandId !== undefined, {
    message: "请选择要对接的科技成果或技术需求",
    path: ["message"],
  });

/** Closing: a reason from the list, a note required for 其他. */
export const closeInquirySchema = z
  .object({
    intent: z.literal("close"),
    reason: z.enum(Object.keys(CLOSE_REASONS) as [CloseReason, ...CloseReason[]], {
      error: "请选择终止原因",
    }),
    note: z.string().trim().max(500, "说明最多 500 个字").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "other" && !v.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "选择“其他”时请填写说明" });
    }
  });

/** Every form of the inquiry page, by `intent`. */
export const inquiryActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("message"), body: messageBody }),
  z.object({ intent: z.literal("negotiate") }),
  z.object({ intent: z.literal("confirm-deal") }),
  z.object({ intent: z.literal("withdraw-confirmation") }),
  closeInquirySchema,
  z.object({
    intent: z.literal("note"),
    body: z
      .string({ error: "请填写备注" })
      .trim()
      .min(1, "请填写备注")
      .max(NOTE_MAX_LENGTH, `备注最多 ${NOTE_MAX_LENGTH} 个字`),
  }),
]);
export type InquiryAction = z.output<typeof inquiryActionSchema>;
