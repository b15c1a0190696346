/**
 * Registration-number benchmark (tsx tests/bench/registration.bench.ts):
 * on a fresh PostgreSQL server database (tb_bench_registration, dropped at
 * the end) it accepts BENCH_CONTRACTS contracts (default 500), registers
 * them all at once through a pool of BENCH_POOL connections (default 10),
 * and prints the wall time, registrations per second and p50/p95 of one
 * registration, then checks the numbers are 1..N without gaps. The
 * sequence row lock serializes registrations of one station and year, so
 * throughput is bounded by one transaction at a time — this measures how
 * far that is from mattering (a station registers a few thousand a year).
 */
import postgres from "postgres";
import { openDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import {
  registerContract,
  submitContract,
} from "../../app/domain/contracts/contract-workflow.server";
import { ensureDefaultStation } from "../../app/domain/contracts/stations.server";
import { contractFields } from "../support/contract-factories";

const COUNT = Number(process.env.BENCH_CONTRACTS ?? 500);
const POOL = Number(process.env.BENCH_POOL ?? 10);
const NAME = "tb_bench_registration";

const base = process.env.DATABASE_URL;
if (!base) throw new Error("DATABASE_URL is not set");
const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? base;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${NAME} with (force)`);
await admin.unsafe(`create database ${NAME}`);
const url = new URL(base);
url.pathname = `/${NAME}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: POOL });
try {
  await migrateToLatest(database.db);
  await ensureDefaultStation(database.db);
  const bureau = await database.db
    .insertInto("organizations")
    .values({
      kind: "bureau",
      name: "基准测试科技局",
      region_code: "130900",
      party_type: "500",
      intro: "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto("users")
    .values({
      id: "bench-registrar",
      email: "bench@bench.test",
      display_name: "基准",
      password_hash: "x",
      role: "bureau_staff",
      organization_id: bureau.id,
    })
    .execute();
  const actor = { id: "bench-registrar", role: "bureau_staff" as const };
  const now = new Date("2026-06-15T02:00:00Z");
  const ids: number[] = [];
  for (let i = 0; i < COUNT; i++)
    ids.push(await submitContract(database.db, contractFields(), actor, { now }));
  const decision = {
    techTransactionAmountFen: 10_000_000,
    contractType: "development",
    contractSubtype: "commissioned",
  } as const;
  const durations: number[] = [];
  const started = performance.now();
  const registered = await Promise.all(
    ids.map(async (id) => {
      const t = performance.now();
      const c = await registerContract(database.db, id, decision, actor, { now });
      durations.push(performance.now() - t);
      return c.registrationNumber!;
    }),
  );
  const wall = performance.now() - started;
  durations.sort((a, b) => a - b);
  const pct = (p: number) =>
    durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]!;
  const sequences = registered.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
  const gapFree = sequences.every((s, i) => s === i + 1);
  console.log(
    `registrations: ${COUNT} concurrent over ${POOL} connections in ${wall.toFixed(0)} ms ` +
      `(${((COUNT / wall) * 1000).toFixed(0)}/s); one registration p50 ${pct(0.5).toFixed(1)} ms, ` +
      `p95 ${pct(0.95).toFixed(1)} ms (queueing included); numbers 1..${COUNT} gap-free: ${gapFree}`,
  );
  if (!gapFree) process.exitCode = 1;
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists ${NAME} with (force)`);
  await admin.end();
}
