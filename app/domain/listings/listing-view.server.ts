/**
 * What the listing pages show, built from the search spec, search hits and
 * repository rows: serializable view models with zh-CN labels, so route
 * modules stay thin and components stay free of domain lookups.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SearchBackend, SearchHit, SearchResponse } from "../../../search/types";
import { regionMap } from "../regions/regions.server";
import { MATURITY_STAGES, TECH_FIELDS, TRANSFER_MODES, labelOf } from "../taxonomy/taxonomy";
import {
  DEFAULT_HITS_PER_PAGE,
  type ListingQuery,
  type ListingSearchSpec,
  MAX_REACHABLE_HITS,
  type Problem,
  facetValueLabel,
  listingSearchSpec,
  searchListings,
} from "./listing-search.server";
import type { Demand, ListingKind, Result } from "./listing-types";
import { formatBudget, formatWan } from "../../utils/money";
import { formatDate } from "../../utils/date";
import type { SearchUrlState } from "../../utils/search-url";

/** A listing as a card: search hit or newest listing alike. */
export interface ListingCardView {
  kind: ListingKind;
  id: string;
  href: string;
  title: string;
  /** Backend HTML (escaped text with `<mark>`), when the hit was highlighted. */
  titleHtml: string | null;
  snippet: string;
  snippetHtml: string | null;
  organizationName: string;
  regionName: string;
  chips: { label: string; tone: "field" | "maturity" | "mode" }[];
  moneyLabel: "价格" | "预算";
  money: string;
  /** "YYYY-MM-DD" in Asia/Shanghai, or null when unpublished. */
  publishedDate: string | null;
}

