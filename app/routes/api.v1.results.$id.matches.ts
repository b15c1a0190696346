/**
 * GET /api/v1/results/:id/matches — the potential demands of one published research result, best first; ?limit= 1–50
 * (400 invalid_limit otherwise); 404 for any id that is not a published 科技成果.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  apiHandler,
  apiJson,
  LISTING_CACHE_CONTROL,
  methodNotAllowed,
  problemsResponse,
} from "~/domain/api/api-http.server";
import { matchesForApi } from "~/domain/api/match-api.server";
import { services } from "~/services.server";
import { parseId } from "~/utils/http.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(request, async () => {
    const id = parseId(params.id, "科技成果");
    const { db, search } = await services();
    const outcome = await matchesForApi(db, search, "results", id, new URL(request.url));
    if (!outcome.ok) return problemsResponse(outcome.problems);
    return apiJson(outcome.body, LISTING_CACHE_CONTROL);
  });
}

export function action({ request }: ActionFunctionArgs) {
  return apiHandler(request, () => methodNotAllowed(request));
}
