/**
 * 变更: amending a registered contract (amounts, category, field, parties…).
 * The contract row takes the new values — statistics follow them — and
 * `contract_amendments` keeps each amendment's reason and the changed
 * fields before and after. Status stays `registered`; the number and
 * registration date do not change.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import { type Actor, assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import { ConflictError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { CONTRACT_FIELD_NAMES, type ContractFields } from "./contract-input";
import { type Contract, columnsOfFields, getContract, lockContract } from "./contract-rows.server";
import {
  type WorkflowClock,
  assertLinksExist,
  isHomeRegion,
  partyOrganizationIds,
} from "./contract-workflow.server";

export interface Amendment {
  id: number;
  reason: string;
  /** Changed fields only (ContractFields names, money in fen). */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  amendedBy: string | null;
  amendedByName: string | null;
  /** ISO timestamp. */
  amendedAt: string;
}

const FIELD_KEYS = [
  ...CONTRACT_FIELD_NAMES.filter((n) => n !== "contractAmount" && n !== "techTransactionAmount"),
  "contractAmountFen",
  "techTransactionAmountFen",
] as (keyof ContractFields)[];

const jsonb = (value: unknown) => sql<string>`${JSON.stringify(value)}::text::jsonb`;

/** The fields whose values differ, before and after. */
export function changedFields(
  current: ContractFields,
  next: ContractFields,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) {
    if (current[key] !== next[key]) {
      before[key] = current[key];
      after[key] = next[key];
    }
  }
  return { before, after };
}

/**
 * Amends registered contract `id` to `fields` with a reason (2–500 chars).
 * An output contract's seller stays local, an absorption record's buyer
 * stays local. ValidationError when nothing changed; ConflictError unless
 * registered. Returns the amended contract.
 */
export async function amendContract(
  db: Kysely<DB>,
  id: number,
  input: { fields: ContractFields; reason: string },
  actor: Actor,
  options: WorkflowClock = {},
): Promise<Contract> {
  assertCan(actor, "contracts.register");
  const reason = input.reason.trim();
  if (reason.length < 2 || reason.length > 500) {
    throw new ValidationError("reason_required", "请写明变更原因（2–500 字）", {
      reason: "请写明变更原因（2–500 字）",
    });
  }
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const current = await lockContract(trx, id);
    if (current.status !== "registered") {
      throw new ConflictError("contract_wrong_status", "只有已登记的合同可以变更");
    }
    const { fields } = input;
    if (current.direction === "output" && !isHomeRegion(fields.sellerRegionCode)) {
      throw new ValidationError("seller_not_local", "本站登记的合同卖方须在本市", {
        sellerRegionCode: "卖方须在本市",
      });
    }
    if (current.direction === "absorption" && !isHomeRegion(fields.buyerRegionCode)) {
      throw new ValidationError("buyer_not_local", "技术吸纳记录的买方须在本市", {
        buyerRegionCode: "买方须在本市",
      });
    }
    const { before, after } = changedFields(current, fields);
    if (Object.keys(after).length === 0) {
      throw new ValidationError("nothing_changed", "没有需要变更的内容");
    }
    await assertLinksExist(trx, fields);
    await trx
      .updateTable("contracts")
      .set({
        ...columnsOfFields(fields),
        ...(await partyOrganizationIds(trx, fields)),
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    await trx
      .insertInto("contract_amendments")
      .values({
        contract_id: id,
        reason,
        before: jsonb(before),
        after: jsonb(after),
        amended_by: actor.id,
        amended_at: now,
      })
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "contract.amend",
      entityType: "contract",
      entityId: id,
      before,
      after: { ...after, reason },
      ip: actor.ip,
    });
    return getContract(trx, id);
  });
}

/** The amendments of a contract, oldest first. */
export async function listAmendments(db: Kysely<DB>, contractId: number): Promise<Amendment[]> {
  const rows = await db
    .selectFrom("contract_amendments as a")
    .leftJoin("users as u", "u.id", "a.amended_by")
    .select([
      "a.id",
      "a.reason",
      "a.before",
      "a.after",
      "a.amended_by",
      "a.amended_at",
      "u.display_name",
    ])
    .where("a.contract_id", "=", contractId)
    .orderBy("a.amended_at")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    before: r.before,
    after: r.after,
    amendedBy: r.amended_by,
    amendedByName: r.display_name,
    amendedAt: r.amended_at.toISOString(),
  }));
}
