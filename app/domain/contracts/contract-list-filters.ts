/**
 * The contract list's URL filters (issue6.md; the statistics dashboard
 * drills down to them):
 * `/bureau/contracts?year=2026&month=3&quarter=1&status=registered&direction=output
 *   &sellerCounty=130921&buyerCounty=130981&type=development&field=new_materials
 *   &platform=1&jingjin=1&overdue=1&q=<text>&page=2`, all optional.
 * Period filters (year, quarter, month) apply to `registered_on`. direction:
 * `output` (技术输出, registered here), `absorption` (技术吸纳 in the statistics'
 * sense: buyer in the home city, whichever station registered it), `inbound`
 * (only the records registered elsewhere). County: a 1309xx code, or the
 * city code itself for 市本级. An invalid value is dropped with a zh-CN notice.
 * Shared by server and browser.
 */
import { TECH_FIELDS, type TechField } from "../taxonomy/taxonomy";
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  type ContractStatus,
  type ContractType,
} from "./contract-taxonomy";

export const LIST_DIRECTIONS = {
  output: "技术输出（本站登记）",
  absorption: "技术吸纳（买方在本市）",
  inbound: "外地登记的吸纳记录",
} as const;
export type ListDirection = keyof typeof LIST_DIRECTIONS;

export interface ContractListFilters {
  year?: number;
  quarter?: number;
  month?: number;
  status?: ContractStatus;
  direction?: ListDirection;
  sellerCounty?: string;
  buyerCounty?: string;
  type?: ContractType;
  field?: TechField;
  /** true: came through the platform (linked to an inquiry); false: not. */
  platform?: boolean;
  /** Local buyer and a seller in Beijing (11) or Tianjin (12). */
  jingjin?: boolean;
  /** Submitted and past the deadline. */
  overdue?: boolean;
  q?: string;
  page: number;
}

/** Half-open [from, to) "YYYY-MM-DD" range of the period filters; null when no year. */
export function periodRange(f: ContractListFilters): { from: string; to: string } | null {
  if (f.year === undefined) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  const startOf = (year: number, month: number) =>
    month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`;
  if (f.month !== undefined)
    return { from: startOf(f.year, f.month), to: startOf(f.year, f.month + 1) };
  if (f.quarter !== undefined) {
    const first = (f.quarter - 1) * 3 + 1;
    return { from: startOf(f.year, first), to: startOf(f.year, first + 3) };
  }
  return { from: `${f.year}-01-01`, to: `${f.year + 1}-01-01` };
}

/**
 * Reads the filters from `params`; `countyCodes` are the codes a county
 * filter may take (the home city's counties, districts, zones and the city).
 */
export function parseContractListParams(
  params: URLSearchParams,
  countyCodes: ReadonlySet<string>,
): { filters: ContractListFilters; notices: string[] } {
  const notices: string[] = [];
  const filters: ContractListFilters = { page: 1 };
  const text = (name: string) => params.get(name)?.trim() ?? "";
  const intIn = (name: string, label: string, min: number, max: number) => {
    const raw = text(name);
    if (raw === "") return undefined;
    if (/^\d{1,4}$/.test(raw) && Number(raw) >= min && Number(raw) <= max) return Number(raw);
    notices.push(`${label}“${raw.slice(0, 20)}”无效，已忽略（应为 ${min}–${max}）`);
    return undefined;
  };
  const code = <T extends string>(name: string, label: string, allowed: Record<T, string>) => {
    const raw = text(name);
    if (raw === "") return undefined;
    if (Object.hasOwn(allowed, raw)) return raw as T;
    notices.push(`${label}“${raw.slice(0, 30)}”无效，已忽略`);
    return undefined;
  };
  const flag = (name: string, label: string) => {
    const raw = text(name);
    if (raw === "") return undefined;
    if (raw === "1" || raw === "0") return raw === "1";
    notices.push(`${label}参数“${raw.slice(0, 20)}”无效，已忽略（应为 1 或 0）`);
    return undefined;
  };
  const county = (name: string, label: string) => {
    const raw = text(name);
    if (raw === "") return undefined;
    if (countyCodes.has(raw)) return raw;
    notices.push(`${label}“${raw.slice(0, 20)}”不是本市的县（市、区），已忽略`);
    return undefined;
  };

  filters.year = intIn("year", "年份", 2000, 9999);
  filters.quarter = intIn("quarter", "季度", 1, 4);
  filters.month = intIn("month", "月份", 1, 12);
  if (
    filters.year === undefined &&
    (filters.month !== undefined || filters.quarter !== undefined)
  ) {
    notices.push("按季度或月份筛选时请同时选择年份，已忽略季度和月份");
    filters.month = undefined;
    filters.quarter = undefined;
  }
  if (
    filters.month !== undefined &&
    filters.quarter !== undefined &&
    Math.ceil(filters.month / 3) !== filters.quarter
  ) {
    notices.push(`${filters.month} 月不在第 ${filters.quarter} 季度，已按月份筛选`);
    filters.quarter = undefined;
  }
  filters.status = code("status", "状态", CONTRACT_STATUSES);
  filters.direction = code("direction", "方向", LIST_DIRECTIONS);
  filters.sellerCounty = county("sellerCounty", "卖方县（市、区）");
  filters.buyerCounty = county("buyerCounty", "买方县（市、区）");
  filters.type = code("type", "合同类别", CONTRACT_TYPES);
  filters.field = code("field", "技术领域", TECH_FIELDS);
  filters.platform = flag("platform", "平台对接");
  filters.jingjin = flag("jingjin", "京津成果");
  filters.overdue = flag("overdue", "超期");
  const q = text("q");
  if (q.length > 100) notices.push("搜索词过长，已截取前 100 个字");
  if (q) filters.q = q.slice(0, 100);
  const page = text("page");
  filters.page = /^\d{1,6}$/.test(page) && Number(page) >= 1 ? Number(page) : 1;
  return { filters, notices };
}
