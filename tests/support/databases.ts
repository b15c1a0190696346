/**
 * Test databases: every suite runs once per dialect — PGlite (in memory)
 * always, and the PostgreSQL server when DATABASE_URL is set. Each call to
 * `open()` gives a fresh, migrated, empty database (a new PGlite instance or
 * a new server database), dropped again by `close()`.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, type Dialect, openDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";

export interface TestDialect {
  name: Dialect;
  open(): Promise<Database>;
}

async function openServerDatabase(baseUrl: string): Promise<Database> {
  const name = `tb_test_${randomBytes(6).toString("hex")}`;
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? baseUrl;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await migrateToLatest(database.db);
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

async function openPglite(): Promise<Database> {
  const database = await openDatabase({ pgliteDir: "memory://" });
  await migrateToLatest(database.db);
  return database;
}

/** The dialects this run covers: PGlite, plus the server when DATABASE_URL is set. */
export function testDialects(): TestDialect[] {
  const dialects: TestDialect[] = [{ name: "pglite", open: openPglite }];
  const url = process.env.DATABASE_URL;
  if (url) dialects.push({ name: "postgres", open: () => openServerDatabase(url) });
  return dialects;
}
