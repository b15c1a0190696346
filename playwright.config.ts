/**
 * Playwright e2e: Debian's Chromium (/usr/bin/chromium; `npx playwright
 * install` cannot download here; override with CHROMIUM_PATH), against the
 * real built server (`npm run build` first) on a seeded in-memory PGlite
 * database, on E2E_PORT (default 3210).
 */
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const launchOptions = {
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  webServer: {
    command: "node server.mjs",
    url: `http://localhost:${port}/`,
    timeout: 120_000,
    reuseExistingServer: false,
    // TRUST_PROXY: tests that need their own client IP (sign-in throttling)
    // send X-Forwarded-For; everything else is 127.0.0.1.
    env: {
      PORT: String(port),
      PGLITE_DIR: "memory://",
      NODE_ENV: "production",
      DATABASE_URL: "",
      TRUST_PROXY: "loopback",
    },
    stdout: "pipe",
  },
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      name: "chromium-no-js",
      use: { ...devices["Desktop Chrome"], launchOptions, javaScriptEnabled: false },
    },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], launchOptions },
    },
  ],
});
