/**
 * Building blocks of the bureau and admin work pages: dense tables with
 * filters held in the URL, counts, notices and page links. Plain links and
 * GET forms throughout, so everything works without JavaScript.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

/** Tabs with counts ("全部 12 · 科技成果 8 · 技术需求 4"), each a link. */
export function CountTabs({
  label,
  tabs,
}: {
  label: string;
  tabs: { label: string; count: number; href: string; active: boolean }[];
}) {
  return (
    <nav aria-label={label} className="mb-3 flex flex-wrap gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          to={tab.href}
          aria-current={tab.active ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm ${
            tab.active
              ? "border-blue-700 font-medium text-blue-800"
              : "border-transparent text-slate-600 hover:text-slate-900"
          }`}
        >
          {tab.label} <span className="tabular-nums text-slate-500">{tab.count}</span>
        </Link>
      ))}
    </nav>
  );
}

const NOTICE_TONES = {
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  error: "border-red-200 bg-red-50 text-red-900",
  info: "border-blue-200 bg-blue-50 text-blue-900",
} as const;

export function Notice({
  tone,
  children,
}: {
  tone: keyof typeof NOTICE_TONES;
  children: ReactNode;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`mb-4 rounded-md border px-4 py-3 text-sm ${NOTICE_TONES[tone]}`}
    >
      {children}
    </div>
  );
}

/** Field or form errors from conform (`field.errors`). */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {errors.join("；")}
    </p>
  );
}

/** `search` with `changes` applied (null removes a parameter) and the page reset unless given. */
export function withParams(search: string, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(search);
  params.delete("notice");
  params.delete("index");
  if (!("page" in changes)) params.delete("page");
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** "上一页 · 第 2 / 5 页 · 下一页", keeping the other URL parameters. */
export function PageLinks({
  pathname,
  search,
  page,
  pageSize,
  total,
}: {
  pathname: string;
  search: string;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50";
  const off = "rounded-md border border-slate-200 px-3 py-1.5 text-slate-300";
  return (
    <nav aria-label="分页" className="mt-3 flex items-center justify-center gap-2 text-sm">
      {page > 1 ? (
        <Link
          rel="prev"
          className={link}
          to={`${pathname}${withParams(search, { page: String(page - 1) })}`}
        >
          ‹ 上一页
        </Link>
      ) : (
        <span className={off}>‹ 上一页</span>
      )}
      <span className="tabular-nums text-slate-600">
        第 {Math.min(page, pages)} / {pages} 页
      </span>
      {page < pages ? (
        <Link
          rel="next"
          className={link}
          to={`${pathname}${withParams(search, { page: String(page + 1) })}`}
        >
          下一页 ›
        </Link>
      ) : (
        <span className={off}>下一页 ›</span>
      )}
    </nav>
  );
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600";
export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50";
export const dangerButtonClass =
  "inline-flex items-center justify-center rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50";
export const tableClass = "min-w-full divide-y divide-slate-200 text-sm";
export const thClass =
  "whitespace-nowrap bg-slate-100 px-2 py-2 text-left text-xs font-semibold text-slate-600";
export const tdClass = "px-2 py-2 align-top";
