/**
 * The 发起对接 entry on a public listing page: what the viewer can do about
 * the listing — start an inquiry (a signed-in member of the other side:
 * an enterprise on a result, an institution on a demand), open the active
 * inquiry their organization already has about it, sign in first
 * (anonymous; back to the start page afterwards), or nothing (own listing,
 * same side, staff).
 */
import type { Kysely } from "kysely";
import type { DB, Role } from "../../../db/schema";
import { roleCan } from "../accounts/permissions";
import { ACTIVE_STATUSES } from "./inquiry-labels";

export type InquiryEntry =
  | { kind: "login"; href: string }
  | { kind: "start"; href: string }
  | { kind: "open"; href: string }
  | { kind: "none"; reason: string };

/** The entry for `viewer` (null: anonymous) on listing `id` of `kind` owned by `ownerOrganizationId`. */
export async function inquiryEntryFor(
  db: Kysely<DB>,
  viewer: { role: Role; organizationId: number } | null,
  kind: "results" | "demands",
  id: number,
  ownerOrganizationId: number,
): Promise<InquiryEntry> {
  const startHref = `/inquiries/new?${kind === "results" ? "resultId" : "demandId"}=${id}`;
  if (!viewer) {
    return { kind: "login", href: `/login?${new URLSearchParams({ redirectTo: startHref })}` };
  }
  const sideRole = kind === "results" ? "enterprise_member" : "institution_member";
  if (viewer.organizationId === ownerOrganizationId) {
    return { kind: "none", reason: "这是本单位发布的信息。" };
  }
  if (viewer.role !== sideRole || !roleCan(viewer.role, "inquiries.start")) {
    return {
      kind: "none",
      reason:
        kind === "results"
          ? "企业用户可对科技成果发起对接。"
          : "高校院所用户可对技术需求发起对接。",
    };
  }
  const existing = await db
    .selectFrom("inquiries")
    .select("id")
    .where(kind === "results" ? "result_id" : "demand_id", "=", id)
    .where("status", "in", [...ACTIVE_STATUSES])
    .where((eb) =>
      eb.or([
        eb("initiator_organization_id", "=", viewer.organizationId),
        eb("counterpart_organization_id", "=", viewer.organizationId),
      ]),
    )
    .orderBy("id", "desc")
    .executeTakeFirst();
  return existing
    ? { kind: "open", href: `/inquiries/${existing.id}` }
    : { kind: "start", href: startHref };
}
