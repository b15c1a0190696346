/**
 * The ledger import template (/bureau/contracts/import/template.xlsx): an
 * XLSX with the zh-CN headers, an example row, drop-downs and a 说明 sheet
 * (ledger-template.server.ts). For staff who may import.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildLedgerTemplate } from "~/domain/imports/ledger-template.server";
import { requirePermission } from "~/utils/session.server";

const FILE_NAME = "技术合同登记台账导入模板.xlsx";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "contracts.import");
  const bytes = await buildLedgerTemplate();
  const body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return new Response(body as ArrayBuffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="ledger-template.xlsx"; filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
