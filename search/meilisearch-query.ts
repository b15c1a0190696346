/**
 * The Meilisearch side of a SearchQuery: checks, the words sent as `q`,
 * and the highlights of a hit.
 *
 * Query words: Meilisearch reads only the first 10 words of `q` and
 * silently ignores the rest, which would quietly drop terms from the AND.
 * So `q` is built from the analysed terms (analysis.ts queryTerms, already
 * folded to simplified Chinese), at most 10 estimated Meilisearch words;
 * a longer query keeps its most characteristic terms (jieba TF-IDF).
 *
 * Highlights: Meilisearch marks only whole words of its own segmentation
 * (not 处理 inside 待处理) and crops by words, not characters. So the
 * words it matched (typo matches such as Graphene for graphne) are read
 * from `_formatted` between sentinel tags, added to the query terms, and
 * the highlights are rendered by highlight.ts exactly as the Postgres
 * backend renders them: HTML-escaped, `<mark>`, snippets of snippetLength
 * characters. The sentinels never reach the output.
 */
import { keyTerms, normalizeText, queryTerms } from "./analysis";
import { createHighlighter } from "./highlight";
import { dictionaryWords } from "./meilisearch-settings";
import { textsOf } from "./postgres-documents";
import {
  type IndexDefinition,
  type SearchDocument,
  type SearchQuery,
  SearchQueryError,
  checkStrategy,
} from "./types";

/** Meilisearch's limit on query words. */
export const MAX_QUERY_WORDS = 10;
/** Meilisearch neither indexes nor matches words longer than this (bytes). */
export const MAX_WORD_BYTES = 255;
export const MAX_HITS_PER_PAGE = 100;
/** highlightPreTag / highlightPostTag: control characters, only ever read from `_formatted`. */
export const MARK_START = "\u0001";
export const MARK_END = "\u0002";

const HAN_RUN = /\p{Script=Han}+/gu;
const DICTIONARY = new Set(dictionaryWords());
const OTHER_WORD = /[\p{L}\p{N}]+/gu;

/**
 * How many words Meilisearch makes of `term`: one for a word of the index
 * dictionary; otherwise its Chinese segmenter splits a Han run longer than
 * two characters into bi- and trigrams, about one word per two characters,
 * and other letters and digits make one word per run.
 */
export function estimatedWords(term: string): number {
  if (DICTIONARY.has(term)) return 1;
  let words = 0;
  for (const run of term.match(HAN_RUN) ?? []) {
    const length = [...run].length;
    words += length <= 2 ? 1 : Math.ceil(length / 2);
  }
  words += (term.replace(HAN_RUN, " ").match(OTHER_WORD) ?? []).length;
  return Math.max(words, 1);
}

