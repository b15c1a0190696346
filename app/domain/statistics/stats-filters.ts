/**
 * Filters of the statistics dashboard and API (issue #6 item 6): year,
 * period, county, contract type, 技术领域 — parsing, the date range a period
 * covers (and the same period a year earlier, for 同比), and drill-down
 * links to the contract list (/bureau/contracts, URL convention of issue #6).
 * Shared by server and browser: holds no secrets, touches no database.
 */
import { CONTRACT_TYPES, type ContractType } from "../contracts/contract-taxonomy";
import { TECH_FIELDS, type TechField } from "../taxonomy/taxonomy";

/** "year" 全年, "ytd" 年初至今, "q1"…"q4" 季度, "m1"…"m12" 月份. */
export type StatsPeriod = "year" | "ytd" | `q${1 | 2 | 3 | 4}` | `m${number}`;

export interface StatsFilters {
  year: number;
  period: StatsPeriod;
  /** A home county/zone code (1309xx), or the city itself (市本级). */
  county: string | null;
  type: ContractType | null;
  field: TechField | null;
}

/** A half-open date range [from, to), "YYYY-MM-DD". */
export interface DateRange {
  from: string;
  to: string;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 9998;

export const PERIOD_LABELS: Record<string, string> = {
  year: "全年",
  ytd: "年初至今",
  q1: "第一季度",
  q2: "第二季度",
  q3: "第三季度",
  q4: "第四季度",
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`m${i + 1}`, `${i + 1}月`])),
};

