import type { SearchUrlState } from "~/utils/search-url";

/**
 * Hidden inputs that carry the parts of the search state a GET form does
 * not edit itself, so submitting it keeps them (facet filters, page size,
 * and, unless the form has its own control, the chosen sort and the query).
 */
export function SearchHiddenFields({
  state,
  keep,
}: {
  state: SearchUrlState;
  keep: { q?: boolean; sort?: boolean };
}) {
  return (
    <>
      {keep.q && state.q ? <input type="hidden" name="q" value={state.q} /> : null}
      {Object.entries(state.filters).flatMap(([param, values]) =>
        values.map((value) => (
          <input key={`${param}=${value}`} type="hidden" name={param} value={value} />
        )),
      )}
      {keep.sort && state.sort ? <input type="hidden" name="sort" value={state.sort} /> : null}
      {state.hitsPerPage !== null ? (
        <input type="hidden" name="hitsPerPage" value={state.hitsPerPage} />
      ) : null}
    </>
  );
}
