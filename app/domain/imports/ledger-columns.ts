/**
 * The columns of a registration station's contract ledger (台账) as the
 * import reads them and the template writes them: zh-CN header, the key the
 * row parser uses, whether a value is required, the header spellings
 * clerks use for it, and the example value of the template.
 * Shared by server and browser (the upload page lists the columns).
 */
export const LEDGER_COLUMNS = [
  {
    key: "registrationNumber",
    header: "登记号",
    required: true,
    aliases: ["合同登记号", "登记编号"],
    example: "2026130901000001",
    note: "技术输出：本站 16 位登记号（年份 4 位 + 省市代码 4 位 + 登记站代码 2 位 + 序号 6 位）；技术吸纳：外地登记机构的登记号。请设为文本格式，Excel 会把超过 15 位的数字末位改为 0。",
  },
  {
    key: "direction",
    header: "登记类型",
    required: false,
    aliases: ["类型", "方向", "输出/吸纳", "合同方向"],
    example: "技术输出",
    note: "技术输出（本站登记，卖方在本市）或 技术吸纳（买方在本市、外地登记）；留空按技术输出。",
  },
  {
    key: "contractName",
    header: "合同名称",
    required: true,
    aliases: ["项目名称"],
    example: "高温合金叶片激光熔覆修复技术开发",
    note: "2–200 字。",
  },
  {
    key: "contractType",
    header: "合同类别",
    required: true,
    aliases: ["合同类型", "类别"],
    example: "技术开发",
    note: "技术开发 / 技术转让 / 技术许可 / 技术咨询 / 技术服务。",
  },
  {
    key: "contractSubtype",
    header: "合同子类",
    required: true,
    aliases: ["子类", "合同小类"],
    example: "委托开发",
    note: "须属于所填合同类别，见“选项”表。",
  },
  {
    key: "sellerName",
    header: "卖方名称",
    required: true,
    aliases: ["卖方", "卖方单位"],
    example: "沧州某某科技有限公司",
    note: "",
  },
  {
    key: "sellerUscc",
    header: "卖方统一社会信用代码",
    required: false,
    aliases: ["卖方信用代码", "卖方社会信用代码"],
    example: "91130921MA00000156",
    note: "18 位，自然人可留空；请设为文本格式。",
  },
  {
    key: "sellerRegionCode",
    header: "卖方所在地区代码",
    required: true,
    aliases: ["卖方所在地区", "卖方地区代码", "卖方地区"],
    example: "130921",
    note: "6 位行政区划代码（GB/T 2260），或地区名称如“沧县”。",
  },
  {
    key: "sellerPartyType",
    header: "卖方性质",
    required: true,
    aliases: ["卖方类型", "卖方单位性质"],
    example: "私营企业",
    note: "性质名称或 3 位代码，如 170 私营企业、022 高等院校。",
  },
  {
    key: "buyerName",
    header: "买方名称",
    required: true,
    aliases: ["买方", "买方单位"],
    example: "黄骅某某机械制造有限公司",
    note: "",
  },
  {
    key: "buyerUscc",
    header: "买方统一社会信用代码",
    required: false,
    aliases: ["买方信用代码", "买方社会信用代码"],
    example: "",
    note: "18 位，自然人可留空；请设为文本格式。",
  },
  {
    key: "buyerRegionCode",
    header: "买方所在地区代码",
    required: true,
    aliases: ["买方所在地区", "买方地区代码", "买方地区"],
    example: "130983",
    note: "6 位行政区划代码，或地区名称。",
  },
  {
    key: "buyerPartyType",
    header: "买方性质",
    required: true,
    aliases: ["买方类型", "买方单位性质"],
    example: "有限责任公司",
    note: "",
  },
  {
    key: "contractAmount",
    header: "成交额（元）",
    required: true,
    aliases: ["成交额", "合同成交额", "合同金额", "合同金额（元）"],
    example: "1234567.89",
    note: "单位元，最多两位小数，如 1234.50 或 1,234.50；不会四舍五入，超过两位小数的行会报错。",
  },
  {
    key: "techTransactionAmount",
    header: "技术交易额（元）",
    required: true,
    aliases: ["技术交易额", "技术性收入"],
    example: "1000000.00",
    note: "单位元，最多两位小数，不能大于成交额。",
  },
  {
    key: "signedOn",
    header: "签订日期",
    required: true,
    aliases: ["合同签订日期", "签订时间"],
    example: "2026-03-05",
    note: "日期格式，或文本 2026-03-05、2026/3/5、2026年3月5日。",
  },
  {
    key: "validFrom",
    header: "有效期起",
    required: false,
    aliases: ["合同有效期起", "履行期限起"],
    example: "2026-03-05",
    note: "",
  },
  {
    key: "validUntil",
    header: "有效期止",
    required: false,
    aliases: ["合同有效期止", "履行期限止"],
    example: "2027-03-04",
    note: "",
  },
  {
    key: "registeredOn",
    header: "登记日期",
    required: true,
    aliases: ["认定登记日期", "登记时间"],
    example: "2026-03-20",
    note: "统计按登记日期计入；技术输出的登记号年份须与登记日期年份一致。",
  },
  {
    key: "techField",
    header: "技术领域",
    required: true,
    aliases: ["领域"],
    example: "先进制造",
    note: "11 个技术领域之一，见“选项”表。",
  },
  {
    key: "ipType",
    header: "知识产权类型",
    required: true,
    aliases: ["知识产权", "知识产权类别"],
    example: "发明专利",
    note: "见“选项”表；没有填“无”。",
  },
] as const;

/** Most rows one import takes (a station's ledger of several years). */
export const MAX_LEDGER_ROWS = 20_000;

export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];
export type LedgerKey = LedgerColumn["key"];

/** Header text compared loosely: no spaces or asterisks, ASCII parentheses. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s*＊]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");
}

/** The column a header names, or undefined. */
export function columnForHeader(text: string): LedgerColumn | undefined {
  const wanted = normalizeHeader(text);
  return LEDGER_COLUMNS.find(
    (c) =>
      normalizeHeader(c.header) === wanted ||
      c.aliases.some((alias: string) => normalizeHeader(alias) === wanted),
  );
}

/** The header of a column key ("contractAmount" → "成交额（元）"). */
export function headerOf(key: LedgerKey): string {
  return LEDGER_COLUMNS.find((c) => c.key === key)!.header;
}
