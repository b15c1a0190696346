/**
 * zh-CN labels of the bureau's work queues, shared by server and browser
 * (route components import them; *.server.ts modules do not reach the
 * browser bundle).
 */
import type { ListingKind } from "../listings/listing-types";

/** A new submission, or an edit of a published listing. */
export type ReviewType = "new" | "revision";

export const REVIEW_TYPE_LABELS: Record<ReviewType, string> = {
  new: "新发布",
  revision: "修改",
};

export const LISTING_KIND_LABELS: Record<ListingKind, string> = {
  results: "科技成果",
  demands: "技术需求",
};

export type VerificationStatus = "pending" | "verified" | "rejected";

export const VERIFICATION_STATUS_LABELS: Record<VerificationStatus, string> = {
  pending: "待认证",
  verified: "已认证",
  rejected: "未通过",
};

/** Longest reason for rejecting an organization's verification. */
export const MAX_REJECTION_REASON_LENGTH = 500;

/** Label of a status code that may be outside the known ones. */
export function verificationStatusLabel(status: string): string {
  return Object.hasOwn(VERIFICATION_STATUS_LABELS, status)
    ? VERIFICATION_STATUS_LABELS[status as VerificationStatus]
    : status;
}