export interface FilterProblem {
  param: string;
  code: string;
  message: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const day = (y: number, m: number, d = 1) => `${y}-${pad(m)}-${pad(d)}`;

/** First and last-exclusive month (1–13) of a period. */
function monthSpan(period: StatsPeriod): [number, number] {
  if (period === "year" || period === "ytd") return [1, 13];
  const n = Number(period.slice(1));
  return period.startsWith("q") ? [3 * n - 2, 3 * n + 1] : [n, n + 1];
}

/**
 * The registration dates a period covers. `today` ("YYYY-MM-DD", Asia/Shanghai)
 * ends 年初至今 in the current year; in earlier years it is the whole year.
 */
export function periodRange(year: number, period: StatsPeriod, today: string): DateRange {
  const [first, end] = monthSpan(period);
  const from = day(year, first);
  const to = end === 13 ? day(year + 1, 1) : day(year, end);
  if (period === "ytd" && today.slice(0, 4) === String(year)) {
    return { from, to: nextDay(today) };
  }
  return { from, to };
}

/**
 * The same period a year earlier (同期): for 年初至今 up to the same month
 * and day (29 February maps to 1 March's start, i.e. through 28 February).
 */
export function previousYearRange(year: number, period: StatsPeriod, today: string): DateRange {
  const current = periodRange(year, period, today);
  const shift = (date: string) => {
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    if (m === 2 && d === 29) return day(y - 1, 3, 1);
    return day(y - 1, m, d);
  };
  return { from: shift(current.from), to: shift(current.to) };
}

function nextDay(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** True for a valid period code. */
export function isPeriod(value: string): value is StatsPeriod {
  return Object.hasOwn(PERIOD_LABELS, value);
}

/**
 * Reads filters from URL parameters. `counties` are the accepted county codes
 * (the home city's counties, zones and the city itself). Invalid values are
 * reported in `problems` (param, code, zh-CN message) and replaced by the
 * default, so a page can show a notice and an API can answer 400.
 */
export function parseStatsFilters(
  params: URLSearchParams,
  { today, counties }: { today: string; counties: ReadonlySet<string> },
): { filters: StatsFilters; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const currentYear = Number(today.slice(0, 4));
  const text = (name: string) => {
    const value = params.get(name)?.trim();
    return value ? value : null;
  };

  let year = currentYear;
  const rawYear = text("year");
  if (rawYear !== null) {
    if (/^\d{4}$/.test(rawYear) && Number(rawYear) >= MIN_YEAR && Number(rawYear) <= MAX_YEAR) {
      year = Number(rawYear);
    } else {
      problems.push({
        param: "year",
        code: "invalid_year",
        message: `年份“${rawYear.slice(0, 20)}”无效，应为 4 位年份`,
      });
    }
  }

  let period: StatsPeriod = "year";
  const rawPeriod = text("period");
  if (rawPeriod !== null) {
    if (isPeriod(rawPeriod)) period = rawPeriod;
    else
      problems.push({
        param: "period",
        code: "invalid_period",
        message: `统计期间“${rawPeriod.slice(0, 20)}”无效`,
      });
  }

  let county: string | null = null;
  const rawCounty = text("county");
  if (rawCounty !== null) {
    if (counties.has(rawCounty)) county = rawCounty;
    else
      problems.push({
        param: "county",
        code: "invalid_county",
        message: `“${rawCounty.slice(0, 20)}”不是本市的县（市、区）代码`,
      });
  }

  let type: ContractType | null = null;
  const rawType = text("type");
  if (rawType !== null) {
    if (Object.hasOwn(CONTRACT_TYPES, rawType)) type = rawType as ContractType;
    else
      problems.push({
        param: "type",
        code: "invalid_type",
        message: `合同类别“${rawType.slice(0, 20)}”无效`,
      });
  }

  let field: TechField | null = null;
  const rawField = text("field");
  if (rawField !== null) {
    if (Object.hasOwn(TECH_FIELDS, rawField)) field = rawField as TechField;
    else
      problems.push({
        param: "field",
        code: "invalid_field",
        message: `技术领域“${rawField.slice(0, 20)}”无效`,
      });
  }

  return { filters: { year, period, county, type, field }, problems };
}

/** The filters as URL parameters (defaults omitted except the year). */
export function filtersToParams(filters: StatsFilters): URLSearchParams {
  const params = new URLSearchParams({ year: String(filters.year) });
  if (filters.period !== "year") params.set("period", filters.period);
  if (filters.county) params.set("county", filters.county);
  if (filters.type) params.set("type", filters.type);
  if (filters.field) params.set("field", filters.field);
  return params;
}

/** What a drill-down link selects beyond the filters. */
export interface DrillDown {
  direction?: "output" | "absorption";
  sellerCounty?: string;
  buyerCounty?: string;
  type?: string;
  field?: string;
  month?: number;
  /** A whole year instead of the filtered period (annual targets). */
  wholeYear?: boolean;
  platform?: boolean;
  jingjin?: boolean;
}

/**
 * A link to the registered contracts behind a number (/bureau/contracts,
 * URL convention of issue #6). 年初至今 links to the year: registrations
 * are never dated in the future, so the year holds exactly the same rows.
 */
export function contractListHref(filters: StatsFilters, drill: DrillDown): string {
  const params = new URLSearchParams({ year: String(filters.year) });
  if (drill.month !== undefined) params.set("month", String(drill.month));
  else if (!drill.wholeYear && filters.period.startsWith("q")) {
    params.set("quarter", filters.period.slice(1));
  } else if (!drill.wholeYear && filters.period.startsWith("m")) {
    params.set("month", filters.period.slice(1));
  }
  params.set("status", "registered");
  if (drill.direction) params.set("direction", drill.direction);
  if (drill.sellerCounty) params.set("sellerCounty", drill.sellerCounty);
  if (drill.buyerCounty) params.set("buyerCounty", drill.buyerCounty);
  const type = drill.type ?? (drill.wholeYear ? null : filters.type);
  if (type) params.set("type", type);
  const field = drill.field ?? (drill.wholeYear ? null : filters.field);
  if (field) params.set("field", field);
  if (drill.platform) params.set("platform", "1");
  if (drill.jingjin) params.set("jingjin", "1");
  return `/bureau/contracts?${params}`;
}
