/**
 * The owner's preview of one of their listings in any status (我的发布 →
 * title): the stored content as the public would see it once published,
 * with its status and the 编辑 link, and below it `extra` (the
 * recommendations panel).
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Breadcrumb, FactList, Paragraphs, Section } from "~/components/detail-layout";
import { type EditNoticeListing, ListingEditNotice } from "~/components/listing-edit-notice";
import { ListingStatusBadge } from "~/components/listing-status-badge";
import type { ListingKind } from "~/domain/listings/listing-types";

export function OwnListingPreview({
  kind,
  listing,
  title,
  canEdit,
  facts,
  texts,
  extra,
}: {
  kind: ListingKind;
  listing: EditNoticeListing;
  title: string;
  canEdit: boolean;
  facts: { label: string; value: ReactNode }[];
  texts: { title: string; text: string }[];
  /** Shown below the content, e.g. the recommendations panel. */
  extra?: ReactNode;
}) {
  const noun = kind === "results" ? "科技成果" : "技术需求";
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb items={[{ label: "我的发布", to: "/my" }, { label: title }]} />
      <div className="flex flex-wrap items-center gap-3">
        <ListingStatusBadge status={listing.status} />
        <span className="text-sm text-slate-500">{noun}预览</span>
      </div>
      <h1 className="text-2xl font-bold leading-snug text-slate-900">{title}</h1>
      <ListingEditNotice listing={listing} />
      <div className="flex flex-wrap gap-2">
        {canEdit ? (
          <Link
            to={`/my/${kind}/${listing.id}/edit`}
            className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
          >
            编辑
          </Link>
        ) : null}
        {listing.status === "published" ? (
          <Link
            to={`/${kind}/${listing.id}`}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            查看公开页面
          </Link>
        ) : null}
      </div>
      <Section title="基本信息">
        <FactList facts={facts} />
      </Section>
      {texts
        .filter((t) => t.text)
        .map((t) => (
          <Section key={t.title} title={t.title}>
            <Paragraphs text={t.text} />
          </Section>
        ))}
      {extra}
    </div>
  );
}
