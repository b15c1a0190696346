/**
 * Statistics benchmark (`npm run bench:stats`): the dashboard's aggregates
 * over 1,000,000 contracts on the PostgreSQL server.
 *
 * Creates database tb_bench_stats (dropped first if left over) next to
 * DATABASE_URL, migrates it, and generates the contracts in SQL
 * (generate_series, fixed seed): registration dates over 2025-01-01 …
 * 2026-11-30; sellers over every county and zone of China (GB/T 2260,
 * about 3,000) with BENCH_HOME_SHARE (default 2 %: the home city's 17 of
 * ~3,000 county codes would be 0.6 %, and Hebei registers about 2 % of the
 * country's contracts) in the home city, 6 % in Beijing and 4 % in Tianjin;
 * buyers nationwide with BENCH_BUYER_SHARE (default 3 %) local; five contract types and eleven fields with uneven
 * weights; amounts log-uniform from 1万元 to about 3,000万元 plus odd fen;
 * 92 % registered, the rest submitted, refused, cancelled or revoked.
 * Home-city sellers make output contracts (16-digit numbers); everyone
 * else's contracts are records registered elsewhere.
 *
 * Then, for several filter combinations, runs each dashboard query
 * BENCH_RUNS times (default 25, sequentially) and the whole dashboard the
 * same number of times exactly as the page does (loadDashboard: all queries
 * in parallel on a pool of 10), and prints p50/p95. Exits 1 when the whole
 * dashboard's p95 exceeds 300 ms in any combination.
 * BENCH_KEEP_DATABASE=1 keeps the database (for EXPLAIN, or for
 * BENCH_REUSE=1, which measures an existing tb_bench_stats again without
 * regenerating it).
 */
import postgres from "postgres";
import { loadDashboard } from "../../app/domain/statistics/dashboard.server";
import {
  periodRange,
  previousYearRange,
  type StatsFilters,
} from "../../app/domain/statistics/stats-filters";
import {
  absorptionByCounty,
  absorptionTotals,
  flowMatrix,
  homeCityOf,
  jingjinByProvince,
  outputBy,
  outputByMonth,
  outputTotals,
} from "../../app/domain/statistics/stats-queries.server";
import { targetProgress } from "../../app/domain/statistics/targets.server";
import { openDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 1_000_000);
const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 25));
const HOME_SHARE = Number(process.env.BENCH_HOME_SHARE ?? 0.02);
const BUYER_SHARE = Number(process.env.BENCH_BUYER_SHARE ?? 0.03);
const TARGET_P95_MS = 300;
const NAME = "tb_bench_stats";
const HOME = homeCityOf("130900");
const TODAY = "2026-11-30";
const BATCH = 100_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up: plans, caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const GENERATE = `
with nat as (select array_agg(code order by code) a from regions
               where level in ('county', 'zone') and left(code, 4) <> '1309'),
     home as (select array_agg(code order by code) a from regions
               where parent_code = '130900' or code = '130900'),
     bj as (select array_agg(code order by code) a from regions where code like '11%' and level in ('county', 'zone')),
     tj as (select array_agg(code order by code) a from regions where code like '12%' and level in ('county', 'zone')),
     g as (select n, random() r1, random() r2, random() r3, random() r4, random() r5,
                  random() r6, random() r7, random() r8, random() r9, random() r10
             from generate_series($1::int, $2::int) n),
     p as (
       select g.*,
         case when r1 < $3 then home.a[1 + floor(r2 * cardinality(home.a))::int]
              when r1 < $3 + 0.06 then bj.a[1 + floor(r2 * cardinality(bj.a))::int]
              when r1 < $3 + 0.10 then tj.a[1 + floor(r2 * cardinality(tj.a))::int]
              else nat.a[1 + floor(r2 * cardinality(nat.a))::int] end as seller,
         case when r3 < $4 then home.a[1 + floor(r4 * cardinality(home.a))::int]
              else nat.a[1 + floor(r4 * cardinality(nat.a))::int] end as buyer,
         date '2025-01-01' + floor(r5 * 699)::int as reg_on,
         case when r6 < 0.30 then 'development' when r6 < 0.40 then 'transfer'
              when r6 < 0.48 then 'license' when r6 < 0.60 then 'consulting' else 'service' end as ctype,
         (array['electronic_information','advanced_manufacturing','new_materials','new_energy',
                'environmental_protection','biomedicine','agriculture','urban_social_development',
                'modern_transportation','aerospace','nuclear_application'])
           [1 + floor(power(r7, 1.6) * 11)::int] as field,
         floor(power(10, 6 + r8 * 3.5))::bigint + floor(r10 * 100)::bigint as amount,
         case when r9 < 0.92 then 'registered' when r9 < 0.95 then 'submitted'
              when r9 < 0.97 then 'refused' when r9 < 0.99 then 'cancelled' else 'revoked' end as status
       from g, nat, home, bj, tj)
insert into contracts (
  direction, status, registration_number, external_registration_number, station_id,
  contract_name, contract_type, contract_subtype,
  seller_name, seller_region_code, seller_party_type, buyer_name, buyer_region_code, buyer_party_type,
  contract_amount_fen, tech_transaction_amount_fen, signed_on, tech_field, ip_type, rule_version,
  registered_on)
select
  case when seller like '1309%' then 'output' else 'absorption' end,
  status,
  case when seller like '1309%' and status not in ('submitted', 'refused')
       then to_char(reg_on, 'YYYY') || '130901' || lpad((n % 1000000)::text, 6, '0') end,
  case when seller not like '1309%' then 'X' || n end,
  case when seller like '1309%' then $5::int end,
  '基准合同' || n, ctype,
  case ctype when 'development' then 'commissioned' when 'transfer' then 'patent_right'
             when 'license' then 'patent_ordinary' when 'consulting' then 'consulting' else 'service' end,
  '卖方' || n, seller, '170', '买方' || n, buyer, '150',
  amount, case when ctype in ('consulting', 'service') then amount else amount * 4 / 5 end,
  reg_on - 10, field, 'none', '2026',
  case when status in ('submitted', 'refused') then null else reg_on end
from p`;

