/**
 * `npm run db:migrate [-- down]`: migrates the configured database
 * (DATABASE_URL, else PGlite in PGLITE_DIR) and prints what ran.
 */
import { openDatabase } from "./database";
import { migrateDown, migrateToLatest } from "./migrate";

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  pgliteDir: process.env.PGLITE_DIR,
});
try {
  const direction = process.argv[2] === "down" ? "down" : "up";
  const results =
    direction === "down" ? await migrateDown(database.db) : await migrateToLatest(database.db);
  for (const r of results) console.log(`${r.direction} ${r.migrationName}: ${r.status}`);
  if (results.length === 0) console.log("database is up to date");
} finally {
  await database.close();
}
