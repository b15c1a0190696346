/**
 * What members may submit as a 科技成果 or 技术需求: `ResultInput` /
 * `DemandInput`, typed values (fen, arrays) the domain stores, checked by
 * `resultInputSchema` / `demandInputSchema`; the rules they are made of,
 * which the form schemas (listing-form.ts) apply to what a form posts; and
 * a review's rejection. Shared by server and browser.
 */
import { z } from "zod";
import { formatDate } from "../../utils/date";
import {
  IP_TYPES,
  type IpType,
  MATURITY_STAGES,
  type Maturity,
  TECH_FIELDS,
  type TechField,
  TRANSFER_MODES,
  type TransferMode,
} from "../taxonomy/taxonomy";

export interface ResultInput {
  title: string;
  summary: string;
  description: string;
  techField: TechField;
  keywords: string[];
  maturity: Maturity;
  /** 技术就绪度 1–9, consistent with `maturity` (see TRL_RANGES); null when not given. */
  trl: number | null;
  ipType: IpType;
  /** Normalized, e.g. "ZL202110538742.X". */
  patentNumbers: string[];
  transferModes: TransferMode[];
  /** null for 面议. */
  askingPriceFen: number | null;
}

export interface DemandInput {
  title: string;
  description: string;
  techField: TechField;
  keywords: string[];
  /** Both null for 面议. */
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  desiredModes: TransferMode[];
  /** "YYYY-MM-DD", after today; null when open-ended. */
  deadline: string | null;
  /** County or district of the home city (GB/T 2260). */
  regionCode: string;
}

