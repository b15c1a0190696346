/**
 * GET /bureau/stats/export/:table.csv|.xlsx?filters — one dashboard table
 * as CSV (UTF-8 with BOM) or XLSX, with the same numbers as the page
 * ("stats.read"). Amounts in 元 with two decimals, said in the header.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { countyOptions, loadDashboard } from "~/domain/statistics/dashboard.server";
import { parseStatsFilters } from "~/domain/statistics/stats-filters";
import { homeCityOf } from "~/domain/statistics/stats-queries.server";
import { tableToCsv } from "~/domain/statistics/stats-table";
import { tableToXlsx } from "~/domain/statistics/stats-xlsx.server";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { requirePermission } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "stats.read");
  const match = /^([a-z_-]+)\.(csv|xlsx)$/.exec(params.file ?? "");
  if (!match) throw new Response("没有这个导出文件", { status: 404 });
  const [, id, format] = match as unknown as [string, string, "csv" | "xlsx"];
  const { db, config } = await services();
  const home = homeCityOf(config.HOME_REGION_CODE);
  const today = formatDate(Date.now());
  const counties = await countyOptions(db, home);
  const { filters, problems } = parseStatsFilters(new URL(request.url).searchParams, {
    today,
    counties: new Set(counties.map((c) => c.code)),
  });
  if (problems.length > 0) {
    throw new Response(problems.map((p) => p.message).join("；"), { status: 400 });
  }
  const dashboard = await loadDashboard(db, user, home, filters, today);
  const table = dashboard.tables.find((t) => t.id === id);
  if (!table) throw new Response("没有这个统计表", { status: 404 });
  const name = `${table.title}-${filters.year}-${filters.period}`;
  const disposition = `attachment; filename="stats-${id}-${filters.year}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}.${format}`;
  if (format === "csv") {
    return new Response(tableToCsv(table), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": disposition,
        "Cache-Control": "private, no-store",
      },
    });
  }
  return new Response(await tableToXlsx(table), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": disposition,
      "Cache-Control": "private, no-store",
    },
  });
}
