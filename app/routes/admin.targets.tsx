/**
 * Annual targets (/admin/targets, "targets.manage"): a year's grid of
 * county × metric, amounts in 万元 and counts in 份. A plain POST form (no
 * JavaScript needed); a block copied from Excel can be pasted instead.
 * Progress and rank show on the statistics dashboard.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  buttonClass,
  inputClass,
  Notice,
  PageHeader,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from "~/components/work-queue";
import { DomainError } from "~/domain/errors";
import { countyOptions } from "~/domain/statistics/dashboard.server";
import { MAX_YEAR, MIN_YEAR } from "~/domain/statistics/stats-filters";
import { homeCityOf } from "~/domain/statistics/stats-queries.server";
import { cellName, GRID_METRICS, parseTargetGrid } from "~/domain/statistics/target-form";
import { TARGET_METRICS } from "~/domain/statistics/target-metrics";
import { saveTargets, targetsOfYear } from "~/domain/statistics/targets.server";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { siteNameOf } from "~/utils/meta";
import { fenToWanInput } from "~/utils/money-input";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `年度目标 - ${siteNameOf(matches)}` }];

function yearOf(raw: string | null, fallback: number): number {
  return raw && /^\d{4}$/.test(raw) && Number(raw) >= MIN_YEAR && Number(raw) <= MAX_YEAR
    ? Number(raw)
    : fallback;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "targets.manage");
  const { db, config } = await services();
  const currentYear = Number(formatDate(Date.now()).slice(0, 4));
  const url = new URL(request.url);
  const year = yearOf(url.searchParams.get("year"), currentYear);
  const counties = await countyOptions(db, homeCityOf(config.HOME_REGION_CODE));
  const targets = await targetsOfYear(db, year);
  const values: Record<string, string> = {};
  for (const c of counties) {
    for (const metric of GRID_METRICS) {
      const v = targets.get(`${c.code}:${metric}`);
      if (v === undefined) continue;
      values[cellName(c.code, metric)] =
        TARGET_METRICS[metric].unit === "fen" ? fenToWanInput(v) : String(v);
    }
  }
  return { year, currentYear, counties, values, saved: url.searchParams.get("saved") === "1" };
}

interface TargetsReply {
  errors: Record<string, string>;
  raw: Record<string, string>;
  formError: string | null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "targets.manage");
  const { db, config } = await services();
  const form = await request.formData();
  const rawYear = form.get("year");
  const year = yearOf(typeof rawYear === "string" ? rawYear : null, 0);
  const counties = await countyOptions(db, homeCityOf(config.HOME_REGION_CODE));
  const grid = parseTargetGrid(form, counties);
  if (year === 0) grid.errors.year = "年份无效";
  if (Object.keys(grid.errors).length > 0) {
    return data<TargetsReply>(
      { errors: grid.errors, raw: grid.raw, formError: null },
      { status: 400 },
    );
  }
  try {
    await saveTargets(
      db,
      user,
      year,
      grid.values,
      new Set(counties.map((c) => c.code)),
      knownClientIp(request),
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data(
      { errors: error.details ?? {}, raw: grid.raw, formError: error.message },
      { status: error.status },
    );
  }
  return redirect(`/admin/targets?year=${year}&saved=1`, 303);
}

export default function TargetsPage() {
  const { year, currentYear, counties, values, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<TargetsReply>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const shown = actionData?.raw ?? values;
  const errorList = Object.values(errors);
  return (
    <div>
      <PageHeader
        title="年度目标"
        description="为各县（市、区）设置技术合同年度目标；金额单位万元（最多 6 位小数，精确到分），合同数单位份。留空表示不设目标。"
      />
      <Form method="get" className="mb-3 flex items-end gap-2">
        <label className="text-xs text-slate-600">
          年份
          <select name="year" defaultValue={String(year)} className={inputClass}>
            {Array.from({ length: 6 }, (_, i) => currentYear + 1 - i).map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={secondaryButtonClass}>
          切换
        </button>
      </Form>
      {saved && !actionData ? <Notice tone="success">{year}年目标已保存。</Notice> : null}
      {actionData?.formError ? <Notice tone="error">{actionData.formError}</Notice> : null}
      {errorList.length > 0 ? (
        <Notice tone="error">请修改以下问题后再保存：{errorList.join("；")}</Notice>
      ) : null}
      <Form method="post" aria-label={`${year}年目标`}>
        <input type="hidden" name="year" value={year} />
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>县（市、区）</th>
                {GRID_METRICS.map((m) => (
                  <th key={m} className={thClass}>
                    {TARGET_METRICS[m].label}（{TARGET_METRICS[m].unit === "fen" ? "万元" : "份"}）
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {counties.map((c) => (
                <tr key={c.code}>
                  <th scope="row" className={`${tdClass} text-left font-normal`}>
                    {c.label}
                  </th>
                  {GRID_METRICS.map((m) => {
                    const name = cellName(c.code, m);
                    return (
                      <td key={m} className={tdClass}>
                        <input
                          name={name}
                          defaultValue={shown[name] ?? ""}
                          inputMode="decimal"
                          aria-label={`${c.label}${TARGET_METRICS[m].label}`}
                          aria-invalid={errors[name] ? true : undefined}
                          className={`${inputClass} min-w-24 ${errors[name] ? "border-red-500" : ""}`}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <details className="mt-3 rounded-lg border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-sm text-blue-800">
            从 Excel 粘贴（代替上面的表格）
          </summary>
          <p className="mt-2 text-xs text-slate-600">
            每行一个县（市、区）：名称或代码，然后依次为
            {GRID_METRICS.map((m) => TARGET_METRICS[m].label).join("、")}， 用制表符（从 Excel
            直接复制）或逗号分隔。未列出的县（市、区）目标将被清空。
          </p>
          <textarea
            name="paste"
            rows={6}
            className={`${inputClass} font-mono`}
            aria-label="粘贴的目标"
          />
          {errors.paste ? <p className="text-xs text-red-700">{errors.paste}</p> : null}
        </details>
        <button type="submit" className={`${buttonClass} mt-3`}>
          保存{year}年目标
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
