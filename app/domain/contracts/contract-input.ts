/**
 * The fields of a technology contract registration (技术合同认定登记), as a
 * form or a ledger row gives them (strings; 元 with at most 2 decimals),
 * checked field by field with zh-CN messages and turned into typed values
 * (integer fen, "YYYY-MM-DD" dates, taxonomy codes).
 *
 * `parseContractFields(record, context)` is the reusable entry point (the
 * registration form and the ledger import use it row by row; keep its
 * signature stable). `contractFieldsSchema(context)` is the same rules as a
 * zod schema for conform's parseWithZod. Shared by server and browser; the
 * caller supplies the known region codes (regionMap in regions.server.ts).
 */
import { z } from "zod";
import { formatDate } from "../../utils/date";
import { fenToYuanInput, parseYuan } from "../../utils/money-input";
import { USCC_PROBLEM_MESSAGES, validateUscc } from "../organizations/uscc";
import {
  IP_TYPES,
  type IpType,
  PARTY_TYPES,
  TECH_FIELDS,
  type TechField,
} from "../taxonomy/taxonomy";
import {
  CONTRACT_SUBTYPES,
  CONTRACT_TYPES,
  type ContractType,
  isSubtypeOf,
} from "./contract-taxonomy";

/** The typed, valid fields of a contract (money in fen). */
export interface ContractFields {
  contractName: string;
  contractType: ContractType;
  /** A code of CONTRACT_SUBTYPES[contractType]. */
  contractSubtype: string;
  sellerName: string;
  /** 18 characters, upper case; null when not given. */
  sellerUscc: string | null;
  /** GB/T 2260 code that exists in `regions`. */
  sellerRegionCode: string;
  /** A PARTY_TYPES code ("150"). */
  sellerPartyType: string;
  buyerName: string;
  buyerUscc: string | null;
  buyerRegionCode: string;
  buyerPartyType: string;
  /** 成交额, fen, > 0. */
  contractAmountFen: number;
  /** 技术交易额, fen, 0 ≤ … ≤ contractAmountFen. */
  techTransactionAmountFen: number;
  /** "YYYY-MM-DD", not after today (Asia/Shanghai). */
  signedOn: string;
  /** "YYYY-MM-DD" or null; validFrom ≤ validUntil when both are given. */
  validFrom: string | null;
  validUntil: string | null;
  techField: TechField;
  ipType: IpType;
  resultId: number | null;
  demandId: number | null;
  inquiryId: number | null;
}

/** What the rules need from outside: which region codes exist, and today. */
export interface ContractParseContext {
  /** Known GB/T 2260 codes, e.g. the Map of regionMap(db) or a Set. */
  regions: { has(code: string): boolean };
  /** "YYYY-MM-DD" in Asia/Shanghai; defaults to the current day. */
  today?: string;
}

/** Field names of a contract record (form inputs and import columns use them). */
export const CONTRACT_FIELD_NAMES = [
  "contractName",
  "contractType",
  "contractSubtype",
  "sellerName",
  "sellerUscc",
  "sellerRegionCode",
  "sellerPartyType",
  "buyerName",
  "buyerUscc",
  "buyerRegionCode",
  "buyerPartyType",
  "contractAmount",
  "techTransactionAmount",
  "signedOn",
  "validFrom",
  "validUntil",
  "techField",
  "ipType",
  "resultId",
  "demandId",
  "inquiryId",
] as const;
export type ContractFieldName = (typeof CONTRACT_FIELD_NAMES)[number];

/** zh-CN column labels, for import error reports ("第 3 行 成交额：…"). */
export const CONTRACT_FIELD_LABELS: Record<ContractFieldName, string> = {
  contractName: "合同名称",
  contractType: "合同类别",
  contractSubtype: "合同子类",
  sellerName: "卖方名称",
  sellerUscc: "卖方统一社会信用代码",
  sellerRegionCode: "卖方所在地区",
  sellerPartyType: "卖方性质",
  buyerName: "买方名称",
  buyerUscc: "买方统一社会信用代码",
  buyerRegionCode: "买方所在地区",
  buyerPartyType: "买方性质",
  contractAmount: "成交额（元）",
  techTransactionAmount: "技术交易额（元）",
  signedOn: "签订日期",
  validFrom: "有效期起",
  validUntil: "有效期止",
  techField: "技术领域",
  ipType: "知识产权类型",
  resultId: "关联科技成果",
  demandId: "关联技术需求",
  inquiryId: "关联对接",
};

