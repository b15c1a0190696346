/** The query box of a listing search page: a GET form that keeps filters and page size. */
import { Form } from "@remix-run/react";
import type { SearchUrlState } from "~/utils/search-url";
import { SearchHiddenFields } from "./search-hidden-fields";

export function SearchBox({
  action,
  label,
  placeholder,
  state,
}: {
  action: string;
  label: string;
  placeholder: string;
  state: SearchUrlState;
}) {
  return (
    <Form method="get" action={action} role="search" className="flex w-full gap-2">
      <label htmlFor="listing-search-q" className="sr-only">
        {label}
      </label>
      <input
        key={state.q}
        id="listing-search-q"
        name="q"
        type="search"
        defaultValue={state.q}
        placeholder={placeholder}
        maxLength={200}
        enterKeyHint="search"
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-200"
      />
      <SearchHiddenFields state={state} keep={{ sort: true }} />
      <button
        type="submit"
        className="shrink-0 rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-300"
      >
        搜索
      </button>
    </Form>
  );
}
