/**
 * Who may see and act in an inquiry, and the shared steps of every change:
 * lock the row as the viewer may see it, write, audit, notify the other
 * side, and move the actor's read marker.
 *
 * Visibility rule (issue #5): members of the initiating and counterpart
 * organizations, and bureau staff (`inquiries.broker`). Everyone else —
 * other organizations, admins — gets NotFoundError, so an inquiry's
 * existence is not told (404, not 403).
 */
import { type Kysely, sql } from "kysely";
import type { DB, InquiryStatus, Role } from "../../../db/schema";
import { roleCan } from "../accounts/permissions";
import { recordAudit } from "../audit/audit.server";
import { NotFoundError } from "../errors";
import { type NotificationInput, notifyOrganization } from "../notifications/notifications.server";

/** The signed-in user acting on an inquiry (a SessionUser fits), with the IP for the audit log. */
export interface InquiryActor {
  id: string;
  role: Role;
  organizationId: number;
  ip?: string | null;
}

export type InquirySide = "initiator" | "counterpart";
/** How the viewer takes part: one of the two sides, or bureau staff as broker. */
export type InquiryRole = InquirySide | "broker";

export type InquiryRow = Awaited<ReturnType<typeof selectInquiry>>;

function selectInquiry(db: Kysely<DB>, id: number, lock: boolean) {
  let query = db.selectFrom("inquiries").selectAll().where("id", "=", id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst().then((row) => row ?? null);
}

export const inquiryNotFound = (id: number) =>
  new NotFoundError("inquiry_not_found", `未找到编号为 ${id} 的对接`);

/** The viewer's part in `row`, or null when the inquiry is not theirs to see. */
export function roleIn(
  row: Pick<NonNullable<InquiryRow>, "initiator_organization_id" | "counterpart_organization_id">,
  viewer: Pick<InquiryActor, "role" | "organizationId">,
): InquiryRole | null {
  if (roleCan(viewer.role, "inquiries.participate")) {
    if (row.initiator_organization_id === viewer.organizationId) return "initiator";
    if (row.counterpart_organization_id === viewer.organizationId) return "counterpart";
  }
  if (roleCan(viewer.role, "inquiries.broker")) return "broker";
  return null;
}

/**
 * The inquiry as `viewer` may see it, locked FOR UPDATE when `lock`.
 * Throws NotFoundError when it does not exist or is not visible.
 */
export async function loadInquiry(
  db: Kysely<DB>,
  id: number,
  viewer: Pick<InquiryActor, "role" | "organizationId">,
  { lock = false } = {},
): Promise<{ row: NonNullable<InquiryRow>; role: InquiryRole }> {
  const row = await selectInquiry(db, id, lock);
  const role = row && roleIn(row, viewer);
  if (!row || !role) throw inquiryNotFound(id);
  return { row, role };
}

/** The other side's organization id. */
export function otherOrganization(row: NonNullable<InquiryRow>, side: InquirySide): number {
  return side === "initiator" ? row.counterpart_organization_id : row.initiator_organization_id;
}

/** Title of what the inquiry is about: the result's, else the demand's. */
export async function subjectTitle(
  db: Kysely<DB>,
  row: Pick<NonNullable<InquiryRow>, "result_id" | "demand_id">,
): Promise<string> {
  if (row.result_id !== null) {
    const r = await db
      .selectFrom("results")
      .select("title")
      .where("id", "=", row.result_id)
      .executeTakeFirst();
    if (r) return r.title;
  }
  if (row.demand_id !== null) {
    const d = await db
      .selectFrom("demands")
      .select("title")
      .where("id", "=", row.demand_id)
      .executeTakeFirst();
    if (d) return d.title;
  }
  return "对接";
}

/** Moves `userId`'s read marker of the inquiry to now (they have seen everything so far). */
export async function touchReadMarker(
  db: Kysely<DB>,
  inquiryId: number,
  userId: string,
): Promise<void> {
  await db
    .insertInto("inquiry_reads")
    .values({ inquiry_id: inquiryId, user_id: userId, read_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc.columns(["inquiry_id", "user_id"]).doUpdateSet({ read_at: sql<Date>`now()` }),
    )
    .execute();
}

export interface ChangeNotice {
  /** Notification kind, "inquiry.status" or "inquiry.message". */
  kind: string;
  title: string;
  body?: string;
}

/**
 * Notifies the organization(s) on the other side of `role`'s action: the
 * other side for a side, both sides for the broker. The actor is left out.
 */
export async function notifyOthers(
  trx: Kysely<DB>,
  row: NonNullable<InquiryRow>,
  role: InquiryRole,
  actorId: string,
  notice: ChangeNotice,
): Promise<void> {
  const input: NotificationInput = { ...notice, link: `/inquiries/${row.id}` };
  const targets =
    role === "broker"
      ? [row.initiator_organization_id, row.counterpart_organization_id]
      : [otherOrganization(row, role)];
  for (const organizationId of targets) {
    await notifyOrganization(trx, organizationId, input, actorId);
  }
}

/**
 * Writes one audited status change (`inquiry.<action>`) with `set`, bumps
 * `updated_at`, and returns the row after it. Runs in the caller's transaction.
 */
export async function writeChange(
  trx: Kysely<DB>,
  before: NonNullable<InquiryRow>,
  actor: InquiryActor,
  action: string,
  set: Partial<{
    status: InquiryStatus;
    close_reason: string | null;
    close_note: string | null;
    deal_at: Date | null;
    closed_at: Date | null;
    initiator_confirmed_at: Date | null;
    initiator_confirmed_by: string | null;
    counterpart_confirmed_at: Date | null;
    counterpart_confirmed_by: string | null;
  }>,
): Promise<NonNullable<InquiryRow>> {
  const after = await trx
    .updateTable("inquiries")
    .set({ ...set, updated_at: sql<Date>`now()` })
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actorUserId: actor.id,
    action: `inquiry.${action}`,
    entityType: "inquiry",
    entityId: before.id,
    before,
    after,
    ip: actor.ip ?? null,
  });
  return after;
}
