/**
 * 对接管理 (/bureau/inquiries): every inquiry in the market for bureau
 * staff — the pipeline as counts per status, filters by status, county and
 * 技术领域 (a GET form, so filters live in the URL), and the number of
 * broker notes on each. Opening one goes to /inquiries/:id, where staff
 * post as broker and keep notes.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InquiryStatusBadge } from "~/components/inquiry-parts";
import {
  CountTabs,
  PageHeader,
  PageLinks,
  buttonClass,
  inputClass,
  tableClass,
  tdClass,
  thClass,
  withParams,
} from "~/components/work-queue";
import { INQUIRY_PAGE_SIZE, listAllInquiries } from "~/domain/inquiries/inquiry-lists.server";
import {
  INQUIRY_STATUSES,
  INQUIRY_STATUS_ORDER,
  type InquiryStatus,
} from "~/domain/inquiries/inquiry-labels";
import { homeCounties } from "~/domain/regions/regions.server";
import { TECH_FIELDS } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { siteNameOf } from "~/utils/meta";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `对接管理 - ${siteNameOf(matches)}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "inquiries.broker");
  const url = new URL(request.url);
  const { db, config } = await services();
  const counties = (await homeCounties(db, config.HOME_REGION_CODE)).map((c) => ({
    code: c.code,
    name: c.name,
  }));
  const rawStatus = url.searchParams.get("status") ?? "";
  const status = Object.hasOwn(INQUIRY_STATUSES, rawStatus)
    ? (rawStatus as InquiryStatus)
    : undefined;
  const rawCounty = url.searchParams.get("county") ?? "";
  const countyCode = counties.some((c) => c.code === rawCounty) ? rawCounty : undefined;
  const rawField = url.searchParams.get("field") ?? "";
  const techField = Object.hasOwn(TECH_FIELDS, rawField) ? rawField : undefined;
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get("page")) || 1));
  const list = await listAllInquiries(db, user, { status, countyCode, techField, page });
  return {
    counties,
    filters: { status: status ?? null, county: countyCode ?? "", field: techField ?? "" },
    pageSize: INQUIRY_PAGE_SIZE,
    list,
  };
}

export default function BureauInquiries() {
  const { counties, filters, pageSize, list } = useLoaderData<typeof loader>();
  const { pathname, search } = useLocation();
  const all = Object.values(list.counts).reduce((a, b) => a + b, 0);
  return (
    <div>
      <PageHeader
        title="对接管理"
        description="全市科技成果与技术需求的对接进展；打开对接可以撮合留言、添加仅科技局可见的备注。"
      />
      <Form method="get" className="mb-3 flex flex-wrap items-end gap-2" aria-label="筛选对接">
        {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
        <div>
          <label htmlFor="county" className="block text-xs text-slate-600">
            县（市、区）
          </label>
          <select id="county" name="county" defaultValue={filters.county} className={inputClass}>
            <option value="">全部</option>
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="field" className="block text-xs text-slate-600">
            技术领域
          </label>
          <select id="field" name="field" defaultValue={filters.field} className={inputClass}>
            <option value="">全部</option>
            {Object.entries(TECH_FIELDS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass}>
          筛选
        </button>
      </Form>
      <CountTabs
        label="对接进展"
        tabs={[
          {
            label: "全部",
            count: all,
            href: `/bureau/inquiries${withParams(search, { status: null })}`,
            active: !filters.status,
          },
          ...INQUIRY_STATUS_ORDER.map((s) => ({
            label: INQUIRY_STATUSES[s],
            count: list.counts[s],
            href: `/bureau/inquiries${withParams(search, { status: s })}`,
            active: filters.status === s,
          })),
        ]}
      />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className={tableClass} aria-label="对接列表">
          <thead>
            <tr>
              <th className={thClass}>编号</th>
              <th className={thClass}>状态</th>
              <th className={thClass}>对接内容</th>
              <th className={thClass}>发起方 → 对方</th>
              <th className={thClass}>县（市、区）</th>
              <th className={thClass}>技术领域</th>
              <th className={thClass}>备注</th>
              <th className={thClass}>最近更新</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.items.length === 0 ? (
              <tr>
                <td colSpan={8} className={`${tdClass} py-6 text-center text-slate-500`}>
                  没有符合条件的对接。
                </td>
              </tr>
            ) : (
              list.items.map((item) => (
                <tr key={item.id}>
                  <td className={`${tdClass} tabular-nums`}>
                    <Link to={`/inquiries/${item.id}`} className="text-blue-700 underline">
                      #{item.id}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <InquiryStatusBadge status={item.status} />
                  </td>
                  <td className={`${tdClass} min-w-[14rem]`}>
                    <Link to={`/inquiries/${item.id}`} className="hover:underline">
                      {item.resultTitle ?? item.demandTitle}
                    </Link>
                    {item.resultTitle && item.demandTitle ? (
                      <span className="block text-xs text-slate-500">需求：{item.demandTitle}</span>
                    ) : null}
                  </td>
                  <td className={`${tdClass} min-w-[12rem]`}>
                    {item.initiatorName} → {item.counterpartName}
                  </td>
                  <td className={tdClass}>{item.countyName}</td>
                  <td className={tdClass}>{item.techFieldLabel}</td>
                  <td className={`${tdClass} tabular-nums`}>{item.brokerNotes || ""}</td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums`}>
                    {formatDateTime(item.updatedAt)}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
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
