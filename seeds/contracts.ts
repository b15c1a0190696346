/**
 * Contract seed data (issue #6): the default registration station (code
 * "01", 沧州市技术合同登记站, the home city) and a handful of contracts so the
 * registrar's pages have content — submitted ones (two past their deadline,
 * one of 500万元 or more), two refused, three registered (numbers issued
 * through the station's sequence, so later registrations continue gap-free)
 * and one absorption record from Tianjin. The registered history the
 * dashboard needs is seeded by the statistics seed, not here.
 * Idempotent: skipped when any seeded contract name is already present.
 * Fictional parties and amounts.
 */
import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import { RULE_VERSION, processingDeadline } from "../app/domain/contracts/contract-rules";
import {
  formatRegistrationNumber,
  nextSequence,
} from "../app/domain/contracts/registration-number.server";
import { ensureDefaultStation } from "../app/domain/contracts/stations.server";
import { fictionalUscc } from "../app/domain/organizations/uscc";
import { formatDate } from "../app/utils/date";

const DAY_MS = 86_400_000;

interface SeedContract {
  name: string;
  status: "submitted" | "refused" | "registered" | "absorption";
  /** Days before seeding it was accepted (registered ones: registered the same day). */
  daysAgo: number;
  type: string;
  subtype: string;
  seller: [name: string, region: string, partyType: string];
  buyer: [name: string, region: string, partyType: string];
  amountFen: number;
  techFen: number;
  field: string;
  ip: string;
  refusal?: [reason: string, note: string | null];
  external?: string;
}

const CONTRACTS: SeedContract[] = [
  {
    name: "高盐废水蒸发结晶工艺技术开发合同",
    status: "submitted",
    daysAgo: 2,
    type: "development",
    subtype: "commissioned",
    seller: ["沧州运衡精细化工有限公司", "130903", "170"],
    buyer: ["海兴县海润盐化科技有限公司", "130924", "150"],
    amountFen: 1_850_000_00,
    techFen: 1_600_000_00,
    field: "environmental_protection",
    ip: "technical_secret",
  },
  {
    name: "供热管网智能调度系统技术服务合同",
    status: "submitted",
    daysAgo: 5,
    type: "service",
    subtype: "service",
    seller: ["沧州运畅热力能源有限公司", "130903", "150"],
    buyer: ["青县锦驰电子机箱有限公司", "130922", "170"],
    amountFen: 420_000_00,
    techFen: 380_000_00,
    field: "new_energy",
    ip: "software_copyright",
  },
  {
    name: "大口径防腐保温管道生产线技术转让合同",
    status: "submitted",
    daysAgo: 9,
    type: "transfer",
    subtype: "patent_right",
    seller: ["盐山县澜衡管道装备有限公司", "130925", "150"],
    buyer: ["山东某管业集团有限公司", "370102", "160"],
    amountFen: 8_600_000_00,
    techFen: 6_200_000_00,
    field: "advanced_manufacturing",
    ip: "invention_patent",
  },
  {
    name: "法兰锻件热处理工艺技术咨询合同",
    status: "submitted",
    daysAgo: 40,
    type: "consulting",
    subtype: "consulting",
    seller: ["盐山县宏锐法兰锻造有限公司", "130925", "170"],
    buyer: ["黄骅市某重工机械有限公司", "130983", "150"],
    amountFen: 96_000_00,
    techFen: 96_000_00,
    field: "advanced_manufacturing",
    ip: "none",
  },
  {
    name: "金丝小枣保鲜技术培训合同",
    status: "submitted",
    daysAgo: 45,
    type: "service",
    subtype: "training",
    seller: ["沧县枣韵金丝小枣种植专业合作社", "130921", "500"],
    buyer: ["献县某果品合作社", "130929", "500"],
    amountFen: 58_000_00,
    techFen: 58_000_00,
    field: "agriculture",
    ip: "none",
  },
  {
    name: "纸箱包装机械备件采购合同",
    status: "refused",
    daysAgo: 12,
    type: "development",
    subtype: "commissioned",
    seller: ["东光县瑞合纸箱包装机械有限公司", "130923", "170"],
    buyer: ["泊头市某包装有限公司", "130981", "170"],
    amountFen: 320_000_00,
    techFen: 0,
    field: "advanced_manufacturing",
    ip: "none",
    refusal: ["not_technology_contract", "标的为设备备件采购，不属于技术合同"],
  },
  {
    name: "盐碱地改良技术服务合同",
    status: "refused",
    daysAgo: 20,
    type: "service",
    subtype: "service",
    seller: ["海兴县盐丰盐碱地农业专业合作社", "130924", "500"],
    buyer: ["盐山县某农业开发有限公司", "130925", "150"],
    amountFen: 150_000_00,
    techFen: 150_000_00,
    field: "agriculture",
    ip: "none",
    refusal: ["missing_evidence", "缺少技术服务成果验收材料"],
  },
  {
    name: "生物发酵法制备辅酶Q10技术开发合同",
    status: "registered",
    daysAgo: 15,
    type: "development",
    subtype: "cooperative",
    seller: ["沧州新康源生物医药有限公司", "130903", "150"],
    buyer: ["任丘市某制药有限公司", "130982", "160"],
    amountFen: 2_300_000_00,
    techFen: 2_100_000_00,
    field: "biomedicine",
    ip: "invention_patent",
  },
  {
    name: "精细化工中间体连续流合成专利实施许可合同",
    status: "registered",
    daysAgo: 8,
    type: "license",
    subtype: "patent_exclusive",
    seller: ["沧县渤润化工有限公司", "130921", "170"],
    buyer: ["天津某化学有限公司", "120116", "150"],
    amountFen: 5_600_000_00,
    techFen: 5_600_000_00,
    field: "new_materials",
    ip: "invention_patent",
  },
  {
    name: "电子机箱钣金结构专利权转让合同",
    status: "registered",
    daysAgo: 3,
    type: "transfer",
    subtype: "patent_right",
    seller: ["青县锦驰电子机箱有限公司", "130922", "170"],
    buyer: ["河间市某电气设备有限公司", "130984", "170"],
    amountFen: 780_000_00,
    techFen: 760_000_00,
    field: "electronic_information",
    ip: "utility_model",
  },
  {
    name: "盐碱地耐盐作物育种技术转让合同",
    status: "absorption",
    daysAgo: 25,
    type: "transfer",
    subtype: "technical_secret",
    seller: ["天津某农业科学研究院", "120104", "021"],
    buyer: ["海兴县盐丰盐碱地农业专业合作社", "130924", "500"],
    amountFen: 1_200_000_00,
    techFen: 1_150_000_00,
    field: "agriculture",
    ip: "plant_variety",
    external: "2026120104000318",
  },
];

