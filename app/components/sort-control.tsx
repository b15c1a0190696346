/**
 * Sort order of a listing search: a GET form. With JavaScript the select
 * submits on change; without it, the "排序" button (in <noscript>) does.
 */
import { Form, useSubmit } from "@remix-run/react";
import type { SearchUrlState } from "~/utils/search-url";
import { SearchHiddenFields } from "./search-hidden-fields";

export function SortControl({
  action,
  state,
  sort,
  options,
}: {
  action: string;
  state: SearchUrlState;
  /** The sort in effect (the default when the URL has none). */
  sort: string;
  options: { value: string; label: string }[];
}) {
  const submit = useSubmit();
  return (
    <Form method="get" action={action} className="flex items-center gap-2 text-sm">
      <SearchHiddenFields state={state} keep={{ q: true }} />
      <label htmlFor="listing-sort" className="shrink-0 text-slate-600">
        排序
      </label>
      <select
        key={sort}
        id="listing-sort"
        name="sort"
        defaultValue={sort}
        onChange={(event) => submit(event.currentTarget.form)}
        className="rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-8 text-sm"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <noscript>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50"
        >
          应用
        </button>
      </noscript>
    </Form>
  );
}
