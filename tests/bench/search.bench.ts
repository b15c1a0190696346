/**
 * Search benchmark (`npm run bench:search`): the Postgres search backend on
 * the PostgreSQL server against a naive ILIKE scan of the same rows.
 *
 * Creates a fresh database from DATABASE_URL (created from
 * TEST_ADMIN_DATABASE_URL's database when set), indexes 100,000 synthetic
 * Chinese listings through the backend (Zipf-distributed field and common
 * vocabulary from jieba's dictionary), then times two sets of 200 two-term
 * Chinese queries, each with two facet filters and 20 hits per page, with
 * and without facet counts, interleaved with the equivalent
 * `ILIKE '%a%' AND ILIKE '%b%'` scan:
 * - core words: each field's 20 most frequent words (dense, conservative;
 *   the targets are judged on this set);
 * - field vocabulary drawn like the documents' own words.
 * Prints p50/p95 and ratios, then a few other query shapes for context, and
 * drops the database. Exits 1 when the p95 target or the facet-less ratio
 * target is missed.
 *
 * Environment: BENCH_DOCUMENTS (default 100000), BENCH_QUERIES (default
 * 200), BENCH_KEEP_DATABASE=1 to keep the database for EXPLAIN.
 * Targets: backend p95 ≤ 30 ms and ≥ 20× faster than the scan (p50).
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import postgres from "postgres";
import { openDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import { dict } from "@node-rs/jieba/dict";
import { queryTerms } from "../../search/analysis";
import { createPostgresSearchBackend } from "../../search/postgres-backend";
import type { IndexDefinition, SearchDocument, SearchQuery } from "../../search/types";

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const BATCH = 1_000;
const TARGET_P95_MS = 30;
const TARGET_RATIO = 20;

/** Mirrors the results index (search/index-definitions.ts) so the bench stays self-contained. */
const benchIndex: IndexDefinition = {
  name: "bench_results",
  searchableAttributes: ["title", "keywords", "summary", "description", "organizationName"],
  filterableAttributes: ["techField", "maturity", "transferModes", "sourceProvince", "ipType"],
  sortableAttributes: ["publishedAt", "askingPriceFen"],
  highlightAttributes: ["title"],
  snippetAttributes: ["description"],
  snippetLength: 90,
};

/** A word list written as one space-separated string. */
const wordList = (list: string): string[] => list.split(" ");

const FIELD_WORDS: Record<string, string[]> = {
  electronic_information: wordList(
    "芯片 传感器 物联网 算法 数据 云计算 区块链 通信 雷达 图像 识别 软件 网络 安全 边缘计算 机器视觉 工业互联网 人工智能 服务器 存储",
  ),
  aerospace: wordList(
    "卫星 无人机 飞行器 导航 遥感 发动机 叶片 航空 航天 涂层 轴承 姿态 载荷 火箭 机翼 钛合金 热防护 测控 燃烧室 复合材料",
  ),
  advanced_manufacturing: wordList(
    "数控机床 机器人 焊接 铸造 管件 弯头 法兰 模具 激光熔覆 增材制造 减速器 齿轮 液压 自动化 装配 检测 刀具 智能制造 轴承 熔模铸造",
  ),
  biomedicine: wordList(
    "疫苗 抗体 药物 诊断 试剂盒 医疗器械 基因 细胞 蛋白 中药 制剂 靶向 影像 康复 支架 导管 微生物 发酵 筛选 检测",
  ),
  new_materials: wordList(
    "石墨烯 碳纤维 陶瓷 涂层 合金 高分子 纳米 薄膜 复合材料 防腐涂层 树脂 橡胶 玻璃 磁性 稀土 催化剂 纤维 塑料 胶粘剂 钢材",
  ),
  new_energy: wordList(
    "光伏 储能 氢能 锂电池 风电 燃料电池 逆变器 充电桩 热泵 余热回收 节能降耗 电解 电网 变压器 光热 生物质 电池 电机 照明 节能",
  ),
  environmental_protection: wordList(
    "废水处理 污水处理 固废 脱硫 脱硝 除尘 土壤 膜分离 污泥 垃圾 回收 资源化 监测 废气 危废 生物降解 臭氧 吸附 絮凝 废水",
  ),
  nuclear_application: wordList(
    "辐照 同位素 射线 探测器 屏蔽 核电 反应堆 放射性 剂量 加速器 辐射 中子 核素 无损检测 核医学 燃料 退役 废物 监测 防护",
  ),
  agriculture: wordList(
    "盐碱地 育种 小麦 玉米 水稻 大豆 棉花 灌溉 施肥 农机 植保 病虫害 畜牧 养殖 饲料 果蔬 保鲜 种子 土壤 温室",
  ),
  modern_transportation: wordList(
    "新能源汽车 轨道交通 自动驾驶 车联网 制动 物流 港口 船舶 道路 桥梁 隧道 信号 调度 充电 底盘 轮胎 高铁 交通 车辆 导航",
  ),
  urban_social_development: wordList(
    "建筑 装配式 供热 排水 消防 社区 养老 教育 公共安全 智慧城市 管网 照明 绿化 建材 抗震 保温 应急 医疗 文旅 市政",
  ),
};

