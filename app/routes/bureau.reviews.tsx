/**
 * The review queue (/bureau/reviews): results and demands waiting for a
 * decision, oldest first, filtered through the URL. Tick rows and 批量通过
 * approves them all in one transaction (none if one fails); each row also
 * has its own 通过 and 驳回 (reason + note).
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ApproveForm, RejectForm, replyFor } from "~/components/review-decision";
import {
  buttonClass,
  CountTabs,
  FieldErrors,
  inputClass,
  Notice,
  PageHeader,
  PageLinks,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
  withParams,
} from "~/components/work-queue";
import { approveListings, rejectQueuedListing } from "~/domain/bureau/review-actions.server";
import { listingRefKey, reviewDecisionSchema } from "~/domain/bureau/review-decision";
import {
  LISTING_KIND_LABELS,
  REVIEW_TYPE_LABELS,
  verificationStatusLabel,
} from "~/domain/bureau/labels";
import { listReviewQueue } from "~/domain/bureau/review-queue.server";
import { TECH_FIELDS, type TechField, labelOf } from "~/domain/taxonomy/taxonomy";
import { runMatchAlerts } from "~/jobs.server";
import { services } from "~/services.server";
import { formatDateTime, formatWaiting } from "~/utils/date-time";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `发布审核（${data?.queue.total ?? 0}）- ${siteNameOf(matches)}` },
];

const PAGE_SIZE = 50;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The URL's filters; a bad value is dropped rather than refused. */
const filterSchema = z.object({
  kind: z.enum(["results", "demands"]).optional().catch(undefined),
  type: z.enum(["new", "revision"]).optional().catch(undefined),
  techField: z
    .enum(Object.keys(TECH_FIELDS) as [TechField, ...TechField[]])
    .optional()
    .catch(undefined),
  org: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  select: z.literal("all").optional().catch(undefined),
  notice: z
    .string()
    .regex(/^(approved|rejected):\d{1,4}$/)
    .optional()
    .catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "listings.review");
  const { db } = await services();
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filters = filterSchema.parse(params);
  const queue = await listReviewQueue(db, {
    kind: filters.kind,
    type: filters.type,
    techField: filters.techField,
    organizationId: filters.org,
    from: filters.from,
    to: filters.to,
    page: filters.page,
    pageSize: PAGE_SIZE,
  });
  const now = Date.now();
  return {
    filters,
    queue: {
      ...queue,
      items: queue.items.map((item) => ({
        ...item,
        key: listingRefKey(item),
        waited: formatWaiting(now - Date.parse(item.submittedAt)),
      })),
    },
  };
}

