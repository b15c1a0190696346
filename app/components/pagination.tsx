/** Page links of a listing search (plain links with rel=prev/next; page size kept). */
import { Link } from "@remix-run/react";
import { type SearchUrlState, pageHref } from "~/utils/search-url";

/** Page numbers to show around `current`, with null for a gap: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(current: number, total: number, radius = 2): (number | null)[] {
  const pages: (number | null)[] = [];
  const from = Math.max(1, current - radius);
  const to = Math.min(total, current + radius);
  if (from > 1) pages.push(1);
  if (from > 2) pages.push(null);
  for (let p = from; p <= to; p++) pages.push(p);
  if (to < total - 1) pages.push(null);
  if (to < total) pages.push(total);
  return pages;
}

const itemClass = "inline-flex min-w-9 items-center justify-center rounded-md px-3 py-1.5 text-sm";

export function Pagination({
  pathname,
  state,
  totalPages,
}: {
  pathname: string;
  state: SearchUrlState;
  totalPages: number;
}) {
  if (totalPages <= 1) return null;
  const current = Math.min(state.page, totalPages);
  return (
    <nav aria-label="分页" className="flex flex-wrap items-center justify-center gap-1 pt-2">
      {state.page > 1 ? (
        <Link
          to={pageHref(pathname, state, Math.min(state.page - 1, totalPages))}
          rel="prev"
          className={`${itemClass} border border-slate-300 bg-white hover:bg-slate-50`}
        >
          ‹ 上一页
        </Link>
      ) : (
        <span
          className={`${itemClass} border border-slate-200 text-slate-300`}
          aria-disabled="true"
        >
          ‹ 上一页
        </span>
      )}
      {pageWindow(current, totalPages).map((page, i) =>
        page === null ? (
          <span
            key={`gap-${i}`}
            className="hidden px-1 text-slate-400 sm:inline"
            aria-hidden="true"
          >
            …
          </span>
        ) : page === state.page ? (
          <span
            key={page}
            aria-current="page"
            className={`${itemClass} bg-blue-700 font-medium text-white`}
          >
            {page}
          </span>
        ) : (
          <Link
            key={page}
            to={pageHref(pathname, state, page)}
            aria-label={`第 ${page} 页`}
            className={`${itemClass} hidden border border-slate-300 bg-white hover:bg-slate-50 sm:inline-flex`}
          >
            {page}
          </Link>
        ),
      )}
      {state.page < totalPages ? (
        <Link
          to={pageHref(pathname, state, state.page + 1)}
          rel="next"
          className={`${itemClass} border border-slate-300 bg-white hover:bg-slate-50`}
        >
          下一页 ›
        </Link>
      ) : (
        <span
          className={`${itemClass} border border-slate-200 text-slate-300`}
          aria-disabled="true"
        >
          下一页 ›
        </span>
      )}
      <span className="w-full pt-1 text-center text-xs text-slate-500 sm:hidden">
        共 {totalPages} 页
      </span>
    </nav>
  );
}
