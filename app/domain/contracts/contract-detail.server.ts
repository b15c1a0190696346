/**
 * Everything the contract page and the certificate show: the contract,
 * its station, region names of both parties, the processing deadline, the
 * amendment history and the audit trail of its transitions, and tax hints.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { config } from "../../config.server";
import { regionMap, regionFullName } from "../regions/regions.server";
import { type Amendment, listAmendments } from "./contract-amendment.server";
import { isOverdue, processingWorkingDays } from "./contract-rules";
import { type Contract, getContract } from "./contract-rows.server";
import { type Station, getStation } from "./stations.server";
import { type TaxHint, taxHintsFor } from "./tax-hints";
import { hasHolidayData } from "./working-days";

export interface ContractEvent {
  action: string;
  actorName: string | null;
  /** ISO timestamp. */
  at: string;
  note: string | null;
  /** For a 变更 (contract.amend): each changed field, old and new (money in fen). */
  changes: FieldValueChange[];
}

export interface FieldValueChange {
  /** ContractFields name, e.g. "contractAmountFen". */
  field: string;
  before: string | number | null;
  after: string | number | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const scalar = (v: unknown): string | number | null =>
  typeof v === "string" || typeof v === "number"
    ? v
    : v === null || v === undefined
      ? null
      : JSON.stringify(v);

/** The fields an amendment entry changed (its `after` also carries the reason). */
function amendChanges(action: string, before: unknown, after: unknown): FieldValueChange[] {
  if (action !== "contract.amend" || !isRecord(after)) return [];
  const old = isRecord(before) ? before : {};
  return Object.keys(after)
    .filter((field) => field !== "reason")
    .map((field) => ({ field, before: scalar(old[field]), after: scalar(after[field]) }));
}

export interface ContractDetail {
  contract: Contract;
  station: Station | null;
  sellerRegionName: string;
  buyerRegionName: string;
  overdue: boolean;
  workingDays: number;
  /** True when the deadline falls in a year without holiday data (weekends only were skipped). */
  deadlineEstimated: boolean;
  registeredByName: string | null;
  amendments: Amendment[];
  events: ContractEvent[];
  taxHints: TaxHint[];
}

/** The page data of contract `id` (NotFoundError when missing); `today` decides overdue. */
export async function contractDetail(
  db: Kysely<DB>,
  id: number,
  today: string,
): Promise<ContractDetail> {
  const contract = await getContract(db, id);
  const [regions, station, amendments, events, registrar] = await Promise.all([
    regionMap(db),
    contract.stationId === null ? null : getStation(db, contract.stationId),
    listAmendments(db, id),
    db
      .selectFrom("audit_log as a")
      .leftJoin("users as u", "u.id", "a.actor_user_id")
      .select(["a.action", "a.created_at", "a.before", "a.after", "u.display_name"])
      .where("a.entity_type", "=", "contract")
      .where("a.entity_id", "=", String(id))
      .orderBy("a.created_at")
      .orderBy("a.id")
      .execute(),
    contract.registeredBy
      ? db
          .selectFrom("users")
          .select("display_name")
          .where("id", "=", contract.registeredBy)
          .executeTakeFirst()
      : undefined,
  ]);
  const home = config().HOME_REGION_CODE;
  const name = (code: string) => regionFullName(regions, code, !code.startsWith(home.slice(0, 2)));
  return {
    contract,
    station,
    sellerRegionName: name(contract.sellerRegionCode),
    buyerRegionName: name(contract.buyerRegionCode),
    overdue: isOverdue(contract, today),
    workingDays: processingWorkingDays(contract.techTransactionAmountFen),
    deadlineEstimated:
      contract.dueOn !== null && !hasHolidayData(Number(contract.dueOn.slice(0, 4))),
    registeredByName: registrar?.display_name ?? null,
    amendments,
    events: events.map((e) => {
      const after = (e.after ?? {}) as Record<string, unknown>;
      const note = [after.note, after.refusalNote, after.reason].find((v) => typeof v === "string");
      return {
        action: e.action,
        actorName: e.display_name,
        at: e.created_at.toISOString(),
        note: typeof note === "string" ? note : null,
        changes: amendChanges(e.action, e.before, e.after),
      };
    }),
    taxHints: taxHintsFor(contract),
  };
}
