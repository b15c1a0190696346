/**
 * The shared error page: tells the user what happened in Chinese and where
 * to go next. Route errors (thrown Responses) show their status and
 * message; unexpected errors show a generic 500 without internals.
 */
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "请求有误",
  403: "没有权限",
  404: "页面不存在",
  405: "不支持的请求方式",
  500: "服务器出错了",
};

function messageOf(data: unknown): string | undefined {
  if (typeof data === "string") return data || undefined;
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") {
    return data.message;
  }
  return undefined;
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400]);
  // Only our own messages are shown: Remix's internal ones (e.g. a 405 for a
  // POST to a page without an action) are English developer text.
  const detail = !isRouteErrorResponse(error)
    ? "服务器处理请求时出现意外错误，我们已记录下来。请稍后再试。"
    : status === 405
      ? "此页面不接受这种提交方式，请返回上一页重试。"
      : (messageOf(error.data) ??
        (status === 404 ? "您访问的页面不存在，可能已被删除、下架，或链接有误。" : undefined));
  if (!isRouteErrorResponse(error)) console.error(error);

  return (
    <div className="mx-auto max-w-xl py-16 text-center" role="alert">
      <p className="text-5xl font-bold text-slate-300">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">{title}</h1>
      {detail ? <p className="mt-3 text-slate-600">{detail}</p> : null}
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link to="/" className="rounded-md bg-blue-700 px-4 py-2 text-white hover:bg-blue-800">
          返回首页
        </Link>
        <Link
          to="/results"
          className="rounded-md border border-slate-300 px-4 py-2 hover:bg-slate-50"
        >
          浏览科技成果
        </Link>
        <Link
          to="/demands"
          className="rounded-md border border-slate-300 px-4 py-2 hover:bg-slate-50"
        >
          浏览技术需求
        </Link>
      </div>
    </div>
  );
}
