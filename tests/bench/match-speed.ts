/**
 * Speed part of the matching benchmark: 100,000 synthetic research results
 * (and BENCH_DEMANDS demands) in the server database `tb_bench_match`,
 * generated once from the vocabulary of the labeled set (tests/fixtures/
 * matching, per 技术领域) and jieba's common nouns, Zipf-distributed; kept
 * and reused while complete. Returns the per-demand times (ms) of
 * matchResultsForDemand for each run; the analysed-text cache is cleared
 * before every run, so each run measures cold requests.
 */
import { dict } from "@node-rs/jieba/dict";
import { sql } from "kysely";
import postgres from "postgres";
import { matchResultsForDemand } from "../../app/domain/matching/matcher.server";
import { clearProfileCache } from "../../app/domain/matching/profiles.server";
import { clearTermStatistics } from "../../app/domain/matching/term-frequency.server";
import { type Database, openDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import { queryTerms } from "../../search/analysis";
import { LISTING_INDEXES, RESULTS_INDEX } from "../../search/index-definitions";
import { createPostgresSearchBackend } from "../../search/postgres-backend";
import type { SearchDocument } from "../../search/types";
import { BENCH_DEMANDS, BENCH_RESULTS } from "../fixtures/matching/index";

const DATABASE = "tb_bench_match";
const RESULTS = Number(process.env.BENCH_RESULTS ?? 100_000);
const DEMANDS = Number(process.env.BENCH_DEMANDS ?? 120);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH = 1_000;
const ORGS = 300;
const DAY_MS = 86_400_000;
/** Bump when the generator changes: a database made by another version is regenerated. */
const GENERATOR_VERSION = 2;
const ORG_PREFIX = `基准机构v${GENERATOR_VERSION}-`;

/** mulberry32, seeded: every generation makes the same corpus. */
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
const zipf = <T>(list: readonly T[]): T =>
  list[Math.min(list.length - 1, Math.floor((list.length + 1) ** rand()) - 1)] as T;

const FIELDS = [...new Set(BENCH_RESULTS.map((r) => r.techField))];
const MATURITY = ["laboratory", "small_trial", "pilot", "industrialization"];
const MODES = ["transfer", "license", "equity", "cooperation", "service"];
const REGIONS = [
  "110108",
  "110105",
  "120104",
  "120116",
  "130903",
  "130983",
  "130102",
  "370102",
  "320102",
];
const SUFFIXES = ["技术", "系统", "装置", "工艺", "设备", "材料", "关键技术", "成套技术"];

/** Characters that mark a dictionary noun as belonging to a field (as in search.bench.ts). */
const FIELD_CHARS: Record<string, string> = {
  electronic_information: "电芯数网算信码像频屏",
  biomedicine: "药医病疫菌基细蛋诊",
  new_materials: "材纳膜碳胶陶钢塑纤",
  new_energy: "能电光风氢池热",
  environmental_protection: "污废水环排尘渣治",
  agriculture: "农种稻麦肥畜禽果蔬田林",
  urban_social_development: "城建房楼社市消管供",
  advanced_manufacturing: "机床焊铸模件械刀",
};

/** A seeded shuffle, so no word owes its frequency to its place in the fixtures. */
function shuffled<T>(list: readonly T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Field vocabularies: the labeled set's words of that field plus up to 1,000
 * dictionary nouns sharing the field's characters, shuffled; background:
 * jieba's 3,000 most common nouns. Words are then drawn Zipf-like, so a few
 * words of each field are very common and most are rare, as in real text.
 */
function vocabulary(): { fields: Map<string, string[]>; background: string[] } {
  const nouns = new TextDecoder()
    .decode(dict)
    .split("\n")
    .map((l) => l.split(" "))
    .filter(([w, , tag]) => w && w.length >= 2 && w.length <= 4 && tag === "n")
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .map(([w]) => w ?? "");
  const fields = new Map<string, string[]>();
  for (const r of BENCH_RESULTS) {
    const words = queryTerms(`${r.title} ${r.keywords.join(" ")} ${r.description}`, 200).filter(
      (w) => w.length >= 2,
    );
    fields.set(r.techField, [...new Set([...(fields.get(r.techField) ?? []), ...words])]);
  }
  for (const [field, words] of fields) {
    const chars = [...(FIELD_CHARS[field] ?? "")];
    const derived = nouns.filter((w) => chars.some((c) => w.includes(c))).slice(0, 1_000);
    fields.set(field, shuffled([...new Set([...words, ...derived])]));
  }
  return { fields, background: nouns.slice(0, 3_000) };
}

function text(field: readonly string[], background: readonly string[]) {
  const f = () => zipf(field);
  const title = `${f()}${f()}${pick(SUFFIXES)}`;
  const keywords = [...new Set([f(), f(), f()])];
  const description = [
    `本成果针对${f()}和${zipf(background)}中${f()}的问题，研发了${f()}${pick(SUFFIXES)}。`,
    `采用${f()}与${f()}相结合的方案，在${zipf(background)}方面效果显著。`,
    `已在${zipf(background)}企业应用，可用于${f()}、${f()}和${zipf(background)}。`,
  ].join("");
  return { title, keywords, description };
}

async function serverDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required for the speed benchmark");
  const admin = postgres(process.env.TEST_ADMIN_DATABASE_URL ?? url, {
    max: 1,
    onnotice: () => {},
  });
  const exists = await admin`select 1 from pg_database where datname = ${DATABASE}`;
  if (exists.length === 0) await admin.unsafe(`create database ${DATABASE}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${DATABASE}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 4 });
  await migrateToLatest(database.db);
  return database;
}

async function generate(database: Database): Promise<void> {
  const db = database.db;
  const { fields, background } = vocabulary();
  console.log(`Speed: generating ${RESULTS} results and ${DEMANDS} demands in ${DATABASE} (once)…`);
  await sql`truncate match_candidates, match_feedback, inquiries, results, demands, organizations, search_documents, search_outbox restart identity cascade`.execute(
    db,
  );
  const orgRows = Array.from({ length: ORGS }, (_, i) => ({
    kind: i < 30 ? "enterprise" : "university",
    name: `${ORG_PREFIX}${i + 1}`,
    region_code: i < 30 ? "130983" : pick(REGIONS),
    party_type: i < 30 ? "170" : "022",
    intro: "",
    verification_status: "verified" as const,
  }));
  const orgs = await db
    .insertInto("organizations")
    .values(orgRows)
    .returning(["id", "name", "region_code"])
    .execute();
  const search = createPostgresSearchBackend(db, LISTING_INDEXES);
  const now = Date.now();
  for (let start = 0; start < RESULTS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, RESULTS - start) }, () => {
      const techField = zipf(FIELDS);
      const org = orgs[30 + Math.floor(rand() * (ORGS - 30))]!;
      const t = text(fields.get(techField) ?? [], background);
      const publishedAt = new Date(now - Math.floor(rand() * 700) * DAY_MS);
      return {
        org,
        row: {
          organization_id: org.id,
          ...t,
          summary: "",
          tech_field: techField,
          maturity: pick(MATURITY),
          trl: null,
          ip_type: "invention_patent",
          patent_numbers: [],
          transfer_modes: [...new Set([pick(MODES), pick(MODES)])],
          asking_price_fen: rand() < 0.3 ? null : Math.floor(rand() * 500) * 1_000_000,
          status: "published",
          published_at: publishedAt,
          expires_at: new Date(publishedAt.getTime() + 365 * DAY_MS),
          created_by: null,
          submitted_at: null,
          reviewed_by: null,
          reviewed_at: null,
          rejection_reason: null,
          rejection_note: null,
          pending_revision: null,
          revision_submitted_at: null,
          seed_key: null,
        },
      };
    });
    const ids = await db
      .insertInto("results")
      .values(rows.map((r) => r.row))
      .returning("id")
      .execute();
    const documents: SearchDocument[] = rows.map(({ org, row }, i) => ({
      id: String(ids[i]!.id),
      title: row.title,
      summary: row.summary,
      description: row.description,
      keywords: row.keywords,
      organizationName: org.name,
      organizationId: org.id,
      regionName: "",
      techField: row.tech_field,
      maturity: row.maturity,
      trl: null,
      transferModes: row.transfer_modes,
      sourceProvince: `${org.region_code.slice(0, 2)}0000`,
      ipType: row.ip_type,
      askingPriceFen: row.asking_price_fen,
      publishedAt: row.published_at.getTime(),
    }));
    await search.upsert(RESULTS_INDEX, documents);
    if ((start / BATCH) % 10 === 9) console.log(`  ${start + BATCH} results`);
  }
  const demandRows = Array.from({ length: DEMANDS }, (_, i) => {
    const fixture = BENCH_DEMANDS[i];
    const techField = fixture?.techField ?? zipf(FIELDS);
    const t = fixture ?? text(fields.get(techField) ?? [], background);
    return {
      organization_id: orgs[i % 30]!.id,
      title: t.title,
      description: t.description,
      keywords: t.keywords,
      tech_field: techField,
      budget_min_fen: 10_000_000,
      budget_max_fen: 100_000_000,
      desired_modes: ["license", "cooperation"],
      deadline: null,
      region_code: "130983",
      status: "published",
      published_at: new Date(now - i * DAY_MS),
      expires_at: new Date(now + 300 * DAY_MS),
      created_by: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
      rejection_reason: null,
      rejection_note: null,
      pending_revision: null,
      revision_submitted_at: null,
      seed_key: null,
    };
  });
  await db.insertInto("demands").values(demandRows).execute();
  await sql`analyze`.execute(db);
}

/** Per-run lists of per-demand times in ms. */
export async function runSpeedBenchmark(): Promise<number[][]> {
  const database = await serverDatabase();
  try {
    const db = database.db;
    const counts = await sql<{ results: number; demands: number; version: number }>`
      select (select count(*)::int from results where status = 'published') as results,
             (select count(*)::int from demands where status = 'published') as demands,
             (select count(*)::int from organizations where name = ${`${ORG_PREFIX}1`}) as version`.execute(
      db,
    );
    const have = counts.rows[0];
    if (have?.results !== RESULTS || have.demands !== DEMANDS || have.version !== 1) {
      await generate(database);
    } else console.log(`\nSpeed: reusing ${DATABASE} (${RESULTS} results, ${DEMANDS} demands)`);
    const search = createPostgresSearchBackend(db, LISTING_INDEXES);
    clearTermStatistics(); // the quality part cached the statistics of its own database
    const ids = (await db.selectFrom("demands").select("id").orderBy("id").execute()).map(
      (r) => r.id,
    );
    await matchResultsForDemand(db, search, ids[0]!); // loads jieba, warms the pool
    const runs: number[][] = [];
    const cpu: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      clearProfileCache();
      const times: number[] = [];
      const before = process.cpuUsage();
      for (const id of ids) {
        const start = performance.now();
        await matchResultsForDemand(db, search, id, { limit: 10 });
        times.push(performance.now() - start);
      }
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000 / ids.length);
      runs.push(times);
    }
    const [load1] = (await import("node:os")).loadavg();
    console.log(
      `Speed on the PostgreSQL server, ${RESULTS} results, cold text cache per run ` +
        `(load average ${load1?.toFixed(1)}; Node CPU per demand ${cpu.map((c) => c.toFixed(1)).join(" / ")} ms):`,
    );
    return runs;
  } finally {
    await database.close();
  }
}
