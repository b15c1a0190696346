/**
 * Process-wide services: the database (migrated on first use, seeded when
 * empty in the embedded default) and the search backend. One instance per
 * process, kept on globalThis so dev reloads do not reopen PGlite.
 */
import type { Kysely } from "kysely";
import { type Database, openDatabase } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import type { DB } from "../db/schema";
import { LISTING_INDEXES } from "../search/index-definitions";
import { startSearchBackend } from "../search/backend-factory";
import type { SearchBackend } from "../search/types";
import { seedDemoAccounts } from "../seeds/demo-accounts";
import { isDatabaseEmpty, seedDatabase } from "../seeds/seed";
import { type AppConfig, config } from "./config.server";
import { type Auth, createAuth } from "./domain/accounts/auth.server";

export interface Services {
  config: AppConfig;
  database: Database;
  db: Kysely<DB>;
  search: SearchBackend;
  /** Why Postgres serves search although Meilisearch is configured (shown on /admin/search). */
  searchFallbackReason?: string;
  auth: Auth;
}

const KEY = Symbol.for("techbridge.services");
type GlobalWithServices = typeof globalThis & { [KEY]?: Promise<Services> };

async function start(): Promise<Services> {
  const cfg = config();
  const database = await openDatabase({ databaseUrl: cfg.DATABASE_URL, pgliteDir: cfg.PGLITE_DIR });
  const ran = await migrateToLatest(database.db);
  if (ran.length > 0) console.log(`[db] ran ${ran.length} migration(s) on ${database.dialect}`);
  const seedOnStart = cfg.SEED_ON_START ?? database.dialect === "pglite";
  if (seedOnStart && (await isDatabaseEmpty(database.db))) {
    const counts = await seedDatabase(database.db);
    console.log(
      `[seed] loaded ${counts.organizations} organizations, ${counts.results} results, ${counts.demands} demands`,
    );
  }
  if (cfg.DEMO_ACCOUNTS ?? database.dialect === "pglite") {
    const created = await seedDemoAccounts(database.db, cfg.HOME_REGION_CODE);
    if (created > 0) console.log(`[seed] created ${created} demo account(s), see README`);
  }
  const { backend: search, fallbackReason } = await startSearchBackend(cfg, {
    db: database.db,
    definitions: LISTING_INDEXES,
  });
  const auth = createAuth(database.db, {
    secure: cfg.NODE_ENV === "production" && !cfg.INSECURE_COOKIES,
  });
  return {
    config: cfg,
    database,
    db: database.db,
    search,
    searchFallbackReason: fallbackReason,
    auth,
  };
}

/** The services, started on first call; a failed start is retried on the next call. */
export function services(): Promise<Services> {
  const g = globalThis as GlobalWithServices;
  g[KEY] ??= start().catch((error: unknown) => {
    g[KEY] = undefined;
    throw error;
  });
  return g[KEY];
}

/** Closes the database (for graceful shutdown). */
export async function stopServices(): Promise<void> {
  const g = globalThis as GlobalWithServices;
  const running = g[KEY];
  g[KEY] = undefined;
  if (running) await (await running).database.close();
}
