/** Bureau dashboard (/bureau): what waits in each queue, and for how long. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/work-queue";
import { LISTING_KIND_LABELS, REVIEW_TYPE_LABELS } from "~/domain/bureau/labels";
import { reviewQueueSummary } from "~/domain/bureau/review-queue.server";
import { contractQueueSummary } from "~/domain/contracts/contract-list.server";
import { organizationQueueSummary } from "~/domain/organizations/verification.server";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { formatDateTime, formatWaiting } from "~/utils/date-time";
import { siteNameOf } from "~/utils/meta";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `工作台 - ${siteNameOf(matches)}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "listings.review");
  const { db } = await services();
  const [listings, organizations, contracts] = await Promise.all([
    reviewQueueSummary(db),
    organizationQueueSummary(db),
    contractQueueSummary(db, formatDate(Date.now())),
  ]);
  const now = Date.now();
  const waited = (since: string | null) => (since ? formatWaiting(now - Date.parse(since)) : null);
  const queues = [
    ...listings.map((q) => ({
      key: `${q.kind}-${q.type}`,
      label: `${LISTING_KIND_LABELS[q.kind]} · ${REVIEW_TYPE_LABELS[q.type]}`,
      count: q.count,
      href: `/bureau/reviews?${new URLSearchParams({ kind: q.kind, type: q.type })}`,
      oldestSince: q.oldestSince,
      waited: waited(q.oldestSince),
    })),
    {
      key: "organizations",
      label: "机构认证",
      count: organizations.pending,
      href: "/bureau/organizations",
      oldestSince: organizations.oldestSince,
      waited: waited(organizations.oldestSince),
    },
    {
      key: "contracts",
      label: contracts.overdue > 0 ? `技术合同登记（${contracts.overdue} 份超期）` : "技术合同登记",
      count: contracts.submitted,
      href:
        contracts.overdue > 0
          ? "/bureau/contracts?overdue=1"
          : "/bureau/contracts?status=submitted",
      oldestSince: contracts.oldestSince,
      waited: waited(contracts.oldestSince),
    },
  ];
  const oldest = queues
    .filter((q) => q.oldestSince)
    .sort((a, b) => Date.parse(a.oldestSince!) - Date.parse(b.oldestSince!))[0];
  return {
    queues,
    totalWaiting: queues.reduce((n, q) => n + q.count, 0),
    oldest: oldest ? { label: oldest.label, waited: oldest.waited, href: oldest.href } : null,
  };
}

export default function BureauDashboard() {
  const { queues, totalWaiting, oldest } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader
        title="工作台"
        description={
          totalWaiting === 0 ? (
            "所有队列均已处理完毕。"
          ) : (
            <>
              共 <strong className="tabular-nums">{totalWaiting}</strong> 项待处理
              {oldest ? (
                <>
                  ，等待最久的在
                  <Link to={oldest.href} className="text-blue-700 underline">
                    {oldest.label}
                  </Link>
                  ，已等待 <strong>{oldest.waited}</strong>
                </>
              ) : null}
              。
            </>
          )
        }
      />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="待处理队列">
        {queues.map((q) => (
          <li key={q.key}>
            <Link
              to={q.href}
              className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-blue-300 hover:bg-blue-50"
            >
              <span className="block text-sm text-slate-600">{q.label}</span>
              <span className="mt-1 block text-3xl font-bold tabular-nums text-slate-900">
                {q.count}
              </span>
              <span className="mt-1 block text-xs text-slate-500">
                {q.oldestSince
                  ? `最早一项：${formatDateTime(q.oldestSince)}，已等待 ${q.waited}`
                  : "暂无待处理"}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
