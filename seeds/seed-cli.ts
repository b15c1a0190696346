/**
 * `npm run db:seed`: migrates, then loads or refreshes the seed data in the
 * configured database (DATABASE_URL, else PGlite in PGLITE_DIR). Idempotent.
 * Stop `npm start` first when using PGlite: it allows one process at a time.
 * The fictional contract history (statistics demo) is loaded on PGlite only,
 * unless SEED_CONTRACT_HISTORY=true|false says otherwise: on a production
 * server it would mix invented contracts into the official statistics.
 */
import { openDatabase } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import { seedDemoAccounts } from "./demo-accounts";
import { seedDatabase } from "./seed";

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  pgliteDir: process.env.PGLITE_DIR,
});
try {
  await migrateToLatest(database.db);
  const started = performance.now();
  const contractHistory = process.env.SEED_CONTRACT_HISTORY
    ? process.env.SEED_CONTRACT_HISTORY === "true"
    : database.dialect === "pglite";
  const counts = await seedDatabase(database.db, { contractHistory });
  console.log(
    `seeded ${counts.organizations} organizations, ${counts.results} results, ${counts.demands} demands ` +
      `on ${database.dialect} in ${Math.round(performance.now() - started)} ms`,
  );
  const demo = process.env.DEMO_ACCOUNTS
    ? process.env.DEMO_ACCOUNTS === "true"
    : database.dialect === "pglite";
  if (demo) {
    const created = await seedDemoAccounts(database.db, process.env.HOME_REGION_CODE ?? "130900");
    console.log(`demo accounts: ${created} created`);
  }
} finally {
  await database.close();
}