/** Characters that mark a dictionary word as belonging to a field's vocabulary. */
const FIELD_CHARS: Record<string, string> = {
  electronic_information: "电芯数网算信码像频屏",
  aerospace: "航飞星箭翼导舱",
  advanced_manufacturing: "机床焊铸模件械刀",
  biomedicine: "药医病疫菌基细蛋诊",
  new_materials: "材纳膜碳胶陶钢塑纤",
  new_energy: "能电光风氢池热",
  environmental_protection: "污废水环排尘渣治",
  nuclear_application: "核辐射铀放",
  agriculture: "农种稻麦肥畜禽果蔬田林",
  modern_transportation: "车路铁船港运桥轨",
  urban_social_development: "城建房楼社市消管供",
};
const TECH_FIELDS = Object.keys(FIELD_WORDS);
const MATURITY = ["laboratory", "small_trial", "pilot", "industrialization"];
const MODES = ["transfer", "license", "equity", "cooperation", "service"];
const IP_TYPES = wordList(
  "invention_patent utility_model design_patent software_copyright technical_secret plant_variety ic_layout none",
);
const PROVINCES = wordList(
  "130000 130000 130000 130000 110000 110000 120000 370000 320000 310000 440000",
);
const ADJECTIVES = wordList(
  "高效 新型 智能 低成本 绿色 一体化 高精度 小型化 模块化 在线 快速 长寿命",
);
const SUFFIXES = wordList(
  "技术 系统 装置 方法 工艺 设备 平台 材料 制备方法 解决方案 关键技术 应用",
);
const PROBLEMS = wordList("能耗高 效率低 成本高 稳定性差 污染重 依赖进口 寿命短 精度不足");
const BENEFITS = wordList(
  "能耗降低三成 生产效率提高两倍 综合成本下降四成 产品合格率达到九成以上 运行稳定可靠 填补了国内空白",
);
const PLACES = wordList("沧州 黄骅 任丘 泊头 河间 北京 天津 石家庄 保定 唐山 济南 南京");
const ORG_KINDS = wordList(
  "大学 理工大学 农林科学院 工业技术研究院 科技有限公司 新材料有限公司 装备制造有限公司",
);
const NUMBERS = ["两", "三", "五", "八", "十", "十二", "二十"];

/** mulberry32: a small seeded PRNG so every run indexes the same corpus. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(20261130);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
/** Zipf-like pick (log-uniform rank): the first entries are by far the most frequent. */
const zipf = <T>(list: readonly T[]): T =>
  list[Math.min(list.length - 1, Math.floor((list.length + 1) ** rand()) - 1)] as T;
const some = <T>(list: readonly T[], max: number, choose: (l: readonly T[]) => T = pick): T[] => {
  const count = 1 + Math.floor(rand() * max);
  return [...new Set(Array.from({ length: count }, () => choose(list)))];
};

/** Nouns of jieba's dictionary, most frequent first: [word, frequency]. */
function dictionaryNouns(): [string, number][] {
  return new TextDecoder()
    .decode(dict)
    .split("\n")
    .map((line) => line.split(" "))
    .filter(
      ([word, , tag]) =>
        word && word.length >= 2 && word.length <= 4 && ["n", "nz", "vn"].includes(tag ?? ""),
    )
    .map(([word, freq]): [string, number] => [word ?? "", Number(freq)])
    .sort((a, b) => b[1] - a[1]);
}

