/**
 * The matcher (issue #5 item 1): research results for a published technical
 * demand, and — mirrored — demands for a published result, best first, each
 * with an integer score 0–100, the points per feature and a zh-CN reason.
 *
 * 1. Key terms: at most 10 jieba TF-IDF terms of the listing (title ×3,
 *    keywords ×2, body; profiles.server.ts).
 * 2. Candidates from the search backend, any of the key terms
 *    (matchingStrategy "any"): the best CANDIDATES_TEXT overall plus the best
 *    CANDIDATES_FIELD of the same 技术领域 (so in-field listings with weaker
 *    wording still compete).
 * 3. Re-rank every candidate by the features of features.ts under the
 *    weights of weights.ts (scoring.ts); the pair score does not depend on
 *    which side asked.
 * Excluded: listings of the listing's own organization and of the viewer's
 * organization, and pairs the viewer marked 不相关 (match-feedback.server.ts,
 * in both directions, for that user only).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { DEMANDS_INDEX, RESULTS_INDEX } from "../../../search/index-definitions";
import type { SearchBackend } from "../../../search/types";
import { config } from "../../config.server";
import { NotFoundError, ValidationError } from "../errors";
import {
  type DemandProfile,
  type FeatureContext,
  type ResultProfile,
  type TextProfile,
  pairFit,
  regionPrefix,
} from "./features";
import { DEFAULT_MATCH_LIMIT, MAX_MATCH_LIMIT } from "./match-limits";
import { loadDemandProfiles, loadResultProfiles } from "./profiles.server";
import { type Scored, scorePair } from "./scoring";
import { selectQueryTerms, termStatistics } from "./term-frequency.server";
import type { FeatureWeights, MatchFeature } from "./weights";

export type { MatchFeature } from "./weights";

export interface Match {
  /** The matched listing: a result for matchResultsForDemand, a demand for matchDemandsForResult. */
  id: number;
  title: string;
  organizationName: string;
  /** Integer 0–100. */
  score: number;
  /** Points each feature contributed; they sum to the score. */
  breakdown: Record<MatchFeature, number>;
  /** One line zh-CN, e.g. 同属先进制造领域；共同关键词：激光熔覆、耐磨. */
  reason: string;
}

export interface MatchOptions {
  /** Default 10, 1–50. */
  limit?: number;
  /** Hides what this user marked 不相关, and their own organization's listings. */
  userId?: string | null;
  /** For benchmarks and tests: weights other than the tuned ones (still bounded). */
  weights?: FeatureWeights;
  /** For tests: the time freshness is measured at (default now). */
  now?: Date;
}

const DEFAULT_LIMIT = DEFAULT_MATCH_LIMIT;
const MAX_LIMIT = MAX_MATCH_LIMIT;
/** Candidates taken from the text search over all fields, and within the listing's field. */
export const CANDIDATES_TEXT = 30;
export const CANDIDATES_FIELD = 20;

/** Validated limit; ValidationError `invalid_limit` outside 1–50. */
function limitOf(options: MatchOptions): number {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError("invalid_limit", `limit 必须是 1–${MAX_LIMIT} 的整数`);
  }
  return limit;
}

/** Feature settings from configuration (PRIORITY_SOURCE_REGIONS, HOME_REGION_CODE). */
function featureContext(options: MatchOptions): FeatureContext {
  const c = config();
  return {
    now: options.now ?? new Date(),
    priorityRegions: c.PRIORITY_SOURCE_REGIONS,
    homeRegionCode: c.HOME_REGION_CODE,
  };
}

/** "京津" for the default Beijing + Tianjin priority, else 重点地区. */
function priorityLabel(prefixes: readonly string[]): string {
  const set = new Set(prefixes.map(regionPrefix));
  return set.size === 2 && set.has("11") && set.has("12") ? "京津" : "重点地区";
}

/** Organizations whose listings the viewer must not be offered, and the pairs they hid. */
async function viewerExclusions(
  db: Kysely<DB>,
  userId: string | null | undefined,
  pair: { demandId: number } | { resultId: number },
): Promise<{ organizationId: number | null; hidden: Set<number> }> {
  if (!userId) return { organizationId: null, hidden: new Set() };
  const user = await db
    .selectFrom("users")
    .select("organization_id")
    .where("id", "=", userId)
    .executeTakeFirst();
  let feedback = db.selectFrom("match_feedback").where("user_id", "=", userId);
  feedback =
    "demandId" in pair
      ? feedback.where("demand_id", "=", pair.demandId)
      : feedback.where("result_id", "=", pair.resultId);
  const rows = await feedback.select(["demand_id", "result_id"]).execute();
  return {
    organizationId: user?.organization_id ?? null,
    hidden: new Set(rows.map((r) => ("demandId" in pair ? r.result_id : r.demand_id))),
  };
}

