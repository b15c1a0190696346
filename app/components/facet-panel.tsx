/**
 * Facet filters of a listing search. Every value is a plain link that
 * toggles it in the URL (works without JavaScript; crawlers are asked not
 * to follow the combinations). The panel is a <details>, open on first
 * render: on phones it can be folded away and each facet is one row of
 * chips that scrolls sideways; from `lg` up it is a fixed side column (no
 * summary to fold it).
 * The selected values and the one "清除筛选" link are shown above the hits
 * by ActiveFilters.
 */
import { Link } from "@remix-run/react";
import type { FacetGroupView } from "~/domain/listings/listing-view.server";
import { type SearchUrlState, clearFiltersHref, toggleFacetHref } from "~/utils/search-url";

export function FacetPanel({
  pathname,
  state,
  groups,
}: {
  pathname: string;
  state: SearchUrlState;
  groups: FacetGroupView[];
}) {
  const selectedCount = groups.reduce((n, g) => n + g.values.filter((v) => v.selected).length, 0);
  return (
    <nav aria-label="筛选">
      <details
        open
        className="group rounded-lg border border-slate-200 bg-white lg:border-0 lg:bg-transparent"
      >
        <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3 font-medium lg:hidden [&::-webkit-details-marker]:hidden">
          <span>
            筛选条件
            {selectedCount > 0 ? (
              <span className="text-blue-700">（已选 {selectedCount} 项）</span>
            ) : null}
          </span>
          <span className="text-sm text-slate-500">
            <span className="group-open:hidden">展开 ▾</span>
            <span className="hidden group-open:inline">收起 ▴</span>
          </span>
        </summary>
        <div className="space-y-3 border-t border-slate-200 px-4 py-3 lg:space-y-5 lg:border-0 lg:p-0">
          <h2 className="hidden text-sm font-semibold text-slate-900 lg:block">筛选条件</h2>
          {groups.map((group) => (
            <FacetGroup key={group.param} pathname={pathname} state={state} group={group} />
          ))}
        </div>
      </details>
    </nav>
  );
}

function FacetGroup({
  pathname,
  state,
  group,
}: {
  pathname: string;
  state: SearchUrlState;
  group: FacetGroupView;
}) {
  const headingId = `facet-${group.param}`;
  return (
    <section aria-labelledby={headingId} data-facet={group.param}>
      <h3 id={headingId} className="mb-1.5 text-sm font-semibold text-slate-700 lg:mb-2">
        {group.label}
      </h3>
      {group.values.length === 0 ? (
        <p className="text-sm text-slate-400">无可选项</p>
      ) : (
        <ul className="-mx-4 flex gap-1.5 overflow-x-auto whitespace-nowrap px-4 pb-1 lg:mx-0 lg:block lg:space-y-0.5 lg:overflow-visible lg:whitespace-normal lg:p-0">
          {group.values.map((value) => (
            <li key={value.value} className="shrink-0">
              <Link
                to={toggleFacetHref(pathname, state, group.param, value.value)}
                preventScrollReset
                rel="nofollow"
                aria-current={value.selected ? "true" : undefined}
                data-value={value.value}
                data-selected={value.selected ? "true" : "false"}
                title={value.selected ? `取消筛选“${value.label}”` : `添加筛选“${value.label}”`}
                className={`flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm lg:gap-2 lg:rounded lg:border-0 lg:px-2 lg:py-1.5 ${
                  value.selected
                    ? "border-blue-300 bg-blue-50 font-medium text-blue-800"
                    : "border-slate-200 text-slate-700 hover:bg-slate-100"
                }`}
              >
                <span
                  aria-hidden="true"
                  className={`h-4 w-4 shrink-0 items-center justify-center rounded border text-[10px] leading-none ${
                    value.selected
                      ? "flex border-blue-700 bg-blue-700 text-white"
                      : "hidden border-slate-300 bg-white lg:flex"
                  }`}
                >
                  {value.selected ? "✓" : ""}
                </span>
                <span className="lg:flex-1">
                  {value.label}
                  {value.selected ? <span className="sr-only">（已选）</span> : null}
                </span>
                <span className="text-xs tabular-nums text-slate-500">{value.count}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The selected filters as removable chips above the hits (visible while the panel is folded). */
export function ActiveFilters({
  pathname,
  state,
  groups,
}: {
  pathname: string;
  state: SearchUrlState;
  groups: FacetGroupView[];
}) {
  const selected = groups.flatMap((g) =>
    g.values.filter((v) => v.selected).map((v) => ({ group: g, value: v })),
  );
  if (selected.length === 0) return null;
  return (
    <div
      className="flex flex-wrap items-center gap-2 text-sm"
      aria-label="已选筛选条件"
      role="group"
    >
      {selected.map(({ group, value }) => (
        <Link
          key={`${group.param}=${value.value}`}
          to={toggleFacetHref(pathname, state, group.param, value.value)}
          preventScrollReset
          rel="nofollow"
          className="inline-flex items-center gap-1 rounded-full bg-blue-50 px-3 py-1 text-blue-800 ring-1 ring-inset ring-blue-200 hover:bg-blue-100"
        >
          {group.label}：{value.label}
          <span aria-hidden="true">×</span>
          <span className="sr-only">（移除）</span>
        </Link>
      ))}
      <Link
        to={clearFiltersHref(pathname, state)}
        preventScrollReset
        className="text-blue-700 hover:underline"
      >
        清除筛选
      </Link>
    </div>
  );
}
