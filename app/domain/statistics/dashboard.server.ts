/**
 * The statistics dashboard (/bureau/stats) as data: every aggregate of one
 * page load, run in parallel, turned into labelled tables (stats-table.ts)
 * with drill-down links. The page, the CSV/XLSX exports and the tests all
 * read these tables, so they cannot disagree.
 *
 * Input: filters (stats-filters.ts), the home city, today (Asia/Shanghai).
 * Output: StatsDashboard; amounts in fen, counts in 份. Requires
 * "stats.read" (ForbiddenError otherwise). Counting semantics: see
 * stats-queries.server.ts.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { roleCan } from "../accounts/permissions";
import { CONTRACT_TYPES } from "../contracts/contract-taxonomy";
import { ForbiddenError } from "../errors";
import { homeCounties, provinceOf, regionMap } from "../regions/regions.server";
import { TECH_FIELDS } from "../taxonomy/taxonomy";
import {
  contractListHref,
  type DrillDown,
  periodRange,
  previousYearRange,
  type StatsFilters,
} from "./stats-filters";
import {
  absorptionByCounty,
  absorptionTotals,
  flowMatrix,
  type HomeCity,
  jingjinByProvince,
  type KeyedTotals,
  outputBy,
  outputByMonth,
  outputTotals,
  type Totals,
} from "./stats-queries.server";
import {
  percentChange,
  percentOf,
  type StatsColumn,
  type StatsRow,
  type StatsTable,
} from "./stats-table";
import {
  TARGET_METRIC_KEYS,
  TARGET_METRICS,
  type TargetProgress,
  targetProgress,
} from "./targets.server";

export interface Kpi {
  label: string;
  current: Totals;
  previous: Totals;
  href: string | null;
}

export interface StatsDashboard {
  filters: StatsFilters;
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  kpis: Kpi[];
  tables: StatsTable[];
  targets: TargetProgress[];
}

/** The home city's counties, zones and the city itself (市本级), with labels. */
export async function countyOptions(
  db: Kysely<DB>,
  home: HomeCity,
): Promise<{ code: string; label: string }[]> {
  const counties = await homeCounties(db, home.code);
  return [
    ...counties.map((c) => ({ code: c.code, label: c.name })),
    { code: home.code, label: "市本级" },
  ];
}

const TOTAL_COLUMNS: StatsColumn[] = [
  { key: "contractCount", label: "合同数", kind: "count" },
  { key: "contractAmountFen", label: "成交额", kind: "fen" },
  { key: "techTransactionAmountFen", label: "技术交易额", kind: "fen" },
];

const ZERO: Totals = { contractCount: 0, contractAmountFen: 0, techTransactionAmountFen: 0 };

function totalsCells(t: Totals) {
  return {
    contractCount: t.contractCount,
    contractAmountFen: t.contractAmountFen,
    techTransactionAmountFen: t.techTransactionAmountFen,
  };
}

function sumTotals(rows: Totals[]): Totals {
  return rows.reduce(
    (acc, r) => ({
      contractCount: acc.contractCount + r.contractCount,
      contractAmountFen: acc.contractAmountFen + r.contractAmountFen,
      techTransactionAmountFen: acc.techTransactionAmountFen + r.techTransactionAmountFen,
    }),
    ZERO,
  );
}

/**
 * A keyed table: one row per key of `keys` (in that order, zeros included),
 * then any other key found, then a total row 合计.
 */
function keyedTable(
  id: string,
  title: string,
  keyLabel: string,
  keys: { key: string; label: string }[],
  rows: KeyedTotals[],
  href: (key: string | null) => string | null,
  labelOf: (key: string) => string,
): StatsTable {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const ordered = [
    ...keys,
    ...rows
      .filter((r) => !keys.some((k) => k.key === r.key))
      .map((r) => ({ key: r.key, label: labelOf(r.key) })),
  ];
  const body: StatsRow[] = ordered.map(({ key, label }) => ({
    cells: { label, ...totalsCells(byKey.get(key) ?? ZERO) },
    href: href(key),
  }));
  body.push({ cells: { label: "合计", ...totalsCells(sumTotals(rows)) }, href: href(null) });
  return {
    id,
    title,
    columns: [{ key: "label", label: keyLabel, kind: "text" }, ...TOTAL_COLUMNS],
    rows: body,
  };
}

