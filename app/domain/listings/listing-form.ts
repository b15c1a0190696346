/**
 * The listing forms' shapes: the rules of listing-input.ts over the strings
 * a plain HTML form posts (万元 text, keywords separated by commas or 顿号,
 * checkboxes), with zh-CN messages on the field they concern; conversion
 * of a valid form to typed input, and of stored input back to form values.
 * Shared by server and browser (conform validates on the client too).
 */
import { z } from "zod";
import { fenToWanInput, parseWan } from "../../utils/money-input";
import {
  type DemandInput,
  type ResultInput,
  deadlineProblem,
  descriptionRule,
  ipTypeRule,
  issue,
  keywordsProblem,
  maturityRule,
  modeRule,
  normalizePatentNumber,
  patentsProblem,
  splitKeywords,
  splitPatentNumbers,
  summaryRule,
  techFieldRule,
  titleRule,
  todayInMarket,
  trlProblem,
} from "./listing-input";

/** 保存草稿 or 提交审核: the button that sent the form. */
export const SUBMIT_INTENTS = ["save", "submit"] as const;
export type SubmitIntent = (typeof SUBMIT_INTENTS)[number];
const intentRule = z.enum(SUBMIT_INTENTS).default("save");

/** Optional 万元 text, checked where it is typed so the message sits next to the field. */
const wanText = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (v === "") return;
    const parsed = parseWan(v);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
  })
  .optional();

const fenOf = (text: string | undefined): number | null => {
  if (!text) return null;
  const parsed = parseWan(text);
  return parsed.ok ? parsed.fen : null;
};

const keywordsText = z
  .string()
  .max(500, "关键词过长")
  .superRefine((v, ctx) => {
    const problem = keywordsProblem(splitKeywords(v));
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .optional();

export const resultFormSchema = z
  .object({
    intent: intentRule,
    title: titleRule,
    summary: summaryRule.optional(),
    description: descriptionRule,
    techField: techFieldRule,
    keywords: keywordsText,
    maturity: maturityRule,
    trl: z
      .enum(["1", "2", "3", "4", "5", "6", "7", "8", "9"], { error: "请选择技术就绪度" })
      .optional(),
    ipType: ipTypeRule,
    patentNumbers: z.string().max(2000, "专利号过长").optional(),
    transferModes: z
      .array(modeRule, { error: "请至少选择一种转化方式" })
      .min(1, "请至少选择一种转化方式"),
    askingPrice: wanText,
    priceNegotiable: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    issue(ctx, "trl", trlProblem(v.maturity, v.trl ? Number(v.trl) : null));
    issue(
      ctx,
      "patentNumbers",
      patentsProblem(splitPatentNumbers(v.patentNumbers ?? ""), v.ipType),
    );
    if (v.priceNegotiable && v.askingPrice) {
      issue(ctx, "askingPrice", "已勾选“面议”，请清空价格或取消勾选");
    } else if (!v.priceNegotiable && !v.askingPrice) {
      issue(ctx, "askingPrice", "请填写参考价格（万元），或勾选“面议”");
    }
  });

export type ResultFormValue = z.output<typeof resultFormSchema>;

/** The typed input of a valid result form. */
export function toResultInput(v: ResultFormValue): ResultInput {
  return {
    title: v.title,
    summary: v.summary ?? "",
    description: v.description,
    techField: v.techField,
    keywords: splitKeywords(v.keywords ?? ""),
    maturity: v.maturity,
    trl: v.trl ? Number(v.trl) : null,
    ipType: v.ipType,
    patentNumbers: splitPatentNumbers(v.patentNumbers ?? "").map(
      (n) => normalizePatentNumber(n) ?? n,
    ),
    transferModes: [...new Set(v.transferModes)],
    askingPriceFen: v.priceNegotiable ? null : fenOf(v.askingPrice),
  };
}

/**
 * The demand form; `countyCodes` are the home city's counties (the only
 * places a demand may be in), `today` bounds the deadline.
 */
export function demandFormSchema(countyCodes: readonly string[], today: string = todayInMarket()) {
  return z
    .object({
      intent: intentRule,
      title: titleRule,
      description: descriptionRule,
      techField: techFieldRule,
      keywords: keywordsText,
      budgetMin: wanText,
      budgetMax: wanText,
      budgetNegotiable: z.boolean().optional(),
      desiredModes: z.array(modeRule).optional(),
      deadline: z
        .string()
        .trim()
        .superRefine((v, ctx) => {
          const problem = v === "" ? null : deadlineProblem(v, today);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        })
        .optional(),
      regionCode: z
        .string({ error: "请选择所在县（市、区）" })
        .refine((code) => countyCodes.includes(code), "请选择所在县（市、区）"),
    })
    .superRefine((v, ctx) => {
      const typed = Boolean(v.budgetMin || v.budgetMax);
      if (v.budgetNegotiable && typed) {
        issue(ctx, v.budgetMin ? "budgetMin" : "budgetMax", "已勾选“面议”，请清空预算或取消勾选");
      } else if (!v.budgetNegotiable && !typed) {
        issue(ctx, "budgetMin", "请填写预算（万元），或勾选“面议”");
      }
      const min = fenOf(v.budgetMin);
      const max = fenOf(v.budgetMax);
      if (min !== null && max !== null && min > max) {
        issue(ctx, "budgetMax", "最高预算不能低于最低预算");
      }
    });
}

export type DemandFormValue = z.output<ReturnType<typeof demandFormSchema>>;
export type DemandFormInput = z.input<ReturnType<typeof demandFormSchema>>;
export type ResultFormInput = z.input<typeof resultFormSchema>;

/** The typed input of a valid demand form. */
export function toDemandInput(v: DemandFormValue): DemandInput {
  const negotiable = Boolean(v.budgetNegotiable);
  return {
    title: v.title,
    description: v.description,
    techField: v.techField,
    keywords: splitKeywords(v.keywords ?? ""),
    budgetMinFen: negotiable ? null : fenOf(v.budgetMin),
    budgetMaxFen: negotiable ? null : fenOf(v.budgetMax),
    desiredModes: [...new Set(v.desiredModes ?? [])],
    deadline: v.deadline || null,
    regionCode: v.regionCode,
  };
}

/** Form values (as the form posts them) of a stored result, for its edit form. */
export function resultFormDefaults(input: ResultInput): ResultFormInput {
  return {
    title: input.title,
    summary: input.summary,
    description: input.description,
    techField: input.techField,
    keywords: input.keywords.join("、"),
    maturity: input.maturity,
    trl: input.trl === null ? undefined : (String(input.trl) as ResultFormInput["trl"]),
    ipType: input.ipType,
    patentNumbers: input.patentNumbers.join("\n"),
    transferModes: input.transferModes,
    askingPrice: fenToWanInput(input.askingPriceFen),
    priceNegotiable: input.askingPriceFen === null,
  };
}

/** Form values of a stored demand, for its edit form. */
export function demandFormDefaults(input: DemandInput): DemandFormInput {
  const negotiable = input.budgetMinFen === null && input.budgetMaxFen === null;
  return {
    title: input.title,
    description: input.description,
    techField: input.techField,
    keywords: input.keywords.join("、"),
    budgetMin: fenToWanInput(input.budgetMinFen),
    budgetMax: fenToWanInput(input.budgetMaxFen),
    budgetNegotiable: negotiable,
    desiredModes: input.desiredModes,
    deadline: input.deadline ?? "",
    regionCode: input.regionCode,
  };
}
