/**
 * One ledger row (raw cells by column) to an ImportRow, or its problems as
 * (row, column, message). Field rules are the registration form's own
 * (parseContractFields, contracts/contract-input.ts); this module adds what
 * only a ledger needs:
 * - the labels clerks type (技术开发, 委托开发, 先进制造, 私营企业, 沧县) to codes,
 *   and dates from date cells, Excel serials or text;
 * - 登记类型: 技术输出 (default) or 技术吸纳;
 * - 登记号: output — 16 digits whose year is the 登记日期 year, whose
 *   province-and-city part is the home city's, whose station part is the
 *   importing station's, and whose sequence is not 000000; absorption — the
 *   external number (4–40 letters, digits or -), never a local-looking one;
 * - 登记日期 not after today (Asia/Shanghai, context.today by default);
 * - output sellers are local (home city), absorption buyers are local and
 *   sellers are not (DESIGN.md §5).
 * Whether the numbers continue without a gap needs the database: see
 * sequenceGapErrors (import-batches.server.ts).
 * Shared by server and tests; takes all lookups in `context`.
 */
import {
  CONTRACT_FIELD_NAMES,
  type ContractFieldName,
  type ContractParseContext,
  type ContractParseResult,
  contractFieldsSchema,
} from "../contracts/contract-input";
import {
  CONTRACT_SUBTYPES,
  CONTRACT_TYPES,
  type ContractType,
} from "../contracts/contract-taxonomy";
import { IP_TYPES, PARTY_TYPES, TECH_FIELDS } from "../taxonomy/taxonomy";
import type { ImportRow, ImportRowError } from "./import-types";
import { formatDate } from "../../utils/date";
import {
  cellAmount,
  cellCode,
  cellDate,
  cellText,
  isBlank,
  plainValue,
  toHalfWidth,
} from "./ledger-cells";
import { headerOf, LEDGER_COLUMNS, type LedgerKey } from "./ledger-columns";
import type { LedgerRawRow } from "./ledger-workbook.server";

export interface LedgerRowContext {
  /** Region code → name (regionMap). */
  regions: Map<string, { name: string }>;
  /** Home city code, e.g. "130900". */
  homeCityCode: string;
  /** Two-digit code of the station whose ledger this is. */
  stationCode: string;
  /** "YYYY-MM-DD" (Asia/Shanghai); defaults to today. */
  today?: string;
}

export type LedgerRowResult =
  { ok: true; value: ImportRow } | { ok: false; errors: ImportRowError[] };

/** Label lookups are loose: no spaces, ASCII parentheses. */
const loose = (text: string) =>
  toHalfWidth(text).replace(/\s/g, "").replace(/（/g, "(").replace(/）/g, ")");

function lookup(entries: [string, string][]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [label, code] of entries) map.set(loose(label), code);
  return map;
}

const TYPE_BY_LABEL = lookup([
  ...Object.entries(CONTRACT_TYPES).flatMap(([code, label]): [string, string][] => [
    [label, code],
    [code, code],
    [label.replace(/^技术/, ""), code],
  ]),
]);

const SUBTYPE_BY_LABEL: Record<ContractType, Map<string, string>> = Object.fromEntries(
  Object.entries(CONTRACT_SUBTYPES).map(([type, subtypes]) => [
    type,
    lookup(
      Object.entries(subtypes as Record<string, string>).flatMap(
        ([code, label]): [string, string][] => [
          [label, code],
          [code, code],
          // 专利实施许可（独占） is also written 独占许可 / 独占实施许可.
          ...(/（(.+)）/.test(label)
            ? ([
                [`${/（(.+)）/.exec(label)![1]}许可`, code],
                [`${/（(.+)）/.exec(label)![1]}实施许可`, code],
              ] as [string, string][])
            : []),
        ],
      ),
    ),
  ]),
) as Record<ContractType, Map<string, string>>;