/** A term as a `q` word: no quotes (phrase syntax), no leading minus (negation). */
function plainWord(term: string): string {
  return term.replace(/"/g, "").replace(/^-+/, "");
}

/**
 * The terms searched for `q`: its analysed terms when they fit in
 * MAX_QUERY_WORDS Meilisearch words, else the most characteristic ones
 * that fit, in the order they appear in the query.
 */
export function meilisearchTerms(q: string): string[] {
  const all = queryTerms(q, 1000)
    .map(plainWord)
    .filter((t) => t.length > 0);
  const fits = (terms: readonly string[]) =>
    terms.length <= MAX_QUERY_WORDS &&
    terms.reduce((sum, t) => sum + estimatedWords(t), 0) <= MAX_QUERY_WORDS;
  if (fits(all)) return all;

  const ranked = [...new Set([...keyTerms(q, MAX_QUERY_WORDS).map(plainWord), ...all])].filter(
    (t) => t.length > 0,
  );
  const chosen: string[] = [];
  for (const term of ranked) {
    if (fits([...chosen, term])) chosen.push(term);
  }
  const normalized = normalizeText(q);
  const position = (t: string) => {
    const at = normalized.indexOf(t);
    return at < 0 ? normalized.length : at;
  };
  return chosen.sort((a, b) => position(a) - position(b));
}

/** Whether Meilisearch could match every term (none is too long to be a word). */
export function allMatchable(terms: readonly string[]): boolean {
  return terms.every((t) => Buffer.byteLength(t, "utf8") <= MAX_WORD_BYTES);
}

/** Checks paging, sort and facets (filters: meilisearch-filter.ts). */
export function checkQuery(definition: IndexDefinition, query: SearchQuery): void {
  if (!Number.isInteger(query.page) || query.page < 1) {
    throw new SearchQueryError("invalid_page", `page must be an integer ≥ 1, got ${query.page}`);
  }
  if (
    !Number.isInteger(query.hitsPerPage) ||
    query.hitsPerPage < 1 ||
    query.hitsPerPage > MAX_HITS_PER_PAGE
  ) {
    throw new SearchQueryError(
      "invalid_hits_per_page",
      `hitsPerPage must be an integer from 1 to ${MAX_HITS_PER_PAGE}, got ${query.hitsPerPage}`,
    );
  }
  const unknown = (use: string, attribute: string) =>
    new SearchQueryError(
      "unknown_attribute",
      `index "${definition.name}": "${attribute}" is not a ${use} attribute`,
    );
  if (query.sort) {
    if (!definition.sortableAttributes.includes(query.sort.attribute)) {
      throw unknown("sortable", query.sort.attribute);
    }
    if (query.sort.direction !== "asc" && query.sort.direction !== "desc") {
      throw new SearchQueryError("invalid_sort", `sort direction must be asc or desc`);
    }
  }
  const facet = (query.facets ?? []).find((f) => !definition.filterableAttributes.includes(f));
  if (facet !== undefined) throw unknown("facet", facet);
  checkStrategy(query);
}

/** A letter or digit of a script that separates words with spaces (not Han). */
const SPACED_WORD_CHAR = /^(?!\p{Script=Han})[\p{L}\p{N}]$/u;

/**
 * The words Meilisearch marked in a hit's `_formatted` (any depth). A
 * typo or prefix match is marked only for the length of the query word
 * (graphne → <Graphen>e), so a mark inside a Latin word is widened to the
 * whole word; Han text has no spaces and is taken as marked.
 */
export function markedWords(formatted: unknown): string[] {
  const words = new Set<string>();
  const pattern = new RegExp(`${MARK_START}([^${MARK_START}${MARK_END}]+)${MARK_END}`, "gu");
  const isWordChar = (text: string, at: number) => SPACED_WORD_CHAR.test(text.charAt(at));
  const visit = (value: unknown) => {
    if (typeof value === "string") {
      const plain = value.replaceAll(MARK_START, "").replaceAll(MARK_END, "");
      let removed = 0;
      for (const match of value.matchAll(pattern)) {
        const marked = match[1] ?? "";
        // Position of the marked text in `plain`: earlier marks took two characters each.
        let start = match.index - removed;
        let end = start + marked.length;
        removed += 2;
        while (start > 0 && isWordChar(plain, start - 1) && isWordChar(plain, start)) start--;
        while (end < plain.length && isWordChar(plain, end) && isWordChar(plain, end - 1)) end++;
        if (end > start) words.add(plain.slice(start, end));
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === "object") {
      Object.values(value).forEach(visit);
    }
  };
  visit(formatted);
  return [...words];
}

/**
 * Highlight and snippet attributes of `document` for `terms` (the query
 * terms plus the words Meilisearch marked); list values are joined with
 * "、", as in the Postgres backend.
 */
export function highlightsOf(
  definition: IndexDefinition,
  document: SearchDocument,
  terms: readonly string[],
): Record<string, string> {
  const highlighter = createHighlighter(terms);
  const highlights: Record<string, string> = {};
  for (const attribute of definition.highlightAttributes) {
    highlights[attribute] = highlighter.highlight(textsOf(document[attribute]).join("、"));
  }
  for (const attribute of definition.snippetAttributes) {
    highlights[attribute] = highlighter.snippet(
      textsOf(document[attribute]).join("、"),
      definition.snippetLength,
    );
  }
  return highlights;
}
