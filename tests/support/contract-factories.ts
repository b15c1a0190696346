/**
 * Technology contract test data: valid `ContractFields` (seller in 沧县,
 * buyer in 黄骅市) with overrides, and a bureau registrar.
 */
import type { Kysely } from "kysely";
import type { ContractFields } from "../../app/domain/contracts/contract-input";
import type { DB } from "../../db/schema";
import { type TestUser, createOrganization, createUser } from "./factories";

let serial = 0;

/** A complete, valid output contract's fields; each call has a distinct name. */
export function contractFields(overrides: Partial<ContractFields> = {}): ContractFields {
  serial += 1;
  return {
    contractName: `耐腐蚀保温管道技术开发合同 ${serial}`,
    contractType: "development",
    contractSubtype: "commissioned",
    sellerName: "沧州测试新材料有限公司",
    sellerUscc: null,
    sellerRegionCode: "130921",
    sellerPartyType: "150",
    buyerName: "黄骅测试管业有限公司",
    buyerUscc: null,
    buyerRegionCode: "130983",
    buyerPartyType: "170",
    contractAmountFen: 12_345_678,
    techTransactionAmountFen: 10_000_000,
    signedOn: "2026-03-01",
    validFrom: null,
    validUntil: null,
    techField: "new_materials",
    ipType: "invention_patent",
    resultId: null,
    demandId: null,
    inquiryId: null,
    ...overrides,
  };
}

/** A bureau_staff user of a bureau organization. */
export async function createRegistrar(db: Kysely<DB>): Promise<TestUser> {
  const bureau = await createOrganization(db, { kind: "bureau", regionCode: "130900" });
  return createUser(db, bureau.id, "bureau_staff");
}
