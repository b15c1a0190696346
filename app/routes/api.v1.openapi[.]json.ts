/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the public API. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  apiHandler,
  apiJson,
  DOCUMENT_CACHE_CONTROL,
  methodNotAllowed,
} from "~/domain/api/api-http.server";
import { apiListingSpec } from "~/domain/api/listing-api.server";
import { buildOpenApiDocument } from "~/domain/api/openapi.server";
import { regionMap } from "~/domain/regions/regions.server";
import { services } from "~/services.server";

export function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(request, async () => {
    const { db, config } = await services();
    const [results, demands, regions] = await Promise.all([
      apiListingSpec(db, "results", config.HOME_REGION_CODE),
      apiListingSpec(db, "demands", config.HOME_REGION_CODE),
      regionMap(db),
    ]);
    const document = buildOpenApiDocument({
      results,
      demands,
      regions,
      siteName: config.SITE_NAME,
    });
    return apiJson(document, DOCUMENT_CACHE_CONTROL);
  });
}

export function action({ request }: ActionFunctionArgs) {
  return apiHandler(request, () => methodNotAllowed(request));
}
