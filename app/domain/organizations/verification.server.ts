/**
 * Organization verification (机构认证) by bureau staff: the queue of
 * organizations awaiting it, and the two decisions, each audited in the
 * same transaction as the change.
 *
 * Transitions: pending → verified | rejected; rejected → verified (the
 * organization corrected its details, or the rejection was a mistake).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { type Actor, assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import {
  MAX_REJECTION_REASON_LENGTH,
  VERIFICATION_STATUS_LABELS,
  type VerificationStatus,
} from "../bureau/labels";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { regionFullName, regionMap } from "../regions/regions.server";

export type { VerificationStatus };

export interface OrganizationForReview {
  id: number;
  name: string;
  kind: string;
  uscc: string | null;
  regionCode: string;
  regionName: string;
  partyType: string;
  intro: string;
  status: VerificationStatus;
  rejectionReason: string | null;
  reviewedAt: string | null;
  reviewerName: string | null;
  createdAt: string;
  userCount: number;
  /** The earliest account of the organization (usually who signed it up). */
  contact: { email: string; displayName: string } | null;
}

export interface OrganizationQueueFilters {
  status: VerificationStatus;
  kind?: string;
  /** GB/T 2260 code; a province ("110000") or city ("130900") code matches everything below it. */
  regionCode?: string;
  /** Part of the name or 统一社会信用代码. */
  q?: string;
  page: number;
  pageSize: number;
}

export interface OrganizationQueue {
  rows: OrganizationForReview[];
  /** Rows matching every filter. */
  total: number;
  /** Per status, under the other filters (kind, region, q). */
  statusCounts: Record<VerificationStatus, number>;
  /** Per kind, under the status, region and q filters. */
  kindCounts: Record<string, number>;
  /** Regions of the organizations in this status, for the region filter. */
  regionOptions: { code: string; name: string; count: number }[];
}

/** The part of a region code that identifies it and everything below it. */
function regionPrefix(code: string): string {
  if (code.endsWith("0000")) return code.slice(0, 2);
  if (code.endsWith("00")) return code.slice(0, 4);
  return code;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(
  db: Kysely<DB>,
  filters: Partial<Pick<OrganizationQueueFilters, "status" | "kind" | "regionCode" | "q">>,
) {
  let query = db.selectFrom("organizations as o").where("o.kind", "<>", "bureau");
  if (filters.status) query = query.where("o.verification_status", "=", filters.status);
  if (filters.kind) query = query.where("o.kind", "=", filters.kind);
  if (filters.regionCode) {
    query = query.where("o.region_code", "like", `${regionPrefix(filters.regionCode)}%`);
  }
  const q = filters.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([eb("o.name", "ilike", pattern), eb("o.uscc", "ilike", pattern)]),
    );
  }
  return query;
}

/**
 * Organizations in `filters.status` (oldest first, as they wait), with the
 * counts a filter bar shows.
 */
