/**
 * GET /api/v1/demands/:id/matches — the recommended research results of one published technical demand, best first; ?limit= 1–50
 * (400 invalid_limit otherwise); 404 for any id that is not a published 技术需求.
 * Only for the owning organization's members and bureau staff (session) or
 * an API token: 401 / 403 JSON otherwise (app/domain/api/match-api.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  apiHandler,
  apiJson,
  methodNotAllowed,
  problemsResponse,
} from "~/domain/api/api-http.server";
import { checkMatchesCaller, matchesForApi } from "~/domain/api/match-api.server";
import { services } from "~/services.server";
import { apiError, parseId } from "~/utils/http.server";
import { getUser } from "~/utils/session.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(request, async () => {
    const id = parseId(params.id, "技术需求");
    const { db, search } = await services();
    const authorization = request.headers.get("Authorization");
    const caller = await checkMatchesCaller(
      db,
      "demands",
      id,
      authorization === null ? { user: await getUser(request) } : { authorization },
    );
    if (!caller.ok) {
      const response = apiError(caller.status, caller.code, caller.message);
      if (caller.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="matches"');
      return response;
    }
    const outcome = await matchesForApi(
      db,
      search,
      "demands",
      id,
      new URL(request.url),
      caller.userId,
    );
    if (!outcome.ok) return problemsResponse(outcome.problems);
    return apiJson(outcome.body, "private, no-store");
  });
}

export function action({ request }: ActionFunctionArgs) {
  return apiHandler(request, () => methodNotAllowed(request));
}
