/**
 * Ledger import benchmark (`npm run bench:import`): how long a 10,000-row
 * ledger takes to preview (read the XLSX, validate every row, look up
 * duplicates, store the batch) and to commit (one transaction, chunks of
 * 500 rows with per-contract audit entries and the sequence bump), on
 * PGlite (in memory) and, when DATABASE_URL is set, on the PostgreSQL
 * server in a fresh database `tb_bench_import_<random>` (dropped after).
 * Prints the numbers; no target, nothing fails on speed.
 *
 * Environment: BENCH_ROWS (default 10000).
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { ensureDefaultStation } from "../../app/domain/contracts/stations.server";
import {
  getImportBatch,
  previewLedgerImport,
} from "../../app/domain/imports/import-batches.server";
import { commitImportBatch } from "../../app/domain/imports/import-commit.server";
import { type Database, openDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import { createOrganization, createUser } from "../support/factories";
import { ledgerRow, ledgerXlsx } from "../support/ledger-xlsx";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const FIELDS = ["先进制造", "电子信息", "新材料及其应用", "农业", "新能源与高效节能"];
const COUNTIES = ["130921", "130981", "130982", "130983", "130903"];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function run(label: string, database: Database, bytes: Uint8Array) {
  const { db } = database;
  await migrateToLatest(db);
  const stationId = await ensureDefaultStation(db, "130900");
  const bureau = await createOrganization(db, { kind: "bureau", regionCode: "130900" });
  const staff = await createUser(db, bureau.id, "bureau_staff");
  const [{ id }, previewMs] = await timed(() =>
    previewLedgerImport(db, staff, {
      fileName: "bench.xlsx",
      bytes,
      stationId,
      homeCityCode: "130900",
    }),
  );
  const batch = await getImportBatch(db, id);
  const [outcome, commitMs] = await timed(() => commitImportBatch(db, id, staff));
  console.log(
    `${label.padEnd(9)} preview ${previewMs.toFixed(0).padStart(6)} ms (${batch.validCount} valid, ${batch.errorCount} errors)   commit ${commitMs
      .toFixed(0)
      .padStart(
        6,
      )} ms (${outcome.inserted} contracts, ${((outcome.inserted / commitMs) * 1000).toFixed(0)} rows/s)`,
  );
}

async function main() {
  const rows = Array.from({ length: ROWS }, (_, i) =>
    ledgerRow(i + 1, {
      技术领域: FIELDS[i % FIELDS.length],
      卖方所在地区代码: COUNTIES[i % COUNTIES.length],
      "成交额（元）": (100_000 + i * 37.25).toFixed(2),
      "技术交易额（元）": 90_000 + i * 10.5,
    }),
  );
  const [bytes, buildMs] = await timed(() => ledgerXlsx(rows));
  console.log(
    `ledger: ${ROWS} rows, ${(bytes.length / 1024 / 1024).toFixed(2)} MB XLSX (built in ${buildMs.toFixed(0)} ms)`,
  );

  const pglite = await openDatabase({ pgliteDir: "memory://" });
  try {
    await run("pglite", pglite, bytes);
  } finally {
    await pglite.close();
  }

  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    console.log("postgres: skipped (DATABASE_URL not set)");
    return;
  }
  const name = `tb_bench_import_${randomBytes(4).toString("hex")}`;
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? baseUrl;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const server = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  try {
    await run("postgres", server, bytes);
  } finally {
    await server.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
