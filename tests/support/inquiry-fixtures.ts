/**
 * Fixtures for inquiry tests: an enterprise with a member and a published
 * demand, an institution with a member and a published result, a third
 * organization and bureau staff — on a fresh migrated database.
 * Listings are inserted as published rows directly (the publication
 * workflow has its own tests).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import { type TestOrganization, type TestUser, createOrganization, createUser } from "./factories";

export async function publishedResult(
  db: Kysely<DB>,
  organizationId: number,
  { title = "沸石转轮浓缩催化燃烧VOCs治理", status = "published" } = {},
): Promise<number> {
  const row = await db
    .insertInto("results")
    .values({
      organization_id: organizationId,
      title,
      summary: "",
      description: "沸石转轮浓缩后催化燃烧，适合大风量低浓度有机废气。",
      tech_field: "environmental_protection",
      keywords: ["VOCs"],
      maturity: "industrialization",
      trl: 8,
      ip_type: "invention_patent",
      patent_numbers: [],
      transfer_modes: ["license"],
      asking_price_fen: 50_000_000,
      status,
      published_at: status === "published" ? new Date() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function publishedDemand(
  db: Kysely<DB>,
  organizationId: number,
  { title = "车间有机废气收集与治理", status = "published", regionCode = "130903" } = {},
): Promise<number> {
  const row = await db
    .insertInto("demands")
    .values({
      organization_id: organizationId,
      title,
      description: "合成车间有机废气逸散，希望获得浓缩加焚烧的治理方案。",
      tech_field: "environmental_protection",
      keywords: ["VOCs治理"],
      budget_min_fen: null,
      budget_max_fen: null,
      desired_modes: ["service"],
      deadline: null,
      region_code: regionCode,
      status,
      published_at: status === "published" ? new Date() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface InquiryWorld {
  enterprise: TestOrganization;
  engineer: TestUser & { organizationId: number };
  engineer2: TestUser;
  university: TestOrganization;
  officer: TestUser;
  other: TestOrganization;
  outsider: TestUser;
  staff: TestUser;
  admin: TestUser;
  resultId: number;
  demandId: number;
}

/** Two sides, an outsider organization, bureau staff and an admin, with one listing each side. */
export async function inquiryWorld(db: Kysely<DB>): Promise<InquiryWorld> {
  const enterprise = await createOrganization(db, { kind: "enterprise", regionCode: "130903" });
  const university = await createOrganization(db, { kind: "university" });
  const other = await createOrganization(db, { kind: "enterprise" });
  const bureau = await createOrganization(db, { kind: "bureau", regionCode: "130900" });
  return {
    enterprise,
    engineer: await createUser(db, enterprise.id, "enterprise_member"),
    engineer2: await createUser(db, enterprise.id, "enterprise_member"),
    university,
    officer: await createUser(db, university.id, "institution_member"),
    other,
    outsider: await createUser(db, other.id, "enterprise_member"),
    staff: await createUser(db, bureau.id, "bureau_staff"),
    admin: await createUser(db, bureau.id, "admin"),
    resultId: await publishedResult(db, university.id),
    demandId: await publishedDemand(db, enterprise.id),
  };
}
