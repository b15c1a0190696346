/**
 * What the edit page of a listing says first: why it was rejected, that a
 * published listing's edit goes to review while the published version
 * stays, or that a listing under review cannot change (with 撤回).
 */
import { Form } from "@remix-run/react";
import { FormAlert } from "~/components/form-fields";
import { REJECTION_REASONS, type RejectionReason } from "~/domain/listings/listing-input";
import type { ListingStatus } from "~/domain/taxonomy/taxonomy";

export interface EditNoticeListing {
  id: number;
  status: ListingStatus;
  hasPendingRevision: boolean;
  rejectionReason: RejectionReason | null;
  rejectionNote: string | null;
}

function reasonText(listing: EditNoticeListing): string | null {
  if (!listing.rejectionReason) return null;
  const reason = REJECTION_REASONS[listing.rejectionReason];
  return listing.rejectionNote ? `${reason}（${listing.rejectionNote}）` : reason;
}

export function ListingEditNotice({ listing }: { listing: EditNoticeListing }) {
  const reason = reasonText(listing);
  switch (listing.status) {
    case "pending_review":
      return (
        <FormAlert tone="info">
          <p>该信息正在审核中，暂不能修改。如需修改，请先撤回，修改后再重新提交审核。</p>
          <Form method="post" action="/my?index" className="mt-3">
            <input type="hidden" name="id" value={listing.id} />
            <button
              type="submit"
              name="intent"
              value="withdraw"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              撤回
            </button>
          </Form>
        </FormAlert>
      );
    case "published":
      return (
        <FormAlert tone="info">
          <p>该信息已发布。修改需经审核，审核通过前公众看到的仍是当前已发布的内容。</p>
          {listing.hasPendingRevision ? (
            <p className="mt-1">已有一份修改在等待审核，下面显示的是这份修改；再次提交将替换它。</p>
          ) : null}
          {reason && !listing.hasPendingRevision ? (
            <p className="mt-1">最近一次修改未通过：{reason}</p>
          ) : null}
        </FormAlert>
      );
    case "rejected":
      return (
        <FormAlert>
          <p>审核未通过：{reason ?? "未说明原因"}。修改后可重新提交审核。</p>
        </FormAlert>
      );
    case "withdrawn":
      return <FormAlert tone="info">该信息已撤回，修改后可重新提交审核。</FormAlert>;
    case "expired":
      return <FormAlert tone="info">该信息已过期，修改后可重新提交审核（续期）。</FormAlert>;
    default:
      return null;
  }
}
