/**
 * Listings as the public API serves them: URL → checked query → search →
 * response body. Parameters are parsed by the same parseListingQuery as the
 * pages, but where a page shows a notice and carries on with the normalized
 * query, the API refuses (400) so a client never silently gets results for
 * something it did not ask.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { escapeHtml, snippetText } from "../../../search/highlight";
import type { SearchHit, SearchResponse } from "../../../search/types";
import { getDemand } from "../listings/demands.server";
import {
  type ListingQuery,
  type ListingSearchSpec,
  listingSearchSpec,
  parseListingQuery,
  searchListings,
} from "../listings/listing-search.server";
import type { ListingKind } from "../listings/listing-types";
import { getResult } from "../listings/results.server";
import { regionMap } from "../regions/regions.server";
import {
  type ApiProblem,
  type DemandHit,
  type ResultHit,
  demandDetailSchema,
  demandHitSchema,
  resultDetailSchema,
  resultHitSchema,
} from "./api-schemas";
import { queryEncodingProblems } from "./query-encoding";

export interface ApiListBody {
  hits: ResultHit[] | DemandHit[];
  totalHits: number;
  page: number;
  hitsPerPage: number;
  /** URL parameter name → value code → count. */
  facetDistribution: Record<string, Record<string, number>>;
  queryTerms: string[];
  notice?: string;
}

export type ApiListOutcome =
  { ok: true; body: ApiListBody } | { ok: false; problems: readonly [ApiProblem, ...ApiProblem[]] };

const isNonEmpty = <T>(list: readonly T[]): list is readonly [T, ...T[]] => list.length > 0;

/** The search spec of `kind`, with region names from the regions table. */
export async function apiListingSpec(
  db: Kysely<DB>,
  kind: ListingKind,
  homeCityCode: string,
): Promise<ListingSearchSpec> {
  const regions = await regionMap(db);
  return listingSearchSpec(kind, (code) => regions.get(code)?.name, homeCityCode);
}

function isoOf(value: unknown): string | null {
  if (typeof value !== "number" && typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const textOf = (value: unknown) => (typeof value === "string" ? value : "");

/** Document fields with `id` as a number, `publishedAt` as ISO 8601, and highlights. */
function hitFields(spec: ListingSearchSpec, hit: SearchHit) {
  const doc = hit.document;
  return {
    ...doc,
    id: Number(doc.id),
    publishedAt: isoOf(doc.publishedAt),
    _highlights: {
      title: hit.highlights.title ?? escapeHtml(textOf(doc.title)),
      description:
        hit.highlights.description ??
        snippetText(textOf(doc.description), [], spec.index.snippetLength),
    },
  };
}

/** The API body of a search response; facet keys become URL parameter names. */
export function listBody(spec: ListingSearchSpec, response: SearchResponse): ApiListBody {
  const hits =
    spec.kind === "results"
      ? response.hits.map((hit) => resultHitSchema.parse(hitFields(spec, hit)))
      : response.hits.map((hit) => demandHitSchema.parse(hitFields(spec, hit)));
  const facetDistribution: Record<string, Record<string, number>> = {};
  for (const facet of spec.facets) {
    facetDistribution[facet.param] = { ...response.facetDistribution[facet.attribute] };
  }
  return {
    hits,
    totalHits: response.totalHits,
    page: response.page,
    hitsPerPage: response.hitsPerPage,
    facetDistribution,
    queryTerms: response.queryTerms,
    ...(response.notice ? { notice: response.notice } : {}),
  };
}

/**
 * The query of `params` and every problem with it: parameters that were
 * broken UTF-8 percent-encoding first, then what parseListingQuery would
 * have to normalize.
 */
export function checkListingQuery(
  spec: ListingSearchSpec,
  params: URLSearchParams,
): { query: ListingQuery; problems: ApiProblem[] } {
  const { query, problems } = parseListingQuery(spec, params);
  return { query, problems: [...queryEncodingProblems(params), ...problems] };
}

/** Searches listings for the query string of `url`; refuses it when it has any problem. */
export async function searchListingsForApi(
  search: Parameters<typeof searchListings>[0],
  spec: ListingSearchSpec,
  url: URL,
): Promise<ApiListOutcome> {
  const { query, problems } = checkListingQuery(spec, url.searchParams);
  if (isNonEmpty(problems)) return { ok: false, problems };
  return { ok: true, body: listBody(spec, await searchListings(search, spec, query)) };
}

/** A published result in the API shape; throws NotFoundError. */
export async function resultForApi(db: Kysely<DB>, id: number) {
  return resultDetailSchema.parse(await getResult(db, id));
}

/** A published demand in the API shape; throws NotFoundError. */
export async function demandForApi(db: Kysely<DB>, id: number) {
  return demandDetailSchema.parse(await getDemand(db, id));
}