/** 驳回原因 of a listing review (the database check lists the same codes). */
export const REJECTION_REASONS = {
  unclear: "描述不清",
  not_technology: "非技术类",
  duplicate: "重复发布",
  untrue: "信息不实",
  other: "其他",
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;

/**
 * TRL per maturity stage, as GB/T 22900-2022 groups the nine levels:
 * 实验室 1–3, 小试 4–5, 中试 6–7, 产业化 8–9.
 */
export const TRL_RANGES: Record<Maturity, readonly [number, number]> = {
  laboratory: [1, 3],
  small_trial: [4, 5],
  pilot: [6, 7],
  industrialization: [8, 9],
};

const PATENT_IP_TYPES: readonly IpType[] = ["invention_patent", "utility_model", "design_patent"];
const MAX_KEYWORDS = 10;
const MAX_KEYWORD_LENGTH = 20;
const MAX_PATENTS = 20;
/** Money ceiling (fen) shared with parseWan: 999,999,999万元. */
const MAX_FEN = 999_999_999 * 1_000_000;

const codes = <T extends Record<string, string>>(map: T) =>
  Object.keys(map) as [keyof T & string, ...(keyof T & string)[]];

// ---- rules shared by both shapes (listing-form.ts uses them too) -----------

export const titleRule = z
  .string({ error: "请填写标题" })
  .trim()
  .min(2, "标题至少 2 个字")
  .max(100, "标题最多 100 个字");
export const descriptionRule = z
  .string({ error: "请填写详细介绍" })
  .trim()
  .min(10, "详细介绍至少 10 个字")
  .max(5000, "详细介绍最多 5000 个字");
export const summaryRule = z.string().trim().max(300, "简介最多 300 个字");
export const techFieldRule = z.enum(codes(TECH_FIELDS), { error: "请选择技术领域" });
export const maturityRule = z.enum(codes(MATURITY_STAGES), { error: "请选择成熟度" });
export const ipTypeRule = z.enum(codes(IP_TYPES), { error: "请选择知识产权类型" });
export const modeRule = z.enum(codes(TRANSFER_MODES), { error: "请选择有效的转化方式" });

/** Splits keywords typed with commas, 顿号, semicolons or spaces; trims and de-duplicates. */
export function splitKeywords(text: string): string[] {
  const words = text
    .split(/[,，、;；\s]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  return [...new Set(words)];
}

export function keywordsProblem(keywords: readonly string[]): string | null {
  if (keywords.length > MAX_KEYWORDS) return `关键词最多 ${MAX_KEYWORDS} 个`;
  const long = keywords.find((k) => k.length > MAX_KEYWORD_LENGTH);
  if (long) return `关键词“${long.slice(0, 30)}”过长（每个最多 ${MAX_KEYWORD_LENGTH} 个字）`;
  return null;
}

/**
 * Chinese patent (application) numbers: 12 digits since 2003 (8 before),
 * a point and the check digit (mod 11, "X" for 10), optionally prefixed
 * "ZL" or "CN". Returns the normalized number, or null when malformed or
 * the check digit is wrong.
 */
export function normalizePatentNumber(raw: string): string | null {
  const text = raw.toUpperCase().replace(/\s+/g, "").replace(/．/g, ".");
  const match = /^(ZL|CN)?(\d{12}|\d{8})\.?([\dX])$/.exec(text);
  if (!match) return null;
  const [, prefix = "", digits = "", check = ""] = match;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (weights[i] ?? 0);
  const expected = sum % 11 === 10 ? "X" : String(sum % 11);
  return expected === check ? `${prefix}${digits}.${check}` : null;
}

/** Patent numbers typed one per line or separated by commas / 顿号. */
export function splitPatentNumbers(text: string): string[] {
  return text
    .split(/[\n,，、;；]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function patentsProblem(
  numbers: readonly string[],
  ipType: string | undefined,
): string | null {
  if (numbers.length === 0) return null;
  if (ipType && !PATENT_IP_TYPES.includes(ipType as IpType)) {
    return "只有专利类知识产权需要填写专利号";
  }
  if (numbers.length > MAX_PATENTS) return `专利号最多 ${MAX_PATENTS} 个`;
  const bad = numbers.find((n) => normalizePatentNumber(n) === null);
  if (bad) return `专利号“${bad.slice(0, 30)}”格式不正确，应如 ZL202110538742.X（校验位须正确）`;
  return null;
}

export function trlProblem(maturity: string | undefined, trl: number | null): string | null {
  if (trl === null) return null;
  if (!Number.isInteger(trl) || trl < 1 || trl > 9) return "技术就绪度应为 1–9 级";
  const range = maturity ? TRL_RANGES[maturity as Maturity] : undefined;
  if (range && (trl < range[0] || trl > range[1])) {
    const stage = MATURITY_STAGES[maturity as Maturity];
    return `成熟度为“${stage}”时，技术就绪度应为 ${range[0]}–${range[1]} 级`;
  }
  return null;
}

/** Today in the market's time zone, "YYYY-MM-DD". */
export function todayInMarket(now: Date = new Date()): string {
  return formatDate(now);
}

export function deadlineProblem(deadline: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline)) return "请按“年-月-日”填写截止日期";
  const date = new Date(`${deadline}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== deadline) {
    return "截止日期不是有效日期";
  }
  if (deadline <= today) return "截止日期须晚于今天";
  return null;
}

/** Adds a custom issue at `path` when `message` is set. */
export const issue = (ctx: z.RefinementCtx, path: string, message: string | null) => {
  if (message) ctx.addIssue({ code: "custom", path: [path], message });
};

// ---- typed input (the domain checks it again) ------------------------------

const moneyFen = z.number().int().min(0, "金额不能为负数").max(MAX_FEN, "金额过大").nullable();

export const resultInputSchema = z
  .object({
    title: titleRule,
    summary: summaryRule,
    description: descriptionRule,
    techField: techFieldRule,
    keywords: z.array(z.string().trim().min(1)),
    maturity: maturityRule,
    trl: z.number().int().nullable(),
    ipType: ipTypeRule,
    patentNumbers: z.array(z.string()),
    transferModes: z.array(modeRule).min(1, "请至少选择一种转化方式"),
    askingPriceFen: moneyFen,
  })
  .superRefine((v, ctx) => {
    issue(ctx, "keywords", keywordsProblem(v.keywords));
    issue(ctx, "trl", trlProblem(v.maturity, v.trl));
    issue(ctx, "patentNumbers", patentsProblem(v.patentNumbers, v.ipType));
  })
  .transform((v): ResultInput => ({
    ...v,
    patentNumbers: v.patentNumbers.map((n) => normalizePatentNumber(n) ?? n),
    transferModes: [...new Set(v.transferModes)],
  }));

/** The demand input rules; `today` ("YYYY-MM-DD") bounds the deadline. */
export function demandInputSchema(today: string) {
  return z
    .object({
      title: titleRule,
      description: descriptionRule,
      techField: techFieldRule,
      keywords: z.array(z.string().trim().min(1)),
      budgetMinFen: moneyFen,
      budgetMaxFen: moneyFen,
      desiredModes: z.array(modeRule),
      deadline: z.string().nullable(),
      regionCode: z.string().regex(/^\d{6}$/, "请选择所在县（市、区）"),
    })
    .superRefine((v, ctx) => {
      issue(ctx, "keywords", keywordsProblem(v.keywords));
      if (v.budgetMinFen !== null && v.budgetMaxFen !== null && v.budgetMinFen > v.budgetMaxFen) {
        issue(ctx, "budgetMaxFen", "最高预算不能低于最低预算");
      }
      if (v.deadline !== null) issue(ctx, "deadline", deadlineProblem(v.deadline, today));
    })
    .transform((v): DemandInput => ({ ...v, desiredModes: [...new Set(v.desiredModes)] }));
}

/** A review's rejection: a reason from the list, and a note (required for 其他). */
export const rejectionSchema = z
  .object({
    reason: z.enum(codes(REJECTION_REASONS), { error: "请选择驳回原因" }),
    note: z.string().trim().max(500, "说明最多 500 个字").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "other" && !v.note) issue(ctx, "note", "选择“其他”时请填写说明");
  });
export type Rejection = z.output<typeof rejectionSchema>;
