/**
 * The registration workflow of output contracts (技术输出, DESIGN.md §5):
 *
 *   submitted 受理 ─register→ registered 登记 (number issued) ─amend→ registered (变更)
 *        │                         ├─cancel→ cancelled 注销
 *        └─refuse→ refused 不予登记  └─revoke→ revoked 撤销
 *
 * Every function takes `db` (or a transaction) first and an `Actor` with
 * "contracts.register", locks the contract row, and writes its audit entry
 * in the same transaction. Errors: ForbiddenError, NotFoundError,
 * ValidationError (bad input), ConflictError (wrong status).
 * Amendments live in contract-amendment.server.ts, absorption records in
 * absorption.server.ts.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { config } from "../../config.server";
import { formatDate } from "../../utils/date";
import { type Actor, assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import { ConflictError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import type { ContractFields } from "./contract-input";
import { RULE_VERSION, processingDeadline } from "./contract-rules";
import {
  type Contract,
  auditView,
  columnsOfFields,
  getContract,
  lockContract,
} from "./contract-rows.server";
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  type ContractType,
  REFUSAL_REASONS,
  type RefusalReason,
  isSubtypeOf,
} from "./contract-taxonomy";
import { formatRegistrationNumber, nextSequence } from "./registration-number.server";
import { defaultStation, getStation } from "./stations.server";

export interface WorkflowClock {
  /** The moment of the transition (tests pass a fixed time); defaults to now. */
  now?: Date;
}

/** True when `code` is the home city or one of its counties, districts or zones (1309xx). */
export function isHomeRegion(
  code: string,
  homeRegionCode: string = config().HOME_REGION_CODE,
): boolean {
  return code.slice(0, 4) === homeRegionCode.slice(0, 4);
}

const statusLabel = (s: string) => CONTRACT_STATUSES[s as keyof typeof CONTRACT_STATUSES] ?? s;

function requireStatus(contract: Contract, allowed: Contract["status"][], what: string): void {
  if (!allowed.includes(contract.status)) {
    throw new ConflictError(
      "contract_wrong_status",
      `该合同当前为“${statusLabel(contract.status)}”，不能${what}`,
    );
  }
}

/** Checks that linked result / demand / inquiry ids exist (else a field error). */
export async function assertLinksExist(trx: Kysely<DB>, fields: ContractFields): Promise<void> {
  const checks = [
    ["resultId", "results", fields.resultId, "科技成果"],
    ["demandId", "demands", fields.demandId, "技术需求"],
    ["inquiryId", "inquiries", fields.inquiryId, "对接"],
  ] as const;
  for (const [field, table, id, label] of checks) {
    if (id === null) continue;
    const row = await trx.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst();
    if (!row) {
      throw new ValidationError("link_not_found", `关联的${label} #${id} 不存在`, {
        [field]: `${label} #${id} 不存在`,
      });
    }
  }
}

/**
 * The registered organizations whose 统一社会信用代码 the parties gave
 * (null when not given or not on the platform), for the contract's
 * seller/buyer organization links.
 */
export async function partyOrganizationIds(
  trx: Kysely<DB>,
  fields: ContractFields,
): Promise<{ seller_organization_id: number | null; buyer_organization_id: number | null }> {
  const codes = [fields.sellerUscc, fields.buyerUscc].filter((c): c is string => c !== null);
  const rows = codes.length
    ? await trx
        .selectFrom("organizations")
        .select(["id", "uscc"])
        .where("uscc", "in", codes)
        .execute()
    : [];
  const idOf = (code: string | null) =>
    rows.find((r) => code !== null && r.uscc === code)?.id ?? null;
  return {
    seller_organization_id: idOf(fields.sellerUscc),
    buyer_organization_id: idOf(fields.buyerUscc),
  };
}

