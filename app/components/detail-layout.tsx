/** Building blocks of the listing detail pages (科技成果, 技术需求). */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function Breadcrumb({ items }: { items: { label: string; to?: string }[] }) {
  return (
    <nav aria-label="当前位置" className="mb-4 text-sm text-slate-500">
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((item, i) => (
          <li key={item.label} className="flex min-w-0 items-center gap-1">
            {i > 0 ? <span aria-hidden="true">›</span> : null}
            {item.to ? (
              <Link to={item.to} className="hover:text-blue-700 hover:underline">
                {item.label}
              </Link>
            ) : (
              <span aria-current="page" className="line-clamp-1 text-slate-700">
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * Title block and body: on phones facts, text, actions one after another;
 * from `lg` the text on the left and facts with actions in a side column.
 */
export function DetailLayout({
  title,
  subtitle,
  badges,
  facts,
  main,
  actions,
}: {
  title: string;
  subtitle: ReactNode;
  badges: ReactNode;
  facts: ReactNode;
  main: ReactNode;
  actions: ReactNode;
}) {
  return (
    <article>
      <header className="mb-6 space-y-3">
        <div className="flex flex-wrap gap-1.5">{badges}</div>
        <h1 className="text-2xl font-bold leading-snug text-slate-900 sm:text-3xl">{title}</h1>
        <div className="text-sm text-slate-600">{subtitle}</div>
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:grid-rows-[auto_1fr]">
        <div className="lg:col-start-2 lg:row-start-1">{facts}</div>
        <div className="min-w-0 space-y-6 lg:col-start-1 lg:row-span-2 lg:row-start-1">{main}</div>
        <div className="self-start lg:col-start-2 lg:row-start-2">{actions}</div>
      </div>
    </article>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="mb-3 text-lg font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

/** Label → value rows; rows with an empty value are left out. */
export function FactList({ facts }: { facts: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      {facts
        .filter((f) => f.value !== null && f.value !== undefined && f.value !== "")
        .map((fact) => (
          <div key={fact.label} className="grid grid-cols-[6rem_minmax(0,1fr)] gap-3 py-2">
            <dt className="text-slate-500">{fact.label}</dt>
            <dd className="break-words text-slate-900">{fact.value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** Plain text with blank-line or line-break separated paragraphs. */
export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div className="space-y-3 leading-relaxed text-slate-700">
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

/** Keywords as links to a search for each. */
export function KeywordLinks({ keywords, searchPath }: { keywords: string[]; searchPath: string }) {
  if (keywords.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="关键词">
      {keywords.map((keyword) => (
        <li key={keyword}>
          <Link
            to={`${searchPath}?${new URLSearchParams({ q: keyword })}`}
            className="inline-block rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-700 hover:bg-blue-50 hover:text-blue-800"
          >
            {keyword}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The 对接 (matchmaking) block: start an inquiry, open the existing one, or sign in first. */
export function InquiryEntryBlock({
  explanation,
  entry,
}: {
  explanation: string;
  entry:
    | { kind: "login"; href: string }
    | { kind: "start"; href: string }
    | { kind: "open"; href: string }
    | { kind: "none"; reason: string };
}) {
  const primary =
    "block w-full rounded-md bg-blue-700 px-4 py-2 text-center text-sm font-medium text-white hover:bg-blue-800";
  return (
    <section
      aria-labelledby="matchmaking-heading"
      className="rounded-lg border border-blue-200 bg-blue-50 p-5"
    >
      <h2 id="matchmaking-heading" className="mb-2 text-lg font-semibold text-blue-900">
        对接
      </h2>
      <p className="mb-4 text-sm leading-relaxed text-blue-900/80">{explanation}</p>
      {entry.kind === "start" ? (
        <Link to={entry.href} className={primary}>
          发起对接
        </Link>
      ) : entry.kind === "open" ? (
        <Link to={entry.href} className={primary}>
          查看进行中的对接
        </Link>
      ) : entry.kind === "login" ? (
        <Link to={entry.href} className={primary}>
          登录后发起对接
        </Link>
      ) : (
        <p className="text-sm text-slate-600">{entry.reason}</p>
      )}
    </section>
  );
}
