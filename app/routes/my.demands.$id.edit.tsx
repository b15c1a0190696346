/**
 * 编辑技术需求: drafts, rejected, withdrawn and expired demands change in
 * place; a published one's edit waits for review while it stays published.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/detail-layout";
import { DemandForm } from "~/components/demand-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingEditNotice } from "~/components/listing-edit-notice";
import { ListingStatusBadge } from "~/components/listing-status-badge";
import { demandFormDefaults } from "~/domain/listings/listing-form";
import { getOwnListing } from "~/domain/listings/my-listings.server";
import { services } from "~/services.server";
import { domainErrorToResponse } from "~/utils/http.server";
import { siteNameOf } from "~/utils/meta";
import {
  countyOptions,
  listingFormAction,
  requireMember,
  routeListingId,
} from "~/utils/my-listings.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `编辑技术需求 - ${siteNameOf(matches)}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, "demands");
  const { db } = await services();
  try {
    const { input, ...listing } = await getOwnListing(
      db,
      "demands",
      routeListingId(params.id, "demands"),
      actor,
    );
    return {
      listing,
      title: input.title,
      defaultValue: demandFormDefaults(input),
      counties: await countyOptions(),
    };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  return listingFormAction(request, "demands", routeListingId(params.id, "demands"));
}

export default function EditDemand() {
  const { listing, title, defaultValue, counties } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb items={[{ label: "我的发布", to: "/my" }, { label: "编辑技术需求" }]} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">编辑技术需求</h1>
        <ListingStatusBadge status={listing.status} />
      </div>
      <p className="text-slate-600">{title}</p>
      <ListingEditNotice listing={listing} />
      {listing.status === "pending_review" ? null : (
        <DemandForm
          lastResult={lastResult}
          defaultValue={defaultValue}
          counties={counties}
          published={listing.status === "published"}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
