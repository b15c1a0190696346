/**
 * The `contracts` row as the domain sees it (camelCase, money in fen,
 * dates "YYYY-MM-DD"), and the columns a `ContractFields` value writes.
 */
import type { Kysely, Selectable } from "kysely";
import type { ContractsTable, DB } from "../../../db/schema";
import { NotFoundError } from "../errors";
import type { ContractFields } from "./contract-input";

export interface Contract extends ContractFields {
  id: number;
  direction: ContractsTable["direction"];
  status: Selectable<ContractsTable>["status"];
  registrationNumber: string | null;
  externalRegistrationNumber: string | null;
  stationId: number | null;
  sellerOrganizationId: number | null;
  buyerOrganizationId: number | null;
  ruleVersion: string;
  /** ISO timestamp of 受理. */
  acceptedAt: string;
  dueOn: string | null;
  registeredOn: string | null;
  registeredAt: string | null;
  registeredBy: string | null;
  refusalReason: string | null;
  refusalNote: string | null;
  refusedAt: string | null;
  cancelledAt: string | null;
  revokedAt: string | null;
  statusNote: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = Selectable<ContractsTable>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Maps a selected row (all columns). */
export function contractOfRow(r: Row): Contract {
  return {
    id: r.id,
    direction: r.direction,
    status: r.status,
    registrationNumber: r.registration_number,
    externalRegistrationNumber: r.external_registration_number,
    stationId: r.station_id,
    contractName: r.contract_name,
    contractType: r.contract_type as Contract["contractType"],
    contractSubtype: r.contract_subtype,
    sellerName: r.seller_name,
    sellerUscc: r.seller_uscc,
    sellerRegionCode: r.seller_region_code,
    sellerPartyType: r.seller_party_type,
    sellerOrganizationId: r.seller_organization_id,
    buyerName: r.buyer_name,
    buyerUscc: r.buyer_uscc,
    buyerRegionCode: r.buyer_region_code,
    buyerPartyType: r.buyer_party_type,
    buyerOrganizationId: r.buyer_organization_id,
    contractAmountFen: r.contract_amount_fen,
    techTransactionAmountFen: r.tech_transaction_amount_fen,
    signedOn: r.signed_on,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    techField: r.tech_field as Contract["techField"],
    ipType: r.ip_type as Contract["ipType"],
    resultId: r.result_id,
    demandId: r.demand_id,
    inquiryId: r.inquiry_id,
    ruleVersion: r.rule_version,
    acceptedAt: r.accepted_at.toISOString(),
    dueOn: r.due_on,
    registeredOn: r.registered_on,
    registeredAt: iso(r.registered_at),
    registeredBy: r.registered_by,
    refusalReason: r.refusal_reason,
    refusalNote: r.refusal_note,
    refusedAt: iso(r.refused_at),
    cancelledAt: iso(r.cancelled_at),
    revokedAt: iso(r.revoked_at),
    statusNote: r.status_note,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The columns `fields` sets (insert and amendment). */
export function columnsOfFields(fields: ContractFields) {
  return {
    contract_name: fields.contractName,
    contract_type: fields.contractType,
    contract_subtype: fields.contractSubtype,
    seller_name: fields.sellerName,
    seller_uscc: fields.sellerUscc,
    seller_region_code: fields.sellerRegionCode,
    seller_party_type: fields.sellerPartyType,
    buyer_name: fields.buyerName,
    buyer_uscc: fields.buyerUscc,
    buyer_region_code: fields.buyerRegionCode,
    buyer_party_type: fields.buyerPartyType,
    contract_amount_fen: fields.contractAmountFen,
    tech_transaction_amount_fen: fields.techTransactionAmountFen,
    signed_on: fields.signedOn,
    valid_from: fields.validFrom,
    valid_until: fields.validUntil,
    tech_field: fields.techField,
    ip_type: fields.ipType,
    result_id: fields.resultId,
    demand_id: fields.demandId,
    inquiry_id: fields.inquiryId,
  };
}

/** The contract, or NotFoundError. */
export async function getContract(db: Kysely<DB>, id: number): Promise<Contract> {
  const row = await db.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError("contract_not_found", `技术合同 #${id} 不存在`);
  return contractOfRow(row);
}

/** The contract locked FOR UPDATE (inside a transaction), or NotFoundError. */
export async function lockContract(trx: Kysely<DB>, id: number): Promise<Contract> {
  const row = await trx
    .selectFrom("contracts")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("contract_not_found", `技术合同 #${id} 不存在`);
  return contractOfRow(row);
}

/** The part of a contract the audit log keeps (status, number, amounts). */
export function auditView(c: Contract) {
  return {
    status: c.status,
    registrationNumber: c.registrationNumber,
    externalRegistrationNumber: c.externalRegistrationNumber,
    contractType: c.contractType,
    contractSubtype: c.contractSubtype,
    contractAmountFen: c.contractAmountFen,
    techTransactionAmountFen: c.techTransactionAmountFen,
    registeredOn: c.registeredOn,
  };
}