const TECH_FIELD_BY_LABEL = lookup([
  ...Object.entries(TECH_FIELDS).flatMap(([code, label]): [string, string][] => [
    [label, code],
    [code, code],
  ]),
  ["生物医药", "biomedicine"],
  ["生物医药和医疗器械", "biomedicine"],
  ["新材料", "new_materials"],
  ["新能源", "new_energy"],
  ["环境保护", "environmental_protection"],
  ["城市建设", "urban_social_development"],
  ["社会发展", "urban_social_development"],
]);

const IP_BY_LABEL = lookup(
  Object.entries(IP_TYPES).flatMap(([code, label]): [string, string][] => [
    [label, code],
    [code, code],
  ]),
);

const PARTY_BY_LABEL = lookup(
  Object.entries(PARTY_TYPES).flatMap(([code, label]): [string, string][] => [
    [label, code],
    [code, code],
  ]),
);

const choices = (labels: Record<string, string>) => Object.values(labels).join("、");

/** Region names → codes, built once per context (names that are not unique are left out). */
const regionNameIndex = new WeakMap<Map<string, { name: string }>, Map<string, string | null>>();
function regionByName(regions: Map<string, { name: string }>, name: string): string | null {
  let index = regionNameIndex.get(regions);
  if (!index) {
    index = new Map();
    for (const [code, region] of regions) {
      const key = loose(region.name);
      index.set(key, index.has(key) ? null : code);
    }
    regionNameIndex.set(regions, index);
  }
  return index.get(loose(name)) ?? null;
}

/**
 * Validates one raw row; see the module comment for the rules. Pass the
 * same `context` object for every row of a file: the field parser is cached
 * on it.
 */
