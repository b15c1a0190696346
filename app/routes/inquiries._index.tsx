/**
 * 我的对接 (/inquiries): the inquiries of the member's organization, newest
 * activity first, filtered by status (tabs with counts), with a marker on
 * those with activity the user has not seen. Bureau staff are sent to the
 * bureau's pipeline view.
 */
import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InquiryStatusBadge } from "~/components/inquiry-parts";
import { CountTabs, PageHeader, PageLinks, withParams } from "~/components/work-queue";
import { roleCan } from "~/domain/accounts/permissions";
import {
  INQUIRY_PAGE_SIZE,
  listOrganizationInquiries,
} from "~/domain/inquiries/inquiry-lists.server";
import {
  INQUIRY_STATUSES,
  INQUIRY_STATUS_ORDER,
  type InquiryStatus,
} from "~/domain/inquiries/inquiry-labels";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { siteNameOf } from "~/utils/meta";
import { requirePermission, requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `我的对接 - ${siteNameOf(matches)}` }];

function statusParam(raw: string | null): InquiryStatus | undefined {
  return raw && Object.hasOwn(INQUIRY_STATUSES, raw) ? (raw as InquiryStatus) : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request);
  if (roleCan(signedIn.role, "inquiries.broker")) throw redirect("/bureau/inquiries");
  const user = await requirePermission(request, "inquiries.participate");
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get("page")) || 1));
  const status = statusParam(url.searchParams.get("status"));
  const { db } = await services();
  return {
    status: status ?? null,
    pageSize: INQUIRY_PAGE_SIZE,
    list: await listOrganizationInquiries(db, user, { status, page }),
  };
}

export default function MyInquiries() {
  const { status, pageSize, list } = useLoaderData<typeof loader>();
  const { pathname, search } = useLocation();
  const all = Object.values(list.counts).reduce((a, b) => a + b, 0);
  return (
    <div>
      <PageHeader
        title="我的对接"
        description="本单位发起或收到的对接。企业可在科技成果页面、高校院所可在技术需求页面发起对接。"
      />
      <CountTabs
        label="按状态筛选"
        tabs={[
          {
            label: "全部",
            count: all,
            href: `/inquiries${withParams(search, { status: null })}`,
            active: !status,
          },
          ...INQUIRY_STATUS_ORDER.map((s) => ({
            label: INQUIRY_STATUSES[s],
            count: list.counts[s],
            href: `/inquiries${withParams(search, { status: s })}`,
            active: status === s,
          })),
        ]}
      />
      {list.items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-600">
          暂无对接。
          <Link to="/results" className="text-blue-700 underline">
            浏览科技成果
          </Link>
          或
          <Link to="/demands" className="text-blue-700 underline">
            技术需求
          </Link>
          ，找到合适的对象后发起对接。
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          aria-label="对接列表"
        >
          {list.items.map((item) => (
            <li key={item.id}>
              <Link
                to={`/inquiries/${item.id}`}
                className="flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4"
              >
                <span className="flex items-center gap-2">
                  <InquiryStatusBadge status={item.status} />
                  {item.unread ? (
                    <span className="rounded-full bg-red-600 px-1.5 text-xs font-medium text-white">
                      未读
                    </span>
                  ) : null}
                </span>
                <span className="min-w-0 flex-1">
                  <span
                    className={`block truncate ${item.unread ? "font-semibold text-slate-900" : "text-slate-800"}`}
                  >
                    {item.resultTitle ?? item.demandTitle}
                  </span>
                  <span className="block truncate text-xs text-slate-500">
                    对方：{item.otherName}
                    {item.resultTitle && item.demandTitle ? ` · 关联需求：${item.demandTitle}` : ""}
                  </span>
                </span>
                <time dateTime={item.updatedAt} className="text-xs tabular-nums text-slate-500">
                  {formatDateTime(item.updatedAt)}
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <PageLinks
        pathname={pathname}
        search={search}
        page={list.page}
        pageSize={pageSize}
        total={list.total}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
