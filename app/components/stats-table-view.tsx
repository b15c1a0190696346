/**
 * A statistics table (app/domain/statistics/stats-table.ts) on the page:
 * amounts in 万元/亿元 (rounded for display only), counts in 份, every number
 * a link to the contract list behind it, and CSV/XLSX export links.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { StatsCell, StatsColumn, StatsTable } from "~/domain/statistics/stats-table";
import { formatWanOrYi } from "~/utils/money";
import { tableClass, tdClass, thClass } from "./work-queue";

function display(column: StatsColumn, value: StatsCell): string {
  if (value === null || value === "") return "—";
  if (column.kind === "fen" && typeof value === "number") return formatWanOrYi(value);
  if (column.kind === "percent" && typeof value === "number") return `${value.toFixed(1)}%`;
  return String(value);
}

export function StatsTableView({
  table,
  exportQuery,
  chart,
}: {
  table: StatsTable;
  /** Filters as a query string ("year=2026&…"), passed to the export links. */
  exportQuery: string;
  chart?: ReactNode;
}) {
  const base = `/bureau/stats/export/${table.id}`;
  return (
    <section
      aria-labelledby={`t-${table.id}`}
      className="mb-6 rounded-lg border border-slate-200 bg-white p-3"
    >
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`t-${table.id}`} className="text-base font-semibold text-slate-900">
          {table.title}
        </h2>
        <div className="flex gap-2 text-sm">
          <a href={`${base}.csv?${exportQuery}`} className="text-blue-700 hover:underline" download>
            导出 CSV
          </a>
          <a
            href={`${base}.xlsx?${exportQuery}`}
            className="text-blue-700 hover:underline"
            download
          >
            导出 Excel
          </a>
        </div>
      </div>
      {chart ? <div className="mb-2 overflow-x-auto">{chart}</div> : null}
      <div className="overflow-x-auto">
        <table className={tableClass}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} className={`${thClass} ${c.kind === "text" ? "" : "text-right"}`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.rows.map((row, i) => (
              <tr key={i} className="hover:bg-slate-50">
                {table.columns.map((c) => {
                  const value = row.cells[c.key] ?? null;
                  const text = display(c, value);
                  const linked =
                    row.href && (c.kind === "count" || c.kind === "fen") && value !== null;
                  return (
                    <td
                      key={c.key}
                      className={`${tdClass} ${c.kind === "text" ? "" : "whitespace-nowrap text-right tabular-nums"}`}
                    >
                      {linked ? (
                        <Link to={row.href!} className="text-blue-800 hover:underline">
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
