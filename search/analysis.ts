/**
 * Chinese text analysis shared by both search backends and the matcher:
 * normalization (NFKC full-width folding, lower case, traditional →
 * simplified via OpenCC), jieba segmentation and TF-IDF key terms.
 *
 * Indexing uses jieba's search mode, which also emits the dictionary words
 * inside longer words, so a query for 处理 finds 待处理 and 农业 finds
 * 中国农业发展银行.
 */
import { Jieba, TfIdf } from "@node-rs/jieba";
import { dict, idf } from "@node-rs/jieba/dict.js";
import * as OpenCC from "opencc-js";

/**
 * Domain compounds jieba's default dictionary splits or lacks; also the
 * Meilisearch `dictionary` (meilisearch-settings.ts).
 */
export const DOMAIN_WORDS: readonly string[] = [
  "激光熔覆",
  "盐碱地",
  "管件",
  "弯头",
  "法兰",
  "熔模铸造",
  "消失模",
  "3D打印",
  "增材制造",
  "防腐涂层",
  "光伏",
  "储能",
  "氢能",
  "锂电池",
  "新能源汽车",
  "碳纤维",
  "复合材料",
  "数控机床",
  "工业互联网",
  "机器视觉",
  "生物降解",
  "膜分离",
  "废水处理",
  "污水处理",
  "固废",
  "节能降耗",
  "余热回收",
  "智能制造",
  "中试",
  "小试",
  "产业化",
  "技术转让",
  "技术许可",
];

const jieba = Jieba.withDict(dict);
jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w.toLowerCase()} 2000 n`).join("\n")));
const tfidf = TfIdf.withDict(idf);
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });

/** Function words and fillers that carry no search meaning (zh-CN and English). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "的 了 和 与 及 或 在 是 为 对 把 被 从 以 于 等 也 又 而 并 就 都 很 将 要 可 能 会 其 该 此 这 那 " +
    "之 个 们 我 你 他 她 它 我们 你们 他们 一个 一种 一些 有 无 没有 进行 通过 可以 以及 或者 " +
    "如果 因为 所以 但是 还是 以上 以下 什么 怎么 如何 哪些 吗 呢 吧 啊 呀 " +
    "a an and are as at be by for from in is it of on or the to with"
  ).split(/\s+/),
);

const WORD_CHAR = /[\p{Script=Han}\p{L}\p{N}]/u;

/**
 * Normalizes text for indexing and querying: NFKC (full-width → half-width),
 * lower case, traditional → simplified Chinese. Input of any length; output
 * a string of about the same length.
 */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize("NFKC").toLowerCase());
}

function isTerm(token: string): boolean {
  return WORD_CHAR.test(token) && !STOP_WORDS.has(token);
}

function unique(tokens: Iterable<string>): string[] {
  return [...new Set(tokens)];
}

/**
 * Terms to index for `text`: jieba search-mode tokens of the normalized
 * text, without stop words and punctuation, deduplicated, in first-seen
 * order. E.g. "待处理废水" → ["处理", "待处理", "废水"].
 */
export function indexTerms(text: string): string[] {
  if (!text) return [];
  const normalized = normalizeText(text);
  // cutAll adds every dictionary word jieba sees, including those a
  // segmentation choice hides: 保温管道 is cut 保温管/道, yet must be found by 管道.
  return unique(
    [
      ...jieba.cutForSearch(normalized, true),
      ...jieba.cutAll(normalized).filter((w) => w.length > 1),
    ]
      .map((t) => t.trim())
      .filter(isTerm),
  );
}

/**
 * Lighter than indexTerms, for comparing texts (the matcher): jieba
 * search-mode tokens of the normalized text without stop words, as a set.
 * Skips the cutAll pass, which only matters for finding a word inside a
 * differently segmented compound.
 */
export function textTermSet(text: string): Set<string> {
  if (!text) return new Set();
  return new Set(
    jieba
      .cutForSearch(normalizeText(text), true)
      .map((t) => t.trim())
      .filter(isTerm),
  );
}

/**
 * Terms of a user query, in order: jieba precise-mode tokens of the
 * normalized query without stop words and punctuation. An empty array means
 * the query has nothing to search for (only stop words or punctuation).
 * At most `limit` terms (default 32) are returned.
 */
export function queryTerms(query: string, limit = 32): string[] {
  if (!query) return [];
  return unique(
    jieba
      .cut(normalizeText(query), true)
      .map((t) => t.trim())
      .filter(isTerm),
  ).slice(0, limit);
}

/**
 * The `count` most characteristic terms of `text` by jieba TF-IDF, best
 * first, without stop words. Used to turn a long text into a short query
 * (Meilisearch reads only the first 10 query words).
 */
export function keyTerms(text: string, count = 10): string[] {
  if (!text) return [];
  return tfidf
    .extractKeywords(jieba, normalizeText(text), count * 2)
    .map((k) => k.keyword)
    .filter(isTerm)
    .slice(0, count);
}

/** A key term with its jieba TF-IDF weight (larger = more characteristic). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * Like keyTerms, with each term's TF-IDF weight: the `count` most
 * characteristic terms of `text`, best first, without stop words and
 * single characters (too ambiguous to match on).
 */
export function weightedKeyTerms(text: string, count = 10): WeightedTerm[] {
  if (!text) return [];
  return tfidf
    .extractKeywords(jieba, normalizeText(text), count * 3)
    .filter((k) => isTerm(k.keyword) && [...k.keyword].length > 1)
    .slice(0, count)
    .map((k) => ({ term: k.keyword, weight: k.weight }));
}

/**
 * Traditional → simplified Chinese only, keeping case and width: for text
 * that is displayed as well as searched (Meilisearch documents).
 */
export function toSimplifiedScript(text: string): string {
  return toSimplified(text);
}

/** Latin-script words of `text` (lower-cased), for trigram typo tolerance. */
export function latinWords(text: string): string[] {
  return unique(normalizeText(text).match(/[a-z][a-z0-9-]{1,}/g) ?? []);
}
