/**
 * Links of the listing search pages. The URL holds the whole search state
 * (q, sort, repeated facet params, page, hitsPerPage), so every link here
 * keeps the rest of the state and a search can be shared or bookmarked.
 * Defaults (sort, hitsPerPage: null; page 1) are left out of URLs.
 */
export interface SearchUrlState {
  q: string;
  sort: string | null;
  page: number;
  hitsPerPage: number | null;
  filters: Record<string, string[]>;
}

/** The query-string entries of `state`, in a stable order. */
export function searchEntries(state: SearchUrlState): [string, string][] {
  const entries: [string, string][] = [];
  if (state.q) entries.push(["q", state.q]);
  for (const [param, values] of Object.entries(state.filters)) {
    for (const value of values) entries.push([param, value]);
  }
  if (state.sort) entries.push(["sort", state.sort]);
  if (state.hitsPerPage !== null) entries.push(["hitsPerPage", String(state.hitsPerPage)]);
  if (state.page > 1) entries.push(["page", String(state.page)]);
  return entries;
}

/** `pathname` with the query string of `state` ("/results?q=…"). */
export function searchHref(pathname: string, state: SearchUrlState): string {
  const query = new URLSearchParams(searchEntries(state)).toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Adds or removes one facet value; back to page 1. */
export function toggleFacetHref(
  pathname: string,
  state: SearchUrlState,
  param: string,
  value: string,
): string {
  const current = state.filters[param] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const filters = { ...state.filters };
  if (next.length > 0) filters[param] = next;
  else delete filters[param];
  return searchHref(pathname, { ...state, filters, page: 1 });
}

/** Removes every facet filter; keeps q, sort and page size. */
export function clearFiltersHref(pathname: string, state: SearchUrlState): string {
  return searchHref(pathname, { ...state, filters: {}, page: 1 });
}

/** The same search on another page. */
export function pageHref(pathname: string, state: SearchUrlState, page: number): string {
  return searchHref(pathname, { ...state, page });
}

/** True when any facet value is selected. */
export function hasFilters(state: SearchUrlState): boolean {
  return Object.values(state.filters).some((values) => values.length > 0);
}
