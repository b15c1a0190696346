/**
 * What happens in an inquiry after it starts (issue #5 item 3): messages,
 * and the status machine
 *
 *   open 意向 ──(counterpart's first reply, or 进入洽谈 by either side)──▶ negotiating 洽谈
 *   negotiating ──(both sides confirm 签约; the first confirmation is shown to the other)──▶ deal 签约
 *   open | negotiating ──(either side, reason from CLOSE_REASONS + text)──▶ closed 终止
 *
 * Nothing leaves deal or closed. Every status change and deal confirmation
 * is audited (`inquiry.*`) and notified to the other organization in the
 * same transaction. Bureau staff (`inquiries.broker`) may post messages as
 * broker and keep staff-only notes; status actions belong to the two sides.
 * Errors: NotFoundError (not visible), ForbiddenError (a broker taking a
 * side's action, a side writing broker notes), ConflictError (status does
 * not allow it), ValidationError (empty text; checked by the form schema).
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import {
  type InquiryActor,
  type InquiryRole,
  type InquiryRow,
  type InquirySide,
  loadInquiry,
  notifyOthers,
  subjectTitle,
  touchReadMarker,
  writeChange,
} from "./inquiry-access.server";
import {
  CLOSE_REASONS,
  type CloseReason,
  INQUIRY_STATUSES,
  MESSAGE_MAX_LENGTH,
  NOTE_MAX_LENGTH,
} from "./inquiry-labels";

type Row = NonNullable<InquiryRow>;

function statusConflict(row: Row, doing: string): ConflictError {
  return new ConflictError(
    "invalid_transition",
    `对接当前状态为“${INQUIRY_STATUSES[row.status]}”，不能${doing}`,
  );
}

function requireSide(role: InquiryRole): InquirySide {
  if (role === "broker") {
    throw new ForbiddenError(
      "broker_not_a_side",
      "该操作只能由对接双方进行，科技局工作人员可留言或添加备注",
    );
  }
  return role;
}

function checkedText(text: string, max: number, what: string): string {
  const body = text.trim();
  if (!body || body.length > max) {
    throw new ValidationError("invalid_text", `${what}须为 1–${max} 个字`, {
      body: `${what}须为 1–${max} 个字`,
    });
  }
  return body;
}

async function organizationName(trx: Kysely<DB>, id: number): Promise<string> {
  const org = await trx
    .selectFrom("organizations")
    .select("name")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return org.name;
}

/**
 * Posts a message. A first reply of the counterpart moves an open inquiry
 * to negotiating (audited `inquiry.negotiate`). Not allowed once closed.
 * Returns the message id and the status after it.
 */
