/**
 * What a reviewer sees of one listing, whatever its status: every field
 * with its zh-CN label, the review state, and — for an edit of a published
 * listing waiting for review — the published and the edited value of
 * each field side by side.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { type Actor, assertCan } from "../accounts/actor";
import { getDemand } from "../listings/demands.server";
import type { Demand, ListingKind, Result } from "../listings/listing-types";
import { getResult } from "../listings/results.server";
import { regionFullName, regionMap } from "../regions/regions.server";
import {
  IP_TYPES,
  LISTING_STATUSES,
  MATURITY_STAGES,
  TECH_FIELDS,
  TRANSFER_MODES,
  labelOf,
} from "../taxonomy/taxonomy";
import { formatWan } from "../../utils/money";
import type { ReviewType } from "./labels";

export interface ReviewField {
  key: string;
  label: string;
  value: string;
  /** The edited value, when a pending revision changes this field. */
  revised?: string;
}

export interface ListingReviewView {
  kind: ListingKind;
  id: number;
  title: string;
  status: string;
  statusLabel: string;
  /** Set while the listing waits for a decision. */
  awaiting: ReviewType | null;
  organization: { id: number; name: string; regionName: string; verificationStatus: string };
  submittedAt: string | null;
  revisionSubmittedAt: string | null;
  submittedBy: { email: string; displayName: string } | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  rejectionReason: string | null;
  rejectionNote: string | null;
  fields: ReviewField[];
  /** Keys of the pending revision that are not listing fields this page knows. */
  unknownRevisionKeys: string[];
}

type Formatter = (value: unknown, regions: Map<string, { name: string }>) => string;

const text: Formatter = (v) => {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
};
const list: Formatter = (v) => (Array.isArray(v) && v.length ? v.map(String).join("、") : "—");
const coded =
  (map: Record<string, string>): Formatter =>
  (v) =>
    typeof v === "string" && v ? labelOf(map, v) : "—";
const codedList =
  (map: Record<string, string>): Formatter =>
  (v) =>
    Array.isArray(v) && v.length ? v.map((x) => labelOf(map, String(x))).join("、") : "—";
const money: Formatter = (v) =>
  typeof v === "number" ? formatWan(v) : v === null ? "面议" : text(v, new Map());

const RESULT_FIELDS: [key: Extract<keyof Result, string>, label: string, format: Formatter][] = [
  ["title", "成果名称", text],
  ["summary", "成果简介", text],
  ["description", "详细介绍", text],
  ["techField", "技术领域", coded(TECH_FIELDS)],
  ["keywords", "关键词", list],
  ["maturity", "成熟度", coded(MATURITY_STAGES)],
  ["trl", "技术就绪度（TRL）", text],
  ["ipType", "知识产权类型", coded(IP_TYPES)],
  ["patentNumbers", "专利号", list],
  ["transferModes", "转化方式", codedList(TRANSFER_MODES)],
  ["askingPriceFen", "参考价格", money],
];

const DEMAND_FIELDS: [key: Extract<keyof Demand, string>, label: string, format: Formatter][] = [
  ["title", "需求名称", text],
  ["description", "需求描述", text],
  ["techField", "技术领域", coded(TECH_FIELDS)],
  ["keywords", "关键词", list],
  ["budgetMinFen", "预算下限", money],
  ["budgetMaxFen", "预算上限", money],
  ["desiredModes", "合作方式", codedList(TRANSFER_MODES)],
  ["deadline", "截止日期", text],
  [
    "regionCode",
    "所在县区",
    (v, regions) => (typeof v === "string" && v ? (regions.get(v)?.name ?? v) : "—"),
  ],
];

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The listing `kind`/`id` for review, in any status. Requires listings.review. */
export async function getListingForReview(
  db: Kysely<DB>,
  actor: Actor,
  kind: ListingKind,
  id: number,
): Promise<ListingReviewView> {
  assertCan(actor, "listings.review");
  const listing =
    kind === "results"
      ? await getResult(db, id, { publishedOnly: false })
      : await getDemand(db, id, { publishedOnly: false });
  const review = await db
    .selectFrom(`${kind} as l` as "results as l")
    .innerJoin("organizations as o", "o.id", "l.organization_id")
    .leftJoin("users as creator", "creator.id", "l.created_by")
    .leftJoin("users as reviewer", "reviewer.id", "l.reviewed_by")
    .select([
      "l.status",
      "l.submitted_at",
      "l.revision_submitted_at",
      "l.reviewed_at",
      "l.rejection_reason",
      "l.rejection_note",
      "l.pending_revision",
      "o.verification_status",
      "creator.email as creator_email",
      "creator.display_name as creator_name",
      "reviewer.display_name as reviewer_name",
    ])
    .where("l.id", "=", id)
    .executeTakeFirstOrThrow();
  const regions = await regionMap(db);

  const revision = Object.fromEntries(
    Object.entries(review.pending_revision ?? {}).map(([k, v]) => [camel(k), v]),
  );
  const definitions = kind === "results" ? RESULT_FIELDS : DEMAND_FIELDS;
  const current = listing as unknown as Record<string, unknown>;
  const fields = definitions.map(([key, label, format]): ReviewField => {
    const value = format(current[key], regions);
    if (!Object.hasOwn(revision, key)) return { key, label, value };
    const revised = format(revision[key], regions);
    return revised === value ? { key, label, value } : { key, label, value, revised };
  });
  const known = new Set<string>(definitions.map(([key]) => key));

  return {
    kind,
    id,
    title: listing.title,
    status: review.status,
    statusLabel: labelOf(LISTING_STATUSES, review.status),
    awaiting:
      review.status === "pending_review"
        ? "new"
        : review.pending_revision !== null
          ? "revision"
          : null,
    organization: {
      id: listing.organization.id,
      name: listing.organization.name,
      regionName: regionFullName(regions, listing.organization.regionCode),
      verificationStatus: review.verification_status,
    },
    submittedAt: review.submitted_at?.toISOString() ?? null,
    revisionSubmittedAt: review.revision_submitted_at?.toISOString() ?? null,
    submittedBy:
      review.creator_email && review.creator_name
        ? { email: review.creator_email, displayName: review.creator_name }
        : null,
    reviewedAt: review.reviewed_at?.toISOString() ?? null,
    reviewedBy: review.reviewer_name,
    rejectionReason: review.rejection_reason,
    rejectionNote: review.rejection_note,
    fields,
    unknownRevisionKeys: Object.keys(revision).filter((k) => !known.has(k)),
  };
}
