/** The owner's preview of one of their 技术需求, in any status. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MatchPanel } from "~/components/match-panel";
import { OwnListingPreview } from "~/components/own-listing-preview";
import { getDemand } from "~/domain/listings/demands.server";
import { getOwnListing } from "~/domain/listings/my-listings.server";
import { TECH_FIELDS, TRANSFER_MODES, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { domainErrorToResponse } from "~/utils/http.server";
import { matchPanelFor } from "~/utils/match-panel.server";
import { siteNameOf } from "~/utils/meta";
import { formatBudget } from "~/utils/money";
import { requireMember, routeListingId } from "~/utils/my-listings.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data?.demand.title ?? "技术需求"} - 我的发布 - ${siteNameOf(matches)}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor } = await requireMember(request, "demands");
  const id = routeListingId(params.id, "demands");
  const { db } = await services();
  try {
    // getOwnListing checks that the demand is the member's organization's.
    const { input: _input, ...listing } = await getOwnListing(db, "demands", id, actor);
    const demand = await getDemand(db, id, { publishedOnly: false });
    return { listing, demand, matches: await matchPanelFor(user, "demands", id) };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

export default function DemandPreview() {
  const { listing, demand, matches } = useLoaderData<typeof loader>();
  return (
    <OwnListingPreview
      kind="demands"
      listing={listing}
      title={demand.title}
      canEdit={listing.actions.includes("edit")}
      facts={[
        { label: "预算", value: formatBudget(demand.budgetMinFen, demand.budgetMaxFen) },
        { label: "技术领域", value: labelOf(TECH_FIELDS, demand.techField) },
        {
          label: "合作方式",
          value: demand.desiredModes.map((m) => labelOf(TRANSFER_MODES, m)).join("、"),
        },
        { label: "截止日期", value: demand.deadline },
        { label: "所在地区", value: demand.regionName },
        { label: "关键词", value: demand.keywords.join("、") },
        { label: "有效期至", value: demand.expiresAt ? formatDate(demand.expiresAt) : null },
      ]}
      texts={[{ title: "需求描述", text: demand.description }]}
      extra={
        matches ? (
          <MatchPanel
            kind="demands"
            listingId={listing.id}
            data={matches.panel}
            reasons={matches.reasons}
            canStartInquiry={matches.canStartInquiry}
            redirectTo={`/my/demands/${listing.id}`}
          />
        ) : null
      }
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
