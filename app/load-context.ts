/**
 * Type registrations for Remix: what server.mjs puts in the load context,
 * and single fetch (remix.config.js future.v3_singleFetch), so that
 * useLoaderData/useActionData see loaders' values through `data()` and
 * turbo-stream serialization rather than JSON.
 */
declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** CSP script nonce of this response (server/security.mjs). */
    cspNonce?: string;
  }

  interface Future {
    v3_singleFetch: true;
  }
}

export {};
