/**
 * Creates the first administrator of a deployment (production has no demo
 * accounts, and only an administrator can create other bureau accounts):
 *
 *   npm run users:create-admin -- --email admin@kjj.example.cn --name 张三
 *   ADMIN_EMAIL=… ADMIN_NAME=… [ADMIN_PASSWORD=…] npm run users:create-admin
 *
 * Uses the server's configuration (DATABASE_URL, else PGlite in PGLITE_DIR;
 * HOME_REGION_CODE), runs migrations, creates the bureau organization when
 * there is none, and audits the creation as the system. Without a password
 * a temporary one is generated and printed once: prefer that, or
 * ADMIN_PASSWORD, to --password (which shell history and `ps` can show).
 * Stop a PGlite server first: PGlite allows one process at a time.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../../../db/database";
import { migrateToLatest } from "../../../db/migrate";
import { loadConfig } from "../../config.server";
import { DomainError } from "../errors";
import { createFirstAdmin } from "./user-admin.server";

const USAGE = `用法：npm run users:create-admin -- --email <邮箱> --name <姓名> [--password <密码>]
      （或设置环境变量 ADMIN_EMAIL、ADMIN_NAME、ADMIN_PASSWORD）`;

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    password: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const email = values.email ?? process.env.ADMIN_EMAIL;
const displayName = values.name ?? process.env.ADMIN_NAME;
const password = values.password ?? (process.env.ADMIN_PASSWORD || undefined);

if (values.help || !email || !displayName) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const config = loadConfig();
const database = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  pgliteDir: config.PGLITE_DIR,
});
try {
  await migrateToLatest(database.db);
  const created = await createFirstAdmin(
    database.db,
    { email, displayName, password },
    { homeRegionCode: config.HOME_REGION_CODE },
  );
  console.log(`已创建系统管理员 ${created.email}（${database.dialect}）`);
  if (created.temporaryPassword) {
    console.log(
      `临时密码（只显示这一次，登录后请在“账号设置”中修改）：${created.temporaryPassword}`,
    );
  }
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(`未创建：${error.message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
