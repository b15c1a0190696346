/**
 * Shapes of a ledger import batch (stored as jsonb in
 * contract_import_batches, migration 0013) shared by the domain and pages.
 */
import type { ContractFields } from "../contracts/contract-input";
import type { ContractDirection } from "../contracts/contract-taxonomy";

/** One problem of one row: Excel row number, column header, zh-CN message. */
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/** A valid row skipped because its number exists already (database) or earlier in the file. */
export interface ImportDuplicate {
  row: number;
  registrationNumber: string;
  reason: "database" | "file";
  /** For "file": the row that keeps the number. */
  firstRow?: number;
}

/** A valid row, ready to insert as a registered contract (money in fen). */
export interface ImportRow extends Omit<ContractFields, "resultId" | "demandId" | "inquiryId"> {
  row: number;
  direction: ContractDirection;
  /** 16-digit local number (output) or the external number (absorption). */
  registrationNumber: string;
  /** Output: year and 6-digit sequence of the number; absorption: null. */
  year: number | null;
  sequence: number | null;
  /** "YYYY-MM-DD": 登记日期. */
  registeredOn: string;
}

export type ImportBatchStatus = "previewing" | "committing" | "committed" | "failed";

export const IMPORT_STATUS_LABELS: Record<ImportBatchStatus, string> = {
  previewing: "待确认",
  committing: "导入中",
  committed: "已导入",
  failed: "导入失败",
};
