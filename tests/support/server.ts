/**
 * Starts the real built server (`node server.mjs`, after `npm run build`)
 * on a free port, for API tests over real HTTP and for Playwright.
 * - pglite: an in-memory PGlite database, migrated and seeded at start;
 * - postgres: a fresh server database (from DATABASE_URL), seeded at start,
 *   dropped again by stop().
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

export interface RunningServer {
  baseUrl: string;
  dialect: "pglite" | "postgres";
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

async function createServerDatabase(
  baseUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tb_http_${randomBytes(6).toString("hex")}`;
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? baseUrl;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}:\n${output}`));
    });
  });
}

/**
 * Starts a server on `dialect` (postgres needs DATABASE_URL); throws when it
 * cannot. `extraEnv` is added to the server's environment (e.g.
 * DEMO_ACCOUNTS=true, which PGlite implies and a server database does not).
 */
export async function startServer(
  dialect: "pglite" | "postgres",
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  if (!existsSync(path.join(ROOT, "build/index.js"))) {
    throw new Error("build/index.js is missing: run `npm run build` first");
  }
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", NODE_ENV: "production" };
  let drop = async () => {};
  if (dialect === "postgres") {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error("DATABASE_URL is not set");
    const created = await createServerDatabase(base);
    env.DATABASE_URL = created.url;
    env.SEED_ON_START = "true";
    drop = () => created.drop();
  } else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = "memory://";
  }
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, ["server.mjs"], { cwd: ROOT, env, stdio: "pipe" });
  let baseUrl: string;
  try {
    baseUrl = await waitForListening(child, 120_000);
  } catch (error) {
    child.kill("SIGKILL");
    await drop();
    throw error;
  }
  return {
    baseUrl,
    dialect,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await drop();
    },
  };
}

/** The dialects a server can run on in this test run. */
export function serverDialects(): ("pglite" | "postgres")[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** Password of the demo accounts (seeds/demo-accounts.ts). */
export const DEMO_PASSWORD = "techbridge-demo";

/**
 * Signs `email` in on `server` through the real login form and returns the
 * session cookie ("tb_session=…") for later requests. Throws when the
 * sign-in does not redirect with a session.
 */
export async function signIn(
  server: RunningServer,
  email: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await fetch(new URL("/login", server.baseUrl), {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers: { Origin: new URL(server.baseUrl).origin },
    redirect: "manual",
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("tb_session=") && c.length > "tb_session=".length);
  if (response.status !== 302 || !session) {
    throw new Error(`sign-in of ${email} failed with ${response.status}`);
  }
  return session;
}