/** Fills the contracts table (see the module comment). */
async function generate(loader: postgres.Sql) {
  const [station] = await loader`insert into registration_stations (station_code, name, region_code)
      values ('01', '沧州市技术合同登记站', '130900') returning id`;
  const counties =
    await loader`select count(*)::int as n from regions where level in ('county', 'zone')`;
  console.log(
    `generating ${CONTRACTS.toLocaleString("en")} contracts over ${counties[0]!.n} counties/zones ` +
      `(home-city sellers ${HOME_SHARE * 100}%, local buyers ${BUYER_SHARE * 100}%)…`,
  );
  const loadStart = performance.now();
  await loader`select setseed(0.20261130)`;
  for (let from = 1; from <= CONTRACTS; from += BATCH) {
    const to = Math.min(CONTRACTS, from + BATCH - 1);
    await loader.unsafe(GENERATE, [from, to, HOME_SHARE, BUYER_SHARE, station!.id as number]);
    process.stdout.write(".");
  }
  await loader`vacuum analyze contracts`;
  console.log(`\ngenerated in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
}

async function main() {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set (a PostgreSQL server is needed)");
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? base;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const reuse =
    process.env.BENCH_REUSE === "1" &&
    (await admin`select 1 from pg_database where datname = ${NAME}`).length > 0;
  if (!reuse) {
    await admin.unsafe(`drop database if exists ${NAME} with (force)`);
    await admin.unsafe(`create database ${NAME}`);
  }
  const url = new URL(base);
  url.pathname = `/${NAME}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  const loader = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await migrateToLatest(database.db);
    if (!reuse) await generate(loader);
    const mix = await loader`select
        count(*) filter (where direction = 'output' and status = 'registered')::int as output,
        count(*) filter (where status = 'registered' and buyer_region_code like '1309%')::int as local_buyer,
        count(*)::int as total from contracts`;
    console.log(
      `${reuse ? "reusing" : "loaded"} ${mix[0]!.total} contracts: ` +
        `${mix[0]!.output} registered output, ${mix[0]!.local_buyer} registered with a local buyer`,
    );

    const db = database.db;
    const combos: [string, StatsFilters][] = [
      [
        "2026 full year, no filter",
        { year: 2026, period: "year", county: null, type: null, field: null },
      ],
      ["2026 Q2", { year: 2026, period: "q2", county: null, type: null, field: null }],
      [
        "2026 year-to-date, county 130982",
        { year: 2026, period: "ytd", county: "130982", type: null, field: null },
      ],
      [
        "2025 full year, development × new_materials",
        { year: 2025, period: "year", county: null, type: "development", field: "new_materials" },
      ],
      [
        "2026 March, service",
        { year: 2026, period: "m3", county: null, type: "service", field: null },
      ],
    ];
    const counties16 = (
      await loader`select code from regions where parent_code = '130900' or code = '130900'`
    ).map((r) => r.code as string);
    let worst = 0;
    for (const [label, f] of combos) {
      const range = periodRange(f.year, f.period, TODAY);
      const previous = previousYearRange(f.year, f.period, TODAY);
      const year = { from: `${f.year}-01-01`, to: `${f.year + 1}-01-01` };
      const queries: [string, () => Promise<unknown>][] = [
        ["output totals", () => outputTotals(db, f, range)],
        ["output totals, last year", () => outputTotals(db, f, previous)],
        ["absorption + 京津 totals", () => absorptionTotals(db, HOME, f, range)],
        ["absorption totals, last year", () => absorptionTotals(db, HOME, f, previous)],
        ["output by month", () => outputByMonth(db, f, year)],
        ["output by seller county", () => outputBy(db, "seller_region_code", f, range)],
        ["absorption by buyer county", () => absorptionByCounty(db, HOME, f, range)],
        ["output by type", () => outputBy(db, "contract_type", f, range)],
        ["output by field", () => outputBy(db, "tech_field", f, range)],
        ["flow matrix", () => flowMatrix(db, HOME, f, range)],
        ["京津 by province", () => jingjinByProvince(db, HOME, f, range)],
        ["targets progress (3 queries)", () => targetProgress(db, HOME, f.year, counties16)],
      ];
      console.log(`\n${label}`);
      for (const [name, fn] of queries) {
        const t = await time(RUNS, fn);
        console.log(
          `  ${name.padEnd(32)} p50 ${t.p50.toFixed(1).padStart(7)} ms   p95 ${t.p95.toFixed(1).padStart(7)} ms`,
        );
      }
      const whole = await time(RUNS, () =>
        loadDashboard(db, { role: "bureau_staff" }, HOME, f, TODAY),
      );
      worst = Math.max(worst, whole.p95);
      console.log(
        `  ${"WHOLE DASHBOARD (parallel)".padEnd(32)} p50 ${whole.p50.toFixed(1).padStart(7)} ms   p95 ${whole.p95.toFixed(1).padStart(7)} ms`,
      );
    }
    console.log(
      `\nworst whole-dashboard p95: ${worst.toFixed(1)} ms (target ≤ ${TARGET_P95_MS} ms)`,
    );
    if (worst > TARGET_P95_MS) process.exitCode = 1;
  } finally {
    await loader.end();
    await database.close();
    if (process.env.BENCH_KEEP_DATABASE !== "1") {
      await admin.unsafe(`drop database if exists ${NAME} with (force)`);
    }
    await admin.end();
  }
}

await main();
