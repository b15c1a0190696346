/**
 * Meilisearch index settings of an IndexDefinition (DESIGN.md §4), applied
 * before any document is added (ensureIndexes, reindex staging).
 *
 * - `_terms` (TERMS_ATTRIBUTE): a hidden searchable attribute holding the
 *   jieba search-mode terms of all searchable text (analysis.ts), searched
 *   last. Meilisearch's own Chinese segmentation keeps 待处理 as one word,
 *   so a query for 处理 would miss it without these terms.
 * - Ranking: `sort` first, so an explicit sort orders every hit as the
 *   Postgres backend does (an absent sort leaves the rule inert); then
 *   relevance; then newest first (the first sortable attribute).
 * - Tokenization: Chinese for every attribute, plus a dictionary of domain
 *   compounds and synonym words so they stay single words.
 */
import type { Settings } from "meilisearch";
import { DOMAIN_WORDS, queryTerms } from "./analysis";
import type { IndexDefinition } from "./types";

/** The hidden attribute of jieba search-mode terms. */
export const TERMS_ATTRIBUTE = "_terms";

/** Meilisearch counts at most this many hits (totalHits is exact up to it). */
export const MAX_TOTAL_HITS = 10_000;

/**
 * Groups of words that mean the same in listings; each word finds the
 * others. Words are written as users type them; Meilisearch normalizes
 * case.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["光伏", "太阳能电池", "太阳能光伏"],
  ["新能源汽车", "电动汽车", "电动车"],
  ["锂电池", "锂离子电池"],
  ["废水", "污水"],
  ["废水处理", "污水处理"],
  ["3d打印", "增材制造"],
  ["固废", "固体废物"],
  ["余热回收", "余热利用", "废热回收"],
  ["氢能", "氢能源"],
  ["无人机", "无人驾驶飞机"],
  ["生物降解", "可降解"],
  ["技术转让", "专利转让"],
  ["技术许可", "专利许可"],
];

/** Each word of a group → the other words of its group. */
export function synonymMap(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) {
      const others = group.filter((w) => w !== word);
      map[word] = [...new Set([...(map[word] ?? []), ...others])];
    }
  }
  return map;
}

/**
 * Words Meilisearch must keep whole: the domain compounds (as written and
 * lower-cased, since the dictionary matches the raw text) and the synonym
 * words that are one query term. A synonym jieba splits (太阳能电池 →
 * 太阳能 电池) is left out, so Meilisearch splits it the same way in the
 * synonym and in the query we send.
 */
export function dictionaryWords(): string[] {
  const single = SYNONYM_GROUPS.flat().filter((w) => queryTerms(w).length === 1);
  return [...new Set([...DOMAIN_WORDS, ...single].flatMap((w) => [w, w.toLowerCase()]))];
}

/** Ranking rules: explicit sort, relevance, then newest first. */
export function rankingRules(definition: IndexDefinition): string[] {
  const newest = definition.sortableAttributes[0];
  return [
    "sort",
    "words",
    "typo",
    "proximity",
    "attribute",
    "exactness",
    ...(newest ? [`${newest}:desc`] : []),
  ];
}

/** The complete settings of `definition`'s index. */
export function indexSettings(definition: IndexDefinition): Settings {
  return {
    searchableAttributes: [...definition.searchableAttributes, TERMS_ATTRIBUTE],
    filterableAttributes: [...definition.filterableAttributes],
    sortableAttributes: [...definition.sortableAttributes],
    displayedAttributes: ["*"],
    rankingRules: rankingRules(definition),
    synonyms: synonymMap(SYNONYM_GROUPS),
    dictionary: dictionaryWords(),
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: 1000 },
  };
}
