/**
 * 撮合机会 (/bureau/matches, issue #5 item 2): the strongest demand–result
 * matches across the market that nobody has started an inquiry on yet,
 * best first, filtered by the demand's county and 技术领域 through GET
 * parameters (a plain form: works without JavaScript, bookmarkable), page
 * by page. Each row links to both listings; 推荐对接 (a POST) notifies both
 * organizations of the pair so they can start the inquiry — staff broker,
 * the two sides negotiate. Bureau staff only ("matches.market").
 */
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NotFoundError } from "~/domain/errors";
import { ScoreBar } from "~/components/match-panel";
import {
  buttonClass,
  inputClass,
  PageHeader,
  secondaryButtonClass,
  withParams,
} from "~/components/work-queue";
import { strongestUnworkedMatches } from "~/domain/matching/market-view.server";
import { suggestMatch } from "~/domain/matching/match-suggestion.server";
import { homeCounties } from "~/domain/regions/regions.server";
import { TECH_FIELDS, type TechField, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `撮合机会 - ${siteNameOf(matches)}` }];

const PAGE_SIZE = 20;
/** Columns of a row from md: demand, result, score, reason, action. */
const GRID = "md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_7rem_minmax(0,1.3fr)_5rem] md:gap-4";

/** The URL's filters; a bad value is dropped rather than refused. */
const filterSchema = z.object({
  county: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
  techField: z
    .enum(Object.keys(TECH_FIELDS) as [TechField, ...TechField[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(500).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "matches.market");
  const { db, search, config } = await services();
  const counties = (await homeCounties(db, config.HOME_REGION_CODE)).map((c) => ({
    code: c.code,
    name: c.name,
  }));
  const parsed = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filters = {
    ...parsed,
    county: counties.some((c) => c.code === parsed.county) ? parsed.county : undefined,
  };
  // One row more than a page tells whether there is a next page.
  const rows = await strongestUnworkedMatches(db, search, {
    countyCode: filters.county,
    techField: filters.techField,
    limit: PAGE_SIZE + 1,
    offset: (filters.page - 1) * PAGE_SIZE,
  });
  const countyName = new Map(counties.map((c) => [c.code, c.name]));
  return {
    filters,
    counties,
    hasNext: rows.length > PAGE_SIZE,
    rows: rows.slice(0, PAGE_SIZE).map((row) => ({
      ...row,
      countyName: countyName.get(row.countyCode) ?? row.countyCode,
    })),
  };
}

const suggestionSchema = z.object({
  demandId: z.coerce.number().int().positive(),
  resultId: z.coerce.number().int().positive(),
  reason: z.string().max(500).optional(),
});

/** 推荐对接: notify both organizations, then back to the same filtered page with a notice. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "matches.market");
  const parsed = suggestionSchema.safeParse(Object.fromEntries(await request.formData()));
  const back = new URL(request.url);
  if (!parsed.success) {
    back.searchParams.set("notice", "invalid");
    return redirect(`${back.pathname}${back.search}`);
  }
  const { db } = await services();
  let notified: number;
  try {
    notified = await suggestMatch(db, { ...user, ip: knownClientIp(request) }, parsed.data);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    back.searchParams.set("notice", "gone");
    return redirect(`${back.pathname}${back.search}`);
  }
  back.searchParams.set("notice", `suggested:${notified}`);
  back.searchParams.set("pair", `${parsed.data.demandId}-${parsed.data.resultId}`);
  return redirect(`${back.pathname}${back.search}`);
}

function noticeText(notice: string | null): string | null {
  if (!notice) return null;
  if (notice === "invalid") return "推荐失败：请求不完整，请刷新页面后重试。";
  if (notice === "gone") return "推荐失败：需求或成果已下线。";
  const [what, count] = notice.split(":");
  if (what !== "suggested") return null;
  return count === "0"
    ? "双方机构暂无可通知的账号，未发送推荐。"
    : `已通知双方机构（${count} 位用户），他们可在对方条目页面发起对接。`;
}

export default function MarketMatches() {
  const { filters, counties, rows, hasNext } = useLoaderData<typeof loader>();
  const { pathname, search } = useLocation();
  const navigation = useNavigation();
  const params = new URLSearchParams(search);
  const notice = noticeText(params.get("notice"));
  const suggestedPair = params.get("pair");
  const formSearch = withParams(search, { notice: null, pair: null, page: params.get("page") });
  const pageLink = (page: number) =>
    `${pathname}${withParams(search, { page: page > 1 ? String(page) : null })}`;
  return (
    <div>
      <PageHeader
        title="撮合机会"
        description="全市场匹配度最高、尚未发起对接的需求与成果组合，按匹配度从高到低排列。"
      />
      {notice ? (
        <p role="status" className="mb-3 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900">
          {notice}
        </p>
      ) : null}
      <Form
        method="get"
        aria-label="筛选"
        className="mb-3 grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4"
      >
        <label className="text-xs text-slate-600">
          需求所在县区
          <select name="county" defaultValue={filters.county ?? ""} className={inputClass}>
            <option value="">全部</option>
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
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
                {label}
              </option>
            ))}
          </select>
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

      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {filters.page > 1 ? "没有更多了。" : "没有符合条件的撮合机会。"}
        </p>
      ) : (
        // One list for every width: a grid row from md, a card stacked on phones.
        <div className="rounded-lg border border-slate-200 bg-white">
          <div
            aria-hidden="true"
            className={`${GRID} hidden rounded-t-lg bg-slate-100 px-3 py-2 text-xs font-semibold text-slate-600 md:grid`}
          >
            <span>技术需求</span>
            <span>推荐成果</span>
            <span>匹配度</span>
            <span>推荐理由</span>
            <span>操作</span>
          </div>
          <ol aria-label="撮合机会列表" className="divide-y divide-slate-100">
            {rows.map((row) => (
              <li
                key={`${row.demandId}-${row.resultId}`}
                className={`${GRID} grid gap-2 px-3 py-3 text-sm hover:bg-slate-50`}
                data-testid="market-match"
              >
                <div className="min-w-0">
                  <span className="text-xs text-slate-500 md:hidden">技术需求：</span>
                  <Link
                    to={`/demands/${row.demandId}`}
                    className="font-medium text-blue-800 hover:underline"
                  >
                    {row.demandTitle}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {row.demandOrganization} · {row.countyName}
                  </span>
                </div>
                <div className="min-w-0">
                  <span className="text-xs text-slate-500 md:hidden">推荐成果：</span>
                  <Link
                    to={`/results/${row.resultId}`}
                    className="font-medium text-blue-800 hover:underline"
                  >
                    {row.resultTitle}
                  </Link>
                  <span className="block text-xs text-slate-500">{row.resultOrganization}</span>
                </div>
                <div>
                  <ScoreBar score={row.score} />
                </div>
                <p className="text-slate-700">{row.reason}</p>
                <div>
                  {suggestedPair === `${row.demandId}-${row.resultId}` ? (
                    <span className="text-sm text-green-800">已推荐</span>
                  ) : (
                    <Form method="post" action={`${pathname}${formSearch}`}>
                      <input type="hidden" name="demandId" value={row.demandId} />
                      <input type="hidden" name="resultId" value={row.resultId} />
                      <input type="hidden" name="reason" value={row.reason} />
                      <button
                        type="submit"
                        disabled={navigation.state === "submitting"}
                        title="通知双方机构，由他们发起对接"
                        className="inline-flex rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60 md:bg-transparent md:p-0 md:font-normal md:text-blue-700 md:underline md:hover:bg-transparent"
                      >
                        推荐对接
                      </button>
                    </Form>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </div>
      )}
      {filters.page > 1 || hasNext ? (
        <nav aria-label="分页" className="mt-3 flex items-center justify-center gap-2 text-sm">
          {filters.page > 1 ? (
            <Link rel="prev" className={secondaryButtonClass} to={pageLink(filters.page - 1)}>
              ‹ 上一页
            </Link>
          ) : null}
          <span className="tabular-nums text-slate-600">第 {filters.page} 页</span>
          {hasNext ? (
            <Link rel="next" className={secondaryButtonClass} to={pageLink(filters.page + 1)}>
              下一页 ›
            </Link>
          ) : null}
        </nav>
      ) : null}
      <p className="mt-3 text-xs text-slate-500">
        {filters.techField
          ? `已按技术领域「${labelOf(TECH_FIELDS, filters.techField)}」筛选。`
          : ""}
        “推荐对接”会通知需求方和成果方的账号；双方发起对接后，该组合不再出现在此列表中。
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
