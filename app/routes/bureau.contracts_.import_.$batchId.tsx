/**
 * One ledger import batch (/bureau/contracts/import/:batchId):
 * - previewing: counts (rows, valid, with errors, duplicates), every
 *   problem as (行, 列, 问题), the duplicates skipped, the first valid rows,
 *   and 确认导入 — refused while there are errors;
 * - committing: a progress bar, polled with a fetcher, or refreshed by
 *   <meta http-equiv=refresh> without JavaScript;
 * - committed / failed: the outcome (a failed batch may be retried).
 * Submitting 确认导入 twice imports once (the batch is claimed atomically).
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useLocation,
  useRevalidator,
} from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert } from "~/components/form-fields";
import {
  buttonClass,
  Notice,
  PageHeader,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from "~/components/work-queue";
import { CONTRACT_DIRECTIONS, CONTRACT_TYPES } from "~/domain/contracts/contract-taxonomy";
import { getImportBatch } from "~/domain/imports/import-batches.server";
import { localProgress, startImportCommit } from "~/domain/imports/import-progress.server";
import { IMPORT_STATUS_LABELS } from "~/domain/imports/import-types";
import { TECH_FIELDS, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { domainErrorToResponse, parseId } from "~/utils/http.server";
import { siteNameOf } from "~/utils/meta";
import { formatWan } from "~/utils/money";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `台账导入预览 - ${siteNameOf(matches)}` },
];

const schema = z.object({ intent: z.literal("commit", { error: "缺少操作" }) });

/** Seconds between progress checks (fetcher with JS, meta refresh without). */
const POLL_SECONDS = 2;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "contracts.import");
  const { db } = await services();
  const id = parseId(params.batchId, "导入批次");
  const batch = await getImportBatch(db, id).catch(domainErrorToResponse);
  const local = localProgress(id);
  const progressDone = Math.max(batch.progressDone, local?.done ?? 0);
  return { batch: { ...batch, progressDone } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contracts.import");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const id = parseId(params.batchId, "导入批次");
  const { database } = await services();
  try {
    await startImportCommit(database, id, { ...user, ip: knownClientIp(request) });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/bureau/contracts/import/${id}`);
}

function Count({ label, value, tone }: { label: string; value: number; tone?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <p className="text-xs text-slate-500">{label}</p>
      <p className={`text-2xl font-semibold tabular-nums ${tone ?? "text-slate-900"}`}>
        {value.toLocaleString("zh-CN")}
      </p>
    </div>
  );
}

function ProgressBar({ done, total }: { done: number; total: number }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="mb-2 text-sm text-slate-700">
        正在导入：已写入 <span className="tabular-nums">{done.toLocaleString("zh-CN")}</span> /{" "}
        <span className="tabular-nums">{total.toLocaleString("zh-CN")}</span> 行（{percent}%）。
        全部写入成功后才会生效，中途出错将全部撤销。
      </p>
      <div
        role="progressbar"
        aria-label="导入进度"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-blue-700 transition-all" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export default function ImportBatchPage() {
  const loaderData = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { pathname } = useLocation();
  const fetcher = useFetcher<typeof loader>();
  const revalidator = useRevalidator();
  const [form] = useForm({ lastResult });

  const polled = fetcher.data?.batch;
  const committing = loaderData.batch.status === "committing";
  const batch = committing && polled ? polled : loaderData.batch;

  useEffect(() => {
    if (!committing) return;
    const timer = setInterval(() => {
      if (fetcher.state === "idle") fetcher.load(pathname);
    }, POLL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [committing, fetcher, pathname]);
  useEffect(() => {
    if (committing && polled && polled.status !== "committing" && revalidator.state === "idle") {
      revalidator.revalidate();
    }
  }, [committing, polled, revalidator]);

  const canCommit =
    (batch.status === "previewing" || batch.status === "failed") && batch.errorCount === 0;
  const toInsert = batch.validCount;

  return (
    <div>
      {committing ? (
        <noscript>
          <meta httpEquiv="refresh" content={String(POLL_SECONDS)} />
        </noscript>
      ) : null}
      <PageHeader
        title={`台账导入：${batch.fileName}`}
        description={
          <>
            {batch.stationCode} {batch.stationName} · {batch.uploadedBy ?? "—"} 上传于{" "}
            {formatDateTime(batch.createdAt)} · 状态：
            <strong>{IMPORT_STATUS_LABELS[batch.status]}</strong>
          </>
        }
        actions={
          <Link to="/bureau/contracts/import" className={secondaryButtonClass}>
            重新上传
          </Link>
        }
      />
      <FormAlert id={form.errorId}>{form.errors?.join("；")}</FormAlert>

      {batch.status === "committed" ? (
        <Notice tone="success">
          导入完成：写入 {(batch.insertedCount ?? 0).toLocaleString("zh-CN")} 份合同
          {batch.duplicateCount > 0 ? `，跳过重复 ${batch.duplicateCount} 行` : ""}
          {batch.committedAt ? `（${formatDateTime(batch.committedAt)}）` : ""}。{" "}
          <Link to="/bureau/contracts" className="underline">
            查看合同列表
          </Link>
        </Notice>
      ) : null}
      {batch.status === "failed" && batch.failureMessage ? (
        <Notice tone="error">{batch.failureMessage}</Notice>
      ) : null}
      {batch.status === "committing" ? (
        <div className="mb-4">
          <ProgressBar done={batch.progressDone} total={toInsert} />
        </div>
      ) : null}

      <div className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Count label="数据行" value={batch.totalRows} />
        <Count label="可导入" value={batch.validCount} tone="text-emerald-700" />
        <Count
          label="有错误的行"
          value={batch.errorCount}
          tone={batch.errorCount ? "text-red-700" : undefined}
        />
        <Count
          label="重复（跳过）"
          value={batch.duplicateCount}
          tone={batch.duplicateCount ? "text-amber-700" : undefined}
        />
      </div>

      {batch.status === "previewing" || batch.status === "failed" ? (
        batch.errorCount > 0 ? (
          <Notice tone="error">
            有 {batch.errorCount} 行存在错误，不能导入。请按下表在 Excel 中修改后重新上传（行号即
            Excel 中的行号）。
          </Notice>
        ) : (
          <Form
            method="post"
            {...getFormProps(form)}
            className="mb-4 flex flex-wrap items-center gap-3"
          >
            <input type="hidden" name="intent" value="commit" />
            <button type="submit" className={buttonClass} disabled={!canCommit || toInsert === 0}>
              {batch.status === "failed" ? "重试导入" : "确认导入"}{" "}
              {toInsert.toLocaleString("zh-CN")} 份合同
            </button>
            <span className="text-sm text-slate-600">
              一次性写入：全部成功才生效{batch.duplicateCount > 0 ? "；重复的行会被跳过" : ""}。
            </span>
          </Form>
        )
      ) : null}

      {batch.errors.length > 0 ? (
        <section className="mb-6">
          <h2 className="mb-2 text-lg font-semibold text-slate-900">
            错误（共 {batch.errorTotal} 处
            {batch.errorTotal > batch.errors.length ? `，显示前 ${batch.errors.length} 处` : ""}）
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className={tableClass} aria-label="错误">
              <thead>
                <tr>
                  <th className={`${thClass} w-16`}>行</th>
                  <th className={`${thClass} w-48`}>列</th>
                  <th className={thClass}>问题</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {batch.errors.map((e, i) => (
                  <tr key={i}>
                    <td className={`${tdClass} tabular-nums`}>{e.row}</td>
                    <td className={tdClass}>{e.column}</td>
                    <td className={`${tdClass} text-red-800`}>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {batch.duplicates.length > 0 ? (
        <section className="mb-6">
          <h2 className="mb-2 text-lg font-semibold text-slate-900">
            重复的登记号（跳过，共 {batch.duplicateCount} 行）
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className={tableClass} aria-label="重复的登记号">
              <thead>
                <tr>
                  <th className={`${thClass} w-16`}>行</th>
                  <th className={thClass}>登记号</th>
                  <th className={thClass}>原因</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {batch.duplicates.map((d) => (
                  <tr key={`${d.row}-${d.reason}`}>
                    <td className={`${tdClass} tabular-nums`}>{d.row}</td>
                    <td className={`${tdClass} font-mono`}>{d.registrationNumber}</td>
                    <td className={tdClass}>
                      {d.reason === "database" ? "系统中已有该登记号" : `与第 ${d.firstRow} 行重复`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {batch.sampleRows.length > 0 && batch.status !== "committed" ? (
        <section>
          <h2 className="mb-2 text-lg font-semibold text-slate-900">
            可导入的行（前 {batch.sampleRows.length} 行）
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className={tableClass} aria-label="可导入的行">
              <thead>
                <tr>
                  <th className={thClass}>行</th>
                  <th className={thClass}>登记号</th>
                  <th className={thClass}>合同名称</th>
                  <th className={`${thClass} hidden md:table-cell`}>类别 / 领域</th>
                  <th className={`${thClass} hidden md:table-cell`}>卖方 → 买方</th>
                  <th className={`${thClass} text-right`}>成交额 / 技术交易额</th>
                  <th className={`${thClass} hidden sm:table-cell`}>登记日期</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {batch.sampleRows.map((r) => (
                  <tr key={r.row}>
                    <td className={`${tdClass} tabular-nums`}>{r.row}</td>
                    <td className={`${tdClass} font-mono text-xs`}>
                      {r.registrationNumber}
                      <span className="block font-sans text-slate-500">
                        {CONTRACT_DIRECTIONS[r.direction]}
                      </span>
                    </td>
                    <td className={tdClass}>{r.contractName}</td>
                    <td className={`${tdClass} hidden md:table-cell`}>
                      {CONTRACT_TYPES[r.contractType]}
                      <span className="block text-xs text-slate-500">
                        {labelOf(TECH_FIELDS, r.techField)}
                      </span>
                    </td>
                    <td className={`${tdClass} hidden md:table-cell`}>
                      {r.sellerName}
                      <span className="block text-xs text-slate-500">→ {r.buyerName}</span>
                    </td>
                    <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
                      {formatWan(r.contractAmountFen)}
                      <span className="block text-xs text-slate-500">
                        {formatWan(r.techTransactionAmountFen)}
                      </span>
                    </td>
                    <td
                      className={`${tdClass} hidden whitespace-nowrap tabular-nums sm:table-cell`}
                    >
                      {r.registeredOn}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
