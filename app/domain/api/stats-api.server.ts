/**
 * GET /api/v1/stats/summary (issue #6 item 7): the year's technology output
 * — count, 成交额 and 技术交易额 in fen — with breakdowns by month, seller
 * county, contract type and 技术领域, for bureau staff signed in or for a
 * caller with an admin-issued API token (`Authorization: Bearer tbk_…`).
 * Counting semantics: app/domain/statistics/stats-queries.server.ts.
 *
 * Errors (house API style, `{"error":{"code","message"}}`): 401
 * `unauthenticated` (no session, no token) / `invalid_token` (unknown,
 * revoked or malformed), 403 `forbidden` (signed in without "stats.read"),
 * 400 for a bad year, county, type or field (all problems in details).
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { roleCan } from "../accounts/permissions";
import { CONTRACT_TYPES } from "../contracts/contract-taxonomy";
import { countyOptions } from "../statistics/dashboard.server";
import { authenticateApiToken } from "../statistics/api-tokens.server";
import { parseStatsFilters } from "../statistics/stats-filters";
import {
  type HomeCity,
  outputBy,
  outputByMonth,
  outputTotals,
  type Totals,
} from "../statistics/stats-queries.server";
import { TECH_FIELDS } from "../taxonomy/taxonomy";
import type { ApiProblem } from "./api-schemas";

const count = z.int().min(0).meta({ description: "合同数（份）" });
const fen = (description: string) =>
  z
    .int()
    .min(0)
    .meta({ description: `${description}，单位：分（整数）` });
const totals = {
  contractCount: count,
  contractAmountFen: fen("成交额"),
  techTransactionAmountFen: fen("技术交易额"),
};

export const statsSummarySchema = z
  .object({
    year: z.int(),
    ...totals,
    byMonth: z.array(z.object({ month: z.int().min(1).max(12), ...totals })).meta({
      description: "1–12 月，每月一项（无合同的月份为 0）",
    }),
    byCounty: z.array(
      z.object({
        regionCode: z.string().meta({ description: "卖方所在县（市、区）代码；市级代码为市本级" }),
        name: z.string(),
        ...totals,
      }),
    ),
    byType: z.array(
      z.object({ type: z.enum(Object.keys(CONTRACT_TYPES)), label: z.string(), ...totals }),
    ),
    byField: z.array(
      z.object({ field: z.enum(Object.keys(TECH_FIELDS)), label: z.string(), ...totals }),
    ),
  })
  .meta({
    description:
      "技术输出（本市登记站登记、状态为已登记的合同，按登记日期计入年份）的合计与分项；金额为整数分。",
  });

export type StatsSummary = z.infer<typeof statsSummarySchema>;

export type CallerCheck =
  { ok: true } | { ok: false; status: 401 | 403; code: string; message: string };

/**
 * Who may call: a valid bearer token, else a session with "stats.read".
 * A request with an Authorization header is judged by it alone.
 */
export async function checkStatsCaller(
  db: Kysely<DB>,
  authorization: string | null,
  sessionUser: Pick<SessionUser, "role"> | null,
): Promise<CallerCheck> {
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match ? await authenticateApiToken(db, match[1]!) : null;
    return token
      ? { ok: true }
      : { ok: false, status: 401, code: "invalid_token", message: "接口令牌无效或已被撤销" };
  }
  if (!sessionUser) {
    return {
      ok: false,
      status: 401,
      code: "unauthenticated",
      message: "请登录科技局账号，或在 Authorization 头中提供接口令牌（Bearer）",
    };
  }
  if (!roleCan(sessionUser.role, "stats.read")) {
    return { ok: false, status: 403, code: "forbidden", message: "您的账号没有查看统计的权限" };
  }
  return { ok: true };
}

const pick = (t: Totals) => ({
  contractCount: t.contractCount,
  contractAmountFen: t.contractAmountFen,
  techTransactionAmountFen: t.techTransactionAmountFen,
});
const ZERO: Totals = { contractCount: 0, contractAmountFen: 0, techTransactionAmountFen: 0 };

/**
 * The summary for `url`'s year, county, type and field (all optional; year
 * defaults to the current one). Returns the problems instead when a
 * parameter is invalid.
 */
export async function statsSummary(
  db: Kysely<DB>,
  home: HomeCity,
  url: URL,
  today: string,
): Promise<
  { ok: true; body: StatsSummary } | { ok: false; problems: [ApiProblem, ...ApiProblem[]] }
> {
  const counties = await countyOptions(db, home);
  const params = new URLSearchParams(url.searchParams);
  params.delete("period");
  const { filters, problems } = parseStatsFilters(params, {
    today,
    counties: new Set(counties.map((c) => c.code)),
  });
  const [first, ...rest] = problems;
  if (first) return { ok: false, problems: [first, ...rest] };
  const range = { from: `${filters.year}-01-01`, to: `${filters.year + 1}-01-01` };
  const [total, months, byCounty, byType, byField] = await Promise.all([
    outputTotals(db, filters, range),
    outputByMonth(db, filters, range),
    outputBy(db, "seller_region_code", filters, range),
    outputBy(db, "contract_type", filters, range),
    outputBy(db, "tech_field", filters, range),
  ]);
  const monthOf = new Map(months.map((m) => [m.key, m]));
  const nameOf = new Map(counties.map((c) => [c.code, c.label]));
  const typeOf = new Map(byType.map((r) => [r.key, r]));
  const fieldOf = new Map(byField.map((r) => [r.key, r]));
  const body: StatsSummary = {
    year: filters.year,
    ...pick(total),
    byMonth: Array.from({ length: 12 }, (_, i) => ({
      month: i + 1,
      ...pick(monthOf.get(String(i + 1)) ?? ZERO),
    })),
    byCounty: byCounty
      .map((r) => ({ regionCode: r.key, name: nameOf.get(r.key) ?? r.key, ...pick(r) }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    byType: Object.entries(CONTRACT_TYPES).map(([type, label]) => ({
      type,
      label,
      ...pick(typeOf.get(type) ?? ZERO),
    })),
    byField: Object.entries(TECH_FIELDS).map(([field, label]) => ({
      field,
      label,
      ...pick(fieldOf.get(field) ?? ZERO),
    })),
  };
  return { ok: true, body: statsSummarySchema.parse(body) };
}
