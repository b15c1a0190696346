/** Home: what the market holds, one search box for both kinds, and the newest listings. */
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HomeSearch } from "~/components/home-search";
import { ListingCard } from "~/components/listing-card";
import type { ListingCardView } from "~/domain/listings/listing-view.server";
import {
  cardFromDemand,
  cardFromResult,
  listingSearchSpecFor,
} from "~/domain/listings/listing-view.server";
import { listingCounts, newestDemands } from "~/domain/listings/demands.server";
import { searchListings } from "~/domain/listings/listing-search.server";
import { newestResults } from "~/domain/listings/results.server";
import { TECH_FIELDS } from "~/domain/taxonomy/taxonomy";
import type { loader as rootLoader } from "~/root";
import { services } from "~/services.server";
import { siteNameOf } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [
  { title: `${siteNameOf(matches)} - 科技成果转化与技术需求对接` },
  {
    name: "description",
    content:
      "汇集京津冀高校、科研院所的科技成果与本地企业技术需求，按技术领域检索，促进成果转化对接。",
  },
];

const NEWEST = 6;

export async function loader() {
  const { db, search, config } = await services();
  const spec = await listingSearchSpecFor(db, "results", config.HOME_REGION_CODE);
  const [counts, results, demands, overview] = await Promise.all([
    listingCounts(db),
    newestResults(db, NEWEST),
    newestDemands(db, NEWEST),
    searchListings(search, spec, { q: "", page: 1, hitsPerPage: 1, sort: "newest", filters: {} }),
  ]);
  const perField = overview.facetDistribution.techField ?? {};
  return {
    counts,
    fields: Object.entries(TECH_FIELDS).map(([code, label]) => ({
      code,
      label,
      count: perField[code] ?? 0,
    })),
    results: results.map(cardFromResult),
    demands: demands.map(cardFromDemand),
  };
}

export default function Home() {
  const { counts, fields, results, demands } = useLoaderData<typeof loader>();
  const siteName =
    useRouteLoaderData<typeof rootLoader>("root")?.site.siteName ?? "科技成果对接平台";

  return (
    <div className="space-y-10">
      <section className="-mx-4 -mt-6 bg-gradient-to-b from-blue-700 to-blue-600 px-4 pb-10 pt-8 text-white sm:mx-0 sm:mt-0 sm:rounded-xl sm:px-8">
        <h1 className="text-2xl font-bold sm:text-4xl">{siteName}</h1>
        <p className="mt-2 text-blue-100 sm:text-lg">
          科技成果转化与技术需求对接，让好技术找到好企业。
        </p>
        <p
          className="mt-4 flex flex-wrap gap-x-6 gap-y-1 text-sm text-blue-50"
          data-testid="listing-counts"
        >
          <Link to="/results" className="hover:underline">
            已发布科技成果 <strong className="text-xl text-white">{counts.results}</strong> 项
          </Link>
          <Link to="/demands" className="hover:underline">
            技术需求 <strong className="text-xl text-white">{counts.demands}</strong> 项
          </Link>
        </p>
        <HomeSearch />
      </section>

      <section aria-labelledby="fields-heading">
        <h2 id="fields-heading" className="mb-3 text-lg font-semibold text-slate-900">
          按技术领域浏览科技成果
        </h2>
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
          {fields.map((field) => (
            <li key={field.code}>
              <Link
                to={`/results?techField=${field.code}`}
                className="flex h-full items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2.5 text-sm hover:border-blue-300 hover:text-blue-800"
              >
                <span>{field.label}</span>
                <span className="text-xs tabular-nums text-slate-500">{field.count}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <NewestListings
        id="newest-results"
        title="最新科技成果"
        allHref="/results"
        allLabel="全部科技成果"
        cards={results}
      />
      <NewestListings
        id="newest-demands"
        title="最新技术需求"
        allHref="/demands"
        allLabel="全部技术需求"
        cards={demands}
      />
    </div>
  );
}

function NewestListings({
  id,
  title,
  allHref,
  allLabel,
  cards,
}: {
  id: string;
  title: string;
  allHref: string;
  allLabel: string;
  cards: ListingCardView[];
}) {
  return (
    <section aria-labelledby={id}>
      <div className="mb-3 flex items-baseline justify-between">
        <h2 id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <Link to={allHref} className="text-sm text-blue-700 hover:underline">
          {allLabel} ›
        </Link>
      </div>
      {cards.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">
          暂无发布的内容
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {cards.map((card) => (
            <li key={card.id}>
              <ListingCard card={card} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
