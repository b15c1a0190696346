/**
 * "My organization" (/org): what a member sees of its own organization —
 * details, verification status and the bureau's rejection reason — and,
 * for the organization admin, its members.
 */
import type { Kysely } from "kysely";
import type { DB, Role } from "../../../db/schema";
import { NotFoundError } from "../errors";
import { regionFullName, regionMap } from "../regions/regions.server";
import type { VerificationStatus } from "../bureau/labels";

export interface OrganizationProfile {
  id: number;
  kind: string;
  name: string;
  uscc: string | null;
  regionCode: string;
  regionName: string;
  partyType: string;
  status: VerificationStatus;
  rejectionReason: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

export interface OrganizationMember {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  isOrgAdmin: boolean;
  disabled: boolean;
  createdAt: string;
}

/** The organization's profile; throws NotFoundError for an unknown id. */
export async function getOrganizationProfile(
  db: Kysely<DB>,
  organizationId: number,
): Promise<OrganizationProfile> {
  const [row, regions] = await Promise.all([
    db.selectFrom("organizations").selectAll().where("id", "=", organizationId).executeTakeFirst(),
    regionMap(db),
  ]);
  if (!row) throw new NotFoundError("organization_not_found", "未找到该机构");
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    uscc: row.uscc,
    regionCode: row.region_code,
    regionName: regionFullName(regions, row.region_code),
    partyType: row.party_type,
    status: row.verification_status,
    rejectionReason: row.rejection_reason,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** The organization's accounts, admins first. */
export async function listOrganizationMembers(
  db: Kysely<DB>,
  organizationId: number,
): Promise<OrganizationMember[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name", "email", "role", "is_org_admin", "disabled_at", "created_at"])
    .where("organization_id", "=", organizationId)
    .orderBy("is_org_admin", "desc")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    email: r.email,
    role: r.role,
    isOrgAdmin: r.is_org_admin,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at.toISOString(),
  }));
}
