/**
 * Search sync (/admin/search), for administrators: the active search
 * backend and whether it answers, the outbox backlog and its oldest row,
 * rows whose delivery failed (attempts, last error, next retry), the last
 * successful delivery and the last error. "立即重试" makes the failed rows
 * due now instead of after their backoff.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  Notice,
  PageHeader,
  buttonClass,
  tableClass,
  tdClass,
  thClass,
} from "~/components/work-queue";
import { FAILED_ROWS_SHOWN } from "~/domain/search/outbox-limits";
import {
  backendHealth,
  retryFailedNow,
  searchSyncStatus,
} from "~/domain/search/outbox-status.server";
import { syncModeOf } from "~/domain/search/sync-loop.server";
import { services } from "~/services.server";
import { formatDateTime, formatWaiting } from "~/utils/date-time";
import { siteNameOf } from "~/utils/meta";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `搜索同步 - ${siteNameOf(matches)}` }];

const noticeSchema = z.object({
  retried: z.coerce.number().int().min(0).optional().catch(undefined),
});

const actionSchema = z.object({
  intent: z.literal("retry-failed", { error: "未知的操作" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users.manage");
  const { db, search, config, searchFallbackReason } = await services();
  const [status, health] = await Promise.all([searchSyncStatus(db), backendHealth(search)]);
  const { retried } = noticeSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const oldestPendingMs = status.oldestPendingAt
    ? Date.now() - Date.parse(status.oldestPendingAt)
    : null;
  return {
    status,
    health,
    mode: syncModeOf(config, search),
    fallbackReason: searchFallbackReason ?? null,
    oldestPendingMs,
    retried,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "users.manage");
  const submission = parseWithZod(await request.formData(), { schema: actionSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { db } = await services();
  const retried = await retryFailedNow(db);
  return redirect(`/admin/search?retried=${retried}`);
}

const INDEX_LABELS: Record<string, string> = { results: "科技成果", demands: "技术需求" };
const OPERATION_LABELS = { upsert: "更新", delete: "删除" } as const;

function Figure({
  label,
  value,
  note,
  text = false,
}: {
  label: string;
  value: string;
  note?: string;
  /** A word or a date rather than a count: set smaller. */
  text?: boolean;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={`mt-1 font-bold tabular-nums ${text ? "text-lg" : "text-2xl"}`}>{value}</dd>
      {note ? <dd className="mt-1 break-words text-xs text-slate-500">{note}</dd> : null}
    </div>
  );
}

export default function AdminSearch() {
  const { status, health, mode, fallbackReason, oldestPendingMs, retried } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const postgres = mode === "acknowledge";
  const backendName = health.kind === "postgres" ? "PostgreSQL（内置）" : "Meilisearch";
  return (
    <div>
      <PageHeader
        title="搜索同步"
        description={
          postgres
            ? "当前使用内置的 PostgreSQL 搜索：信息变更与搜索索引在同一事务中更新，同步队列中的记录只在保留一段时间后自动确认（便于切换到 Meilisearch）。"
            : "每次发布、修改、撤回和到期都会写入同步队列，由同步进程批量送到 Meilisearch；失败的记录按退避时间自动重试，不会丢失。"
        }
        actions={
          status.failedCount > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="retry-failed" />
              <button type="submit" className={buttonClass}>
                立即重试失败项（{status.failedCount}）
              </button>
            </Form>
          ) : null
        }
      />
      {mode === "hold" ? (
        <Notice tone="error">
          已配置 Meilisearch，但本服务启动时无法连接，目前由 PostgreSQL
          提供搜索；同步队列中的记录会保留，待服务重启或运行 npm run search:sync 后送达。
          {fallbackReason ? (
            <span className="mt-1 block break-words font-mono text-xs">{fallbackReason}</span>
          ) : null}
        </Notice>
      ) : null}
      {retried !== undefined ? (
        <Notice tone="success">已安排 {retried} 条失败记录立即重试。</Notice>
      ) : null}
      {actionData?.result.error ? (
        <Notice tone="error">{Object.values(actionData.result.error).flat().join("；")}</Notice>
      ) : null}

      <dl className="mb-5 grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="同步状态">
        <Figure
          label="搜索后端"
          value={backendName}
          text
          note={
            health.ok
              ? `运行正常 · 响应 ${Math.round(health.latencyMs)} 毫秒`
              : `无法使用：${health.error ?? "未知错误"}`
          }
        />
        <Figure label={postgres ? "待确认" : "待同步"} value={String(status.backlog)} />
        <Figure
          label="最早一条已等待"
          value={oldestPendingMs === null ? "—" : formatWaiting(oldestPendingMs)}
          text
        />
        <Figure label="同步失败" value={String(status.failedCount)} note="等待自动重试" />
        <Figure
          label={postgres ? "最近一次确认" : "最近一次同步成功"}
          value={status.lastProcessedAt ? formatDateTime(status.lastProcessedAt) : "—"}
          text
        />
      </dl>

      {status.lastError ? (
        <section aria-label="最近错误" className="mb-5">
          <h2 className="mb-2 text-lg font-semibold">最近错误</h2>
          <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <p className="text-slate-600">
              {formatDateTime(status.lastError.at)} ·{" "}
              {INDEX_LABELS[status.lastError.indexName] ?? status.lastError.indexName}{" "}
              {status.lastError.docId}
            </p>
            <p className="mt-1 break-words font-mono text-xs text-red-800">
              {status.lastError.message}
            </p>
          </div>
        </section>
      ) : null}

      <section aria-label="同步失败的记录">
        <h2 className="mb-2 text-lg font-semibold">同步失败的记录</h2>
        {status.failed.length === 0 ? (
          <p className="text-sm text-slate-600">没有失败的记录。</p>
        ) : (
          <>
            {status.failedCount > status.failed.length ? (
              <p className="mb-2 text-sm text-slate-600">
                共 {status.failedCount} 条，下表列出最近出错的 {FAILED_ROWS_SHOWN} 条。
              </p>
            ) : null}
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th className={thClass}>索引</th>
                    <th className={thClass}>编号</th>
                    <th className={thClass}>操作</th>
                    <th className={thClass}>尝试次数</th>
                    <th className={thClass}>最后错误</th>
                    <th className={`${thClass} hidden md:table-cell`}>出错时间</th>
                    <th className={`${thClass} hidden md:table-cell`}>下次重试</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {status.failed.map((row) => (
                    <tr key={row.id}>
                      <td className={`${tdClass} whitespace-nowrap`}>
                        {INDEX_LABELS[row.indexName] ?? row.indexName}
                      </td>
                      <td className={`${tdClass} tabular-nums`}>{row.docId}</td>
                      <td className={`${tdClass} whitespace-nowrap`}>
                        {OPERATION_LABELS[row.operation]}
                      </td>
                      <td className={`${tdClass} tabular-nums`}>{row.attempts}</td>
                      <td className={`${tdClass} min-w-60 break-words font-mono text-xs`}>
                        {row.lastError}
                      </td>
                      <td className={`${tdClass} hidden whitespace-nowrap md:table-cell`}>
                        {row.lastErrorAt ? formatDateTime(row.lastErrorAt) : "—"}
                      </td>
                      <td className={`${tdClass} hidden whitespace-nowrap md:table-cell`}>
                        {formatDateTime(row.nextAttemptAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
