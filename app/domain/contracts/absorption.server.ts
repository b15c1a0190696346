/**
 * 技术吸纳 inbound records: contracts whose buyer is in the home city and
 * whose seller registered them at a station elsewhere (e.g. Beijing,
 * Tianjin). Entered with the external registration number (unique among
 * records) and the date registered there; stored directly as `registered`
 * with direction `absorption`, never given a local number. Statistics count
 * them by that date; a seller in Beijing or Tianjin makes them 京津 results
 * transferred.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { formatDate } from "../../utils/date";
import { type Actor, assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import { ConflictError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { uniqueViolation } from "../unique-violation.server";
import { type ContractFields, normalizeDate } from "./contract-input";
import { RULE_VERSION } from "./contract-rules";
import { auditView, columnsOfFields, getContract } from "./contract-rows.server";
import {
  type WorkflowClock,
  assertLinksExist,
  isHomeRegion,
  partyOrganizationIds,
} from "./contract-workflow.server";

export interface AbsorptionInput {
  fields: ContractFields;
  /** The number the seller's station issued (letters, digits, hyphens; 4–40). */
  externalRegistrationNumber: string;
  /** "YYYY-MM-DD" it was registered elsewhere: not before signing, not after today. */
  registeredOn: string;
}

/** Upper-cased, spaces removed; null when not 4–40 letters, digits or hyphens. */
export function normalizeExternalNumber(raw: string): string | null {
  const text = raw.replace(/\s+/g, "").toUpperCase();
  return /^[0-9A-Z-]{4,40}$/.test(text) ? text : null;
}

/**
 * Stores an absorption record; returns its id. ValidationError when the
 * buyer is not local, the seller is local (register it here instead), or
 * the number/date is malformed; ConflictError when the external number was
 * already recorded.
 */
export async function recordAbsorption(
  db: Kysely<DB>,
  input: AbsorptionInput,
  actor: Actor,
  options: WorkflowClock = {},
): Promise<number> {
  assertCan(actor, "contracts.register");
  const { fields } = input;
  const now = options.now ?? new Date();
  const errors: Record<string, string> = {};
  if (!isHomeRegion(fields.buyerRegionCode)) errors.buyerRegionCode = "技术吸纳的买方须在本市";
  if (isHomeRegion(fields.sellerRegionCode)) {
    errors.sellerRegionCode = "卖方在本市的合同由本站登记，请走“登记合同”";
  }
  const number = normalizeExternalNumber(input.externalRegistrationNumber);
  if (!number) errors.externalRegistrationNumber = "外地登记号应为 4–40 位字母、数字或连字符";
  const registeredOn = normalizeDate(input.registeredOn);
  if (!registeredOn) errors.registeredOn = "请填写外地登记日期（年-月-日）";
  else if (registeredOn < fields.signedOn) errors.registeredOn = "登记日期不能早于签订日期";
  else if (registeredOn > formatDate(now)) errors.registeredOn = "登记日期不能晚于今天";
  const first = Object.values(errors)[0];
  if (first) throw new ValidationError("bad_absorption", first, errors);

  return inTransaction(db, async (trx) => {
    await assertLinksExist(trx, fields);
    let id: number;
    try {
      const row = await trx
        .insertInto("contracts")
        .values({
          ...columnsOfFields(fields),
          ...(await partyOrganizationIds(trx, fields)),
          direction: "absorption",
          status: "registered",
          external_registration_number: number,
          station_id: null,
          rule_version: RULE_VERSION,
          accepted_at: now,
          registered_on: registeredOn,
          registered_at: now,
          registered_by: actor.id,
          created_by: actor.id,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = row.id;
    } catch (error) {
      if (uniqueViolation(error) === "contracts_absorption_number_uq") {
        throw new ConflictError("external_number_taken", `外地登记号 ${number} 已录入过`, {
          externalRegistrationNumber: "该登记号已录入过",
        });
      }
      throw error;
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "contract.record_absorption",
      entityType: "contract",
      entityId: id,
      after: auditView(await getContract(trx, id)),
      ip: actor.ip,
    });
    return id;
  });
}