const codes = <T extends Record<string, string>>(map: T) =>
  Object.keys(map) as [keyof T & string, ...(keyof T & string)[]];

/** "YYYY-MM-DD" that is a real calendar day; also reads "2026/3/5" and "2026.3.5". */
export function normalizeDate(text: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!match) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

const partyName = (who: string) =>
  z
    .string({ error: `请填写${who}名称` })
    .trim()
    .min(2, `${who}名称至少 2 个字`)
    .max(100, `${who}名称最多 100 个字`);

const uscc = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const code = v.toUpperCase();
    const problem = validateUscc(code);
    if (problem) {
      ctx.addIssue({ code: "custom", message: USCC_PROBLEM_MESSAGES[problem] });
      return z.NEVER;
    }
    return code;
  })
  .optional();

const yuan = (label: string) =>
  z.string({ error: `请填写${label}（元）` }).transform((v, ctx) => {
    const parsed = parseYuan(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `${label}：${parsed.message}` });
      return z.NEVER;
    }
    return parsed.fen;
  });

const dateText = (label: string) =>
  z.string({ error: `请填写${label}` }).transform((v, ctx) => {
    const iso = normalizeDate(v);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: `${label}应为有效日期，格式“年-月-日”` });
      return z.NEVER;
    }
    return iso;
  });

const linkId = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!/^[1-9]\d{0,8}$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "关联编号应为正整数" });
      return z.NEVER;
    }
    return Number(v);
  })
  .optional();

/**
 * The rules as a zod schema over string fields (empty fields absent, as
 * conform posts them). Output is `ContractFields` minus null defaults.
 */
export function contractFieldsSchema(context: ContractParseContext) {
  const today = context.today ?? formatDate(Date.now());
  const region = (who: string) =>
    z
      .string({ error: `请选择${who}所在地区` })
      .trim()
      .refine(
        (code) => /^\d{6}$/.test(code) && context.regions.has(code),
        `请选择有效的${who}所在地区`,
      );
  const partyType = (who: string) => z.enum(codes(PARTY_TYPES), { error: `请选择${who}性质` });
  return z
    .object({
      contractName: z
        .string({ error: "请填写合同名称" })
        .trim()
        .min(2, "合同名称至少 2 个字")
        .max(200, "合同名称最多 200 个字"),
      contractType: z.enum(codes(CONTRACT_TYPES), { error: "请选择合同类别" }),
      contractSubtype: z.string({ error: "请选择合同子类" }).trim(),
      sellerName: partyName("卖方"),
      sellerUscc: uscc,
      sellerRegionCode: region("卖方"),
      sellerPartyType: partyType("卖方"),
      buyerName: partyName("买方"),
      buyerUscc: uscc,
      buyerRegionCode: region("买方"),
      buyerPartyType: partyType("买方"),
      contractAmount: yuan("成交额"),
      techTransactionAmount: yuan("技术交易额"),
      signedOn: dateText("签订日期"),
      validFrom: dateText("有效期起始日期").optional(),
      validUntil: dateText("有效期截止日期").optional(),
      techField: z.enum(codes(TECH_FIELDS), { error: "请选择技术领域" }),
      ipType: z.enum(codes(IP_TYPES), { error: "请选择知识产权类型" }),
      resultId: linkId,
      demandId: linkId,
      inquiryId: linkId,
    })
    .superRefine((v, ctx) => {
      const add = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      if (!isSubtypeOf(v.contractType, v.contractSubtype)) {
        add(
          "contractSubtype",
          `请选择“${CONTRACT_TYPES[v.contractType]}”下的合同子类（${Object.values(
            CONTRACT_SUBTYPES[v.contractType],
          ).join("、")}）`,
        );
      }
      if (v.contractAmount <= 0) add("contractAmount", "成交额必须大于 0");
      if (v.techTransactionAmount > v.contractAmount) {
        add("techTransactionAmount", "技术交易额不能超过成交额");
      }
      if (v.signedOn > today) add("signedOn", "签订日期不能晚于今天");
      if (v.validFrom && v.validUntil && v.validUntil < v.validFrom) {
        add("validUntil", "有效期截止日期不能早于起始日期");
      }
      if (v.sellerUscc && v.buyerUscc && v.sellerUscc === v.buyerUscc) {
        add("buyerUscc", "买方与卖方的统一社会信用代码相同");
      }
    })
    .transform((v): ContractFields => ({
      contractName: v.contractName,
      contractType: v.contractType,
      contractSubtype: v.contractSubtype,
      sellerName: v.sellerName,
      sellerUscc: v.sellerUscc ?? null,
      sellerRegionCode: v.sellerRegionCode,
      sellerPartyType: v.sellerPartyType,
      buyerName: v.buyerName,
      buyerUscc: v.buyerUscc ?? null,
      buyerRegionCode: v.buyerRegionCode,
      buyerPartyType: v.buyerPartyType,
      contractAmountFen: v.contractAmount,
      techTransactionAmountFen: v.techTransactionAmount,
      signedOn: v.signedOn,
      validFrom: v.validFrom ?? null,
      validUntil: v.validUntil ?? null,
      techField: v.techField,
      ipType: v.ipType,
      resultId: v.resultId ?? null,
      demandId: v.demandId ?? null,
      inquiryId: v.inquiryId ?? null,
    }));
}