/** Seeds the default station and the demo contracts (see above); returns how many contracts were added. */
export async function seedContracts(
  trx: Kysely<DB>,
  homeRegionCode: string,
  seededAt: Date,
): Promise<number> {
  const stationId = await ensureDefaultStation(trx, homeRegionCode);
  const present = await trx
    .selectFrom("contracts")
    .select("id")
    .where(
      "contract_name",
      "in",
      CONTRACTS.map((c) => c.name),
    )
    .limit(1)
    .executeTakeFirst();
  if (present) return 0;
  for (const [i, c] of CONTRACTS.entries()) {
    const acceptedAt = new Date(seededAt.getTime() - c.daysAgo * DAY_MS);
    const acceptedOn = formatDate(acceptedAt);
    const absorption = c.status === "absorption";
    let registrationNumber: string | null = null;
    if (c.status === "registered") {
      const year = Number(acceptedOn.slice(0, 4));
      const sequence = await nextSequence(trx, stationId, year);
      registrationNumber = formatRegistrationNumber(year, homeRegionCode, "01", sequence);
    }
    await trx
      .insertInto("contracts")
      .values({
        direction: absorption ? "absorption" : "output",
        status: c.status === "absorption" ? "registered" : c.status,
        registration_number: registrationNumber,
        external_registration_number: c.external ?? null,
        station_id: absorption ? null : stationId,
        contract_name: c.name,
        contract_type: c.type,
        contract_subtype: c.subtype,
        seller_name: c.seller[0],
        seller_uscc: fictionalUscc("91", c.seller[1], 900 + i),
        seller_region_code: c.seller[1],
        seller_party_type: c.seller[2],
        buyer_name: c.buyer[0],
        buyer_uscc: fictionalUscc("91", c.buyer[1], 950 + i),
        buyer_region_code: c.buyer[1],
        buyer_party_type: c.buyer[2],
        contract_amount_fen: c.amountFen,
        tech_transaction_amount_fen: c.techFen,
        signed_on: formatDate(acceptedAt.getTime() - 10 * DAY_MS),
        tech_field: c.field,
        ip_type: c.ip,
        rule_version: RULE_VERSION,
        accepted_at: acceptedAt,
        due_on: absorption ? null : processingDeadline(acceptedOn, c.techFen).dueOn,
        registered_on: c.status === "registered" || absorption ? acceptedOn : null,
        registered_at: c.status === "registered" || absorption ? acceptedAt : null,
        refusal_reason: c.refusal?.[0] ?? null,
        refusal_note: c.refusal?.[1] ?? null,
        refused_at: c.refusal ? new Date(acceptedAt.getTime() + 3 * DAY_MS) : null,
        created_at: acceptedAt,
        updated_at: acceptedAt,
      })
      .execute();
  }
  return CONTRACTS.length;
}
