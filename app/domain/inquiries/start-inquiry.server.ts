/**
 * Starting an inquiry 对接 (issue #5 item 3) from a research result, a
 * technical demand, or both (a match).
 *
 * Sides follow the roles: an enterprise member speaks for the demand side,
 * an institution member for the result side. The listing of the other side
 * is required and names the counterpart organization (its owner); the
 * member's own listing is optional and must be their organization's
 * published one. Refused: unpublished listings of the other side
 * (NotFoundError, as for the public), the own organization's listing as
 * the other side, an unverified organization, and a second active (open or
 * negotiating) inquiry for the same organizations and listings
 * (InquiryExistsError, naming the existing one).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { assertVerified } from "../listings/listing-guards.server";
import { notifyOrganization } from "../notifications/notifications.server";
import { uniqueViolation } from "../unique-violation.server";
import { type InquiryActor, touchReadMarker } from "./inquiry-access.server";
import { ACTIVE_STATUSES, MESSAGE_MAX_LENGTH } from "./inquiry-labels";

export interface StartInquiryInput {
  resultId?: number | null;
  demandId?: number | null;
  /** The first message, trimmed, 1–2000 characters (checked by the form schema). */
  message: string;
}

/** A second active inquiry for the same pair; `existingId` is the one to open instead. */
export class InquiryExistsError extends ConflictError {
  constructor(readonly existingId: number) {
    super("inquiry_exists", `已有进行中的对接（编号 ${existingId}），请在原对接中继续沟通`);
  }
}

type Kind = "results" | "demands";
const LABEL: Record<Kind, string> = { results: "科技成果", demands: "技术需求" };

interface ListingRef {
  id: number;
  organizationId: number;
  status: string;
  title: string;
}