export function parseLedgerRow(raw: LedgerRawRow, context: LedgerRowContext): LedgerRowResult {
  const errors: ImportRowError[] = [];
  const problem = (key: LedgerKey, message: string) =>
    errors.push({ row: raw.row, column: headerOf(key), message });
  const record: Record<string, unknown> = {};

  const text = (key: LedgerKey): string | null => {
    const result = cellText(raw.cells[key] ?? null);
    if (!result.ok) {
      problem(key, result.message);
      return null;
    }
    return result.value;
  };
  const required = (key: LedgerKey, value: string | null): value is string => {
    if (value === null) return false;
    if (value === "") {
      problem(key, "必填，不能为空");
      return false;
    }
    return true;
  };
  const mapped = (key: LedgerKey, map: Map<string, string>, what: string, list: string) => {
    const value = text(key);
    if (!required(key, value)) return;
    const code = map.get(loose(value));
    if (code) record[key] = code;
    else problem(key, `未知的${what}“${value.slice(0, 30)}”，应为：${list}`);
  };

  // Plain text fields go to the contract parser as they are.
  for (const key of ["contractName", "sellerName", "buyerName"] as const) {
    const value = text(key);
    if (required(key, value)) record[key] = value;
  }
  for (const key of ["sellerUscc", "buyerUscc"] as const) {
    const result = cellCode(raw.cells[key] ?? null);
    if (!result.ok) problem(key, result.message);
    else if (result.value !== "") record[key] = result.value;
  }

  mapped("contractType", TYPE_BY_LABEL, "合同类别", choices(CONTRACT_TYPES));
  const type = record.contractType as ContractType | undefined;
  if (type) {
    mapped(
      "contractSubtype",
      SUBTYPE_BY_LABEL[type],
      `${CONTRACT_TYPES[type]}子类`,
      choices(CONTRACT_SUBTYPES[type]),
    );
  } else {
    // The subtype can only be read once the type is known.
    required("contractSubtype", text("contractSubtype"));
  }
  mapped("techField", TECH_FIELD_BY_LABEL, "技术领域", choices(TECH_FIELDS));
  mapped("ipType", IP_BY_LABEL, "知识产权类型", choices(IP_TYPES));

  for (const key of ["sellerPartyType", "buyerPartyType"] as const) {
    const value = plainValue(raw.cells[key] ?? null);
    // 021 typed into a number cell arrives as 21.
    const padded = typeof value === "number" ? String(value).padStart(3, "0") : null;
    if (padded && PARTY_BY_LABEL.has(padded)) record[key] = padded;
    else mapped(key, PARTY_BY_LABEL, "单位性质", "性质名称（如 私营企业）或 3 位代码（如 170）");
  }

  for (const key of ["sellerRegionCode", "buyerRegionCode"] as const) {
    const value = text(key);
    if (!required(key, value)) continue;
    const code = /^\d{6}$/.test(value) ? value : regionByName(context.regions, value);
    if (code && context.regions.has(code)) record[key] = code;
    else problem(key, `未知的地区“${value.slice(0, 30)}”，请填写 6 位行政区划代码或地区全称`);
  }

  for (const key of ["contractAmount", "techTransactionAmount"] as const) {
    const value = plainValue(raw.cells[key] ?? null);
    if (isBlank(value)) problem(key, "必填，不能为空");
    else if (value instanceof Date) problem(key, "金额单元格是日期格式，请改为数字");
    else if (typeof value === "number") record[key] = cellAmount(value);
    else if (typeof value === "string") record[key] = value;
    else problem(key, "单元格是错误值（如 #N/A、#VALUE!），请改为实际内容");
  }

  const date = (key: LedgerKey, isRequired: boolean): string | null => {
    const value = raw.cells[key] ?? null;
    if (isBlank(value)) {
      if (isRequired) problem(key, "必填，不能为空");
      return null;
    }
    const result = cellDate(value);
    if (!result.ok) {
      problem(key, result.message);
      return null;
    }
    return result.value;
  };
  for (const key of ["signedOn", "validFrom", "validUntil"] as const) {
    const iso = date(key, key === "signedOn");
    if (iso) record[key] = iso;
  }
  const registeredOn = date("registeredOn", true);

  // Field rules of the registration form, only for fields not already refused here.
  const refused = new Set(errors.map((e) => e.column));
  if (!type) refused.add(headerOf("contractSubtype"));
  const parsed = fieldParser(context)(record);
  if (!parsed.ok) {
    for (const name of CONTRACT_FIELD_NAMES) {
      const message = parsed.errors[name];
      if (!message || !isLedgerKey(name)) continue;
      if (!refused.has(headerOf(name))) problem(name, message);
    }
  }

  // Registration type and number.
  const directionText = text("direction");
  let direction: "output" | "absorption" | null = null;
  if (directionText !== null) {
    const d = loose(directionText);
    if (d === "" || d === "技术输出" || d === "输出" || d === "output") direction = "output";
    else if (d === "技术吸纳" || d === "吸纳" || d === "absorption") direction = "absorption";
    else
      problem(
        "direction",
        `未知的登记类型“${directionText.slice(0, 20)}”，应为 技术输出 或 技术吸纳`,
      );
  }
  const number = cellCode(raw.cells.registrationNumber ?? null);
  let year: number | null = null;
  let sequence: number | null = null;
  const cityPart = context.homeCityCode.slice(0, 4);
  if (!number.ok) problem("registrationNumber", number.message);
  else if (number.value === "") problem("registrationNumber", "必填，不能为空");
  else if (direction === "output") {
    const n = number.value;
    if (!/^\d{16}$/.test(n)) {
      problem("registrationNumber", `登记号“${n.slice(0, 30)}”应为 16 位数字`);
    } else {
      year = Number(n.slice(0, 4));
      sequence = Number(n.slice(10));
      if (n.slice(4, 8) !== cityPart) {
        problem(
          "registrationNumber",
          `登记号第 5–8 位应为本市代码 ${cityPart}，实为 ${n.slice(4, 8)}`,
        );
      } else if (n.slice(8, 10) !== context.stationCode) {
        problem(
          "registrationNumber",
          `登记号第 9–10 位应为本登记站代码 ${context.stationCode}，实为 ${n.slice(8, 10)}`,
        );
      } else if (sequence === 0) {
        problem("registrationNumber", "登记号的序号（后 6 位）不能为 000000");
      } else if (registeredOn && String(year) !== registeredOn.slice(0, 4)) {
        problem(
          "registrationNumber",
          `登记号年份 ${year} 与登记日期年份 ${registeredOn.slice(0, 4)} 不一致`,
        );
      }
    }
  } else if (direction === "absorption") {
    const n = number.value;
    if (!/^[0-9A-Z-]{4,40}$/.test(n)) {
      problem("registrationNumber", "外地登记号应为 4–40 位字母、数字或“-”");
    } else if (/^\d{16}$/.test(n) && n.slice(4, 8) === cityPart) {
      problem("registrationNumber", "技术吸纳记录应填外地登记机构的登记号，这是本市登记号");
    }
  }
  if (registeredOn && registeredOn > (context.today ?? formatDate(Date.now()))) {
    problem("registeredOn", "登记日期不能晚于今天");
  }
  const signedOn = record.signedOn as string | undefined;
  if (registeredOn && signedOn && registeredOn < signedOn) {
    problem("registeredOn", "登记日期不能早于签订日期");
  }

  const inHome = (code: unknown) => typeof code === "string" && code.slice(0, 4) === cityPart;
  if (direction === "output" && record.sellerRegionCode && !inHome(record.sellerRegionCode)) {
    problem(
      "sellerRegionCode",
      "技术输出合同由卖方所在地登记，卖方应在本市；外地卖方请按技术吸纳填写",
    );
  }
  if (direction === "absorption") {
    if (record.buyerRegionCode && !inHome(record.buyerRegionCode)) {
      problem("buyerRegionCode", "技术吸纳记录的买方应在本市");
    }
    if (record.sellerRegionCode && inHome(record.sellerRegionCode)) {
      problem("sellerRegionCode", "技术吸纳记录的卖方应在外地（本市卖方的合同由本站登记）");
    }
  }

  if (errors.length > 0 || !parsed.ok || !direction || !registeredOn || !number.ok) {
    return { ok: false, errors: sortByColumn(errors) };
  }
  const { resultId: _r, demandId: _d, inquiryId: _i, ...fields } = parsed.value;
  return {
    ok: true,
    value: {
      ...fields,
      row: raw.row,
      direction,
      registrationNumber: number.value,
      year,
      sequence,
      registeredOn,
    },
  };
}

