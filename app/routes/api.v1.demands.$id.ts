/** GET /api/v1/demands/:id — one published technical demand; 404 for any other id. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  apiHandler,
  apiJson,
  LISTING_CACHE_CONTROL,
  methodNotAllowed,
} from "~/domain/api/api-http.server";
import { demandForApi } from "~/domain/api/listing-api.server";
import { services } from "~/services.server";
import { parseId } from "~/utils/http.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(request, async () => {
    const id = parseId(params.id, "技术需求");
    const { db } = await services();
    return apiJson(await demandForApi(db, id), LISTING_CACHE_CONTROL);
  });
}

export function action({ request }: ActionFunctionArgs) {
  return apiHandler(request, () => methodNotAllowed(request));
}
