/**
 * The per-request CSP script nonce (server/security.mjs → load context →
 * entry.server → this context → <Scripts>/<ScrollRestoration> in root).
 * Undefined in the browser, which hides nonces from scripts anyway.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
