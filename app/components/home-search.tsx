/**
 * The home page's search: one GET form, two submit buttons. Enter or
 * "搜成果" goes to /results; "搜需求" overrides the target with formaction,
 * which browsers honour without JavaScript and Remix's <Form> honours too.
 */
import { Form } from "@remix-run/react";

export function HomeSearch() {
  return (
    <Form method="get" action="/results" role="search" className="mt-6 max-w-2xl">
      <label htmlFor="home-search-q" className="sr-only">
        搜索科技成果或技术需求
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="home-search-q"
          name="q"
          type="search"
          maxLength={200}
          enterKeyHint="search"
          placeholder="输入关键词，如：管道防腐、废水处理、智能检测"
          className="min-w-0 flex-1 rounded-md border-0 px-4 py-3 text-base text-slate-900 shadow focus:outline-none focus:ring-4 focus:ring-blue-300"
        />
        <div className="flex gap-2">
          <button
            type="submit"
            className="flex-1 rounded-md bg-orange-500 px-5 py-3 font-semibold text-white shadow hover:bg-orange-600 focus:outline-none focus:ring-4 focus:ring-orange-300"
          >
            搜成果
          </button>
          <button
            type="submit"
            formAction="/demands"
            className="flex-1 rounded-md bg-white/15 px-5 py-3 font-semibold text-white ring-1 ring-inset ring-white/60 hover:bg-white/25 focus:outline-none focus:ring-4 focus:ring-blue-300"
          >
            搜需求
          </button>
        </div>
      </div>
    </Form>
  );
}