/**
 * 受理: stores a submitted output contract (seller in the home city) at
 * `stationId` (default: the home city's first active station), with the
 * rule version, acceptance time and processing deadline (15 working days,
 * 30 when 技术交易额 ≥ 500万元). Returns the new contract's id.
 */
export async function submitContract(
  db: Kysely<DB>,
  fields: ContractFields,
  actor: Actor,
  options: WorkflowClock & { stationId?: number } = {},
): Promise<number> {
  assertCan(actor, "contracts.register");
  if (!isHomeRegion(fields.sellerRegionCode)) {
    throw new ValidationError("seller_not_local", "本站只登记卖方在本市的合同（卖方登记）", {
      sellerRegionCode: "卖方须在本市；卖方在外地、买方在本市的合同请按“技术吸纳”录入",
    });
  }
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const station =
      options.stationId === undefined
        ? await defaultStation(trx)
        : await getStation(trx, options.stationId);
    if (!station.active) {
      throw new ConflictError("station_inactive", `登记站“${station.name}”已停用`);
    }
    await assertLinksExist(trx, fields);
    const { dueOn } = processingDeadline(formatDate(now), fields.techTransactionAmountFen);
    const row = await trx
      .insertInto("contracts")
      .values({
        ...columnsOfFields(fields),
        ...(await partyOrganizationIds(trx, fields)),
        direction: "output",
        status: "submitted",
        station_id: station.id,
        rule_version: RULE_VERSION,
        accepted_at: now,
        due_on: dueOn,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const contract = await getContract(trx, row.id);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "contract.submit",
      entityType: "contract",
      entityId: row.id,
      after: { ...auditView(contract), dueOn, ruleVersion: RULE_VERSION, stationId: station.id },
      ip: actor.ip,
    });
    return row.id;
  });
}

export interface RegistrationDecision {
  /** The final 技术交易额 the registrar recognizes, fen, ≤ 成交额. */
  techTransactionAmountFen: number;
  /** The final category (合同类别 and 子类). */
  contractType: ContractType;
  contractSubtype: string;
}

/**
 * 登记: sets the final 技术交易额 and category, issues the next 16-digit
 * number of the contract's station and year (gap-free: in this transaction),
 * and dates the registration today in Asia/Shanghai. Returns the contract.
 */
export async function registerContract(
  db: Kysely<DB>,
  id: number,
  decision: RegistrationDecision,
  actor: Actor,
  options: WorkflowClock = {},
): Promise<Contract> {
  assertCan(actor, "contracts.register");
  if (!Object.hasOwn(CONTRACT_TYPES, decision.contractType)) {
    throw new ValidationError("bad_type", "请选择合同类别", { contractType: "请选择合同类别" });
  }
  if (!isSubtypeOf(decision.contractType, decision.contractSubtype)) {
    throw new ValidationError("bad_subtype", "合同子类与类别不符", {
      contractSubtype: `请选择“${CONTRACT_TYPES[decision.contractType]}”下的合同子类`,
    });
  }
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const before = await lockContract(trx, id);
    if (before.direction !== "output") {
      throw new ConflictError("not_output", "技术吸纳记录已在外地登记，不在本站登记");
    }
    requireStatus(before, ["submitted"], "登记");
    const tech = decision.techTransactionAmountFen;
    if (!Number.isSafeInteger(tech) || tech < 0 || tech > before.contractAmountFen) {
      throw new ValidationError("tech_amount_too_high", "技术交易额不能超过成交额", {
        techTransactionAmount: "技术交易额应在 0 与成交额之间",
      });
    }
    const station = await getStation(trx, before.stationId ?? (await defaultStation(trx)).id);
    const registeredOn = formatDate(now);
    const year = Number(registeredOn.slice(0, 4));
    const sequence = await nextSequence(trx, station.id, year);
    const number = formatRegistrationNumber(
      year,
      config().HOME_REGION_CODE,
      station.stationCode,
      sequence,
    );
    await trx
      .updateTable("contracts")
      .set({
        status: "registered",
        registration_number: number,
        station_id: station.id,
        tech_transaction_amount_fen: tech,
        contract_type: decision.contractType,
        contract_subtype: decision.contractSubtype,
        registered_on: registeredOn,
        registered_at: now,
        registered_by: actor.id,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    const after = await getContract(trx, id);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "contract.register",
      entityType: "contract",
      entityId: id,
      before: auditView(before),
      after: auditView(after),
      ip: actor.ip,
    });
    return after;
  });
}

