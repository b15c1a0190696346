/** GET /api/v1/demands — search published technical demands (see /api/v1/openapi.json). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  apiHandler,
  apiJson,
  LISTING_CACHE_CONTROL,
  methodNotAllowed,
  problemsResponse,
} from "~/domain/api/api-http.server";
import { apiListingSpec, searchListingsForApi } from "~/domain/api/listing-api.server";
import { services } from "~/services.server";

export function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(request, async () => {
    const { db, search, config } = await services();
    const spec = await apiListingSpec(db, "demands", config.HOME_REGION_CODE);
    const outcome = await searchListingsForApi(search, spec, new URL(request.url));
    return outcome.ok
      ? apiJson(outcome.body, LISTING_CACHE_CONTROL)
      : problemsResponse(outcome.problems);
  });
}

export function action({ request }: ActionFunctionArgs) {
  return apiHandler(request, () => methodNotAllowed(request));
}
