/**
 * Annual targets per home county and metric (年度目标, issue #6 item 6), set
 * by administrators ("targets.manage"), and each county's progress and rank.
 *
 * Metrics and what they are compared with (full calendar year of
 * registration, no type/field filter; semantics of stats-queries.server.ts):
 * - contract_amount: output 成交额 by seller county (fen);
 * - tech_transaction_amount: output 技术交易额 by seller county (fen);
 * - absorption_amount: absorption 成交额 by buyer county (fen);
 * - contract_count: output contracts by seller county (份).
 * Rank: among counties with a target above 0, by completion rate (compared
 * exactly as fractions), ties sharing a rank.
 */
import type { Kysely } from "kysely";
import type { DB, TargetMetric } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { roleCan } from "../accounts/permissions";
import { recordAudit } from "../audit/audit.server";
import { ForbiddenError, ValidationError } from "../errors";
import { TARGET_METRIC_KEYS, TARGET_METRICS } from "./target-metrics";
import { MAX_YEAR, MIN_YEAR, type StatsFilters } from "./stats-filters";
import { absorptionByCounty, type HomeCity, outputBy } from "./stats-queries.server";

export { TARGET_METRIC_KEYS, TARGET_METRICS };

/** One target: region (county code), metric, value (fen or count). */
export interface TargetValue {
  regionCode: string;
  metric: TargetMetric;
  value: number;
}

/** The targets of `year`, as a map "region:metric" → value. */
export async function targetsOfYear(db: Kysely<DB>, year: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("annual_targets")
    .select(["region_code", "metric", "value"])
    .where("year", "=", year)
    .execute();
  return new Map(rows.map((r) => [`${r.region_code}:${r.metric}`, r.value]));
}

/**
 * Replaces the targets of `year` with `values` (a region/metric missing
 * from `values` is cleared). `counties` are the accepted region codes.
 * Audited as one "annual_target.update" entry. Throws ForbiddenError without
 * "targets.manage", ValidationError for a bad year, county or value.
 */
export async function saveTargets(
  db: Kysely<DB>,
  actor: Pick<SessionUser, "id" | "role">,
  year: number,
  values: TargetValue[],
  counties: ReadonlySet<string>,
  ip: string | null = null,
): Promise<void> {
  if (!roleCan(actor.role, "targets.manage")) {
    throw new ForbiddenError("forbidden", "只有系统管理员可以设置年度目标");
  }
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new ValidationError("invalid_year", "年份无效");
  }
  for (const v of values) {
    if (!counties.has(v.regionCode) || !Object.hasOwn(TARGET_METRICS, v.metric)) {
      throw new ValidationError("invalid_target", `目标的县（市、区）或指标无效：${v.regionCode}`);
    }
    if (!Number.isSafeInteger(v.value) || v.value < 0) {
      throw new ValidationError("invalid_target", "目标值必须是不小于 0 的数");
    }
  }
  await db.transaction().execute(async (trx) => {
    const before = Object.fromEntries(await targetsOfYear(trx, year));
    await trx.deleteFrom("annual_targets").where("year", "=", year).execute();
    if (values.length > 0) {
      await trx
        .insertInto("annual_targets")
        .values(
          values.map((v) => ({
            year,
            region_code: v.regionCode,
            metric: v.metric,
            value: v.value,
            updated_by: actor.id,
          })),
        )
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "annual_target.update",
      entityType: "annual_target",
      entityId: year,
      before,
      after: Object.fromEntries(values.map((v) => [`${v.regionCode}:${v.metric}`, v.value])),
      ip,
    });
  });
}

/** A county's progress on one metric. */
export interface TargetProgress {
  regionCode: string;
  metric: TargetMetric;
  target: number;
  actual: number;
  /** actual / target × 100, null without a target. */
  percent: number | null;
  /** 1 = best completion rate; null without a target. */
  rank: number | null;
}

/**
 * Progress of every county of `counties` on every metric in `year`, actuals
 * from two aggregates (output by seller county, absorption by buyer county).
 */
export async function targetProgress(
  db: Kysely<DB>,
  home: HomeCity,
  year: number,
  counties: readonly string[],
): Promise<TargetProgress[]> {
  const filters: StatsFilters = { year, period: "year", county: null, type: null, field: null };
  const range = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  const [targets, output, absorption] = await Promise.all([
    targetsOfYear(db, year),
    outputBy(db, "seller_region_code", filters, range),
    absorptionByCounty(db, home, filters, range),
  ]);
  const outputOf = new Map(output.map((r) => [r.key, r]));
  const absorptionOf = new Map(absorption.map((r) => [r.key, r]));
  const actualOf = (county: string, metric: TargetMetric): number => {
    if (metric === "absorption_amount") return absorptionOf.get(county)?.contractAmountFen ?? 0;
    const o = outputOf.get(county);
    if (metric === "contract_amount") return o?.contractAmountFen ?? 0;
    if (metric === "tech_transaction_amount") return o?.techTransactionAmountFen ?? 0;
    return o?.contractCount ?? 0;
  };

  const progress: TargetProgress[] = [];
  for (const metric of TARGET_METRIC_KEYS) {
    const rows = counties.map((regionCode) => {
      const target = targets.get(`${regionCode}:${metric}`) ?? 0;
      const actual = actualOf(regionCode, metric);
      return {
        regionCode,
        metric,
        target,
        actual,
        percent: target > 0 ? (actual / target) * 100 : null,
        rank: null as number | null,
      };
    });
    // Exact comparison of actual/target fractions: a·d vs c·b in BigInt.
    const ranked = rows
      .filter((r) => r.target > 0)
      .sort((a, b) => {
        const left = BigInt(b.actual) * BigInt(a.target);
        const right = BigInt(a.actual) * BigInt(b.target);
        return left > right ? 1 : left < right ? -1 : 0;
      });
    ranked.forEach((row, i) => {
      const previous = ranked[i - 1];
      const tied =
        previous !== undefined &&
        BigInt(previous.actual) * BigInt(row.target) ===
          BigInt(row.actual) * BigInt(previous.target);
      row.rank = tied ? previous.rank : i + 1;
    });
    progress.push(...rows);
  }
  return progress;
}
