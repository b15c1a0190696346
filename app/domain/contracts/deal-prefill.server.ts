/**
 * Registration form defaults from a matchmaking deal (对接 in status
 * `deal`): the result's owner is the seller, the other side of the inquiry
 * the buyer (for a demand-only inquiry, the demand's owner is the buyer);
 * contract name, 技术领域 and IP type come from the result or demand, and
 * the result / demand / inquiry links are set. Reads the `inquiries` table
 * only; the inquiry workflow is issue #5's.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { ConflictError, NotFoundError } from "../errors";
import { contractFieldsToRecord } from "./contract-input";
import { isHomeRegion } from "./contract-workflow.server";
import type { ContractType } from "./contract-taxonomy";

export interface DealPrefill {
  /** Form values keyed by CONTRACT_FIELD_NAMES. */
  defaults: Record<string, string>;
  /** What the form shows above the fields ("来自对接 #12：…"). */
  source: string;
}

/** Contract type suggested by a result's first transfer mode. */
const TYPE_BY_MODE: Record<string, ContractType> = {
  transfer: "transfer",
  license: "license",
  cooperation: "development",
  service: "service",
};

/**
 * Defaults for the registration form from inquiry `inquiryId`. NotFoundError
 * when it does not exist, ConflictError unless its status is 'deal'.
 */
export async function dealPrefill(db: Kysely<DB>, inquiryId: number): Promise<DealPrefill> {
  const inquiry = await db
    .selectFrom("inquiries")
    .select([
      "id",
      "status",
      "result_id",
      "demand_id",
      "initiator_organization_id",
      "counterpart_organization_id",
      "deal_at",
    ])
    .where("id", "=", inquiryId)
    .executeTakeFirst();
  if (!inquiry) throw new NotFoundError("inquiry_not_found", `对接 #${inquiryId} 不存在`);
  if (inquiry.status !== "deal") {
    throw new ConflictError("inquiry_not_deal", `对接 #${inquiryId} 尚未签约，不能据此登记合同`);
  }
  const result = inquiry.result_id
    ? await db
        .selectFrom("results")
        .select(["title", "organization_id", "tech_field", "ip_type", "transfer_modes"])
        .where("id", "=", inquiry.result_id)
        .executeTakeFirst()
    : undefined;
  const demand = inquiry.demand_id
    ? await db
        .selectFrom("demands")
        .select(["title", "organization_id", "tech_field"])
        .where("id", "=", inquiry.demand_id)
        .executeTakeFirst()
    : undefined;
  const sides = [inquiry.initiator_organization_id, inquiry.counterpart_organization_id];
  const other = (id: number | undefined) => sides.find((s) => s !== id) ?? sides[1]!;
  const sellerId = result ? result.organization_id : other(demand?.organization_id);
  const buyerId = result ? other(result.organization_id) : (demand?.organization_id ?? sides[0]!);
  const orgs = await db
    .selectFrom("organizations")
    .select(["id", "name", "uscc", "region_code", "party_type"])
    .where("id", "in", [sellerId, buyerId])
    .execute();
  const seller = orgs.find((o) => o.id === sellerId);
  const buyer = orgs.find((o) => o.id === buyerId);
  const subject = result?.title ?? demand?.title ?? "";
  const contractType = TYPE_BY_MODE[result?.transfer_modes[0] ?? ""] ?? "development";
  const defaults = contractFieldsToRecord({
    contractName: subject ? `${subject}技术合同`.slice(0, 200) : undefined,
    contractType,
    sellerName: seller?.name,
    sellerUscc: seller?.uscc ?? null,
    sellerRegionCode: seller?.region_code,
    sellerPartyType: seller?.party_type,
    buyerName: buyer?.name,
    buyerUscc: buyer?.uscc ?? null,
    buyerRegionCode: buyer?.region_code,
    buyerPartyType: buyer?.party_type,
    techField: (result?.tech_field ?? demand?.tech_field) as never,
    ipType: result?.ip_type as never,
    resultId: inquiry.result_id,
    demandId: inquiry.demand_id,
    inquiryId: inquiry.id,
  });
  return {
    defaults,
    source: `来自对接 #${inquiry.id}${subject ? `「${subject}」` : ""}，请核对合同文本后补全金额与日期`,
  };
}

/**
 * Where a registrar goes from a deal: the contract already registered (or
 * accepted) from inquiry `inquiryId` — the latest one not refused — or the
 * pre-filled form: 合同受理 when the seller is local (卖方登记), else 录入技术吸纳
 * (a 京津 result bought by a local enterprise is registered in Beijing or
 * Tianjin and recorded here as absorption). Returns a site path.
 */
export async function contractPathForDeal(db: Kysely<DB>, inquiryId: number): Promise<string> {
  const contract = await db
    .selectFrom("contracts")
    .select("id")
    .where("inquiry_id", "=", inquiryId)
    .where("status", "<>", "refused")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (contract) return `/bureau/contracts/${contract.id}`;
  const { defaults } = await dealPrefill(db, inquiryId);
  const form = isHomeRegion(defaults.sellerRegionCode ?? "") ? "new" : "absorption/new";
  return `/bureau/contracts/${form}?inquiryId=${inquiryId}`;
}