async function listing(db: Kysely<DB>, kind: Kind, id: number): Promise<ListingRef | null> {
  const row = await db
    .selectFrom(kind)
    .select(["id", "organization_id", "status", "title"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row
    ? { id: row.id, organizationId: row.organization_id, status: row.status, title: row.title }
    : null;
}

/** Which listing kind each role speaks for. */
function ownKindOf(actor: InquiryActor): Kind {
  return actor.role === "enterprise_member" ? "demands" : "results";
}

/**
 * The active inquiry between the two organizations about exactly these
 * listings, if any (either direction).
 */
export async function findActiveInquiry(
  db: Kysely<DB>,
  pair: {
    organizationIds: [number, number];
    resultId: number | null;
    demandId: number | null;
  },
): Promise<number | null> {
  const [a, b] = pair.organizationIds;
  const row = await db
    .selectFrom("inquiries")
    .select("id")
    .where("status", "in", [...ACTIVE_STATUSES])
    .where((eb) =>
      eb.or([
        eb.and([
          eb("initiator_organization_id", "=", a),
          eb("counterpart_organization_id", "=", b),
        ]),
        eb.and([
          eb("initiator_organization_id", "=", b),
          eb("counterpart_organization_id", "=", a),
        ]),
      ]),
    )
    .where("result_id", pair.resultId === null ? "is" : "=", pair.resultId)
    .where("demand_id", pair.demandId === null ? "is" : "=", pair.demandId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Checks the listings of a would-be inquiry for `actor` and returns the
 * counterpart organization and the ids to store. Throws as the module says.
 */
export async function resolveInquiryPair(
  db: Kysely<DB>,
  actor: InquiryActor,
  input: Pick<StartInquiryInput, "resultId" | "demandId">,
): Promise<{
  resultId: number | null;
  demandId: number | null;
  counterpartOrganizationId: number;
  other: ListingRef;
  own: ListingRef | null;
}> {
  assertCan(actor, "inquiries.start");
  const ownKind = ownKindOf(actor);
  const otherKind: Kind = ownKind === "demands" ? "results" : "demands";
  const ids: Record<Kind, number | null> = {
    results: input.resultId ?? null,
    demands: input.demandId ?? null,
  };
  const otherId = ids[otherKind];
  if (otherId === null) {
    throw new ValidationError(
      "inquiry_subject_missing",
      `请选择要对接的${LABEL[otherKind]}（${actor.role === "enterprise_member" ? "企业用户对接科技成果" : "高校院所用户对接技术需求"}）`,
    );
  }
  const other = await listing(db, otherKind, otherId);
  if (!other || other.status !== "published") {
    throw new NotFoundError(
      `${otherKind === "results" ? "result" : "demand"}_not_found`,
      `未找到编号为 ${otherId} 的已发布${LABEL[otherKind]}`,
    );
  }
  if (other.organizationId === actor.organizationId) {
    throw new ValidationError("own_listing", `不能与本单位发布的${LABEL[otherKind]}对接`);
  }
  let own: ListingRef | null = null;
  const ownId = ids[ownKind];
  if (ownId !== null) {
    own = await listing(db, ownKind, ownId);
    if (!own || own.organizationId !== actor.organizationId) {
      throw new ValidationError(
        "not_own_listing",
        `附带的${LABEL[ownKind]}（编号 ${ownId}）不是本单位发布的`,
      );
    }
    if (own.status !== "published") {
      throw new ValidationError(
        "listing_not_published",
        `本单位的${LABEL[ownKind]}“${own.title}”尚未发布，不能用于对接`,
      );
    }
  }
  return {
    resultId: ids.results,
    demandId: ids.demands,
    counterpartOrganizationId: other.organizationId,
    other,
    own,
  };
}

/**
 * Starts an inquiry with its first message, notifies the counterpart
 * organization and audits `inquiry.start`, in one transaction. Returns the
 * new inquiry's id. Errors: ForbiddenError (role, unverified organization),
 * NotFoundError, ValidationError, InquiryExistsError (see the module comment).
 */
export async function startInquiry(
  db: Kysely<DB>,
  actor: InquiryActor,
  input: StartInquiryInput,
): Promise<{ id: number }> {
  const message = input.message.trim();
  if (!message || message.length > MESSAGE_MAX_LENGTH) {
    const text = `留言须为 1–${MESSAGE_MAX_LENGTH} 个字`;
    throw new ValidationError("invalid_message", text, { message: text });
  }
  try {
    return await inTransaction(db, async (trx) => {
      const pair = await resolveInquiryPair(trx, actor, input);
      await assertVerified(trx, actor.organizationId);
      const existing = await findActiveInquiry(trx, {
        organizationIds: [actor.organizationId, pair.counterpartOrganizationId],
        resultId: pair.resultId,
        demandId: pair.demandId,
      });
      if (existing !== null) throw new InquiryExistsError(existing);
      const row = await trx
        .insertInto("inquiries")
        .values({
          result_id: pair.resultId,
          demand_id: pair.demandId,
          initiator_organization_id: actor.organizationId,
          counterpart_organization_id: pair.counterpartOrganizationId,
          initiated_by: actor.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("inquiry_messages")
        .values({
          inquiry_id: row.id,
          author_user_id: actor.id,
          author_organization_id: actor.organizationId,
          body: message,
        })
        .execute();
      await touchReadMarker(trx, row.id, actor.id);
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: "inquiry.start",
        entityType: "inquiry",
        entityId: row.id,
        after: row,
        ip: actor.ip ?? null,
      });
      const org = await trx
        .selectFrom("organizations")
        .select("name")
        .where("id", "=", actor.organizationId)
        .executeTakeFirstOrThrow();
      await notifyOrganization(
        trx,
        pair.counterpartOrganizationId,
        {
          kind: "inquiry.status",
          title: `${org.name}对“${pair.other.title}”发起了对接`,
          body: message.slice(0, 200),
          link: `/inquiries/${row.id}`,
        },
        actor.id,
      );
      return { id: row.id };
    });
  } catch (error) {
    if (uniqueViolation(error) === "inquiries_active_pair") {
      // Lost a race with a concurrent start of the same inquiry: name the winner.
      const pair = await resolveInquiryPair(db, actor, input);
      const existing = await findActiveInquiry(db, {
        organizationIds: [actor.organizationId, pair.counterpartOrganizationId],
        resultId: pair.resultId,
        demandId: pair.demandId,
      });
      if (existing !== null) throw new InquiryExistsError(existing);
    }
    throw error;
  }
}
