/**
 * Production and development HTTP server: Express + the Remix request
 * handler, static assets, security (headers, CSP nonce, same-origin
 * writes: server/security.mjs), and graceful shutdown.
 * Runs the app's `startup` (migrations, seed, search) before listening.
 */
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { pathToFileURL } from "node:url";
import { createServer } from "node:http";
import path from "node:path";
import {
  clientIp,
  parseTrustProxy,
  sameOriginWrites,
  securityHeaders,
} from "./server/security.mjs";

installGlobals({ nativeFetch: true });

const BUILD_PATH = path.resolve("build/index.js");
const port = Number(process.env.PORT ?? 3000);
const isDev = process.env.NODE_ENV === "development";

const build = await import(pathToFileURL(BUILD_PATH).href);
await build.entry.module.startup();

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy set TRUST_PROXY (e.g. "1" or "loopback") so that
// req.ip, and with it the per-IP sign-in limit, sees the real client.
app.set("trust proxy", parseTrustProxy(process.env.TRUST_PROXY));
app.use(compression());
app.use(clientIp());
app.use(securityHeaders({ isDev }));
app.use(sameOriginWrites());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
// A regex route, not "*": Express 4 decodes the "*" parameter and answers a
// broken percent-encoding in the path with its own HTML 400 before Remix.
app.all(
  /.*/,
  createRequestHandler({
    build: isDev ? () => import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`) : build,
    mode: build.mode,
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
  }),
);

// Header limit raised from Node's 16 KiB so that an over-long search URL
// (10,000 Chinese characters ≈ 90 KiB encoded) reaches the app and gets its
// specific 400 instead of a bare 431.
const server = createServer({ maxHeaderSize: 256 * 1024 }, app);
server.listen(port, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  console.log(`TechBridge listening on http://localhost:${actualPort}`);
  if (isDev) broadcastDevReady(build);
});

async function shutdown(signal) {
  console.log(`${signal}: shutting down`);
  server.close();
  await build.entry.module.shutdown?.();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