/**
 * Realistic term statistics: each field's vocabulary is its hand-picked
 * core words followed by ~300 dictionary nouns sharing its characters, and
 * every text also draws on 4,000 common nouns; all picked Zipf-like.
 */
function vocabularies(): { fields: Record<string, string[]>; background: string[] } {
  const nouns = dictionaryNouns();
  const fields: Record<string, string[]> = {};
  for (const field of TECH_FIELDS) {
    const core = FIELD_WORDS[field] ?? [];
    const chars = [...(FIELD_CHARS[field] ?? "")];
    const derived = nouns
      .filter(([word]) => !core.includes(word) && chars.some((c) => word.includes(c)))
      .slice(0, 300)
      .map(([word]) => word);
    fields[field] = [...core, ...derived];
  }
  return { fields, background: nouns.slice(0, 4_000).map(([word]) => word) };
}

const { fields: VOCABULARY, background: BACKGROUND } = vocabularies();

function sentence(words: readonly string[]): string {
  const f = () => zipf(words);
  const bg = () => zipf(BACKGROUND);
  switch (Math.floor(rand() * 6)) {
    case 0:
      return `本成果针对${f()}领域${bg()}${pick(PROBLEMS)}等问题，研发了一种${pick(ADJECTIVES)}${f()}${pick(SUFFIXES)}。`;
    case 1:
      return `该技术采用${f()}与${f()}相结合的方案，在${bg()}和${bg()}方面${pick(BENEFITS)}。`;
    case 2:
      return `项目团队长期从事${f()}、${bg()}研究，已获得发明专利${pick(NUMBERS)}项。`;
    case 3:
      return `产品已在${pick(PLACES)}等地的${pick(NUMBERS)}家${bg()}企业开展应用示范，${pick(BENEFITS)}。`;
    case 4:
      return `${bg()}${bg()}是当前${f()}行业的难点，本项目通过${f()}实现了${bg()}的突破。`;
    default:
      return `可提供技术转让、技术培训与售后服务，适用于${f()}和${bg()}相关企业。`;
  }
}

function makeDocument(i: number, now: number): SearchDocument {
  const field = pick(TECH_FIELDS);
  const words = VOCABULARY[field] ?? [];
  // One listing in ten borrows vocabulary from another field, as real ones do.
  const mixed = rand() < 0.1 ? [...words, ...(VOCABULARY[pick(TECH_FIELDS)] ?? [])] : words;
  const description = Array.from({ length: 3 + Math.floor(rand() * 4) }, () =>
    sentence(mixed),
  ).join("");
  return {
    id: String(i + 1),
    title: `${pick(ADJECTIVES)}${zipf(words)}${zipf(words)}${pick(SUFFIXES)}`,
    keywords: some(words, 4, zipf),
    summary: sentence(words),
    description,
    organizationName: `${pick(PLACES)}${pick(ORG_KINDS)}`,
    techField: field,
    maturity: pick(MATURITY),
    transferModes: some(MODES, 3),
    sourceProvince: pick(PROVINCES),
    ipType: pick(IP_TYPES),
    askingPriceFen: rand() < 0.4 ? null : Math.round(1_000_000 + rand() * 999_000_000),
    publishedAt: now - Math.floor(rand() * 3 * 365 * 86_400_000),
  };
}

interface BenchQuery {
  words: [string, string];
  techField: string;
  maturity: string;
}

/**
 * `count` distinct two-term queries, each filtered by the field its words
 * come from and a random maturity. `word` picks a word of a field.
 */
