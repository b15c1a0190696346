/**
 * One inquiry as its page shows it (/inquiries/:id): the listings, the two
 * organizations, the thread, each side's deal confirmation, what the
 * viewer may do now, and — for bureau staff only — the broker notes.
 * Opening it marks it read for the viewer, with the notifications that
 * link to it. Serializable (ISO strings), labels in zh-CN.
 */
import { type Kysely, sql } from "kysely";
import type { DB, InquiryStatus } from "../../../db/schema";
import {
  type InquiryActor,
  type InquiryRole,
  loadInquiry,
  touchReadMarker,
} from "./inquiry-access.server";
import { CLOSE_REASONS, INQUIRY_STATUSES } from "./inquiry-labels";

export interface InquiryPartyView {
  organizationId: number;
  name: string;
  /** Deal confirmation of this side, ISO time, or null. */
  confirmedAt: string | null;
  confirmedBy: string | null;
}

export interface InquiryMessageView {
  id: number;
  authorName: string;
  organizationName: string;
  /** initiator | counterpart | broker: which side wrote it. */
  from: InquiryRole;
  mine: boolean;
  body: string;
  createdAt: string;
}

export interface InquiryView {
  id: number;
  status: InquiryStatus;
  statusLabel: string;
  result: { id: number; title: string; organizationName: string } | null;
  demand: { id: number; title: string; organizationName: string } | null;
  initiator: InquiryPartyView;
  counterpart: InquiryPartyView;
  viewerRole: InquiryRole;
  closeReason: string | null;
  closeNote: string | null;
  dealAt: string | null;
  closedAt: string | null;
  createdAt: string;
  messages: InquiryMessageView[];
  /** Bureau staff only; empty for the sides. */
  brokerNotes: { id: number; authorName: string; body: string; createdAt: string }[];
  can: {
    message: boolean;
    negotiate: boolean;
    confirmDeal: boolean;
    withdrawConfirmation: boolean;
    close: boolean;
    note: boolean;
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function listingOf(db: Kysely<DB>, kind: "results" | "demands", id: number | null) {
  if (id === null) return null;
  const row = await db
    .selectFrom(kind)
    .innerJoin("organizations as o", "o.id", `${kind}.organization_id`)
    .select([`${kind}.id as id`, `${kind}.title as title`, "o.name as organizationName"])
    .where(`${kind}.id`, "=", id)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The view of inquiry `id` for `viewer`; NotFoundError when it is not
 * visible (see inquiry-access.server.ts). With `markRead` (default) the
 * viewer's read marker and notifications about it are updated.
 */
export async function getInquiryView(
  db: Kysely<DB>,
  id: number,
  viewer: InquiryActor,
  { markRead = true } = {},
): Promise<InquiryView> {
  const { row, role } = await loadInquiry(db, id, viewer);
  const [result, demand, orgs, users, messages, notes] = await Promise.all([
    listingOf(db, "results", row.result_id),
    listingOf(db, "demands", row.demand_id),
    db
      .selectFrom("organizations")
      .select(["id", "name"])
      .where("id", "in", [row.initiator_organization_id, row.counterpart_organization_id])
      .execute(),
    db
      .selectFrom("users")
      .select(["id", "display_name"])
      .where(
        "id",
        "in",
        [row.initiator_confirmed_by, row.counterpart_confirmed_by, "-"].filter(
          (v): v is string => v !== null,
        ),
      )
      .execute(),
    db
      .selectFrom("inquiry_messages as m")
      .innerJoin("organizations as o", "o.id", "m.author_organization_id")
      .leftJoin("users as u", "u.id", "m.author_user_id")
      .select([
        "m.id",
        "m.body",
        "m.as_broker",
        "m.author_user_id",
        "m.author_organization_id",
        "m.created_at",
        "o.name as organization_name",
        "u.display_name",
      ])
      .where("m.inquiry_id", "=", id)
      .orderBy("m.id")
      .execute(),
    role === "broker"
      ? db
          .selectFrom("inquiry_broker_notes as n")
          .leftJoin("users as u", "u.id", "n.author_user_id")
          .select(["n.id", "n.body", "n.created_at", "u.display_name"])
          .where("n.inquiry_id", "=", id)
          .orderBy("n.id")
          .execute()
      : Promise.resolve([]),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const party = (side: "initiator" | "counterpart"): InquiryPartyView => {
    const by = row[`${side}_confirmed_by`];
    return {
      organizationId: row[`${side}_organization_id`],
      name: orgName.get(row[`${side}_organization_id`]) ?? "",
      confirmedAt: iso(row[`${side}_confirmed_at`]),
      confirmedBy: by ? (userName.get(by) ?? null) : null,
    };
  };
  const isSide = role !== "broker";
  const active = row.status === "open" || row.status === "negotiating";
  const mineConfirmed = isSide && row[`${role}_confirmed_at`] !== null;

  if (markRead) {
    await touchReadMarker(db, id, viewer.id);
    await db
      .updateTable("notifications")
      .set({ read_at: sql<Date>`now()` })
      .where("user_id", "=", viewer.id)
      .where("read_at", "is", null)
      .where("link", "=", `/inquiries/${id}`)
      .execute();
  }

  return {
    id: row.id,
    status: row.status,
    statusLabel: INQUIRY_STATUSES[row.status],
    result,
    demand,
    initiator: party("initiator"),
    counterpart: party("counterpart"),
    viewerRole: role,
    closeReason: row.close_reason
      ? (CLOSE_REASONS[row.close_reason as keyof typeof CLOSE_REASONS] ?? row.close_reason)
      : null,
    closeNote: row.close_note,
    dealAt: iso(row.deal_at),
    closedAt: iso(row.closed_at),
    createdAt: row.created_at.toISOString(),
    messages: messages.map((m) => ({
      id: m.id,
      authorName: m.display_name ?? "已注销用户",
      organizationName: m.as_broker ? "科技局" : m.organization_name,
      from: m.as_broker
        ? "broker"
        : m.author_organization_id === row.initiator_organization_id
          ? "initiator"
          : "counterpart",
      mine: m.author_user_id === viewer.id,
      body: m.body,
      createdAt: m.created_at.toISOString(),
    })),
    brokerNotes: notes.map((n) => ({
      id: n.id,
      authorName: n.display_name ?? "已注销用户",
      body: n.body,
      createdAt: n.created_at.toISOString(),
    })),
    can: {
      message: row.status !== "closed",
      negotiate: isSide && row.status === "open",
      confirmDeal: isSide && row.status === "negotiating" && !mineConfirmed,
      withdrawConfirmation: isSide && row.status === "negotiating" && mineConfirmed,
      close: isSide && active,
      note: role === "broker",
    },
  };
}