/**
 * parseContractFields (contract-input.ts) with its zod schema built once
 * per context rather than per row: building the schema costs about 2 ms,
 * which made a 10,000-row preview take 20 s longer. Same rules, same result
 * shape; values reach the schema as parseContractFields passes them
 * (trimmed strings, numbers through String(n), empty fields absent).
 */
const parsers = new WeakMap<
  LedgerRowContext,
  (record: Record<string, unknown>) => ContractParseResult
>();
function fieldParser(context: LedgerRowContext) {
  let parse = parsers.get(context);
  if (!parse) {
    const parseContext: ContractParseContext = { regions: context.regions, today: context.today };
    const schema = contractFieldsSchema(parseContext);
    parse = (record) => {
      const input: Record<string, string> = {};
      for (const name of CONTRACT_FIELD_NAMES) {
        const value = record[name];
        const text =
          typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
        if (text !== "") input[name] = text;
      }
      const result = schema.safeParse(input);
      if (result.success) return { ok: true, value: result.data, errors: {} };
      const errors: Partial<Record<ContractFieldName, string>> = {};
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? "contractName") as ContractFieldName;
        errors[field] ??= issue.message;
      }
      return { ok: false, value: null, errors };
    };
    parsers.set(context, parse);
  }
  return parse;
}

const COLUMN_ORDER = new Map<string, number>(LEDGER_COLUMNS.map((c, i) => [c.header, i]));

function sortByColumn(errors: ImportRowError[]): ImportRowError[] {
  return errors.sort(
    (a, b) => (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99),
  );
}

function isLedgerKey(name: string): name is LedgerKey {
  return LEDGER_COLUMNS.some((c) => c.key === name);
}