/** Loads the whole dashboard for `filters`; see the module comment. */
export async function loadDashboard(
  db: Kysely<DB>,
  user: Pick<SessionUser, "role">,
  home: HomeCity,
  filters: StatsFilters,
  today: string,
): Promise<StatsDashboard> {
  if (!roleCan(user.role, "stats.read")) {
    throw new ForbiddenError("forbidden", "您的账号没有查看统计的权限");
  }
  const range = periodRange(filters.year, filters.period, today);
  const previousRange = previousYearRange(filters.year, filters.period, today);
  const yearRange = { from: `${filters.year}-01-01`, to: `${filters.year + 1}-01-01` };

  const [regions, counties] = await Promise.all([regionMap(db), countyOptions(db, home)]);
  const [
    outCur,
    outPrev,
    absCur,
    absPrev,
    byMonth,
    byCounty,
    byAbsorption,
    byType,
    byField,
    flow,
    jingjin,
    targets,
  ] = await Promise.all([
    outputTotals(db, filters, range),
    outputTotals(db, filters, previousRange),
    absorptionTotals(db, home, filters, range),
    absorptionTotals(db, home, filters, previousRange),
    outputByMonth(db, filters, yearRange),
    outputBy(db, "seller_region_code", filters, range),
    absorptionByCounty(db, home, filters, range),
    outputBy(db, "contract_type", filters, range),
    outputBy(db, "tech_field", filters, range),
    flowMatrix(db, home, filters, range),
    jingjinByProvince(db, home, filters, range),
    targetProgress(
      db,
      home,
      filters.year,
      counties.map((c) => c.code),
    ),
  ]);

  const regionLabel = (code: string): string => {
    if (code === home.code) return "市本级";
    const region = regions.get(code);
    if (!region) return code;
    if (region.level === "province" || code.startsWith(home.code.slice(0, 4))) return region.name;
    return `${regions.get(provinceOf(code))?.name ?? ""}${region.name}`;
  };
  const link = (drill: DrillDown) => contractListHref(filters, drill);
  const output = (drill: DrillDown = {}) =>
    link({ direction: "output", sellerCounty: filters.county ?? undefined, ...drill });
  // direction=absorption on the list means "buyer in the home city" (any station).
  const absorbed = (drill: DrillDown = {}) =>
    link({ direction: "absorption", buyerCounty: filters.county ?? undefined, ...drill });

  const kpis: Kpi[] = [
    { label: "技术输出", current: outCur, previous: outPrev, href: output() },
    {
      label: "其中经平台对接",
      current: outCur.platform,
      previous: outPrev.platform,
      href: output({ platform: true }),
    },
    { label: "技术吸纳", current: absCur, previous: absPrev, href: absorbed() },
    {
      label: "京津成果本地转化",
      current: absCur.jingjin,
      previous: absPrev.jingjin,
      href: absorbed({ jingjin: true }),
    },
  ];

  const kpiTable: StatsTable = {
    id: "kpi",
    title: "核心指标",
    columns: [
      { key: "label", label: "指标", kind: "text" },
      ...TOTAL_COLUMNS,
      { key: "previousCount", label: "上年同期合同数", kind: "count" },
      { key: "previousAmountFen", label: "上年同期成交额", kind: "fen" },
      { key: "previousTechFen", label: "上年同期技术交易额", kind: "fen" },
      { key: "amountYoy", label: "成交额同比", kind: "percent" },
      { key: "techYoy", label: "技术交易额同比", kind: "percent" },
    ],
    rows: kpis.map((k) => ({
      cells: {
        label: k.label,
        ...totalsCells(k.current),
        previousCount: k.previous.contractCount,
        previousAmountFen: k.previous.contractAmountFen,
        previousTechFen: k.previous.techTransactionAmountFen,
        amountYoy: percentChange(k.current.contractAmountFen, k.previous.contractAmountFen),
        techYoy: percentChange(
          k.current.techTransactionAmountFen,
          k.previous.techTransactionAmountFen,
        ),
      },
      href: k.href,
    })),
  };

  const months = Array.from({ length: 12 }, (_, i) => ({
    key: String(i + 1),
    label: `${i + 1}月`,
  }));
  const monthTable = keyedTable(
    "month",
    `${filters.year}年技术输出（按月）`,
    "月份",
    months,
    byMonth,
    (key) =>
      key
        ? output({ month: Number(key) })
        : link({ direction: "output", sellerCounty: filters.county ?? undefined, wholeYear: true }),
    (key) => `${key}月`,
  );

  const countyKeys = counties.map((c) => ({ key: c.code, label: c.label }));
  const countyTable = keyedTable(
    "output-county",
    "技术输出（按卖方所在县市区）",
    "县（市、区）",
    countyKeys,
    byCounty,
    (key) => output(key ? { sellerCounty: key } : {}),
    regionLabel,
  );
  const absorptionTable = keyedTable(
    "absorption-county",
    "技术吸纳（按买方所在县市区）",
    "县（市、区）",
    countyKeys,
    byAbsorption,
    (key) => absorbed(key ? { buyerCounty: key } : {}),
    regionLabel,
  );
  const typeTable = keyedTable(
    "type",
    "技术输出（按合同类别）",
    "合同类别",
    Object.entries(CONTRACT_TYPES).map(([key, label]) => ({ key, label })),
    byType,
    (key) => output(key ? { type: key } : {}),
    (key) => key,
  );
  const fieldTable = keyedTable(
    "field",
    "技术输出（按技术领域）",
    "技术领域",
    Object.entries(TECH_FIELDS).map(([key, label]) => ({ key, label })),
    byField,
    (key) => output(key ? { field: key } : {}),
    (key) => key,
  );

  const isLocal = (code: string) => code >= home.low && code <= home.high;
  const flowTable: StatsTable = {
    id: "flow",
    title: "技术合同流向（卖方地区 → 买方地区）",
    columns: [
      { key: "from", label: "卖方地区", kind: "text" },
      { key: "to", label: "买方地区", kind: "text" },
      ...TOTAL_COLUMNS,
    ],
    rows: [...flow]
      .sort(
        (a, b) =>
          b.contractAmountFen - a.contractAmountFen ||
          a.from.localeCompare(b.from) ||
          a.to.localeCompare(b.to),
      )
      .map((f) => ({
        cells: { from: regionLabel(f.from), to: regionLabel(f.to), ...totalsCells(f) },
        // The list filters by county only: a row with a region outside the
        // home city would open a list of more contracts than the cell counts.
        href:
          isLocal(f.from) && isLocal(f.to)
            ? link({
                sellerCounty: isLocal(f.from) ? f.from : undefined,
                buyerCounty: isLocal(f.to) ? f.to : undefined,
              })
            : null,
      })),
  };

  const jingjinTable = keyedTable(
    "jingjin",
    "京津成果本地转化（买方在本市、卖方在北京或天津）",
    "卖方所在地",
    [
      { key: "110000", label: "北京市" },
      { key: "120000", label: "天津市" },
    ],
    jingjin,
    () => absorbed({ jingjin: true }),
    regionLabel,
  );

  const platformTable: StatsTable = {
    id: "platform",
    title: "经平台对接的技术输出与全部技术输出",
    columns: [
      { key: "label", label: "口径", kind: "text" },
      ...TOTAL_COLUMNS,
      { key: "share", label: "成交额占比", kind: "percent" },
    ],
    rows: [
      {
        cells: {
          label: "经平台对接",
          ...totalsCells(outCur.platform),
          share: percentOf(outCur.platform.contractAmountFen, outCur.contractAmountFen),
        },
        href: output({ platform: true }),
      },
      {
        cells: {
          label: "全部技术输出",
          ...totalsCells(outCur),
          share: outCur.contractCount > 0 ? 100 : null,
        },
        href: output(),
      },
    ],
  };

  const targetTables: StatsTable[] = TARGET_METRIC_KEYS.map((metric) => {
    const { label, unit } = TARGET_METRICS[metric];
    const kind = unit === "fen" ? "fen" : "count";
    return {
      id: `targets-${metric}`,
      title: `${filters.year}年目标完成情况：${label}`,
      columns: [
        { key: "label", label: "县（市、区）", kind: "text" },
        { key: "target", label: "年度目标", kind },
        { key: "actual", label: "已完成", kind },
        { key: "percent", label: "完成率", kind: "percent" },
        { key: "rank", label: "排名", kind: "text" },
      ],
      rows: targets
        .filter((t) => t.metric === metric)
        .map((t) => ({
          cells: {
            label: regionLabel(t.regionCode),
            target: t.target,
            actual: t.actual,
            percent: t.percent,
            rank: t.rank === null ? "" : String(t.rank),
          },
          href:
            metric === "absorption_amount"
              ? link({ direction: "absorption", buyerCounty: t.regionCode, wholeYear: true })
              : link({ direction: "output", sellerCounty: t.regionCode, wholeYear: true }),
        })),
    };
  });

  return {
    filters,
    range,
    previousRange,
    kpis,
    tables: [
      kpiTable,
      monthTable,
      countyTable,
      absorptionTable,
      typeTable,
      fieldTable,
      flowTable,
      jingjinTable,
      platformTable,
      ...targetTables,
    ],
    targets,
  };
}
