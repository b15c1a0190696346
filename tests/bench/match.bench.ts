/**
 * Matching benchmark (`npm run bench:match`), issue #5 item 7.
 *
 * 1. Quality, on two labeled sets, each loaded into a fresh database —
 *    PGlite, or a new server database when DATABASE_URL is set:
 *    - set A (tests/fixtures/matching: 30 demands, 150 results, labels.ts);
 *    - set B (set-b*.ts: 30 demands, 158 results, harder — hard negatives that
 *      share words but not meaning, and grade 1 vs 2 decided by maturity,
 *      price and modes per tests/fixtures/matching/LABELING.md).
 *    For each set it prints nDCG@10 and P@5 of the matcher
 *    (matchResultsForDemand), of a strict keyword baseline (the search
 *    backend's plain text ranking of the demand title, all terms) and of a
 *    fair keyword baseline (same, any term), and the matcher's relative gains.
 *    Targets: nDCG@10 ≥ 0.80 and ≥ 20 % above the baseline — judged for the
 *    exit code on set B against the fair baseline (all four verdicts printed).
 * 2. Speed (only with DATABASE_URL): 100,000 synthetic results in the server
 *    database `tb_bench_match` (generated once, reused while complete), then
 *    p50/p95 of matchResultsForDemand over BENCH_DEMANDS (default 120)
 *    demands, BENCH_RUNS (default 3) runs, and the median across runs.
 *    Target: p95 ≤ 100 ms.
 *
 * Environment: BENCH_VERBOSE=1 prints every demand's top 5; BENCH_SKIP_SPEED=1.
 * Exits 1 when a target is missed.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { matchResultsForDemand } from "../../app/domain/matching/matcher.server";
import { type Database, openDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import { LISTING_INDEXES, RESULTS_INDEX } from "../../search/index-definitions";
import { createPostgresSearchBackend } from "../../search/postgres-backend";
import { type BenchSet, loadMatchingSet, SET_A, SET_B_BENCH } from "./match-dataset";
import { mean, median, ndcgAt, percentile, precisionAt } from "./ranking-metrics";
import { runSpeedBenchmark } from "./match-speed";

const TARGET_NDCG = 0.8;
const TARGET_GAIN = 0.2;
const TARGET_P95_MS = 100;
const verbose = process.env.BENCH_VERBOSE === "1";

async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ pgliteDir: "memory://" });
    await migrateToLatest(database.db);
    return { database, drop: () => database.close() };
  }
  const name = `tb_bench_match_quality_${randomBytes(4).toString("hex")}`;
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? url;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 4 });
  await migrateToLatest(database.db);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

interface SetQuality {
  set: string;
  demands: number;
  matcher: { ndcg: number; p5: number };
  strict: { ndcg: number; p5: number };
  fair: { ndcg: number; p5: number };
}

/** Runs the matcher and both keyword baselines on one labeled set in a fresh database. */
async function quality(benchSet: BenchSet): Promise<SetQuality> {
  const { database, drop } = await freshDatabase();
  try {
    const db = database.db;
    const set = await loadMatchingSet(db, new Date(), benchSet);
    const search = createPostgresSearchBackend(db, LISTING_INDEXES);
    const rows: {
      matcher: [number, number];
      baseline: [number, number];
      anyTerm: [number, number];
    }[] = [];
    for (const demand of benchSet.demands) {
      const labels = benchSet.labels[demand.key] ?? {};
      const id = set.demandIds.get(demand.key);
      if (id === undefined) throw new Error(`demand ${demand.key} not loaded`);
      const matches = await matchResultsForDemand(db, search, id, { limit: 10 });
      const ranked = matches.map((m) => set.resultKeys.get(m.id) ?? "?");
      // Strict keyword baseline: plain search of the title, all terms.
      const plain = await search.search(RESULTS_INDEX, {
        q: demand.title,
        page: 1,
        hitsPerPage: 10,
      });
      const baseline = plain.hits.map((h) => set.resultKeys.get(Number(h.document.id)) ?? "?");
      // Fair keyword baseline: any term of the title, by the backend's text rank.
      const loose = await search.search(RESULTS_INDEX, {
        q: demand.title,
        matchingStrategy: "any",
        page: 1,
        hitsPerPage: 10,
      });
      const anyTerm = loose.hits.map((h) => set.resultKeys.get(Number(h.document.id)) ?? "?");
      rows.push({
        matcher: [ndcgAt(10, ranked, labels), precisionAt(5, ranked, labels)],
        baseline: [ndcgAt(10, baseline, labels), precisionAt(5, baseline, labels)],
        anyTerm: [ndcgAt(10, anyTerm, labels), precisionAt(5, anyTerm, labels)],
      });
      if (verbose) {
        console.log(
          `${benchSet.name}/${demand.key} ${demand.title}  nDCG@10 matcher ${rows.at(-1)?.matcher[0].toFixed(2)} fair ${rows.at(-1)?.anyTerm[0].toFixed(2)}`,
        );
        for (const m of matches.slice(0, 5)) {
          const key = set.resultKeys.get(m.id) ?? "?";
          console.log(`   ${key} [${labels[key] ?? 0}] ${m.score} ${m.title} — ${m.reason}`);
        }
      }
    }
    const avg = (key: "matcher" | "baseline" | "anyTerm") => ({
      ndcg: mean(rows.map((r) => r[key][0])),
      p5: mean(rows.map((r) => r[key][1])),
    });
    return {
      set: benchSet.name,
      demands: rows.length,
      matcher: avg("matcher"),
      strict: avg("baseline"),
      fair: avg("anyTerm"),
    };
  } finally {
    await drop();
  }
}

