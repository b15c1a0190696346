/**
 * Production and development HTTP server: Express + the Remix request
 * handler, static assets, security headers, and graceful shutdown.
 * Runs the app's `startup` (migrations, seed, search) before listening.
 */
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { pathToFileURL } from "node:url";
import path from "node:path";

installGlobals({ nativeFetch: true });

const BUILD_PATH = path.resolve("build/index.js");
const port = Number(process.env.PORT ?? 3000);
const isDev = process.env.NODE_ENV === "development";

const build = await import(pathToFileURL(BUILD_PATH).href);
await build.entry.module.startup();

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use((_req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
  });
  next();
});
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build: isDev ? () => import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`) : build,
    mode: build.mode,
  }),
);

const server = app.listen(port, () => {
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