export async function listOrganizationQueue(
  db: Kysely<DB>,
  filters: OrganizationQueueFilters,
): Promise<OrganizationQueue> {
  const { status, kind, regionCode, q } = filters;
  const [rows, total, byStatus, byKind, byRegion, regions] = await Promise.all([
    filtered(db, filters)
      .leftJoin("users as reviewer", "reviewer.id", "o.reviewed_by")
      .selectAll("o")
      .select("reviewer.display_name as reviewer_name")
      .select((eb) => [
        eb
          .selectFrom("users as u")
          .whereRef("u.organization_id", "=", "o.id")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("user_count"),
        eb
          .selectFrom("users as u")
          .whereRef("u.organization_id", "=", "o.id")
          .orderBy("u.created_at")
          .orderBy("u.id")
          .limit(1)
          .select("u.display_name")
          .as("contact_name"),
        eb
          .selectFrom("users as u")
          .whereRef("u.organization_id", "=", "o.id")
          .orderBy("u.created_at")
          .orderBy("u.id")
          .limit(1)
          .select("u.email")
          .as("contact_email"),
      ])
      .orderBy("o.created_at")
      .orderBy("o.id")
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize)
      .execute(),
    filtered(db, filters)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    filtered(db, { kind, regionCode, q })
      .select(["o.verification_status as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("o.verification_status")
      .execute(),
    filtered(db, { status, regionCode, q })
      .select(["o.kind as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("o.kind")
      .execute(),
    filtered(db, { status, kind, q })
      .select(["o.region_code as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("o.region_code")
      .execute(),
    regionMap(db),
  ]);

  const statusCounts: Record<VerificationStatus, number> = { pending: 0, verified: 0, rejected: 0 };
  for (const r of byStatus) statusCounts[r.key] = Number(r.n);
  return {
    rows: rows.map((r): OrganizationForReview => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      uscc: r.uscc,
      regionCode: r.region_code,
      regionName: regionFullName(regions, r.region_code),
      partyType: r.party_type,
      intro: r.intro,
      status: r.verification_status,
      rejectionReason: r.rejection_reason,
      reviewedAt: r.reviewed_at?.toISOString() ?? null,
      reviewerName: r.reviewer_name,
      createdAt: r.created_at.toISOString(),
      userCount: Number(r.user_count ?? 0),
      contact:
        r.contact_email && r.contact_name
          ? { email: r.contact_email, displayName: r.contact_name }
          : null,
    })),
    total: Number(total.n),
    statusCounts,
    kindCounts: Object.fromEntries(byKind.map((r) => [r.key, Number(r.n)])),
    regionOptions: byRegion
      .map((r) => ({ code: r.key, name: regionFullName(regions, r.key), count: Number(r.n) }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/** How many organizations wait for verification, and since when the oldest does. */
export async function organizationQueueSummary(
  db: Kysely<DB>,
): Promise<{ pending: number; oldestSince: string | null }> {
  const row = await filtered(db, { status: "pending" })
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("o.created_at").as("oldest")])
    .executeTakeFirstOrThrow();
  const oldest = row.oldest as Date | string | null;
  return {
    pending: Number(row.n),
    oldestSince: oldest === null ? null : new Date(oldest).toISOString(),
  };
}

type Decision = { status: "verified"; reason: null } | { status: "rejected"; reason: string };

const ALLOWED_FROM: Record<Decision["status"], VerificationStatus[]> = {
  verified: ["pending", "rejected"],
  rejected: ["pending"],
};

async function decide(
  db: Kysely<DB>,
  organizationId: number,
  actor: Actor,
  decision: Decision,
): Promise<{ id: number; status: VerificationStatus }> {
  const before = await db
    .selectFrom("organizations")
    .select(["id", "name", "kind", "verification_status", "rejection_reason"])
    .where("id", "=", organizationId)
    .forUpdate()
    .executeTakeFirst();
  if (!before || before.kind === "bureau") {
    throw new NotFoundError("organization_not_found", `未找到编号为 ${organizationId} 的机构`);
  }
  if (!ALLOWED_FROM[decision.status].includes(before.verification_status)) {
    throw new ConflictError(
      "organization_status_conflict",
      `机构「${before.name}」当前状态为“${VERIFICATION_STATUS_LABELS[before.verification_status]}”，不能${decision.status === "verified" ? "认证通过" : "驳回"}`,
    );
  }
  await db
    .updateTable("organizations")
    .set({
      verification_status: decision.status,
      rejection_reason: decision.reason,
      reviewed_by: actor.id,
      reviewed_at: new Date(),
      updated_at: new Date(),
    })
    .where("id", "=", organizationId)
    .execute();
  await recordAudit(db, {
    actorUserId: actor.id,
    action: decision.status === "verified" ? "organization.verify" : "organization.reject",
    entityType: "organization",
    entityId: organizationId,
    before: {
      verificationStatus: before.verification_status,
      rejectionReason: before.rejection_reason,
    },
    after: { verificationStatus: decision.status, rejectionReason: decision.reason },
    ip: actor.ip ?? null,
  });
  return { id: organizationId, status: decision.status };
}

/** Marks the organization verified (认证通过). Throws NotFound, Conflict or Forbidden. */
export async function verifyOrganization(
  db: Kysely<DB>,
  organizationId: number,
  actor: Actor,
): Promise<{ id: number; status: VerificationStatus }> {
  assertCan(actor, "organizations.verify");
  return await inTransaction(db, (trx) =>
    decide(trx, organizationId, actor, { status: "verified", reason: null }),
  );
}

/** Rejects the organization's verification with a reason the organization will read. */
export async function rejectOrganization(
  db: Kysely<DB>,
  organizationId: number,
  actor: Actor,
  { reason }: { reason: string },
): Promise<{ id: number; status: VerificationStatus }> {
  assertCan(actor, "organizations.verify");
  const text = reason.trim();
  if (text.length < 2 || text.length > MAX_REJECTION_REASON_LENGTH) {
    const message = `请填写驳回理由（2–${MAX_REJECTION_REASON_LENGTH} 字）`;
    throw new ValidationError("rejection_reason_required", message, { reason: message });
  }
  return await inTransaction(db, (trx) =>
    decide(trx, organizationId, actor, { status: "rejected", reason: text }),
  );
}
