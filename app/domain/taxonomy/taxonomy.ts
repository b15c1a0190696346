/**
 * Controlled vocabularies of the technology market, as stable codes with
 * zh-CN labels. Statistics and search facets use these codes exactly.
 *
 * Sources: 技术领域 follows the eleven fields of the 技术合同认定登记 statistics
 * (科技部《技术合同认定登记管理办法》and its statistical annex); maturity stages
 * follow common tech-market practice, with TRL 1–9 per GB/T 22900-2022.
 * This module is shared by server and browser code: it holds no secrets.
 */

function labels<const T extends Record<string, string>>(map: T) {
  return map;
}

/** 技术领域: the eleven technology fields. */
export const TECH_FIELDS = labels({
  electronic_information: "电子信息",
  aerospace: "航空航天",
  advanced_manufacturing: "先进制造",
  biomedicine: "生物、医药和医疗器械",
  new_materials: "新材料及其应用",
  new_energy: "新能源与高效节能",
  environmental_protection: "环境保护与资源综合利用",
  nuclear_application: "核应用",
  agriculture: "农业",
  modern_transportation: "现代交通",
  urban_social_development: "城市建设与社会发展",
});
export type TechField = keyof typeof TECH_FIELDS;

/** 成熟度: the four maturity stages of a research result. */
export const MATURITY_STAGES = labels({
  laboratory: "实验室",
  small_trial: "小试",
  pilot: "中试",
  industrialization: "产业化",
});
export type Maturity = keyof typeof MATURITY_STAGES;

/** 转化方式: transfer modes offered by a result or wanted by a demand. */
export const TRANSFER_MODES = labels({
  transfer: "转让",
  license: "许可",
  equity: "作价入股",
  cooperation: "合作开发",
  service: "技术服务",
});
export type TransferMode = keyof typeof TRANSFER_MODES;

/** 知识产权类型: intellectual-property type of a result. */
export const IP_TYPES = labels({
  invention_patent: "发明专利",
  utility_model: "实用新型专利",
  design_patent: "外观设计专利",
  software_copyright: "软件著作权",
  technical_secret: "技术秘密",
  plant_variety: "植物新品种",
  ic_layout: "集成电路布图设计",
  none: "无",
});
export type IpType = keyof typeof IP_TYPES;

/** 机构类型: organization kinds. */
export const ORGANIZATION_KINDS = labels({
  enterprise: "企业",
  university: "高校",
  institute: "科研院所",
  intermediary: "技术转移机构",
  bureau: "科技管理部门",
});
export type OrganizationKind = keyof typeof ORGANIZATION_KINDS;

/**
 * 卖方/买方性质: party type codes of the technology contract statistics
 * (技术合同登记 统计口径).
 */
export const PARTY_TYPES = labels({
  "021": "科研机构",
  "022": "高等院校",
  "110": "国有企业",
  "120": "集体企业",
  "150": "有限责任公司",
  "160": "股份有限公司",
  "170": "私营企业",
  "200": "港澳台投资企业",
  "300": "外商投资企业",
  "400": "个体经营",
  "500": "其他组织",
});
export type PartyType = keyof typeof PARTY_TYPES;

/** 发布状态: the listing status machine (DESIGN.md §3). */
export const LISTING_STATUSES = labels({
  draft: "草稿",
  pending_review: "待审核",
  published: "已发布",
  rejected: "未通过",
  withdrawn: "已撤回",
  expired: "已过期",
});
export type ListingStatus = keyof typeof LISTING_STATUSES;

/** True when `value` is one of the codes of `map`. */
export function isCode<T extends Record<string, string>>(
  map: T,
  value: unknown,
): value is keyof T & string {
  return typeof value === "string" && Object.hasOwn(map, value);
}

/** zh-CN label of a code, or the code itself when it is unknown. */
export function labelOf<T extends Record<string, string>>(map: T, code: string): string {
  return isCode(map, code) ? (map[code] ?? code) : code;
}
