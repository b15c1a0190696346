/**
 * Environment configuration, validated once with zod at start-up.
 *
 * Throws a `ZodError`-derived Error listing every bad variable when the
 * environment is invalid, so a misconfigured deployment fails at boot, not
 * on the first request. Only `publicConfig` may reach the browser.
 */
import { z } from "zod";

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.string().url().optional())
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** 0 picks a free port (tests/support/server.ts). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL server URL; when absent the embedded PGlite database is used. */
  DATABASE_URL: optionalUrl,
  /** Directory of the embedded PGlite database; "memory://" keeps it in memory. */
  PGLITE_DIR: z.string().default("./.data/pglite"),
  MEILISEARCH_URL: optionalUrl,
  MEILISEARCH_API_KEY: z.string().optional(),
  SEARCH_BACKEND: z.enum(["postgres", "meilisearch"]).optional(),
  /** GB/T 2260 code of the home city whose bureau runs the market (沧州 130900). */
  HOME_REGION_CODE: z
    .string()
    .regex(/^\d{6}$/, "必须是 6 位行政区划代码")
    .default("130900"),
  /**
   * Region prefixes whose research results the matcher ranks first (京津 by
   * default): comma-separated GB/T 2260 codes; trailing zeros are dropped, so
   * "110000" covers all of Beijing and "130100" the city of Shijiazhuang.
   */
  PRIORITY_SOURCE_REGIONS: z
    .string()
    .default("110000,120000")
    .transform((v) =>
      v
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c.length > 0),
    )
    .pipe(z.array(z.string().regex(/^\d{6}$/, "必须是逗号分隔的 6 位行政区划代码"))),
  /** Days a published result or demand stays listed before it expires (续期 renews it). */
  LISTING_LIFETIME_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /**
   * Public address of the site (https://…), for links in e-mail; default
   * http://localhost:PORT, which only works for mail read on the server.
   */
  PUBLIC_BASE_URL: z
    .string()
    .url("必须是完整网址，如 https://tech.example.gov.cn")
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  /** Name of the market shown in the UI. */
  SITE_NAME: z.string().min(1).default("沧州科技成果对接平台"),
  /**
   * Send the session cookie without Secure in production, for plain-HTTP
   * local runs (`npm start`, tests). Never set behind HTTPS.
   */
  INSECURE_COOKIES: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Create the demo accounts of README with the seed (default: only for PGlite). */
  DEMO_ACCOUNTS: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  /**
   * How e-mail from the outbox leaves (app/domain/notifications/email-transport.server.ts):
   * "console" logs it (development, test), "off" leaves it queued.
   */
  EMAIL_TRANSPORT: z.enum(["console", "off"]).default("console"),
  /** Sender address of outgoing e-mail. */
  EMAIL_FROM: z.string().trim().min(3).default("noreply@techbridge.invalid"),
  /** Load seed data into an empty database at start (default: only for PGlite). */
  SEED_ON_START: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
});

export type AppConfig = z.infer<typeof schema>;

/** Parses `env` (default `process.env`); throws an Error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

let cached: AppConfig | undefined;

/** The process configuration, parsed on first use. */
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

/** The subset of configuration that is safe to send to the browser. */
export function publicConfig() {
  const c = config();
  return { siteName: c.SITE_NAME, homeRegionCode: c.HOME_REGION_CODE };
}
