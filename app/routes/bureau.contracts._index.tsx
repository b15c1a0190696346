/**
 * 技术合同 (/bureau/contracts): every contract, newest accepted first, with
 * the filters of the statistics dashboard's drill-down in the URL (see
 * contract-list-filters.ts), status badges, deadlines and overdue flags,
 * and the sums of what matches. GET forms only: works without JavaScript.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ContractStatusBadge } from "~/components/contract-status-badge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  Notice,
  PageHeader,
  PageLinks,
  buttonClass,
  inputClass,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from "~/components/work-queue";
import { roleCan } from "~/domain/accounts/permissions";
import { LIST_DIRECTIONS, parseContractListParams } from "~/domain/contracts/contract-list-filters";
import { listContracts } from "~/domain/contracts/contract-list.server";
import { CONTRACT_STATUSES, CONTRACT_TYPES } from "~/domain/contracts/contract-taxonomy";
import { homeCounties, regionMap } from "~/domain/regions/regions.server";
import { TECH_FIELDS, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { siteNameOf } from "~/utils/meta";
import { formatWan } from "~/utils/money";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `技术合同（${data?.page.total ?? 0}）- ${siteNameOf(matches)}` },
];

const PAGE_SIZE = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contracts.read");
  const { db, config } = await services();
  const url = new URL(request.url);
  const counties = await homeCounties(db, config.HOME_REGION_CODE);
  const countyCodes = new Set([config.HOME_REGION_CODE, ...counties.map((c) => c.code)]);
  const { filters, notices } = parseContractListParams(url.searchParams, countyCodes);
  const today = formatDate(Date.now());
  const page = await listContracts(db, filters, { pageSize: PAGE_SIZE, today });
  const regions = await regionMap(db);
  const regionName = (code: string) => {
    const r = regions.get(code);
    return code === config.HOME_REGION_CODE ? "市本级" : (r?.name ?? code);
  };
  return {
    filters,
    notices,
    today,
    canRegister: roleCan(user.role, "contracts.register"),
    countyOptions: [
      { code: config.HOME_REGION_CODE, name: "市本级" },
      ...counties.map((c) => ({ code: c.code, name: c.name })),
    ],
    page: {
      ...page,
      items: page.items.map((item) => ({
        ...item,
        sellerRegion: regionName(item.sellerRegionCode),
        buyerRegion: regionName(item.buyerRegionCode),
      })),
    },
  };
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | number | boolean | undefined;
  options: [string, string][];
}) {
  const current =
    value === undefined ? "" : typeof value === "boolean" ? (value ? "1" : "0") : String(value);
  return (
    <label className="text-xs text-slate-600">
      {label}
      <select name={name} defaultValue={current} className={inputClass}>
        <option value="">全部</option>
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function ContractList() {
  const { filters, notices, page, countyOptions, canRegister } = useLoaderData<typeof loader>();
  const { pathname, search } = useLocation();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));
  const counties = countyOptions.map((c) => [c.code, c.name] as [string, string]);
  return (
    <div>
      <PageHeader
        title="技术合同"
        description={`共 ${page.total} 份；成交额合计 ${formatWan(page.contractAmountFen)}，技术交易额合计 ${formatWan(page.techTransactionAmountFen)}。年份、季度、月份按登记日期筛选。`}
        actions={
          canRegister ? (
            <>
              <Link to="/bureau/contracts/new" className={buttonClass}>
                合同受理
              </Link>
              <Link to="/bureau/contracts/absorption/new" className={secondaryButtonClass}>
                录入技术吸纳
              </Link>
              <Link to="/bureau/contracts/import" className={secondaryButtonClass}>
                导入台账
              </Link>
            </>
          ) : null
        }
      />
      {notices.map((n) => (
        <Notice key={n} tone="info">
          {n}
        </Notice>
      ))}
      <Form
        method="get"
        className="mb-4 grid grid-cols-2 gap-2 rounded-lg bg-white p-3 shadow-sm sm:grid-cols-4 lg:grid-cols-7"
      >
        <label className="col-span-2 text-xs text-slate-600 sm:col-span-4 lg:col-span-2">
          搜索（合同名称、当事人、登记号）
          <input type="search" name="q" defaultValue={filters.q ?? ""} className={inputClass} />
        </label>
        <Select
          name="status"
          label="状态"
          value={filters.status}
          options={Object.entries(CONTRACT_STATUSES)}
        />
        <Select
          name="direction"
          label="方向"
          value={filters.direction}
          options={Object.entries(LIST_DIRECTIONS)}
        />
        <Select
          name="type"
          label="合同类别"
          value={filters.type}
          options={Object.entries(CONTRACT_TYPES)}
        />
        <Select
          name="field"
          label="技术领域"
          value={filters.field}
          options={Object.entries(TECH_FIELDS)}
        />
        <Select
          name="year"
          label="登记年份"
          value={filters.year}
          options={years.map((y) => [y, `${y} 年`])}
        />
        <Select
          name="quarter"
          label="季度"
          value={filters.quarter}
          options={["1", "2", "3", "4"].map((q) => [q, `第 ${q} 季度`])}
        />
        <Select
          name="month"
          label="月份"
          value={filters.month}
          options={Array.from({ length: 12 }, (_, i) => [String(i + 1), `${i + 1} 月`])}
        />
        <Select
          name="sellerCounty"
          label="卖方县（市、区）"
          value={filters.sellerCounty}
          options={counties}
        />
        <Select
          name="buyerCounty"
          label="买方县（市、区）"
          value={filters.buyerCounty}
          options={counties}
        />
        <Select
          name="platform"
          label="经平台对接"
          value={filters.platform}
          options={[
            ["1", "是"],
            ["0", "否"],
          ]}
        />
        <Select
          name="jingjin"
          label="京津成果"
          value={filters.jingjin}
          options={[
            ["1", "是"],
            ["0", "否"],
          ]}
        />
        <Select
          name="overdue"
          label="超期"
          value={filters.overdue}
          options={[
            ["1", "超期未办"],
            ["0", "未超期"],
          ]}
        />
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>
            筛选
          </button>
          <Link to={pathname} className={secondaryButtonClass}>
            清除
          </Link>
        </div>
      </Form>
      {page.items.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-center text-slate-500 shadow-sm">
          没有符合条件的合同。
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>登记号</th>
                <th className={thClass}>合同名称</th>
                <th className={thClass}>卖方 → 买方</th>
                <th className={`${thClass} text-right`}>成交额 / 技术交易额</th>
                <th className={thClass}>状态</th>
                <th className={thClass}>办理期限 / 登记日期</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((c) => (
                <tr key={c.id} className={c.overdue ? "bg-red-50" : undefined}>
                  <td className={`${tdClass} whitespace-nowrap font-mono text-xs`}>
                    {c.registrationNumber ??
                      (c.externalRegistrationNumber ? `外地 ${c.externalRegistrationNumber}` : "—")}
                  </td>
                  <td className={tdClass}>
                    <Link
                      to={`/bureau/contracts/${c.id}`}
                      className="font-medium text-blue-700 hover:underline"
                    >
                      {c.contractName}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {labelOf(CONTRACT_TYPES, c.contractType)}
                      {c.direction === "absorption" ? " · 技术吸纳" : ""}
                      {c.viaPlatform ? " · 经平台对接" : ""}
                    </div>
                  </td>
                  <td className={tdClass}>
                    {c.sellerName}
                    <span className="text-xs text-slate-500">（{c.sellerRegion}）</span>
                    <br />→ {c.buyerName}
                    <span className="text-xs text-slate-500">（{c.buyerRegion}）</span>
                  </td>
                  <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
                    {formatWan(c.contractAmountFen)}
                    <br />
                    <span className="text-slate-500">{formatWan(c.techTransactionAmountFen)}</span>
                  </td>
                  <td className={tdClass}>
                    <ContractStatusBadge status={c.status} overdue={c.overdue} />
                  </td>
                  <td className={`${tdClass} whitespace-nowrap text-xs`}>
                    {c.status === "submitted" && c.dueOn ? `期限 ${c.dueOn}` : null}
                    {c.registeredOn ? `登记 ${c.registeredOn}` : null}
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
        total={page.total}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
