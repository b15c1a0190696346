/**
 * The bureau's contract list: filters of contract-list-filters.ts, newest
 * first (by acceptance), paginated, with the overdue flag.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import { config } from "../../config.server";
import { isOverdue } from "./contract-rules";
import { type ContractListFilters, periodRange } from "./contract-list-filters";

export interface ContractListItem {
  id: number;
  direction: "output" | "absorption";
  status: "submitted" | "registered" | "refused" | "cancelled" | "revoked";
  registrationNumber: string | null;
  externalRegistrationNumber: string | null;
  contractName: string;
  contractType: string;
  sellerName: string;
  sellerRegionCode: string;
  buyerName: string;
  buyerRegionCode: string;
  contractAmountFen: number;
  techTransactionAmountFen: number;
  acceptedAt: string;
  dueOn: string | null;
  registeredOn: string | null;
  overdue: boolean;
  viaPlatform: boolean;
}

export interface ContractListPage {
  items: ContractListItem[];
  total: number;
  /** Sums over every matching contract (not only this page), fen. */
  contractAmountFen: number;
  techTransactionAmountFen: number;
}

/** Escapes % _ \ for a LIKE pattern. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of contracts matching `filters`; `today` ("YYYY-MM-DD") decides overdue. */
export async function listContracts(
  db: Kysely<DB>,
  filters: ContractListFilters,
  { pageSize, today }: { pageSize: number; today: string },
): Promise<ContractListPage> {
  const homePrefix = config().HOME_REGION_CODE.slice(0, 4);
  let query = db.selectFrom("contracts as c");
  const range = periodRange(filters);
  if (range) {
    query = query
      .where("c.registered_on", ">=", range.from)
      .where("c.registered_on", "<", range.to);
  }
  if (filters.status) query = query.where("c.status", "=", filters.status);
  if (filters.direction === "output") query = query.where("c.direction", "=", "output");
  if (filters.direction === "inbound") query = query.where("c.direction", "=", "absorption");
  if (filters.direction === "absorption" || filters.jingjin) {
    query = query.where("c.buyer_region_code", "like", `${homePrefix}%`);
  }
  if (filters.jingjin !== undefined) {
    const jingjin = sql<boolean>`left(c.seller_region_code, 2) in ('11', '12')`;
    query = filters.jingjin ? query.where(jingjin) : query.where(sql<boolean>`not (${jingjin})`);
  }
  if (filters.sellerCounty) query = query.where("c.seller_region_code", "=", filters.sellerCounty);
  if (filters.buyerCounty) query = query.where("c.buyer_region_code", "=", filters.buyerCounty);
  if (filters.type) query = query.where("c.contract_type", "=", filters.type);
  if (filters.field) query = query.where("c.tech_field", "=", filters.field);
  if (filters.platform !== undefined) {
    query = query.where("c.inquiry_id", filters.platform ? "is not" : "is", null);
  }
  if (filters.overdue !== undefined) {
    const overdue = sql<boolean>`c.status = 'submitted' and c.due_on < ${today}::date`;
    query = filters.overdue ? query.where(overdue) : query.where(sql<boolean>`not (${overdue})`);
  }
  if (filters.q) {
    const pattern = likePattern(filters.q);
    query = query.where((eb) =>
      eb.or([
        eb("c.contract_name", "ilike", pattern),
        eb("c.seller_name", "ilike", pattern),
        eb("c.buyer_name", "ilike", pattern),
        eb("c.registration_number", "like", pattern),
        eb("c.external_registration_number", "ilike", pattern),
      ]),
    );
  }
  const totals = await query
    .select((eb) => [
      eb.fn.countAll<string>().as("total"),
      eb.fn.coalesce(eb.fn.sum<string>("c.contract_amount_fen"), sql<string>`0`).as("amount"),
      eb.fn.coalesce(eb.fn.sum<string>("c.tech_transaction_amount_fen"), sql<string>`0`).as("tech"),
    ])
    .executeTakeFirstOrThrow();
  const rows = await query
    .select([
      "c.id",
      "c.direction",
      "c.status",
      "c.registration_number",
      "c.external_registration_number",
      "c.contract_name",
      "c.contract_type",
      "c.seller_name",
      "c.seller_region_code",
      "c.buyer_name",
      "c.buyer_region_code",
      "c.contract_amount_fen",
      "c.tech_transaction_amount_fen",
      "c.accepted_at",
      "c.due_on",
      "c.registered_on",
      "c.inquiry_id",
    ])
    .orderBy("c.accepted_at", "desc")
    .orderBy("c.id", "desc")
    .limit(pageSize)
    .offset((filters.page - 1) * pageSize)
    .execute();
  return {
    total: Number(totals.total),
    contractAmountFen: Number(totals.amount),
    techTransactionAmountFen: Number(totals.tech),
    items: rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      status: r.status,
      registrationNumber: r.registration_number,
      externalRegistrationNumber: r.external_registration_number,
      contractName: r.contract_name,
      contractType: r.contract_type,
      sellerName: r.seller_name,
      sellerRegionCode: r.seller_region_code,
      buyerName: r.buyer_name,
      buyerRegionCode: r.buyer_region_code,
      contractAmountFen: r.contract_amount_fen,
      techTransactionAmountFen: r.tech_transaction_amount_fen,
      acceptedAt: r.accepted_at.toISOString(),
      dueOn: r.due_on,
      registeredOn: r.registered_on,
      overdue: isOverdue({ status: r.status, dueOn: r.due_on }, today),
      viaPlatform: r.inquiry_id !== null,
    })),
  };
}

/**
 * The registrar's queue for the bureau dashboard: contracts awaiting a
 * decision (submitted), how many of them are past their deadline on
 * `today`, and since when the oldest has waited (ISO timestamp or null).
 */
export async function contractQueueSummary(
  db: Kysely<DB>,
  today: string,
): Promise<{ submitted: number; overdue: number; oldestSince: string | null }> {
  const row = await db
    .selectFrom("contracts")
    .select((eb) => [
      eb.fn.countAll<string>().as("submitted"),
      sql<string>`count(*) filter (where due_on < ${today}::date)`.as("overdue"),
      eb.fn.min("accepted_at").as("oldest"),
    ])
    .where("status", "=", "submitted")
    .executeTakeFirstOrThrow();
  const oldest = row.oldest as Date | string | null;
  return {
    submitted: Number(row.submitted),
    overdue: Number(row.overdue),
    oldestSince: oldest === null ? null : new Date(oldest).toISOString(),
  };
}
