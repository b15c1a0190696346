/**
 * The metrics an annual county target can be set for (admin, /admin/targets)
 * and their units: amounts in fen, counts in contracts. Shared by server and
 * browser code (the dashboard and the targets form render them), so it must
 * not live in a .server module — those are empty in the browser bundle.
 */
import type { TargetMetric } from "../../../db/schema";

export const TARGET_METRICS: Record<TargetMetric, { label: string; unit: "fen" | "count" }> = {
  contract_amount: { label: "技术输出成交额", unit: "fen" },
  tech_transaction_amount: { label: "技术输出技术交易额", unit: "fen" },
  absorption_amount: { label: "技术吸纳成交额", unit: "fen" },
  contract_count: { label: "技术输出合同数", unit: "count" },
};

export const TARGET_METRIC_KEYS = Object.keys(TARGET_METRICS) as TargetMetric[];
