/**
 * What the contract form routes share on the server: the region pickers of
 * both parties (province from ?sellerProvince= / ?buyerProvince=, else from
 * the party's current region, else the home province), and the field
 * schema with the known region codes.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import { config } from "../config.server";
import { contractFieldsSchema } from "../domain/contracts/contract-input";
import { dealPrefill } from "../domain/contracts/deal-prefill.server";
import { DomainError } from "../domain/errors";
import { regionPicker } from "../domain/regions/region-picker.server";
import { regionMap } from "../domain/regions/regions.server";

/** Both parties' region pickers for a form at `url` with current values `defaults`. */
export async function contractRegionPickers(
  db: Kysely<DB>,
  url: URL,
  defaults: Record<string, string> = {},
) {
  const home = config().HOME_REGION_CODE;
  const regions = await regionMap(db);
  const [sellerPicker, buyerPicker] = await Promise.all([
    regionPicker(db, url.searchParams.get("sellerProvince") ?? defaults.sellerRegionCode, home),
    regionPicker(db, url.searchParams.get("buyerProvince") ?? defaults.buyerRegionCode, home),
  ]);
  // A party registered at the home city itself (no county) is reported as 市本级: offer it first.
  const homeCity = regions.get(home);
  for (const picker of [sellerPicker, buyerPicker]) {
    const group = picker.groups.find((g) => g.label === homeCity?.name);
    if (homeCity && group)
      group.options.unshift({ code: home, name: `${homeCity.name}（市本级）` });
  }
  return { sellerPicker, buyerPicker };
}

/** The contract fields' zod schema with this database's region codes (for parseWithZod). */
export async function contractSchemaFor(db: Kysely<DB>) {
  return contractFieldsSchema({ regions: await regionMap(db) });
}

/** A text field of a posted form ("" when missing or a file). */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * The registration form's pre-fill from `?inquiryId=` (a 对接 in status
 * deal, app/domain/contracts/deal-prefill.server.ts): form defaults and the
 * "来自对接 #…" line, or the reason it cannot be used. No parameter → empty.
 */
export async function dealPrefillFromUrl(
  db: Kysely<DB>,
  url: URL,
): Promise<{
  defaults: Record<string, string>;
  source: string | null;
  prefillError: string | null;
  inquiryId: string | null;
  /** Set when a contract (not refused) already came from this deal. */
  duplicateWarning: string | null;
}> {
  const inquiryParam = url.searchParams.get("inquiryId");
  const none = {
    defaults: {},
    source: null,
    prefillError: null,
    inquiryId: null,
    duplicateWarning: null,
  };
  if (!inquiryParam) return none;
  if (!/^[1-9]\d{0,8}$/.test(inquiryParam)) {
    return { ...none, prefillError: `对接编号“${inquiryParam.slice(0, 20)}”无效` };
  }
  try {
    const prefill = await dealPrefill(db, Number(inquiryParam));
    const existing = await db
      .selectFrom("contracts")
      .select(["id", "contract_name"])
      .where("inquiry_id", "=", Number(inquiryParam))
      .where("status", "<>", "refused")
      .orderBy("id")
      .execute();
    return {
      ...none,
      defaults: prefill.defaults,
      source: prefill.source,
      inquiryId: inquiryParam,
      duplicateWarning:
        existing.length > 0
          ? `对接 #${inquiryParam} 已有合同记录：${existing
              .map((c) => `#${c.id}「${c.contract_name}」`)
              .join("、")}。同一合同请勿重复录入；确属另一份合同时再继续。`
          : null,
    };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ...none, prefillError: error.message };
  }
}
