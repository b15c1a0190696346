/**
 * One listing as the reviewer sees it (/bureau/reviews/:kind/:id), in any
 * status and of any organization: every field, the review state, and for
 * an edit of a published listing the published and edited values side by
 * side. 通过 / 驳回 return to the queue.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/detail-layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ApproveForm, RejectForm, replyFor } from "~/components/review-decision";
import { Notice } from "~/components/work-queue";
import {
  LISTING_KIND_LABELS,
  REVIEW_TYPE_LABELS,
  verificationStatusLabel,
} from "~/domain/bureau/labels";
import { getListingForReview } from "~/domain/bureau/listing-review.server";
import { approveListings, rejectQueuedListing } from "~/domain/bureau/review-actions.server";
import { listingRefKey, reviewDecisionSchema } from "~/domain/bureau/review-decision";
import { REJECTION_REASONS } from "~/domain/listings/listing-input";
import type { ListingKind } from "~/domain/listings/listing-types";
import { NotFoundError } from "~/domain/errors";
import { labelOf } from "~/domain/taxonomy/taxonomy";
import { runMatchAlerts } from "~/jobs.server";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { domainErrorToResponse, parseId } from "~/utils/http.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data ? `审核：${data.listing.title}` : "审核"} - ${siteNameOf(matches)}` },
];

function parseKind(raw: string | undefined): ListingKind {
  if (raw === "results" || raw === "demands") return raw;
  throw new NotFoundError("invalid_kind", "没有这类信息");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "listings.review");
  const { db } = await services();
  try {
    const kind = parseKind(params.kind);
    const listing = await getListingForReview(db, user, kind, parseId(params.id, "信息"));
    return { listing };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "listings.review");
  const submission = parseWithZod(await request.formData(), { schema: reviewDecisionSchema });
  if (submission.status !== "success") {
    return data(submission.reply(), { status: 400 });
  }
  const decision = submission.value;
  const page = `${params.kind}:${params.id}`;
  const items = decision.intent === "approve-selected" ? decision.items : [decision.item];
  if (items.some((item) => listingRefKey(item) !== page)) {
    return data(submission.reply({ formErrors: ["提交的条目与当前页面不一致"] }), { status: 400 });
  }
  const { db } = await services();
  const actor = { ...user, ip: knownClientIp(request) };
  try {
    if (decision.intent === "reject") {
      await rejectQueuedListing(db, decision.item, actor, decision);
      return redirect("/bureau/reviews?notice=rejected:1");
    }
    await approveListings(db, items, actor);
    // The approval queued new-match alerts; work them off now rather than at the next tick.
    void runMatchAlerts();
    return redirect("/bureau/reviews?notice=approved:1");
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function ReviewListing() {
  const { listing } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const key = listingRefKey(listing);
  const isRevision = listing.awaiting === "revision";
  const approveReply = replyFor(lastResult, "approve", key);
  const formErrors = lastResult?.error?.[""];

  return (
    <div>
      <Breadcrumb
        items={[
          { label: "发布审核", to: "/bureau/reviews" },
          { label: `${LISTING_KIND_LABELS[listing.kind]} #${listing.id}` },
        ]}
      />
      <header className="mb-4 space-y-2">
        <h1 className="text-2xl font-bold text-slate-900">{listing.title}</h1>
        <p className="text-sm text-slate-600">
          {LISTING_KIND_LABELS[listing.kind]} · 状态：
          <strong>{listing.statusLabel}</strong>
          {listing.awaiting ? (
            <span className="ml-2 rounded bg-amber-100 px-1.5 text-amber-800">
              待审核（{REVIEW_TYPE_LABELS[listing.awaiting]}）
            </span>
          ) : null}
        </p>
        <dl className="grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-2">
          <div>
            <dt className="inline text-slate-500">发布单位：</dt>
            <dd className="inline">
              {listing.organization.name}（{listing.organization.regionName}，
              {verificationStatusLabel(listing.organization.verificationStatus)}）
            </dd>
          </div>
          {listing.submittedBy ? (
            <div>
              <dt className="inline text-slate-500">提交人：</dt>
              <dd className="inline">
                {listing.submittedBy.displayName}（{listing.submittedBy.email}）
              </dd>
            </div>
          ) : null}
          {listing.submittedAt ? (
            <div>
              <dt className="inline text-slate-500">提交审核：</dt>
              <dd className="inline tabular-nums">{formatDateTime(listing.submittedAt)}</dd>
            </div>
          ) : null}
          {listing.revisionSubmittedAt ? (
            <div>
              <dt className="inline text-slate-500">提交修改：</dt>
              <dd className="inline tabular-nums">{formatDateTime(listing.revisionSubmittedAt)}</dd>
            </div>
          ) : null}
          {listing.reviewedAt ? (
            <div>
              <dt className="inline text-slate-500">上次审核：</dt>
              <dd className="inline">
                {formatDateTime(listing.reviewedAt)} {listing.reviewedBy ?? ""}
                {listing.rejectionReason
                  ? `，驳回：${labelOf(REJECTION_REASONS, listing.rejectionReason)}${listing.rejectionNote ? `（${listing.rejectionNote}）` : ""}`
                  : ""}
              </dd>
            </div>
          ) : null}
        </dl>
      </header>

      {formErrors ? <Notice tone="error">{formErrors.join("；")}</Notice> : null}

      {listing.awaiting ? (
        <section
          aria-label="审核操作"
          className="mb-4 flex flex-wrap items-start gap-2 rounded-lg border border-blue-200 bg-blue-50 p-3"
        >
          <ApproveForm
            item={key}
            title={listing.title}
            lastResult={approveReply}
            label={isRevision ? "通过修改" : "通过并发布"}
          />
          <RejectForm
            item={key}
            title={listing.title}
            lastResult={replyFor(lastResult, "reject", key)}
          />
          <p className="basis-full text-xs text-slate-600">
            {isRevision
              ? "通过后修改内容替换已发布的版本；驳回则保留已发布的版本。"
              : "通过后立即在平台公开并可被检索。"}
          </p>
        </section>
      ) : (
        <Notice tone="info">
          该信息当前没有待审核的内容。
          <Link to="/bureau/reviews" className="underline">
            返回审核队列
          </Link>
        </Notice>
      )}

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full table-fixed text-sm" aria-label="信息内容">
          <colgroup>
            <col className="w-20 sm:w-32" />
            <col />
            {isRevision ? <col /> : null}
          </colgroup>
          <thead className="bg-slate-100 text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                字段
              </th>
              <th scope="col" className="px-3 py-2">
                {isRevision ? "已发布版本" : "内容"}
              </th>
              {isRevision ? (
                <th scope="col" className="px-3 py-2">
                  修改后（待审核）
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {listing.fields.map((field) => {
              const changed = field.revised !== undefined;
              return (
                <tr key={field.key} className={changed ? "bg-amber-50" : undefined}>
                  <th
                    scope="row"
                    className="break-words px-3 py-2 text-left align-top font-normal text-slate-500"
                  >
                    {field.label}
                    {changed ? <span className="block text-xs text-amber-700">已修改</span> : null}
                  </th>
                  <td className="whitespace-pre-line break-words px-3 py-2 align-top text-slate-900">
                    {field.value}
                  </td>
                  {isRevision ? (
                    <td className="whitespace-pre-line break-words px-3 py-2 align-top text-slate-900">
                      {changed ? (
                        <ins className="no-underline">{field.revised}</ins>
                      ) : (
                        <span className="text-slate-400">同左（未修改）</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {listing.unknownRevisionKeys.length > 0 ? (
        <p className="mt-2 text-xs text-slate-500">
          修改中还包含：{listing.unknownRevisionKeys.join("、")}
        </p>
      ) : null}
      <p className="mt-4 text-sm">
        <Link
          to={`/bureau/audit?${new URLSearchParams({ entityType: listing.kind === "results" ? "result" : "demand", entityId: String(listing.id) })}`}
          className="text-blue-700 underline"
        >
          查看该信息的操作记录
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
