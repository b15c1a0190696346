import { LISTING_STATUSES, type ListingStatus } from "~/domain/taxonomy/taxonomy";

const TONES: Record<ListingStatus, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-300",
  pending_review: "bg-amber-50 text-amber-800 ring-amber-300",
  published: "bg-green-50 text-green-800 ring-green-300",
  rejected: "bg-red-50 text-red-800 ring-red-300",
  withdrawn: "bg-slate-100 text-slate-600 ring-slate-300",
  expired: "bg-slate-100 text-slate-600 ring-slate-300",
};

/** 草稿 / 待审核 / 已发布 / 未通过 / 已撤回 / 已过期, in a color per status. */
export function ListingStatusBadge({ status }: { status: ListingStatus }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${TONES[status]}`}
    >
      {LISTING_STATUSES[status]}
    </span>
  );
}
