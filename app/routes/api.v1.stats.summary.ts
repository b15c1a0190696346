/**
 * GET /api/v1/stats/summary — technology output statistics for bureau staff
 * (session) or API-token holders; see app/domain/api/stats-api.server.ts.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  apiHandler,
  apiJson,
  methodNotAllowed,
  problemsResponse,
} from "~/domain/api/api-http.server";
import { checkStatsCaller, statsSummary } from "~/domain/api/stats-api.server";
import { homeCityOf } from "~/domain/statistics/stats-queries.server";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { apiError } from "~/utils/http.server";
import { getUser } from "~/utils/session.server";

export function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(request, async () => {
    const { db, config } = await services();
    const authorization = request.headers.get("Authorization");
    const caller = await checkStatsCaller(
      db,
      authorization,
      authorization === null ? await getUser(request) : null,
    );
    if (!caller.ok) {
      const response = apiError(caller.status, caller.code, caller.message);
      if (caller.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="stats"');
      return response;
    }
    const outcome = await statsSummary(
      db,
      homeCityOf(config.HOME_REGION_CODE),
      new URL(request.url),
      formatDate(Date.now()),
    );
    return outcome.ok
      ? apiJson(outcome.body, "private, no-store")
      : problemsResponse(outcome.problems);
  });
}

export function action({ request }: ActionFunctionArgs) {
  return apiHandler(request, () => methodNotAllowed(request));
}
