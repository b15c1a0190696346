/**
 * Tax hints (issue #6 item 8): which VAT exemption and income-tax relief a
 * registered technology contract may qualify for, with the rule cited.
 * THESE ARE HINTS, NOT TAX ADVICE: whether a party qualifies is decided by
 * its tax authority on the facts (its 所得, its books, the whole year), and
 * the rules below may since have changed. Shown on the contract page and
 * the certificate.
 *
 * Rules (as in force for 2026 filings, to our knowledge):
 * - VAT: 财税〔2016〕36号 附件3《营业税改征增值税试点过渡政策的规定》第一条
 *   第（二十六）项 — 纳税人提供技术转让、技术开发和与之相关的技术咨询、技术
 *   服务免征增值税; the seller applies with the contract registered
 *   (认定登记) at a technology contract registration station.
 * - Income tax on transfers: 企业所得税法 第二十七条第（四）项 and 实施条例
 *   第九十条 — a resident enterprise's 技术转让所得 in a tax year is exempt up
 *   to 500万元 and halved above; 国税函〔2009〕212号 (how the 所得 is computed;
 *   domestic transfers need 认定登记), 财税〔2010〕111号 (qualifying
 *   technologies; transfer of ownership or a global exclusive licence of 5
 *   years or more), 财税〔2015〕116号 第二条 (non-exclusive licences of 5
 *   years or more also qualify, nationwide from 2015-10-01).
 * - Development contracts, buyer side: R&D expense super-deduction
 *   (研发费用加计扣除) — 财税〔2018〕99号 (75 %), raised to 100 % for all
 *   enterprises by 财政部 税务总局公告2023年第7号; commissioned R&D counts at
 *   80 % of the amount paid (财税〔2018〕64号), and the contract must be
 *   registered with the science and technology authority (财税〔2015〕119号).
 * Shared by server and browser.
 */
import { LARGE_CONTRACT_THRESHOLD_FEN } from "./contract-rules";

export interface TaxHint {
  /** "vat" | "income_tax" | "rd_deduction". */
  kind: "vat" | "income_tax" | "rd_deduction";
  /** Who may benefit: 卖方 (seller) or 买方 (buyer). */
  party: "卖方" | "买方";
  title: string;
  /** What the rule gives, in plain words. */
  summary: string;
  /** Conditions the parties should check. */
  conditions: string[];
  /** The rules cited. */
  citations: string[];
}

export const TAX_HINTS_DISCLAIMER =
  "以上为依据现行政策的提示，不构成税务意见；能否享受优惠以主管税务机关的认定为准。";

export interface TaxHintSubject {
  status: string;
  contractType: string;
  contractSubtype: string;
  techTransactionAmountFen: number;
  validFrom: string | null;
  validUntil: string | null;
}

/** True when the validity period is given and lasts 5 years or more. */
function fiveYearsOrMore(from: string | null, until: string | null): boolean | null {
  if (!from || !until) return null;
  const fiveYearsLater = `${Number(from.slice(0, 4)) + 5}${from.slice(4)}`;
  // The last valid day is the day before the fifth anniversary at the earliest.
  const lastDay = new Date(Date.parse(`${fiveYearsLater}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  return until >= lastDay;
}

/**
 * The hints for a contract: none unless it is registered and a 技术开发,
 * 技术转让 or 技术许可 contract (consulting and service contracts related
 * to them also enjoy the VAT exemption, but only as part of such a deal).
 */
export function taxHintsFor(contract: TaxHintSubject): TaxHint[] {
  if (contract.status !== "registered") return [];
  const type = contract.contractType;
  if (type !== "development" && type !== "transfer" && type !== "license") return [];
  const hints: TaxHint[] = [
    {
      kind: "vat",
      party: "卖方",
      title: "增值税：技术转让、技术开发收入免征增值税",
      summary: "卖方提供技术转让、技术开发和与之相关的技术咨询、技术服务取得的收入，可免征增值税。",
      conditions: [
        "合同已经技术合同登记机构认定登记（本登记证明）",
        "持登记证明等资料向主管税务机关办理免税备案",
        "与技术转让、技术开发相关的技术咨询、技术服务，价款须与技术转让或开发价款开在同一张发票上",
      ],
      citations: ["财税〔2016〕36号 附件3 第一条第（二十六）项"],
    },
  ];
  if (type === "transfer" || type === "license") {
    const large = contract.techTransactionAmountFen > LARGE_CONTRACT_THRESHOLD_FEN;
    const longEnough = fiveYearsOrMore(contract.validFrom, contract.validUntil);
    const conditions = [
      "卖方为居民企业，转让的技术属于财税〔2010〕111号所列范围（专利、计算机软件著作权、集成电路布图设计、植物新品种、生物医药新品种等）",
      "境内技术转让须经省级以上科技部门认定登记",
      "所得 = 技术转让收入 − 技术转让成本 − 相关税费，按纳税年度合计，不等于本合同技术交易额",
    ];
    if (type === "license") {
      conditions.push(
        longEnough === false
          ? "许可使用权须为 5 年以上（含）：本合同有效期不足 5 年，可能不符合条件"
          : "许可使用权须为 5 年以上（含）（独占许可见财税〔2010〕111号，非独占许可见财税〔2015〕116号）",
      );
    }
    if (large) conditions.push("本合同技术交易额超过 500 万元：超过部分的所得减半征收");
    hints.push({
      kind: "income_tax",
      party: "卖方",
      title: "企业所得税：技术转让所得 500 万元以内免征、超过部分减半",
      summary:
        "一个纳税年度内，居民企业技术转让所得不超过 500 万元的部分免征企业所得税，超过 500 万元的部分减半征收。",
      conditions,
      citations: [
        "《企业所得税法》第二十七条第（四）项",
        "《企业所得税法实施条例》第九十条",
        "国税函〔2009〕212号",
        "财税〔2010〕111号",
        ...(type === "license" ? ["财税〔2015〕116号 第二条"] : []),
      ],
    });
  }
  if (type === "development") {
    hints.push({
      kind: "rd_deduction",
      party: "买方",
      title: "企业所得税：研发费用按 100% 加计扣除",
      summary:
        "买方（委托方或合作方）为开展研发活动实际发生的研发费用，在据实扣除的基础上再按 100% 加计扣除（形成无形资产的按成本的 200% 摊销）。",
      conditions: [
        contract.contractSubtype === "commissioned"
          ? "委托开发：按实际支付费用的 80% 计入委托方研发费用后加计扣除"
          : "合作开发：由合作各方就自身实际承担的研发费用分别计算加计扣除",
        "委托、合作研究开发合同须经科技主管部门登记（本登记证明）",
        "烟草制造业、住宿和餐饮业等负面清单行业不适用",
      ],
      citations: [
        "财税〔2018〕99号",
        "财政部 税务总局公告2023年第7号",
        "财税〔2018〕64号",
        "财税〔2015〕119号",
      ],
    });
  }
  return hints;
}
