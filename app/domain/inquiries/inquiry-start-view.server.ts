/**
 * What /inquiries/new shows before an inquiry starts: the listing of the
 * other side (and the member's own, when given), the member's own
 * published listings that may be attached, and the active inquiry about
 * the same pair if there already is one. Same checks as `startInquiry`
 * (errors: ForbiddenError, NotFoundError, ValidationError).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { InquiryActor } from "./inquiry-access.server";
import { findActiveInquiry, resolveInquiryPair } from "./start-inquiry.server";

export interface ListingSummary {
  kind: "results" | "demands";
  id: number;
  title: string;
  organizationName: string;
  href: string;
}

export interface InquiryStartView {
  other: ListingSummary;
  own: ListingSummary | null;
  /** Field name of the own listing in the form ("demandId" for an enterprise). */
  ownField: "resultId" | "demandId";
  ownKindLabel: string;
  /** The member's published listings that may be attached (when none was given). */
  ownOptions: { id: number; title: string }[];
  existingInquiryId: number | null;
}

async function summary(
  db: Kysely<DB>,
  kind: "results" | "demands",
  id: number,
): Promise<ListingSummary> {
  const row = await db
    .selectFrom(kind)
    .innerJoin("organizations as o", "o.id", `${kind}.organization_id`)
    .select([`${kind}.title as title`, "o.name as organizationName"])
    .where(`${kind}.id`, "=", id)
    .executeTakeFirstOrThrow();
  return { kind, id, ...row, href: `/${kind}/${id}` };
}

/** The page's data for `actor` starting an inquiry about `input`. */
export async function inquiryStartView(
  db: Kysely<DB>,
  actor: InquiryActor,
  input: { resultId?: number | null; demandId?: number | null },
): Promise<InquiryStartView> {
  const pair = await resolveInquiryPair(db, actor, input);
  const ownKind = actor.role === "enterprise_member" ? "demands" : "results";
  const otherKind = ownKind === "demands" ? "results" : "demands";
  const ownOptions = pair.own
    ? []
    : await db
        .selectFrom(ownKind)
        .select(["id", "title"])
        .where("organization_id", "=", actor.organizationId)
        .where("status", "=", "published")
        .orderBy("published_at", "desc")
        .limit(50)
        .execute();
  return {
    other: await summary(db, otherKind, pair.other.id),
    own: pair.own ? await summary(db, ownKind, pair.own.id) : null,
    ownField: ownKind === "demands" ? "demandId" : "resultId",
    ownKindLabel: ownKind === "demands" ? "技术需求" : "科技成果",
    ownOptions,
    existingInquiryId: await findActiveInquiry(db, {
      organizationIds: [actor.organizationId, pair.counterpartOrganizationId],
      resultId: pair.resultId,
      demandId: pair.demandId,
    }),
  };
}