export async function postMessage(
  db: Kysely<DB>,
  actor: InquiryActor,
  inquiryId: number,
  text: string,
): Promise<{ messageId: number; status: Row["status"] }> {
  const body = checkedText(text, MESSAGE_MAX_LENGTH, "留言");
  return inTransaction(db, async (trx) => {
    const { row, role } = await loadInquiry(trx, inquiryId, actor, { lock: true });
    if (row.status === "closed") throw statusConflict(row, "继续留言");
    const message = await trx
      .insertInto("inquiry_messages")
      .values({
        inquiry_id: row.id,
        author_user_id: actor.id,
        author_organization_id: actor.organizationId,
        as_broker: role === "broker",
        body,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    let after = row;
    if (row.status === "open" && role === "counterpart") {
      after = await writeChange(trx, row, actor, "negotiate", { status: "negotiating" });
    } else {
      await trx
        .updateTable("inquiries")
        .set({ updated_at: sql<Date>`now()` })
        .where("id", "=", row.id)
        .execute();
    }
    await touchReadMarker(trx, row.id, actor.id);
    const [who, title] = await Promise.all([
      role === "broker" ? Promise.resolve("科技局") : organizationName(trx, actor.organizationId),
      subjectTitle(trx, row),
    ]);
    await notifyOthers(trx, row, role, actor.id, {
      kind: "inquiry.message",
      title: `${who}在对接“${title}”中留言`,
      body: body.slice(0, 200),
    });
    return { messageId: message.id, status: after.status };
  });
}

/** Moves an open inquiry to negotiating (进入洽谈), by either side. */
export async function startNegotiation(
  db: Kysely<DB>,
  actor: InquiryActor,
  inquiryId: number,
): Promise<Row> {
  return inTransaction(db, async (trx) => {
    const { row, role } = await loadInquiry(trx, inquiryId, actor, { lock: true });
    const side = requireSide(role);
    if (row.status !== "open") throw statusConflict(row, "进入洽谈");
    const after = await writeChange(trx, row, actor, "negotiate", { status: "negotiating" });
    await touchReadMarker(trx, row.id, actor.id);
    await notifyOthers(trx, row, side, actor.id, {
      kind: "inquiry.status",
      title: `对接“${await subjectTitle(trx, row)}”已进入洽谈`,
    });
    return after;
  });
}

/**
 * Records the actor's side's deal confirmation (确认签约) on a negotiating
 * inquiry. When the other side has confirmed already, the inquiry becomes
 * a deal (`inquiry.deal`, deal_at set); otherwise `inquiry.confirm_deal`
 * and the other side is asked to confirm. A side confirms once.
 */
export async function confirmDeal(
  db: Kysely<DB>,
  actor: InquiryActor,
  inquiryId: number,
): Promise<Row> {
  return inTransaction(db, async (trx) => {
    const { row, role } = await loadInquiry(trx, inquiryId, actor, { lock: true });
    const side = requireSide(role);
    if (row.status === "open") {
      throw new ConflictError("not_negotiating", "对接尚处于“意向”阶段，请先进入洽谈再确认签约");
    }
    if (row.status !== "negotiating") throw statusConflict(row, "确认签约");
    const mine = side === "initiator" ? "initiator" : "counterpart";
    const theirs = side === "initiator" ? "counterpart" : "initiator";
    if (row[`${mine}_confirmed_at`]) {
      throw new ConflictError("already_confirmed", "贵方已确认签约，正在等待对方确认");
    }
    const now = new Date();
    const both = row[`${theirs}_confirmed_at`] !== null;
    const after = await writeChange(trx, row, actor, both ? "deal" : "confirm_deal", {
      [`${mine}_confirmed_at`]: now,
      [`${mine}_confirmed_by`]: actor.id,
      ...(both ? { status: "deal" as const, deal_at: now } : {}),
    });
    await touchReadMarker(trx, row.id, actor.id);
    const title = await subjectTitle(trx, row);
    await notifyOthers(trx, row, side, actor.id, {
      kind: "inquiry.status",
      title: both
        ? `对接“${title}”已签约`
        : `${await organizationName(trx, actor.organizationId)}已确认对接“${title}”签约，请确认`,
    });
    return after;
  });
}

/** Takes back the actor's side's deal confirmation while the other side has not confirmed. */
export async function withdrawDealConfirmation(
  db: Kysely<DB>,
  actor: InquiryActor,
  inquiryId: number,
): Promise<Row> {
  return inTransaction(db, async (trx) => {
    const { row, role } = await loadInquiry(trx, inquiryId, actor, { lock: true });
    const side = requireSide(role);
    if (row.status !== "negotiating") throw statusConflict(row, "撤回签约确认");
    if (!row[`${side}_confirmed_at`]) {
      throw new ConflictError("not_confirmed", "贵方尚未确认签约");
    }
    const after = await writeChange(trx, row, actor, "withdraw_confirmation", {
      [`${side}_confirmed_at`]: null,
      [`${side}_confirmed_by`]: null,
    });
    await touchReadMarker(trx, row.id, actor.id);
    await notifyOthers(trx, row, side, actor.id, {
      kind: "inquiry.status",
      title: `对方撤回了对接“${await subjectTitle(trx, row)}”的签约确认`,
    });
    return after;
  });
}

/**
 * Ends an open or negotiating inquiry (终止) with a reason from
 * CLOSE_REASONS and a note (required for "other").
 */
export async function closeInquiry(
  db: Kysely<DB>,
  actor: InquiryActor,
  inquiryId: number,
  input: { reason: CloseReason; note?: string | null },
): Promise<Row> {
  if (!Object.hasOwn(CLOSE_REASONS, input.reason)) {
    throw new ValidationError("invalid_reason", "请选择终止原因", { reason: "请选择终止原因" });
  }
  const note = input.note?.trim() || null;
  if (input.reason === "other" && !note) {
    throw new ValidationError("note_required", "选择“其他”时请填写说明", {
      note: "选择“其他”时请填写说明",
    });
  }
  return inTransaction(db, async (trx) => {
    const { row, role } = await loadInquiry(trx, inquiryId, actor, { lock: true });
    const side = requireSide(role);
    if (row.status !== "open" && row.status !== "negotiating") {
      throw statusConflict(row, "终止");
    }
    const after = await writeChange(trx, row, actor, "close", {
      status: "closed",
      close_reason: input.reason,
      close_note: note,
      closed_at: new Date(),
    });
    await touchReadMarker(trx, row.id, actor.id);
    await notifyOthers(trx, row, side, actor.id, {
      kind: "inquiry.status",
      title: `对接“${await subjectTitle(trx, row)}”已被对方终止`,
      body: `原因：${CLOSE_REASONS[input.reason]}${note ? `（${note}）` : ""}`,
    });
    return after;
  });
}

/** Adds a broker note (bureau staff only; never shown to the two sides). Returns its id. */
export async function addBrokerNote(
  db: Kysely<DB>,
  actor: InquiryActor,
  inquiryId: number,
  text: string,
): Promise<number> {
  const body = checkedText(text, NOTE_MAX_LENGTH, "备注");
  return inTransaction(db, async (trx) => {
    const { row, role } = await loadInquiry(trx, inquiryId, actor);
    if (role !== "broker") {
      throw new ForbiddenError("forbidden", "只有科技局工作人员可以添加撮合备注");
    }
    const note = await trx
      .insertInto("inquiry_broker_notes")
      .values({ inquiry_id: row.id, author_user_id: actor.id, body })
      .returning("id")
      .executeTakeFirstOrThrow();
    return note.id;
  });
}
