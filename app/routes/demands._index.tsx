/** 技术需求 search: the URL holds the whole search, so any search can be shared. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingSearchPage } from "~/components/listing-search-page";
import { parseListingQuery } from "~/domain/listings/listing-search.server";
import {
  listingSearchSpecFor,
  listingSearchView,
  searchListingPage,
} from "~/domain/listings/listing-view.server";
import { services } from "~/services.server";
import { siteNameOf } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data?.state.q ? `${data.state.q} - 技术需求搜索` : `技术需求 - ${siteNameOf(matches)}` },
  { name: "description", content: "检索本地企业的技术需求：按技术领域、合作方式和所在县区筛选。" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, search, config } = await services();
  const spec = await listingSearchSpecFor(db, "demands", config.HOME_REGION_CODE);
  const { query, problems } = parseListingQuery(spec, new URL(request.url).searchParams);
  return listingSearchView(spec, query, problems, await searchListingPage(search, spec, query));
}

export default function DemandsSearch() {
  return <ListingSearchPage view={useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
