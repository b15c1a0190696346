/**
 * Runs migrations with Kysely's Migrator over the static list in
 * db/migrations. Throws the first failing migration's error (nothing after
 * it runs; each migration runs in its own transaction).
 */
import { type Kysely, type MigrationResult, Migrator } from "kysely";
import { migrations } from "./migrations/index";
import type { DB } from "./schema";

function migrator(db: Kysely<DB>) {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

function check(results: MigrationResult[] | undefined, error: unknown): MigrationResult[] {
  if (error)
    throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return results ?? [];
}

/** Migrates to the newest version; returns what ran. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResult[]> {
  const { results, error } = await migrator(db).migrateToLatest();
  return check(results, error);
}

/** Reverts the newest migration; returns what ran. */
export async function migrateDown(db: Kysely<DB>): Promise<MigrationResult[]> {
  const { results, error } = await migrator(db).migrateDown();
  return check(results, error);
}
