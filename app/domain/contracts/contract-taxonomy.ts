/**
 * Vocabularies of technology contract registration (技术合同认定登记),
 * DESIGN.md §5: contract types and subtypes, statuses, refusal reasons.
 * Codes are stored in `contracts`; statistics group by them exactly.
 *
 * Sources: contract types and subtypes follow the 民法典 技术合同 chapter
 * (articles 851–887: 技术开发 委托/合作, 技术转让, 技术许可, 技术咨询, 技术服务)
 * and the categories of the 技术合同认定登记 statistics; refusal reasons follow
 * the grounds for 不予登记 in 《技术合同认定规则》.
 * Shared by server and browser code: holds no secrets.
 */

function labels<const T extends Record<string, string>>(map: T) {
  return map;
}

/** 合同类别. */
export const CONTRACT_TYPES = labels({
  development: "技术开发",
  transfer: "技术转让",
  license: "技术许可",
  consulting: "技术咨询",
  service: "技术服务",
});
export type ContractType = keyof typeof CONTRACT_TYPES;

/** 合同子类, by contract type. */
export const CONTRACT_SUBTYPES = {
  development: labels({
    commissioned: "委托开发",
    cooperative: "合作开发",
  }),
  transfer: labels({
    patent_right: "专利权转让",
    patent_application_right: "专利申请权转让",
    technical_secret: "技术秘密转让",
    other_transfer: "其他技术转让",
  }),
  license: labels({
    patent_exclusive: "专利实施许可（独占）",
    patent_sole: "专利实施许可（排他）",
    patent_ordinary: "专利实施许可（普通）",
    technical_secret_use: "技术秘密使用许可",
  }),
  consulting: labels({
    consulting: "技术咨询",
  }),
  service: labels({
    service: "技术服务",
    training: "技术培训",
    intermediary: "技术中介",
  }),
} as const satisfies Record<ContractType, Record<string, string>>;

/** True when `subtype` belongs to `type`. */
export function isSubtypeOf(type: ContractType, subtype: string): boolean {
  return Object.hasOwn(CONTRACT_SUBTYPES[type], subtype);
}

/** 登记状态 (migration 0009). */
export const CONTRACT_STATUSES = labels({
  submitted: "已受理",
  registered: "已登记",
  refused: "不予登记",
  cancelled: "已注销",
  revoked: "已撤销",
});
export type ContractStatus = keyof typeof CONTRACT_STATUSES;

/** 技术输出 (registered here, seller local) / 技术吸纳 (buyer local, registered elsewhere). */
export const CONTRACT_DIRECTIONS = labels({
  output: "技术输出",
  absorption: "技术吸纳",
});
export type ContractDirection = keyof typeof CONTRACT_DIRECTIONS;

/** 不予登记 reasons (a fixed list; "other" needs a note). */
export const REFUSAL_REASONS = labels({
  not_technology_contract: "非技术合同",
  invalid_or_not_effective: "合同无效或未生效",
  unclear_terms: "主体、标的或价款不明确",
  misnamed: "名实不符",
  missing_evidence: "缺少证明材料",
  seal_mismatch: "印章与当事人不符",
  other: "其他",
});
export type RefusalReason = keyof typeof REFUSAL_REASONS;
