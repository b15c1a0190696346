/**
 * The listing search page shared by /results and /demands: search box and
 * sort on top, facets on the left (folded above the hits on phones), hits,
 * pagination. Everything is links and GET forms, so it works without
 * JavaScript; with it, a search in flight dims the hits.
 */
import { useNavigation } from "@remix-run/react";
import type { ListingSearchView } from "~/domain/listings/listing-view.server";
import type { ListingKind } from "~/domain/listings/listing-types";
import { clearFiltersHref, hasFilters, pageHref, searchHref } from "~/utils/search-url";
import { EmptyResults } from "./empty-results";
import { ActiveFilters, FacetPanel } from "./facet-panel";
import { ListingCard } from "./listing-card";
import { Pagination } from "./pagination";
import { SearchBox } from "./search-box";
import { SearchNotices } from "./search-notices";
import { SortControl } from "./sort-control";

const TEXT: Record<
  ListingKind,
  { what: string; intro: string; placeholder: string; other: ListingKind }
> = {
  results: {
    what: "科技成果",
    intro: "高校、科研院所和企业可转化的专利与技术，支持转让、许可、作价入股与合作开发。",
    placeholder: "输入技术、产品或机构名称，如：管道检测",
    other: "demands",
  },
  demands: {
    what: "技术需求",
    intro: "本地企业提出的技术难题与合作需求，欢迎高校、科研院所和技术团队对接。",
    placeholder: "输入需求关键词，如：废水处理",
    other: "results",
  },
};

export function ListingSearchPage({ view }: { view: ListingSearchView }) {
  const navigation = useNavigation();
  const pathname = `/${view.kind}`;
  const text = TEXT[view.kind];
  const { state } = view;
  const searching = navigation.state === "loading" && navigation.location.pathname === pathname;
  const filtered = hasFilters(state);
  const pageOutOfRange =
    view.cards.length === 0 && view.totalHits > 0
      ? { totalPages: view.totalPages, lastPageHref: pageHref(pathname, state, view.totalPages) }
      : undefined;

  return (
    <div>
      <div className="mb-5 space-y-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{text.what}</h1>
          <p className="mt-1 text-sm text-slate-600">{text.intro}</p>
        </div>
        <SearchBox
          action={pathname}
          label={`搜索${text.what}`}
          placeholder={text.placeholder}
          state={state}
        />
      </div>

      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-8">
        <aside className="min-w-0">
          <FacetPanel pathname={pathname} state={state} groups={view.facets} />
        </aside>

        <section aria-labelledby="hits-heading" aria-busy={searching} className="min-w-0 space-y-4">
          <h2 id="hits-heading" className="sr-only">
            搜索结果
          </h2>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600">
              共{" "}
              <strong data-testid="total-hits" className="text-base text-slate-900">
                {view.totalHits}
              </strong>{" "}
              项
              {searching ? (
                <span className="ml-2 animate-pulse text-blue-700">正在搜索…</span>
              ) : null}
            </p>
            <SortControl
              action={pathname}
              state={state}
              sort={view.sort}
              options={view.sortOptions}
            />
          </div>
          <ActiveFilters pathname={pathname} state={state} groups={view.facets} />
          <SearchNotices
            problems={view.problems}
            notice={view.notice}
            pageOutOfRange={pageOutOfRange}
          />

          <div className={`transition-opacity ${searching ? "opacity-50" : ""}`}>
            {view.cards.length > 0 ? (
              <ol aria-label="搜索结果" className="space-y-3">
                {view.cards.map((card) => (
                  <li key={card.id}>
                    <ListingCard card={card} />
                  </li>
                ))}
              </ol>
            ) : view.totalHits === 0 ? (
              <EmptyResults
                what={text.what}
                q={state.q}
                clearFiltersHref={filtered ? clearFiltersHref(pathname, state) : null}
                browseAllHref={pathname}
                other={{
                  what: TEXT[text.other].what,
                  href: searchHref(`/${text.other}`, {
                    q: state.q,
                    sort: null,
                    page: 1,
                    hitsPerPage: null,
                    filters: {},
                  }),
                }}
              />
            ) : null}
          </div>

          <Pagination pathname={pathname} state={state} totalPages={view.totalPages} />
        </section>
      </div>
    </div>
  );
}
