/**
 * The building blocks every listing transition uses: who may act
 * (ownership, review permission, a verified organization), checking input
 * with the shared rules, and `transition` — write, re-index and audit one
 * change inside the caller's transaction.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { config } from "../../config.server";
import { type Actor, assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { homeCounties } from "../regions/regions.server";
import { LISTING_STATUSES, type ListingStatus } from "../taxonomy/taxonomy";
import { demandInputSchema, resultInputSchema, todayInMarket } from "./listing-input";
import {
  type ListingInputOf,
  type ListingRow,
  type WorkflowUpdate,
  entityOf,
  lockListing,
  validationErrorOf,
  writeListing,
} from "./listing-rows.server";
import type { ListingKind } from "./listing-types";
import { syncListingSearch } from "./search-sync.server";

/** A member acting for their organization (a SessionUser fits). */
export type MemberActor = Actor & { organizationId: number };

export interface WorkflowOptions {
  /** The time of the change (tests); default now. */
  now?: Date;
  /** Days a publication lasts; default config LISTING_LIFETIME_DAYS. */
  lifetimeDays?: number;
}

/** A published listing may be renewed (续期) this many days before it expires. */
export const RENEWAL_WINDOW_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export const NOT_VERIFIED_MESSAGE = "机构尚未通过认证，暂不能提交发布";

export const KIND_LABELS: Record<ListingKind, string> = {
  results: "科技成果",
  demands: "技术需求",
};
export const MANAGE_PERMISSION = { results: "results.manage", demands: "demands.manage" } as const;

export const clearRevision = { pending_revision: null, revision_submitted_at: null } as const;
export const clearRejection = { rejection_reason: null, rejection_note: null } as const;

/** ConflictError for an action the listing's status does not allow. */
export function conflict(row: ListingRow, action: string): ConflictError {
  const label = LISTING_STATUSES[row.status as ListingStatus] ?? row.status;
  return new ConflictError("invalid_transition", `当前状态为“${label}”，不能${action}`);
}

/** `input` checked with the shared rules (deadline after the day of `now`); ValidationError otherwise. */
export function validateInput<K extends ListingKind>(
  kind: K,
  input: ListingInputOf<K>,
  now: Date,
): ListingInputOf<K> {
  const parsed =
    kind === "results"
      ? resultInputSchema.safeParse(input)
      : demandInputSchema(todayInMarket(now)).safeParse(input);
  if (!parsed.success) throw validationErrorOf(parsed.error.issues);
  return parsed.data as ListingInputOf<K>;
}

/** A stored revision as input (no deadline check: it was checked when submitted), or null. */
export function revisionInput<K extends ListingKind>(
  kind: K,
  row: ListingRow,
): ListingInputOf<K> | null {
  if (!row.pending_revision) return null;
  const parsed =
    kind === "results"
      ? resultInputSchema.safeParse(row.pending_revision)
      : demandInputSchema("0000-00-00").safeParse(row.pending_revision);
  return parsed.success ? (parsed.data as ListingInputOf<K>) : null;
}

/** A demand's county must be one of the home city's (HOME_REGION_CODE). */
export async function assertHomeCounty(trx: Kysely<DB>, regionCode: string): Promise<void> {
  const counties = await homeCounties(trx, config().HOME_REGION_CODE);
  if (!counties.some((c) => c.code === regionCode)) {
    throw new ValidationError("invalid_listing", "请选择本市的县（市、区）", {
      regionCode: "请选择所在县（市、区）",
    });
  }
}

/** Only verified organizations may send anything for publication. */
export async function assertVerified(trx: Kysely<DB>, organizationId: number): Promise<void> {
  const org = await trx
    .selectFrom("organizations")
    .select("verification_status")
    .where("id", "=", organizationId)
    .executeTakeFirst();
  if (org?.verification_status !== "verified") {
    throw new ForbiddenError("organization_not_verified", NOT_VERIFIED_MESSAGE);
  }
}

function notFound(kind: ListingKind, id: number): NotFoundError {
  return new NotFoundError(
    `${entityOf(kind)}_not_found`,
    `未找到编号为 ${id} 的${KIND_LABELS[kind]}`,
  );
}

/**
 * The member's own listing, locked until the transaction ends (unless
 * `lock` is false). Another organization's listing reads as not found
 * (its existence is not told).
 */
export async function lockOwned(
  trx: Kysely<DB>,
  kind: ListingKind,
  id: number,
  actor: MemberActor,
  lock = true,
): Promise<ListingRow> {
  assertCan(actor, MANAGE_PERMISSION[kind]);
  const row = await lockListing(trx, kind, id, lock);
  if (!row || row.organization_id !== actor.organizationId) throw notFound(kind, id);
  return row;
}

/** Any listing, locked, for a reviewer with `listings.review`. */
export async function lockForReview(
  trx: Kysely<DB>,
  kind: ListingKind,
  id: number,
  actor: Actor,
): Promise<ListingRow> {
  assertCan(actor, "listings.review");
  const row = await lockListing(trx, kind, id);
  if (!row) throw notFound(kind, id);
  return row;
}

/** Writes one change, re-indexes the listing and audits before/after; returns the new row. */
export async function transition<K extends ListingKind>(
  trx: Kysely<DB>,
  kind: K,
  before: ListingRow,
  change: {
    action: string;
    actor: Actor | null;
    set: WorkflowUpdate;
    input?: ListingInputOf<K> | null;
    /** Leave re-indexing to the caller (batch jobs sync once). */
    skipSearchSync?: boolean;
  },
): Promise<ListingRow> {
  const after = await writeListing(trx, kind, before.id, change.set, change.input ?? undefined);
  if (!change.skipSearchSync) await syncListingSearch(trx, kind, [before.id]);
  await recordAudit(trx, {
    actorUserId: change.actor?.id ?? null,
    action: `${entityOf(kind)}.${change.action}`,
    entityType: entityOf(kind),
    entityId: before.id,
    before,
    after,
    ip: change.actor?.ip ?? null,
  });
  return after;
}

/** The end of a publication that starts at `now`. */
export function expiryFrom(now: Date, options: WorkflowOptions): Date {
  const days = options.lifetimeDays ?? config().LISTING_LIFETIME_DAYS;
  return new Date(now.getTime() + days * DAY_MS);
}

/** True when a published listing expiring at `expiresAt` may be extended now. */
export function canExtend(expiresAt: Date | null, now: Date = new Date()): boolean {
  return expiresAt !== null && expiresAt.getTime() - now.getTime() <= RENEWAL_WINDOW_DAYS * DAY_MS;
}