export interface FacetValueView {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface FacetGroupView {
  param: string;
  label: string;
  values: FacetValueView[];
}

/** Everything a listing search page renders (serializable loader data). */
export interface ListingSearchView {
  kind: ListingKind;
  state: SearchUrlState;
  /** The sort in effect. */
  sort: string;
  sortOptions: { value: string; label: string }[];
  problems: { param: string; message: string }[];
  notice?: "no_searchable_terms";
  totalHits: number;
  totalPages: number;
  cards: ListingCardView[];
  facets: FacetGroupView[];
}

const SNIPPET_LENGTH = 90;

/** The search spec of `kind` with region facets named from the regions table. */
export async function listingSearchSpecFor(
  db: Kysely<DB>,
  kind: ListingKind,
  homeCityCode: string,
): Promise<ListingSearchSpec> {
  const regions = await regionMap(db);
  return listingSearchSpec(kind, (code) => regions.get(code)?.name, homeCityCode);
}

/** The sort used when the URL names none (as parseListingQuery decides). */
export function defaultSortOf(q: string): string {
  return q ? "relevance" : "newest";
}

/** The URL state of a parsed query, defaults left out (see app/utils/search-url.ts). */
export function urlStateOf(query: ListingQuery): SearchUrlState {
  return {
    q: query.q,
    sort: query.sort === defaultSortOf(query.q) ? null : query.sort,
    page: query.page,
    hitsPerPage: query.hitsPerPage === DEFAULT_HITS_PER_PAGE ? null : query.hitsPerPage,
    filters: query.filters,
  };
}

/**
 * Searches and computes facet counts the way a facet panel needs them
 * (disjunctive faceting): the counts of a facet with selected values ignore
 * that facet's own filter, so its other values stay visible (values of one
 * facet are ORed) with the count each would find under the other facets'
 * filters. Costs one extra one-hit search per facet with a selection.
 */
export async function searchListingPage(
  backend: SearchBackend,
  spec: ListingSearchSpec,
  query: ListingQuery,
): Promise<{ response: SearchResponse; facets: FacetGroupView[] }> {
  const selectedFacets = spec.facets.filter((f) => query.filters[f.param]);
  const [response, ...others] = await Promise.all([
    searchListings(backend, spec, query),
    ...selectedFacets.map((facet) => {
      const filters = { ...query.filters };
      delete filters[facet.param];
      return searchListings(backend, spec, { ...query, filters, page: 1, hitsPerPage: 1 });
    }),
  ]);
  const distribution = { ...response.facetDistribution };
  selectedFacets.forEach((facet, i) => {
    distribution[facet.attribute] = others[i]?.facetDistribution[facet.attribute] ?? {};
  });

  const facets = spec.facets.map((facet): FacetGroupView => {
    const counts = distribution[facet.attribute] ?? {};
    const selected = query.filters[facet.param] ?? [];
    const codes =
      typeof facet.values === "function"
        ? Object.keys(counts).sort(
            (a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b),
          )
        : Object.keys(facet.values);
    const values = codes
      .concat(selected.filter((code) => !codes.includes(code)))
      .flatMap((code): FacetValueView[] => {
        const label = facetValueLabel(facet, code);
        const count = counts[code] ?? 0;
        const isSelected = selected.includes(code);
        if (label === undefined || (count === 0 && !isSelected)) return [];
        return [{ value: code, label, count, selected: isSelected }];
      });
    return { param: facet.param, label: facet.label, values };
  });
  return { response, facets };
}

/** The view of one search page: parsed query, its problems, and the search outcome. */
export function listingSearchView(
  spec: ListingSearchSpec,
  query: ListingQuery,
  problems: Problem[],
  { response, facets }: { response: SearchResponse; facets: FacetGroupView[] },
): ListingSearchView {
  const reachablePages = Math.floor(MAX_REACHABLE_HITS / query.hitsPerPage);
  return {
    kind: spec.kind,
    state: urlStateOf(query),
    sort: query.sort,
    sortOptions: spec.sorts.map((s) => ({ value: s.param, label: s.label })),
    problems: problems.map(({ param, message }) => ({ param, message })),
    ...(response.notice ? { notice: response.notice } : {}),
    totalHits: response.totalHits,
    totalPages: Math.min(Math.ceil(response.totalHits / query.hitsPerPage), reachablePages),
    cards: response.hits.map((hit) => cardFromHit(spec.kind, hit)),
    facets,
  };
}

function truncate(text: string, length: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? v : null);
const strs = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

function chipsOf(techField: string, maturity: string | null, trl: number | null, modes: string[]) {
  const chips: ListingCardView["chips"] = [
    { label: labelOf(TECH_FIELDS, techField), tone: "field" },
  ];
  if (maturity) {
    const stage = labelOf(MATURITY_STAGES, maturity);
    chips.push({ label: trl ? `${stage} · TRL ${trl}` : stage, tone: "maturity" });
  }
  for (const mode of modes) chips.push({ label: labelOf(TRANSFER_MODES, mode), tone: "mode" });
  return chips;
}

/** Backend highlight HTML, only when it marks something (else the plain text reads better). */
const marked = (html: string | undefined) => (html?.includes("<mark>") ? html : null);

/** A card from a search hit of index `kind` (document fields as in search-sync.server.ts). */
export function cardFromHit(kind: ListingKind, hit: SearchHit): ListingCardView {
  const d = hit.document;
  const description =
    kind === "results" ? str(d.summary) || str(d.description) : str(d.description);
  const publishedAt = num(d.publishedAt);
  return {
    kind,
    id: d.id,
    href: `/${kind}/${d.id}`,
    title: str(d.title),
    titleHtml: marked(hit.highlights.title),
    snippet: truncate(description, SNIPPET_LENGTH),
    snippetHtml: marked(hit.highlights.description),
    organizationName: str(d.organizationName),
    regionName: str(d.regionName),
    chips:
      kind === "results"
        ? chipsOf(str(d.techField), str(d.maturity), num(d.trl), strs(d.transferModes))
        : chipsOf(str(d.techField), null, null, strs(d.desiredModes)),
    moneyLabel: kind === "results" ? "价格" : "预算",
    money:
      kind === "results"
        ? formatWan(num(d.askingPriceFen))
        : formatBudget(num(d.budgetMinFen), num(d.budgetMaxFen)),
    publishedDate: publishedAt === null ? null : formatDate(publishedAt),
  };
}

export function cardFromResult(result: Result): ListingCardView {
  return {
    kind: "results",
    id: String(result.id),
    href: `/results/${result.id}`,
    title: result.title,
    titleHtml: null,
    snippet: truncate(result.summary || result.description, SNIPPET_LENGTH),
    snippetHtml: null,
    organizationName: result.organization.name,
    regionName: result.organization.regionName,
    chips: chipsOf(result.techField, result.maturity, result.trl, result.transferModes),
    moneyLabel: "价格",
    money: formatWan(result.askingPriceFen),
    publishedDate: result.publishedAt ? formatDate(result.publishedAt) : null,
  };
}

export function cardFromDemand(demand: Demand): ListingCardView {
  return {
    kind: "demands",
    id: String(demand.id),
    href: `/demands/${demand.id}`,
    title: demand.title,
    titleHtml: null,
    snippet: truncate(demand.description, SNIPPET_LENGTH),
    snippetHtml: null,
    organizationName: demand.organization.name,
    regionName: demand.regionName,
    chips: chipsOf(demand.techField, null, null, demand.desiredModes),
    moneyLabel: "预算",
    money: formatBudget(demand.budgetMinFen, demand.budgetMaxFen),
    publishedDate: demand.publishedAt ? formatDate(demand.publishedAt) : null,
  };
}
