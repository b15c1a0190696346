/**
 * 编辑科技成果: drafts, rejected, withdrawn and expired results change in
 * place; a published one's edit waits for review while it stays published.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/detail-layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingEditNotice } from "~/components/listing-edit-notice";
import { ListingStatusBadge } from "~/components/listing-status-badge";
import { ResultForm } from "~/components/result-form";
import { resultFormDefaults } from "~/domain/listings/listing-form";
import { getOwnListing } from "~/domain/listings/my-listings.server";
import { services } from "~/services.server";
import { domainErrorToResponse } from "~/utils/http.server";
import { siteNameOf } from "~/utils/meta";
import { listingFormAction, requireMember, routeListingId } from "~/utils/my-listings.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `编辑科技成果 - ${siteNameOf(matches)}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, "results");
  const { db } = await services();
  try {
    const { input, ...listing } = await getOwnListing(
      db,
      "results",
      routeListingId(params.id, "results"),
      actor,
    );
    return { listing, title: input.title, defaultValue: resultFormDefaults(input) };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  return listingFormAction(request, "results", routeListingId(params.id, "results"));
}

export default function EditResult() {
  const { listing, title, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb items={[{ label: "我的发布", to: "/my" }, { label: "编辑科技成果" }]} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">编辑科技成果</h1>
        <ListingStatusBadge status={listing.status} />
      </div>
      <p className="text-slate-600">{title}</p>
      <ListingEditNotice listing={listing} />
      {listing.status === "pending_review" ? null : (
        <ResultForm
          lastResult={lastResult}
          defaultValue={defaultValue}
          published={listing.status === "published"}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
