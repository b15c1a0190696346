/**
 * Listings as the matcher sees them (features.ts profiles): the columns the
 * features read plus the analysed text, loaded in one query per side.
 * Text analysis (jieba) is the matcher's main CPU cost, so analysed text is
 * cached per process by (listing, updated_at): an edited listing gets a new
 * entry, a stale one is never used.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { textTermSet, weightedKeyTerms } from "../../../search/analysis";
import type { Maturity, TechField, TransferMode } from "../taxonomy/taxonomy";
import type { DemandProfile, ResultProfile, TextProfile } from "./features";

/** At most this many key terms per listing (issue #5: ≤ 10). */
export const MAX_KEY_TERMS = 10;
/** The title counts this many times in the TF-IDF text, keywords twice. */
const TITLE_REPEAT = 3;
const KEYWORD_REPEAT = 2;
const CACHE_LIMIT = 50_000;

const cache = new Map<string, TextProfile>();

/**
 * Analysed text of a listing: TF-IDF key terms of the title (×3), keywords
 * (×2) and body — meaningful terms only, no numbers, units, model numbers or
 * generic words like 工艺/技术 (search/analysis.ts isMatchTerm), so these
 * never pull a listing up nor appear as 共同关键词; the term sets of
 * title+keywords and of everything (unfiltered: they are only looked up).
 */
export function analyseText(title: string, keywords: readonly string[], body: string): TextProfile {
  const head = `${title}。${keywords.join("，")}`;
  const weighted = [
    ...Array.from({ length: TITLE_REPEAT }, () => title),
    ...Array.from({ length: KEYWORD_REPEAT }, () => keywords.join("，")),
    body,
  ].join("。");
  const titleTerms = new Set([...textTermSet(head), ...keywords.map((k) => k.toLowerCase())]);
  return {
    keyTerms: weightedKeyTerms(weighted, MAX_KEY_TERMS),
    titleTerms,
    terms: new Set([...titleTerms, ...textTermSet(body)]),
  };
}

function cachedText(key: string, make: () => TextProfile): TextProfile {
  const hit = cache.get(key);
  if (hit) return hit;
  const made = make();
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, made);
  return made;
}

/** Profiles of the demands `ids` (published only unless `anyStatus`), in no particular order. */
export async function loadDemandProfiles(
  db: Kysely<DB>,
  ids: readonly number[],
  { anyStatus = false } = {},
): Promise<DemandProfile[]> {
  if (ids.length === 0) return [];
  let query = db
    .selectFrom("demands as d")
    .innerJoin("organizations as o", "o.id", "d.organization_id")
    .select([
      "d.id",
      "d.title",
      "d.description",
      "d.keywords",
      "d.tech_field",
      "d.budget_min_fen",
      "d.budget_max_fen",
      "d.desired_modes",
      "d.region_code",
      "d.published_at",
      "d.updated_at",
      "d.organization_id",
      "o.name as organization_name",
    ])
    .where("d.id", "in", ids);
  if (!anyStatus) query = query.where("d.status", "=", "published");
  const rows = await query.execute();
  return rows.map((r) => ({
    ...cachedText(`d:${r.id}:${r.updated_at.getTime()}`, () =>
      analyseText(r.title, r.keywords, r.description),
    ),
    id: r.id,
    title: r.title,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    techField: r.tech_field as TechField,
    budgetMinFen: r.budget_min_fen === null ? null : Number(r.budget_min_fen),
    budgetMaxFen: r.budget_max_fen === null ? null : Number(r.budget_max_fen),
    desiredModes: r.desired_modes as TransferMode[],
    regionCode: r.region_code,
    publishedAt: r.published_at,
  }));
}

/** Profiles of the results `ids` (published only), in no particular order. */
export async function loadResultProfiles(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<ResultProfile[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("results as r")
    .innerJoin("organizations as o", "o.id", "r.organization_id")
    .select([
      "r.id",
      "r.title",
      "r.summary",
      "r.description",
      "r.keywords",
      "r.tech_field",
      "r.maturity",
      "r.asking_price_fen",
      "r.transfer_modes",
      "r.published_at",
      "r.updated_at",
      "r.organization_id",
      "o.name as organization_name",
      "o.region_code",
    ])
    .where("r.id", "in", ids)
    .where("r.status", "=", "published")
    .execute();
  return rows.map((r) => ({
    ...cachedText(`r:${r.id}:${r.updated_at.getTime()}`, () =>
      analyseText(r.title, r.keywords, `${r.summary}。${r.description}`),
    ),
    id: r.id,
    title: r.title,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    techField: r.tech_field as TechField,
    maturity: r.maturity as Maturity,
    askingPriceFen: r.asking_price_fen === null ? null : Number(r.asking_price_fen),
    transferModes: r.transfer_modes as TransferMode[],
    regionCode: r.region_code,
    publishedAt: r.published_at,
  }));
}

/** Empties the analysed-text cache (benchmarks measure cold requests). */
export function clearProfileCache(): void {
  cache.clear();
}
