/** Any other /api/* path, any method: a JSON 404, never the HTML not-found page. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { withJsonErrors } from "~/domain/api/api-http.server";
import { apiError } from "~/utils/http.server";

function notFound(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return withJsonErrors(() =>
    apiError(
      404,
      "not_found",
      `没有这个接口：${request.method.slice(0, 20)} ${pathname.slice(0, 200)}`,
    ),
  );
}

export const loader = ({ request }: LoaderFunctionArgs) => notFound(request);
export const action = ({ request }: ActionFunctionArgs) => notFound(request);
