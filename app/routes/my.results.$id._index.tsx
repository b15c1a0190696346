/** The owner's preview of one of their 科技成果, in any status. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MatchPanel } from "~/components/match-panel";
import { OwnListingPreview } from "~/components/own-listing-preview";
import { getOwnListing } from "~/domain/listings/my-listings.server";
import { getResult } from "~/domain/listings/results.server";
import {
  IP_TYPES,
  MATURITY_STAGES,
  TECH_FIELDS,
  TRANSFER_MODES,
  labelOf,
} from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { domainErrorToResponse } from "~/utils/http.server";
import { matchPanelFor } from "~/utils/match-panel.server";
import { siteNameOf } from "~/utils/meta";
import { formatWan } from "~/utils/money";
import { requireMember, routeListingId } from "~/utils/my-listings.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data?.result.title ?? "科技成果"} - 我的发布 - ${siteNameOf(matches)}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor } = await requireMember(request, "results");
  const id = routeListingId(params.id, "results");
  const { db } = await services();
  try {
    // getOwnListing checks that the result is the member's organization's.
    const { input: _input, ...listing } = await getOwnListing(db, "results", id, actor);
    const result = await getResult(db, id, { publishedOnly: false });
    return { listing, result, matches: await matchPanelFor(user, "results", id) };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

export default function ResultPreview() {
  const { listing, result, matches } = useLoaderData<typeof loader>();
  const maturity = labelOf(MATURITY_STAGES, result.maturity);
  return (
    <OwnListingPreview
      kind="results"
      listing={listing}
      title={result.title}
      canEdit={listing.actions.includes("edit")}
      facts={[
        { label: "参考价格", value: formatWan(result.askingPriceFen) },
        { label: "技术领域", value: labelOf(TECH_FIELDS, result.techField) },
        { label: "成熟度", value: result.trl ? `${maturity}（TRL ${result.trl}）` : maturity },
        { label: "知识产权", value: labelOf(IP_TYPES, result.ipType) },
        { label: "专利号", value: result.patentNumbers.join("、") },
        {
          label: "转化方式",
          value: result.transferModes.map((m) => labelOf(TRANSFER_MODES, m)).join("、"),
        },
        { label: "关键词", value: result.keywords.join("、") },
        { label: "有效期至", value: result.expiresAt ? formatDate(result.expiresAt) : null },
      ]}
      texts={[
        { title: "成果简介", text: result.summary },
        { title: "详细介绍", text: result.description },
      ]}
      extra={
        matches ? (
          <MatchPanel
            kind="results"
            listingId={listing.id}
            data={matches.panel}
            reasons={matches.reasons}
            canStartInquiry={matches.canStartInquiry}
            redirectTo={`/my/results/${listing.id}`}
          />
        ) : null
      }
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
