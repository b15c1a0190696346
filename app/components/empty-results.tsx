/** What to do when a search finds nothing. */
import { Link } from "@remix-run/react";

export function EmptyResults({
  what,
  q,
  clearFiltersHref,
  browseAllHref,
  other,
}: {
  /** "科技成果" or "技术需求". */
  what: string;
  q: string;
  /** Set when filters are selected. */
  clearFiltersHref: string | null;
  browseAllHref: string;
  /** The same query in the other listing kind. */
  other: { what: string; href: string };
}) {
  return (
    <div
      className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
      data-testid="empty-results"
    >
      <p className="text-lg font-medium text-slate-900">
        {q ? `没有找到与“${q}”相关的${what}` : `没有符合条件的${what}`}
      </p>
      <ul className="mx-auto mt-4 max-w-md space-y-1 text-left text-sm text-slate-600">
        {clearFiltersHref ? (
          <li>
            · 筛选条件可能太多，试试{" "}
            <Link to={clearFiltersHref} className="text-blue-700 underline">
              去掉全部筛选条件
            </Link>
          </li>
        ) : null}
        {q ? <li>· 检查错别字，或换用更短、更通用的关键词（如“节能”“检测”）</li> : null}
        <li>
          ·{" "}
          <Link to={browseAllHref} className="text-blue-700 underline">
            浏览全部{what}
          </Link>
        </li>
        {q ? (
          <li>
            · 在
            <Link to={other.href} className="text-blue-700 underline">
              {other.what}
            </Link>
            中搜索“{q}”
          </li>
        ) : null}
      </ul>
    </div>
  );
}
