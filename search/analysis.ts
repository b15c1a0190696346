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
 * Words too generic to make two listings related, although they are fine
 * search terms (so not STOP_WORDS, which indexing also drops): the matcher's
 * key terms (weightedKeyTerms, hence its candidate query, text feature and
 * 共同关键词) skip them. 工艺 or 技术 appear in most listings.
 */
export const GENERIC_TERMS: ReadonlySet<string> = new Set(
  (
    "工艺 技术 处理 智能 系统 开发 应用 研究 研发 方法 装置 设备 产品 生产 企业 公司 单位 我司 " +
    "项目 需求 提供 实现 提高 提升 采用 具有 解决 问题 改造 优化 合作 成果 效果 性能 质量 成本 " +
    "降低 方案 服务 平台 领域 行业 产业 市场 工程 现有 目前 希望 寻求 需要 能力 要求 左右 达到 " +
    "基于 一种 相关 主要 关键 新型 高效 国内 国外 规模 水平 指标 稳定 运行 使用 用于 实际 " +
    "自动 在线 设计 控制 材料 方式 过程 结构 功能 情况 条件 时间 年产 万吨 以内 不少 不超过 每年 " +
    "现场 常规 传统 整体 部分 完成 形成 建立 开展 具备 满足 能够 支持 拥有 中试 小试 产业化 " +
    "技术转让 技术许可 转让 许可 面议 价格 预算 利用 替代 有限公司 " +
    "低于 高于 大于 小于 超过 不低于 不高于 至少 以内 以上 左右"
  ).split(/\s+/),
);

/** Units of measure (and currency) that say nothing on their own: 毫克, 吨, 万元, ℃, mm. */
const UNITS: ReadonlySet<string> = new Set(
  (
    "毫克 克 千克 公斤 斤 吨 万吨 毫米 厘米 分米 米 千米 公里 微米 纳米 平方米 平方 立方米 立方 " +
    "毫升 升 亩 公顷 小时 分钟 秒 天 日 周 月 年 个月 元 万元 亿元 千元 万 亿 千 百 瓦 千瓦 兆瓦 " +
    "伏 千伏 安 毫安 帕 千帕 兆帕 赫兹 度 摄氏度 ℃ °c % ‰ 倍 台 套 件 次 批 条 个 人 名 家 " +
    "mm cm dm m km um μm nm mg g kg t l ml h min s kw mw w kwh v kv a ma pa kpa mpa hz khz mhz ghz " +
    "db rpm ppm ppb wt"
  ).split(/\s+/),
);

/** Tokens with digits that do name something (5G 网络, 3PE 防腐, CO2 捕集). */
const DIGIT_TERMS: ReadonlySet<string> = new Set([
  "5g",
  "4g",
  "3d",
  "2d",
  "3pe",
  "2pe",
  "co2",
  "so2",
  "no2",
  "pm2.5",
]);

const LEADING_NUMBER = /^(?:[0-9]+(?:[.,][0-9]+)*|[零一二三四五六七八九十百千万亿两半几]+)(?=.)/u;

/**
 * Whether `term` is a quantity rather than a subject: a number (30,
 * 3.5, 99%), a number with a unit (200吨, 50mm, 十万元), a bare unit (毫克,
 * 小时, 万元, ℃) or a model number (Latin letters and digits such as
 * q235, dn300), except a few well-known ones (5g, co2). Expects normalized
 * (lower-case) terms.
 */
export function isQuantityTerm(term: string): boolean {
  const t = term.trim();
  if (t === "" || DIGIT_TERMS.has(t)) return false;
  if (UNITS.has(t)) return true;
  if (/^[0-9.,%‰:/+×x~-]+$/u.test(t)) return true;
  if (/^[a-z0-9.\-/]*[0-9][a-z0-9.\-/]*$/u.test(t)) return true;
  const rest = t.replace(LEADING_NUMBER, "");
  return rest !== t && (rest === "" || UNITS.has(rest) || /^[0-9.%]+$/u.test(rest));
}

/**
 * Whether the matcher may relate two listings by `term`: a search term
 * (not a stop word) that is neither a quantity (isQuantityTerm) nor a
 * generic word (GENERIC_TERMS), and longer than one character.
 */
export function isMatchTerm(term: string): boolean {
  return isTerm(term) && [...term].length > 1 && !GENERIC_TERMS.has(term) && !isQuantityTerm(term);
}

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
 * Like keyTerms, with each term's TF-IDF weight, for the matcher: the
 * `count` most characteristic terms of `text`, best first, keeping only
 * isMatchTerm terms (no stop words, single characters, numbers, units,
 * model numbers or generic words such as 工艺/技术).
 */
export function weightedKeyTerms(text: string, count = 10): WeightedTerm[] {
  if (!text) return [];
  return tfidf
    .extractKeywords(jieba, normalizeText(text), count * 4)
    .filter((k) => isMatchTerm(k.keyword))
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