function makeQueries(count: number, word: (field: string) => string): BenchQuery[] {
  const queries: BenchQuery[] = [];
  const seen = new Set<string>();
  while (queries.length < count) {
    const techField = pick(TECH_FIELDS);
    const a = word(techField);
    const b = word(techField);
    const key = `${a} ${b} ${techField}`;
    // Keep queries that analyse to exactly two terms.
    if (a === b || seen.has(key) || queryTerms(`${a} ${b}`).length !== 2) continue;
    seen.add(key);
    queries.push({ words: [a, b], techField, maturity: pick(MATURITY) });
  }
  return queries;
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function time<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  samples.push(performance.now() - started);
  return result;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function main(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    console.error(
      "bench:search needs DATABASE_URL (a PostgreSQL server); PGlite is not benchmarked.",
    );
    process.exit(2);
  }
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? baseUrl;
  const name = `tb_bench_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  const { db } = database;
  console.log(`database ${name}`);

  try {
    await migrateToLatest(db);
    await sql`create table bench_plain (
      id text primary key, title text, keywords text, summary text, description text,
      organization_name text, tech_field text, maturity text, published_at bigint)`.execute(db);
    const backend = createPostgresSearchBackend(db, [benchIndex]);
    await backend.ensureIndexes([benchIndex]);

    const now = Date.now();
    const loadStarted = performance.now();
    for (let start = 0; start < DOCUMENTS; start += BATCH) {
      const documents = Array.from({ length: Math.min(BATCH, DOCUMENTS - start) }, (_, i) =>
        makeDocument(start + i, now),
      );
      await backend.upsert(benchIndex.name, documents);
      const plain = JSON.stringify(
        documents.map((d) => ({ ...d, keywords: (d.keywords as string[]).join(" ") })),
      );
      await sql`insert into bench_plain
        select id, title, keywords, summary, description, "organizationName", "techField", maturity, "publishedAt"
        from jsonb_to_recordset(${plain}::text::jsonb) as r(id text, title text, keywords text,
          summary text, description text, "organizationName" text, "techField" text,
          maturity text, "publishedAt" bigint)`.execute(db);
      const done = start + documents.length;
      if (done % 10_000 === 0 || done === DOCUMENTS) {
        const seconds = (performance.now() - loadStarted) / 1000;
        console.log(`indexed ${done.toLocaleString()} documents in ${seconds.toFixed(0)} s`);
      }
    }
    await sql`vacuum analyze search_documents`.execute(db);
    await sql`vacuum analyze bench_plain`.execute(db);
    const { rows: sizes } = await sql<{ table: string; size: string }>`
      select 'search_documents' as table, pg_size_pretty(pg_total_relation_size('search_documents')) as size
      union all select 'bench_plain', pg_size_pretty(pg_total_relation_size('bench_plain'))`.execute(
      db,
    );
    console.log(sizes.map((s) => `${s.table}: ${s.size}`).join(", "));

    const facets = benchIndex.filterableAttributes;
    const searchOf = (query: BenchQuery): SearchQuery => ({
      q: query.words.join(" "),
      filters: { techField: [query.techField], maturity: [query.maturity] },
      facets,
      page: 1,
      hitsPerPage: 20,
    });
    const scan = async (query: BenchQuery) => {
      const [a, b] = query.words;
      const { rows } = await sql<{ id: string; title: string; total: number }>`
        select id, title, count(*) over ()::int as total from bench_plain
        where tech_field = ${query.techField} and maturity = ${query.maturity}
          and concat_ws(' ', title, keywords, summary, description, organization_name) ilike ${likePattern(a)}
          and concat_ws(' ', title, keywords, summary, description, organization_name) ilike ${likePattern(b)}
        order by published_at desc limit 20`.execute(db);
      return rows[0]?.total ?? 0;
    };

    /** Times `queries` on the backend (with and without facet counts) and the scan. */
    const compare = async (label: string, queries: readonly BenchQuery[]) => {
      // Warm caches and plans; not measured.
      for (const query of queries.slice(0, 20)) {
        await backend.search(benchIndex.name, searchOf(query));
        await scan(query);
      }
      // Interleaved, so load from other processes falls on all three alike;
      // the two backend variants alternate which runs first (a query's first
      // run reads its pages into shared buffers, the second finds them there).
      const withFacets: number[] = [];
      const withoutFacets: number[] = [];
      const scans: number[] = [];
      const hitCounts: number[] = [];
      let scanTotal = 0;
      for (const [i, query] of queries.entries()) {
        const faceted = () =>
          time(withFacets, () => backend.search(benchIndex.name, searchOf(query)));
        const plain = () =>
          time(withoutFacets, () =>
            backend.search(benchIndex.name, { ...searchOf(query), facets: [] }),
          );
        let response;
        if (i % 2 === 0) {
          response = await faceted();
          await plain();
        } else {
          await plain();
          response = await faceted();
        }
        scanTotal += await time(scans, () => scan(query));
        hitCounts.push(response.totalHits);
      }

      const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
      const row = (name: string, samples: number[]) =>
        console.log(
          `  ${name.padEnd(28)} p50 ${ms(percentile(samples, 50)).padStart(9)}  p95 ${ms(percentile(samples, 95)).padStart(9)}`,
        );
      const ratio = percentile(scans, 50) / percentile(withFacets, 50);
      const plainRatio = percentile(scans, 50) / percentile(withoutFacets, 50);
      console.log(
        `\n${label}: ${queries.length} two-term queries, two facet filters, 20 hits per page`,
      );
      console.log(
        `  hits per query: mean ${mean(hitCounts).toFixed(0)}, median ${percentile(hitCounts, 50)}, ` +
          `p95 ${percentile(hitCounts, 95)} (ILIKE agrees: mean ${(scanTotal / queries.length).toFixed(0)})`,
      );
      row(`backend, ${facets.length} facets counted`, withFacets);
      row("backend, no facets", withoutFacets);
      row("ILIKE scan", scans);
      console.log(
        `  ratio ILIKE / backend p50   ${ratio.toFixed(1)}× (no facets: ${plainRatio.toFixed(1)}×)`,
      );
      return { p95: percentile(withFacets, 95), ratio, plainRatio };
    };

    const core = await compare(
      "core words (each field's 20 most frequent)",
      makeQueries(QUERIES, (field) => pick(FIELD_WORDS[field] ?? [])),
    );
    await compare(
      "field vocabulary, Zipf-weighted as in the documents",
      makeQueries(QUERIES, (field) => zipf(VOCABULARY[field] ?? [])),
    );
    const queries = makeQueries(50, (field) => pick(FIELD_WORDS[field] ?? []));

    const shapes: [string, (q: BenchQuery) => SearchQuery][] = [
      [
        "two terms, no filters",
        (q) => ({ q: q.words.join(" "), facets, page: 1, hitsPerPage: 20 }),
      ],
      [
        "one term, one filter",
        (q) => ({
          q: q.words[0],
          filters: { techField: [q.techField] },
          facets,
          page: 1,
          hitsPerPage: 20,
        }),
      ],
      [
        "empty query, one filter",
        (q) => ({ filters: { techField: [q.techField] }, facets, page: 1, hitsPerPage: 20 }),
      ],
      ["empty query, no filters", () => ({ facets, page: 1, hitsPerPage: 20 })],
      [
        "empty query, price sort, no facets",
        () => ({
          sort: { attribute: "askingPriceFen", direction: "asc" },
          page: 1,
          hitsPerPage: 20,
        }),
      ],
    ];
    console.log("\nother shapes (p50 / p95 over 50 queries):");
    for (const [label, shape] of shapes) {
      const samples: number[] = [];
      for (const query of queries) {
        await time(samples, () => backend.search(benchIndex.name, shape(query)));
      }
      console.log(
        `  ${label.padEnd(36)} ${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))}`,
      );
    }

    const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
    const p95Met = core.p95 <= TARGET_P95_MS;
    const ratioMet = core.ratio >= TARGET_RATIO;
    const plainRatioMet = core.plainRatio >= TARGET_RATIO;
    console.log(`\ntargets (core-word queries, backend with facet counts unless said):`);
    console.log(`  p95 ≤ ${TARGET_P95_MS} ms: ${verdict(p95Met)}`);
    console.log(
      `  p50 ≥ ${TARGET_RATIO}× faster than the scan: ${verdict(ratioMet)} (without facet counts: ${verdict(plainRatioMet)})`,
    );
    if (!p95Met || !plainRatioMet) process.exitCode = 1;
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP_DATABASE === "1") {
      console.log(`kept database ${name}`);
    } else {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    }
    await admin.end();
  }
}

await main();