export type ContractParseResult =
  | { ok: true; value: ContractFields; errors: Record<string, never> }
  | { ok: false; value: null; errors: Partial<Record<ContractFieldName, string>> };

/**
 * Reads one record (a form's fields or an import row keyed by
 * CONTRACT_FIELD_NAMES). Values may be strings, numbers (a spreadsheet cell:
 * 1234.5 reads as "1234.5"), Dates (read as their UTC calendar day, as
 * exceljs gives date cells) or empty; unknown keys are ignored.
 * Returns the typed fields, or the first zh-CN message per field.
 */
export function parseContractFields(
  record: Record<string, unknown>,
  context: ContractParseContext,
): ContractParseResult {
  const input: Record<string, string> = {};
  for (const name of CONTRACT_FIELD_NAMES) {
    const text = cellText(record[name]);
    if (text !== "") input[name] = text;
  }
  const parsed = contractFieldsSchema(context).safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data, errors: {} };
  const errors: Partial<Record<ContractFieldName, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "contractName") as ContractFieldName;
    errors[field] ??= issue.message;
  }
  return { ok: false, value: null, errors };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "string") return value.trim();
  return "";
}

/** Form values (as the form posts them) of stored fields, for the edit/amend form. */
export function contractFieldsToRecord(fields: Partial<ContractFields>): Record<string, string> {
  const yuanText = (fen: number | undefined) => (fen === undefined ? "" : fenToYuanInput(fen));
  const text = (v: string | number | null | undefined) =>
    v === null || v === undefined ? "" : String(v);
  return {
    contractName: text(fields.contractName),
    contractType: text(fields.contractType),
    contractSubtype: text(fields.contractSubtype),
    sellerName: text(fields.sellerName),
    sellerUscc: text(fields.sellerUscc),
    sellerRegionCode: text(fields.sellerRegionCode),
    sellerPartyType: text(fields.sellerPartyType),
    buyerName: text(fields.buyerName),
    buyerUscc: text(fields.buyerUscc),
    buyerRegionCode: text(fields.buyerRegionCode),
    buyerPartyType: text(fields.buyerPartyType),
    contractAmount: yuanText(fields.contractAmountFen),
    techTransactionAmount: yuanText(fields.techTransactionAmountFen),
    signedOn: text(fields.signedOn),
    validFrom: text(fields.validFrom),
    validUntil: text(fields.validUntil),
    techField: text(fields.techField),
    ipType: text(fields.ipType),
    resultId: text(fields.resultId),
    demandId: text(fields.demandId),
    inquiryId: text(fields.inquiryId),
  };
}