/** 不予登记 with a reason of REFUSAL_REASONS and a note ("other" needs one). Consumes no number. */
export async function refuseContract(
  db: Kysely<DB>,
  id: number,
  input: { reason: RefusalReason; note?: string | null },
  actor: Actor,
  options: WorkflowClock = {},
): Promise<Contract> {
  assertCan(actor, "contracts.register");
  const note = input.note?.trim() || null;
  if (!Object.hasOwn(REFUSAL_REASONS, input.reason)) {
    throw new ValidationError("bad_reason", "请选择不予登记的理由", { reason: "请选择理由" });
  }
  if (input.reason === "other" && !note) {
    throw new ValidationError("note_required", "理由为“其他”时请写明具体原因", {
      note: "请写明具体原因",
    });
  }
  if (note && note.length > 500) {
    throw new ValidationError("note_too_long", "说明最多 500 个字", { note: "最多 500 个字" });
  }
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const before = await lockContract(trx, id);
    requireStatus(before, ["submitted"], "不予登记");
    await trx
      .updateTable("contracts")
      .set({
        status: "refused",
        refusal_reason: input.reason,
        refusal_note: note,
        refused_at: now,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    const after = await getContract(trx, id);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "contract.refuse",
      entityType: "contract",
      entityId: id,
      before: auditView(before),
      after: { ...auditView(after), refusalReason: input.reason, refusalNote: note },
      ip: actor.ip,
    });
    return after;
  });
}

/**
 * 注销 (`cancel`, e.g. the parties ended the contract) or 撤销 (`revoke`,
 * the registration is withdrawn, e.g. obtained with false material) of a
 * registered contract, with a required note. The contract leaves the
 * statistics; its number stays used (never re-issued).
 */
export async function endRegistration(
  db: Kysely<DB>,
  id: number,
  kind: "cancel" | "revoke",
  note: string,
  actor: Actor,
  options: WorkflowClock = {},
): Promise<Contract> {
  assertCan(actor, "contracts.register");
  const what = kind === "cancel" ? "注销" : "撤销";
  const text = note.trim();
  if (text.length < 2 || text.length > 500) {
    throw new ValidationError("note_required", `请写明${what}原因（2–500 字）`, {
      note: `请写明${what}原因（2–500 字）`,
    });
  }
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const before = await lockContract(trx, id);
    requireStatus(before, ["registered"], what);
    await trx
      .updateTable("contracts")
      .set({
        status: kind === "cancel" ? "cancelled" : "revoked",
        ...(kind === "cancel" ? { cancelled_at: now } : { revoked_at: now }),
        status_note: text,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    const after = await getContract(trx, id);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: `contract.${kind}`,
      entityType: "contract",
      entityId: id,
      before: auditView(before),
      after: { ...auditView(after), note: text },
      ip: actor.ip,
    });
    return after;
  });
}

/** 注销 a registered contract (see endRegistration). */
export function cancelContract(
  db: Kysely<DB>,
  id: number,
  note: string,
  actor: Actor,
  options: WorkflowClock = {},
): Promise<Contract> {
  return endRegistration(db, id, "cancel", note, actor, options);
}

/** 撤销 a registered contract (see endRegistration). */
export function revokeContract(
  db: Kysely<DB>,
  id: number,
  note: string,
  actor: Actor,
  options: WorkflowClock = {},
): Promise<Contract> {
  return endRegistration(db, id, "revoke", note, actor, options);
}