const gainOf = (a: number, b: number) => (b > 0 ? a / b - 1 : Number.POSITIVE_INFINITY);
const pct = (a: number, b: number) => (b > 0 ? `${(gainOf(a, b) * 100).toFixed(1)} %` : "∞");
const meets = (q: SetQuality, b: { ndcg: number }) =>
  q.matcher.ndcg >= TARGET_NDCG && gainOf(q.matcher.ndcg, b.ndcg) >= TARGET_GAIN;

/** Prints one set's figures and whether the targets are met against each baseline. */
function report(q: SetQuality, dialect: string, note: string): void {
  console.log(`\nQuality on ${dialect}, set ${q.set} (${note}): ${q.demands} demands`);
  console.log(
    `  matcher          nDCG@10 ${q.matcher.ndcg.toFixed(3)}   P@5 ${q.matcher.p5.toFixed(3)}`,
  );
  for (const [name, b, text] of [
    ["strict baseline ", q.strict, "plain search of the title, all terms"],
    ["fair baseline   ", q.fair, "search of the title, any term"],
  ] as const) {
    console.log(
      `  ${name} nDCG@10 ${b.ndcg.toFixed(3)}   P@5 ${b.p5.toFixed(3)}   matcher gain ${pct(q.matcher.ndcg, b.ndcg)} / ${pct(q.matcher.p5, b.p5)}  (${text})`,
    );
  }
  console.log(
    `  targets          nDCG@10 ≥ ${TARGET_NDCG} and ≥ ${TARGET_GAIN * 100} % above the baseline: strict ${meets(q, q.strict) ? "met" : "MISSED"}, fair ${meets(q, q.fair) ? "met" : "MISSED"}`,
  );
}

async function main(): Promise<void> {
  const dialect = process.env.DATABASE_URL ? "postgres" : "pglite";
  const a = await quality(SET_A);
  report(a, dialect, "tests/fixtures/matching labels.ts");
  const b = await quality(SET_B_BENCH);
  report(b, dialect, "harder, attribute-decided grades, set-b-labels.ts");
  // The quality target is judged on set B against the fair (any-term) baseline:
  // set A is too easy for keywords to show a 20 % gain, and the strict baseline
  // is a strawman. Both are printed above.
  let ok = meets(b, b.fair);
  console.log(`\nQuality target (set B, fair baseline): ${ok ? "met" : "MISSED"}`);
  if (process.env.DATABASE_URL && process.env.BENCH_SKIP_SPEED !== "1") {
    const runs = await runSpeedBenchmark();
    const p50s = runs.map((r) => percentile(r, 50));
    const p95s = runs.map((r) => percentile(r, 95));
    runs.forEach((r, i) =>
      console.log(
        `  run ${i + 1}: p50 ${p50s[i]?.toFixed(1)} ms  p95 ${p95s[i]?.toFixed(1)} ms  (${r.length} demands)`,
      ),
    );
    const p95 = median(p95s);
    console.log(
      `  median of ${runs.length} runs: p50 ${median(p50s).toFixed(1)} ms  p95 ${p95.toFixed(1)} ms (target p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? "met" : "MISSED"})`,
    );
    ok &&= p95 <= TARGET_P95_MS;
  } else {
    console.log("\nSpeed: skipped (set DATABASE_URL to run it on the PostgreSQL server)");
  }
  process.exitCode = ok ? 0 : 1;
}

await main();