/**
 * Ids of candidate listings in `indexName` for `text`: any of its key terms
 * (without boilerplate, within the cost budget: term-frequency.server.ts),
 * overall and in `techField`.
 */
async function candidateIds(
  db: Kysely<DB>,
  search: SearchBackend,
  indexName: string,
  text: TextProfile,
  techField: string,
): Promise<number[]> {
  const stats = await termStatistics(db);
  const q = selectQueryTerms(
    text.keyTerms.map((k) => k.term),
    stats,
  ).join(" ");
  const common = { matchingStrategy: "any" as const, page: 1 };
  const [overall, inField] = await Promise.all([
    q.length > 0
      ? search.search(indexName, { ...common, q, hitsPerPage: CANDIDATES_TEXT })
      : Promise.resolve({ hits: [] }),
    search.search(indexName, {
      ...common,
      ...(q.length > 0 ? { q } : {}),
      filters: { techField: [techField] },
      hitsPerPage: CANDIDATES_FIELD,
    }),
  ]);
  const ids = [...overall.hits, ...inField.hits]
    .map((h) => Number(h.document.id))
    .filter(Number.isInteger);
  return [...new Set(ids)];
}

function best(matches: Match[], limit: number): Match[] {
  return matches.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}

function scored(
  demand: DemandProfile,
  result: ResultProfile,
  context: FeatureContext,
  weights: FeatureWeights | undefined,
): Scored {
  const fit = pairFit(demand, result, context);
  return scorePair(
    fit,
    {
      techField: result.techField,
      maturity: result.maturity,
      priceStated: result.askingPriceFen !== null && demand.budgetMaxFen !== null,
      priorityLabel: priorityLabel(context.priorityRegions),
    },
    weights,
  );
}

/** The published demand `id`'s profile; NotFoundError `demand_not_found` otherwise. */
export async function publishedDemandProfile(db: Kysely<DB>, id: number): Promise<DemandProfile> {
  const [demand] = await loadDemandProfiles(db, [id]);
  if (!demand) throw new NotFoundError("demand_not_found", `未找到编号为 ${id} 的技术需求`);
  return demand;
}

/** The published result `id`'s profile; NotFoundError `result_not_found` otherwise. */
export async function publishedResultProfile(db: Kysely<DB>, id: number): Promise<ResultProfile> {
  const [result] = await loadResultProfiles(db, [id]);
  if (!result) throw new NotFoundError("result_not_found", `未找到编号为 ${id} 的科技成果`);
  return result;
}

/**
 * Published research results for the published demand `demandId`, best
 * first, at most `options.limit` (default 10, max 50).
 * Errors: NotFoundError `demand_not_found` when the demand does not exist or
 * is not published; ValidationError `invalid_limit`.
 */
export async function matchResultsForDemand(
  db: Kysely<DB>,
  search: SearchBackend,
  demandId: number,
  options: MatchOptions = {},
): Promise<Match[]> {
  const limit = limitOf(options);
  const demand = await publishedDemandProfile(db, demandId);
  const context = featureContext(options);
  const [exclusions, ids] = await Promise.all([
    viewerExclusions(db, options.userId, { demandId }),
    candidateIds(db, search, RESULTS_INDEX, demand, demand.techField),
  ]);
  const results = await loadResultProfiles(db, ids);
  const matches = results
    .filter(
      (r) =>
        r.organizationId !== demand.organizationId &&
        r.organizationId !== exclusions.organizationId &&
        !exclusions.hidden.has(r.id),
    )
    .map((r) => ({
      id: r.id,
      title: r.title,
      organizationName: r.organizationName,
      ...scored(demand, r, context, options.weights),
    }));
  return best(matches, limit);
}

/**
 * Published technical demands for the published result `resultId`, best
 * first (the same pair scores as matchResultsForDemand, mirrored).
 * Errors: NotFoundError `result_not_found`; ValidationError `invalid_limit`.
 */
export async function matchDemandsForResult(
  db: Kysely<DB>,
  search: SearchBackend,
  resultId: number,
  options: MatchOptions = {},
): Promise<Match[]> {
  const limit = limitOf(options);
  const result = await publishedResultProfile(db, resultId);
  const context = featureContext(options);
  const [exclusions, ids] = await Promise.all([
    viewerExclusions(db, options.userId, { resultId }),
    candidateIds(db, search, DEMANDS_INDEX, result, result.techField),
  ]);
  const demands = await loadDemandProfiles(db, ids);
  const matches = demands
    .filter(
      (d) =>
        d.organizationId !== result.organizationId &&
        d.organizationId !== exclusions.organizationId &&
        !exclusions.hidden.has(d.id),
    )
    .map((d) => ({
      id: d.id,
      title: d.title,
      organizationName: d.organizationName,
      ...scored(d, result, context, options.weights),
    }));
  return best(matches, limit);
}
