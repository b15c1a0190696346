/**
 * The statistics dashboard (/bureau/stats, "stats.read"): KPI cards with
 * 同比, charts and tables by month, county (output and absorption), contract
 * type, 技术领域, the flow matrix, 京津 results, platform share and annual
 * targets. Filters are a GET form (works without JavaScript); every number
 * links to the contract list; every table exports as CSV and XLSX.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HorizontalBarChart, MonthColumnChart } from "~/components/stats-charts";
import { StatsTableView } from "~/components/stats-table-view";
import {
  buttonClass,
  inputClass,
  Notice,
  PageHeader,
  secondaryButtonClass,
} from "~/components/work-queue";
import { CONTRACT_TYPES } from "~/domain/contracts/contract-taxonomy";
import { countyOptions, loadDashboard } from "~/domain/statistics/dashboard.server";
import {
  filtersToParams,
  PERIOD_LABELS,
  parseStatsFilters,
} from "~/domain/statistics/stats-filters";
import { homeCityOf } from "~/domain/statistics/stats-queries.server";
import { percentChange, type StatsTable } from "~/domain/statistics/stats-table";
import { TARGET_METRICS } from "~/domain/statistics/target-metrics";
import { TECH_FIELDS } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { siteNameOf } from "~/utils/meta";
import { formatWanOrYi } from "~/utils/money";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `技术合同统计 - ${siteNameOf(matches)}` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "stats.read");
  const { db, config } = await services();
  const home = homeCityOf(config.HOME_REGION_CODE);
  const today = formatDate(Date.now());
  const counties = await countyOptions(db, home);
  const { filters, problems } = parseStatsFilters(new URL(request.url).searchParams, {
    today,
    counties: new Set(counties.map((c) => c.code)),
  });
  const dashboard = await loadDashboard(db, user, home, filters, today);
  return {
    dashboard,
    problems,
    counties,
    currentYear: Number(today.slice(0, 4)),
    exportQuery: filtersToParams(filters).toString(),
  };
}

function Yoy({ current, previous }: { current: number; previous: number }) {
  const change = percentChange(current, previous);
  if (change === null) return <span className="text-slate-400">同比 —</span>;
  return (
    <span className={change >= 0 ? "text-emerald-700" : "text-red-700"}>
      同比 {change >= 0 ? "+" : ""}
      {change.toFixed(1)}%
    </span>
  );
}

function barsOf(table: StatsTable, key = "contractAmountFen") {
  return table.rows
    .filter((r) => r.cells.label !== "合计")
    .map((r) => ({ label: String(r.cells.label), value: Number(r.cells[key] ?? 0), href: r.href }));
}

export default function StatsDashboardPage() {
  const { dashboard, problems, counties, currentYear, exportQuery } =
    useLoaderData<typeof loader>();
  const { filters, kpis, tables, targets } = dashboard;
  const table = (id: string) => tables.find((t) => t.id === id)!;
  const years = Array.from({ length: currentYear - 2019 + 1 }, (_, i) => currentYear + 1 - i);

  return (
    <div>
      <PageHeader
        title="技术合同统计"
        description={`统计口径：已登记合同，按登记日期计入期间（${dashboard.range.from} 至 ${dashboard.range.to} 前）；同比对照 ${dashboard.previousRange.from} 至 ${dashboard.previousRange.to} 前。金额单位万元，导出为元。`}
      />
      {problems.length > 0 ? (
        <Notice tone="error">{problems.map((p) => p.message).join("；")}。已按默认值显示。</Notice>
      ) : null}
      <Form
        method="get"
        aria-label="统计筛选"
        className="mb-4 grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6"
      >
        <label className="text-xs text-slate-600">
          年份
          <select name="year" defaultValue={String(filters.year)} className={inputClass}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          期间
          <select name="period" defaultValue={filters.period} className={inputClass}>
            {Object.entries(PERIOD_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          县（市、区）
          <select name="county" defaultValue={filters.county ?? ""} className={inputClass}>
            <option value="">全市</option>
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          合同类别
          <select name="type" defaultValue={filters.type ?? ""} className={inputClass}>
            <option value="">全部</option>
            {Object.entries(CONTRACT_TYPES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          技术领域
          <select name="field" defaultValue={filters.field ?? ""} className={inputClass}>
            <option value="">全部</option>
            {Object.entries(TECH_FIELDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>
            查询
          </button>
          <Link to="/bureau/stats" className={secondaryButtonClass}>
            重置
          </Link>
        </div>
      </Form>

      <section
        aria-label="核心指标"
        className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4"
      >
        {kpis.map((k) => {
          const value = (text: string) =>
            k.href ? (
              <Link to={k.href} className="hover:underline">
                {text}
              </Link>
            ) : (
              text
            );
          return (
            <div key={k.label} className="rounded-lg border border-slate-200 bg-white p-3">
              <h2 className="text-sm text-slate-600">{k.label}</h2>
              <p className="mt-1 text-xl font-bold tabular-nums text-slate-900">
                {value(formatWanOrYi(k.current.contractAmountFen))}
              </p>
              <p className="text-xs text-slate-500">
                成交额 ·{" "}
                <Yoy
                  current={k.current.contractAmountFen}
                  previous={k.previous.contractAmountFen}
                />
              </p>
              <p className="mt-1 text-sm tabular-nums">
                技术交易额 {value(formatWanOrYi(k.current.techTransactionAmountFen))}{" "}
                <span className="text-xs">
                  <Yoy
                    current={k.current.techTransactionAmountFen}
                    previous={k.previous.techTransactionAmountFen}
                  />
                </span>
              </p>
              <p className="text-sm tabular-nums">
                合同 {value(`${k.current.contractCount}份`)}{" "}
                <span className="text-xs">
                  <Yoy current={k.current.contractCount} previous={k.previous.contractCount} />
                </span>
              </p>
            </div>
          );
        })}
      </section>

      <StatsTableView table={table("kpi")} exportQuery={exportQuery} />
      <StatsTableView
        table={table("month")}
        exportQuery={exportQuery}
        chart={<MonthColumnChart title="按月技术输出成交额" bars={barsOf(table("month"))} />}
      />
      <StatsTableView
        table={table("output-county")}
        exportQuery={exportQuery}
        chart={
          <HorizontalBarChart
            title="技术输出成交额（按县市区）"
            bars={barsOf(table("output-county"))}
          />
        }
      />
      <StatsTableView
        table={table("absorption-county")}
        exportQuery={exportQuery}
        chart={
          <HorizontalBarChart
            title="技术吸纳成交额（按县市区）"
            bars={barsOf(table("absorption-county"))}
          />
        }
      />
      <StatsTableView
        table={table("type")}
        exportQuery={exportQuery}
        chart={
          <HorizontalBarChart title="技术输出成交额（按合同类别）" bars={barsOf(table("type"))} />
        }
      />
      <StatsTableView
        table={table("field")}
        exportQuery={exportQuery}
        chart={
          <HorizontalBarChart title="技术输出成交额（按技术领域）" bars={barsOf(table("field"))} />
        }
      />
      <StatsTableView table={table("flow")} exportQuery={exportQuery} />
      <StatsTableView table={table("jingjin")} exportQuery={exportQuery} />
      <StatsTableView table={table("platform")} exportQuery={exportQuery} />

      <h2 className="mb-2 mt-8 text-lg font-semibold">{filters.year}年度目标完成情况</h2>
      <p className="mb-3 text-sm text-slate-600">
        按全年已登记合同计算（不受期间、类别、领域筛选影响），按完成率排名。目标由系统管理员设置。
      </p>
      {Object.entries(TARGET_METRICS).map(([metric, { label, unit }]) => {
        const rows = targets.filter((t) => t.metric === metric);
        const t = table(`targets-${metric}`);
        return (
          <StatsTableView
            key={metric}
            table={t}
            exportQuery={exportQuery}
            chart={
              rows.some((r) => r.target > 0) ? (
                <ul className="space-y-1 text-sm" aria-label={`${label}进度`}>
                  {rows
                    .filter((r) => r.target > 0)
                    .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
                    .map((r, i) => {
                      const name =
                        counties.find((c) => c.code === r.regionCode)?.label ?? r.regionCode;
                      const pct = r.percent ?? 0;
                      const fmt = (v: number) => (unit === "fen" ? formatWanOrYi(v) : `${v}份`);
                      return (
                        <li
                          key={`${r.regionCode}-${i}`}
                          className="grid grid-cols-[2rem_7rem_1fr_9rem] items-center gap-2"
                        >
                          <span className="tabular-nums text-slate-500">{r.rank}</span>
                          <span>{name}</span>
                          <progress
                            max={100}
                            value={Math.min(100, pct)}
                            className="h-3 w-full"
                            aria-label={`${name}完成率`}
                          >
                            {pct.toFixed(1)}%
                          </progress>
                          <span className="text-xs tabular-nums">
                            {pct.toFixed(1)}%（{fmt(r.actual)} / {fmt(r.target)}）
                          </span>
                        </li>
                      );
                    })}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">本年度尚未设置该项目标。</p>
              )
            }
          />
        );
      })}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
