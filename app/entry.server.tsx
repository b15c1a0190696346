/**
 * Server entry: streams HTML (waiting for all content for bots and
 * no-JavaScript crawlers). Security headers are set by server.mjs, which
 * passes the Content-Security-Policy script nonce in the load context; every
 * inline script Remix and React write carries it.
 * `startup` is called by server.mjs before it listens, so migrations and
 * seeding finish before the first request.
 */
import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startBackgroundJobs, stopBackgroundJobs } from "./jobs.server";
import { services, stopServices } from "./services.server";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;

/** Stops background jobs and closes the database (graceful shutdown). */
export async function shutdown(): Promise<void> {
  await stopBackgroundJobs();
  await stopServices();
}

/** Starts database, migrations, seed, search and background jobs before the server listens. */
export async function startup(): Promise<void> {
  await services();
  startBackgroundJobs();
}

/**
 * React 18's Node renderer flushes its whole 2048-byte buffer when a
 * multi-byte character (any Chinese text) does not fit at its end, leaking
 * up to 3 unwritten NUL bytes into the HTML (react#24985, fixed by
 * react#26228 only in React 19). HTML never contains NUL, so drop them.
 */
function withoutTrailingNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length;
      while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end--;
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = withoutTrailingNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error instanceof Error ? error : new Error(String(error)));
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
