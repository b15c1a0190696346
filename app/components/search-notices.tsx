/**
 * Polite notices above the hits: problems found in the URL (the normalized
 * search still ran), a query with nothing searchable, a page past the end.
 */
import { Link } from "@remix-run/react";

export const NO_SEARCHABLE_TERMS_MESSAGE = "搜索词只包含常用字或标点，请输入更具体的关键词";

export function SearchNotices({
  problems,
  notice,
  pageOutOfRange,
}: {
  problems: { param: string; message: string }[];
  notice?: "no_searchable_terms";
  pageOutOfRange?: { totalPages: number; lastPageHref: string };
}) {
  if (problems.length === 0 && !notice && !pageOutOfRange) return null;
  return (
    <div
      role="status"
      data-testid="search-notice"
      className="space-y-1 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      {notice === "no_searchable_terms" ? <p>{NO_SEARCHABLE_TERMS_MESSAGE}。</p> : null}
      {problems.length > 0 ? (
        <>
          <p>部分搜索条件有误，已按可用的条件搜索：</p>
          <ul className="list-disc pl-5">
            {problems.map((problem, i) => (
              <li key={`${problem.param}-${i}`}>{problem.message}</li>
            ))}
          </ul>
        </>
      ) : null}
      {pageOutOfRange ? (
        <p>
          这一页没有内容，搜索结果共 {pageOutOfRange.totalPages} 页。{" "}
          <Link to={pageOutOfRange.lastPageHref} className="font-medium underline">
            前往最后一页
          </Link>
        </p>
      ) : null}
    </div>
  );
}
