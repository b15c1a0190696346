/**
 * The registration rules a contract is handled under, and the processing
 * deadline they set. Shared by server and browser.
 *
 * RULE_VERSION "2026": the 2026 measures for technology contract
 * recognition and registration (科技部 2026 年修订的技术合同认定登记管理办法
 * 及认定规则), which replaced the 2000 《技术合同认定登记管理办法》 and the
 * 2001 《技术合同认定规则》. Each contract stores the version in force when it
 * was accepted (受理), so a later revision does not silently re-judge it.
 * Deadline (issue #6): the station decides within 15 working days of
 * acceptance, 30 when the 技术交易额 is 500万元 or more.
 */
import { addWorkingDays } from "./working-days";

export const RULE_VERSION = "2026";

export const RULE_VERSION_LABELS: Record<string, string> = {
  "2026": "2026 年技术合同认定登记办法",
  // Ledger rows (app/domain/imports): the ledger does not say which rules
  // the station applied when it registered them.
  "ledger-import": "台账导入（登记时适用的规则以原台账为准）",
};

/** 500万元 in fen: 5,000,000 元 × 100 = 500,000,000 fen. */
export const LARGE_CONTRACT_THRESHOLD_FEN = 500_000_000;
export const PROCESSING_WORKING_DAYS = 15;
export const LARGE_CONTRACT_WORKING_DAYS = 30;

/** Working days the station has: 15, or 30 when 技术交易额 ≥ 500万元. */
export function processingWorkingDays(techTransactionAmountFen: number): number {
  return techTransactionAmountFen >= LARGE_CONTRACT_THRESHOLD_FEN
    ? LARGE_CONTRACT_WORKING_DAYS
    : PROCESSING_WORKING_DAYS;
}

/**
 * The deadline ("YYYY-MM-DD") for a contract accepted on `acceptedOn`
 * (Asia/Shanghai day); `estimated` when a year without holiday data was
 * crossed (weekends only were skipped there).
 */
export function processingDeadline(
  acceptedOn: string,
  techTransactionAmountFen: number,
): { dueOn: string; workingDays: number; estimated: boolean } {
  const workingDays = processingWorkingDays(techTransactionAmountFen);
  const { day, estimated } = addWorkingDays(acceptedOn, workingDays);
  return { dueOn: day, workingDays, estimated };
}

/** Overdue: still awaiting a decision (submitted) and today is after the deadline. */
export function isOverdue(
  contract: { status: string; dueOn: string | null },
  today: string,
): boolean {
  return contract.status === "submitted" && contract.dueOn !== null && today > contract.dueOn;
}