/** Back to the queue as it was filtered, with a notice of what was done. */
function backToQueue(request: Request, notice: string) {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("select");
  url.searchParams.set("notice", notice);
  return redirect(`${url.pathname}?${url.searchParams}`);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "listings.review");
  const submission = parseWithZod(await request.formData(), { schema: reviewDecisionSchema });
  if (submission.status !== "success") {
    return data(submission.reply(), { status: 400 });
  }
  const { db } = await services();
  const actor = { ...user, ip: knownClientIp(request) };
  const decision = submission.value;
  try {
    switch (decision.intent) {
      case "approve-selected": {
        const count = await approveListings(db, decision.items, actor);
        // The approval queued new-match alerts; work them off now rather than at the next tick.
        void runMatchAlerts();
        return backToQueue(request, `approved:${count}`);
      }
      case "approve":
        await approveListings(db, [decision.item], actor);
        void runMatchAlerts();
        return backToQueue(request, "approved:1");
      case "reject":
        await rejectQueuedListing(db, decision.item, actor, decision);
        return backToQueue(request, "rejected:1");
    }
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

function noticeText(notice: string): string {
  const [what, count] = notice.split(":");
  return what === "approved" ? `已通过 ${count} 条，已发布到平台。` : `已驳回 ${count} 条。`;
}

export default function ReviewQueue() {
  const { filters, queue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { pathname, search } = useLocation();
  const bulkResult =
    lastResult?.initialValue?.intent === "approve-selected" ? lastResult : undefined;
  const rechecked = new Set(
    [bulkResult?.initialValue?.items ?? []]
      .flat()
      .filter((v): v is string => typeof v === "string"),
  );
  const allSelected = filters.select === "all";
  const tab = (label: string, count: number, kind: string | null) => ({
    label,
    count,
    href: `${pathname}${withParams(search, { kind, org: null })}`,
    active: (filters.kind ?? null) === kind,
  });

  return (
    <div>
      <PageHeader
        title="发布审核"
        description="新提交的成果与需求，以及已发布信息的修改，按提交时间从早到晚排列。"
      />
      {filters.notice ? <Notice tone="success">{noticeText(filters.notice)}</Notice> : null}
      {bulkResult?.error?.[""] ? (
        <Notice tone="error">{bulkResult.error[""].join("；")}</Notice>
      ) : null}

      <CountTabs
        label="信息类型"
        tabs={[
          tab("全部", queue.kindCounts.results + queue.kindCounts.demands, null),
          tab(LISTING_KIND_LABELS.results, queue.kindCounts.results, "results"),
          tab(LISTING_KIND_LABELS.demands, queue.kindCounts.demands, "demands"),
        ]}
      />

      <Form
        method="get"
        className="mb-3 grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6"
        aria-label="筛选"
      >
        {filters.kind ? <input type="hidden" name="kind" value={filters.kind} /> : null}
        <label className="text-xs text-slate-600">
          审核类别
          <select name="type" defaultValue={filters.type ?? ""} className={inputClass}>
            <option value="">全部</option>
            {(["new", "revision"] as const).map((t) => (
              <option key={t} value={t}>
                {REVIEW_TYPE_LABELS[t]}（{queue.typeCounts[t]}）
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          技术领域
          <select name="techField" defaultValue={filters.techField ?? ""} className={inputClass}>
            <option value="">全部</option>
            {Object.entries(TECH_FIELDS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}（{queue.techFieldCounts[code] ?? 0}）
              </option>
            ))}
          </select>
        </label>
        <label className="col-span-2 text-xs text-slate-600 sm:col-span-1">
          发布单位
          <select name="org" defaultValue={filters.org ?? ""} className={inputClass}>
            <option value="">全部</option>
            {queue.organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}（{o.count}）
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          提交日期从
          <input type="date" name="from" defaultValue={filters.from ?? ""} className={inputClass} />
        </label>
        <label className="text-xs text-slate-600">
          至
          <input type="date" name="to" defaultValue={filters.to ?? ""} className={inputClass} />
        </label>
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
          <button type="submit" className={buttonClass}>
            筛选
          </button>
          <Link to={pathname} className={secondaryButtonClass}>
            清除
          </Link>
        </div>
      </Form>

      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm">
        <p className="text-slate-600">
          共{" "}
          <strong data-testid="queue-total" className="tabular-nums text-slate-900">
            {queue.total}
          </strong>{" "}
          条待审核
        </p>
        <Form method="post" id="bulk-approve" className="flex items-center gap-2">
          <input type="hidden" name="intent" value="approve-selected" />
          <Link
            to={`${pathname}${withParams(search, { select: allSelected ? null : "all", page: filters.page > 1 ? String(filters.page) : null })}`}
            className="text-blue-700 underline"
          >
            {allSelected ? "取消全选" : "全选本页"}
          </Link>
          <button type="submit" className={buttonClass} disabled={queue.items.length === 0}>
            批量通过所选
          </button>
        </Form>
      </div>
      <FieldErrors errors={bulkResult?.error?.items ?? undefined} />

      {queue.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          没有符合条件的待审核信息。
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} aria-label="待审核列表">
            <thead>
              <tr>
                <th className={thClass}>
                  <span className="sr-only">选择</span>
                </th>
                <th className={`${thClass} hidden md:table-cell`}>提交时间</th>
                <th className={`${thClass} hidden md:table-cell`}>类型</th>
                <th className={thClass}>标题</th>
                <th className={`${thClass} hidden md:table-cell`}>技术领域</th>
                <th className={`${thClass} hidden md:table-cell`}>发布单位</th>
                <th className={thClass}>操作</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {queue.items.map((item) => (
                <tr key={`${item.key}-${allSelected}`} className="hover:bg-slate-50">
                  <td className={tdClass}>
                    <input
                      type="checkbox"
                      name="items"
                      value={item.key}
                      form="bulk-approve"
                      defaultChecked={allSelected || rechecked.has(item.key)}
                      aria-label={`选择：${item.title}`}
                      className="h-4 w-4"
                    />
                  </td>
                  <td className={`${tdClass} hidden whitespace-nowrap tabular-nums md:table-cell`}>
                    {formatDateTime(item.submittedAt)}
                    <span className="block text-xs text-slate-500">已等待 {item.waited}</span>
                  </td>
                  <td className={`${tdClass} hidden whitespace-nowrap md:table-cell`}>
                    {LISTING_KIND_LABELS[item.kind]}
                    <span
                      className={`ml-1 rounded px-1 text-xs ${item.type === "revision" ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-700"}`}
                    >
                      {REVIEW_TYPE_LABELS[item.type]}
                    </span>
                  </td>
                  <td className={`${tdClass} min-w-40`}>
                    <Link
                      to={`/bureau/reviews/${item.kind}/${item.id}`}
                      className="font-medium text-blue-800 hover:underline"
                    >
                      {item.title}
                    </Link>
                    {item.submittedBy ? (
                      <span className="block text-xs text-slate-500">
                        提交人：{item.submittedBy}
                      </span>
                    ) : null}
                    {/* Phones: the hidden columns, in one line under the title. */}
                    <span className="block text-xs text-slate-500 md:hidden">
                      {LISTING_KIND_LABELS[item.kind]} · {REVIEW_TYPE_LABELS[item.type]} ·{" "}
                      {labelOf(TECH_FIELDS, item.techField)} · {item.organization.name} ·{" "}
                      {formatDateTime(item.submittedAt)}（已等待 {item.waited}）
                    </span>
                  </td>
                  <td className={`${tdClass} hidden whitespace-nowrap md:table-cell`}>
                    {labelOf(TECH_FIELDS, item.techField)}
                  </td>
                  <td className={`${tdClass} hidden min-w-40 md:table-cell`}>
                    {item.organization.name}
                    {item.organization.verificationStatus !== "verified" ? (
                      <span className="block text-xs text-red-700">
                        机构
                        {verificationStatusLabel(item.organization.verificationStatus)}
                      </span>
                    ) : null}
                  </td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    <div className="flex flex-col items-stretch gap-1 sm:flex-row sm:items-start">
                      <ApproveForm
                        item={item.key}
                        title={item.title}
                        lastResult={replyFor(lastResult, "approve", item.key)}
                      />
                      <RejectForm
                        item={item.key}
                        title={item.title}
                        lastResult={replyFor(lastResult, "reject", item.key)}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks
        pathname={pathname}
        search={search}
        page={filters.page}
        pageSize={PAGE_SIZE}
        total={queue.total}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
