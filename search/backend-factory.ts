/**
 * Chooses and starts the search backend for the process (DESIGN.md §2):
 * Meilisearch when MEILISEARCH_URL is set (unless SEARCH_BACKEND=postgres),
 * else the Postgres backend in the application database.
 *
 * Meilisearch must answer its health check and accept the index settings
 * at start; if it does not, the process logs why and serves search from
 * Postgres, which the listing transactions keep up to date in every mode
 * (app/domain/listings/search-sync.server.ts), so the fallback is never
 * stale.
 */
import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import { type MeilisearchBackend, createMeilisearchBackend } from "./meilisearch-backend";
import { createPostgresSearchBackend } from "./postgres-backend";
import { type IndexDefinition, type SearchBackend, SearchQueryError } from "./types";

export interface SearchBackendConfig {
  MEILISEARCH_URL?: string;
  MEILISEARCH_API_KEY?: string;
  SEARCH_BACKEND?: "postgres" | "meilisearch";
}

export interface StartedSearchBackend {
  backend: SearchBackend;
  /** Set when Meilisearch was wanted but Postgres serves search. */
  fallbackReason?: string;
}

export interface StartSearchOptions {
  db: Kysely<DB>;
  definitions: readonly IndexDefinition[];
  log?: (line: string) => void;
  /** Overrides for the Meilisearch backend (tests). */
  meilisearch?: { requestTimeoutMs?: number; taskTimeoutMs?: number; indexPrefix?: string };
}

/** Which backend the configuration asks for; throws when it asks for Meilisearch without a URL. */
export function wantedBackend(config: SearchBackendConfig): "postgres" | "meilisearch" {
  if (config.SEARCH_BACKEND === "postgres") return "postgres";
  if (config.MEILISEARCH_URL) return "meilisearch";
  if (config.SEARCH_BACKEND === "meilisearch") {
    throw new Error("SEARCH_BACKEND=meilisearch needs MEILISEARCH_URL");
  }
  return "postgres";
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Starts the configured backend with its indexes ensured. Falls back to
 * Postgres (with a log line) when Meilisearch is unreachable or refuses
 * the indexes; logs a hint when a Meilisearch index is empty.
 */
export async function startSearchBackend(
  config: SearchBackendConfig,
  options: StartSearchOptions,
): Promise<StartedSearchBackend> {
  const log = options.log ?? ((line: string) => console.log(line));
  const startPostgres = async (): Promise<SearchBackend> => {
    const backend = createPostgresSearchBackend(options.db, options.definitions);
    await backend.ensureIndexes(options.definitions);
    return backend;
  };
  if (wantedBackend(config) === "postgres") return { backend: await startPostgres() };

  const url = config.MEILISEARCH_URL ?? "";
  const meilisearch: MeilisearchBackend = createMeilisearchBackend({
    host: url,
    apiKey: config.MEILISEARCH_API_KEY,
    definitions: options.definitions,
    requestTimeoutMs: options.meilisearch?.requestTimeoutMs ?? 5_000,
    ...(options.meilisearch?.taskTimeoutMs
      ? { taskTimeoutMs: options.meilisearch.taskTimeoutMs }
      : {}),
    ...(options.meilisearch?.indexPrefix ? { indexPrefix: options.meilisearch.indexPrefix } : {}),
  });
  let fallbackReason: string | undefined;
  if (!(await meilisearch.isHealthy())) {
    fallbackReason = `Meilisearch at ${url} is unreachable or not available`;
  } else {
    try {
      await meilisearch.ensureIndexes(options.definitions);
    } catch (error) {
      fallbackReason = `Meilisearch at ${url} refused the indexes: ${reasonOf(error)}`;
    }
  }
  if (fallbackReason !== undefined) {
    log(`[search] falling back to Postgres search: ${fallbackReason}`);
    return { backend: await startPostgres(), fallbackReason };
  }

  for (const definition of options.definitions) {
    if ((await meilisearch.documentCount(definition.name)) === 0) {
      log(`[search] Meilisearch index "${definition.name}" is empty; run npm run search:reindex`);
    }
  }
  log(`[search] using Meilisearch at ${url}`);
  return { backend: withPostgresFallback(meilisearch, await startPostgres(), log) };
}

const FALLBACK_LOG_INTERVAL_MS = 60_000;

/**
 * `primary` with searches that fail for any reason but a bad query
 * (SearchQueryError: the caller's fault) answered by `fallback` instead, so
 * pages keep working while Meilisearch is down after start. Writes still go
 * to `primary` only (the outbox retries them). Logs at most once a minute.
 */
export function withPostgresFallback<B extends SearchBackend>(
  primary: B,
  fallback: SearchBackend,
  log: (line: string) => void,
): B {
  let lastLogged = 0;
  return {
    ...primary,
    async search(indexName, query) {
      try {
        return await primary.search(indexName, query);
      } catch (error) {
        if (error instanceof SearchQueryError) throw error;
        if (Date.now() - lastLogged > FALLBACK_LOG_INTERVAL_MS) {
          lastLogged = Date.now();
          log(`[search] Meilisearch search failed, answering from Postgres: ${reasonOf(error)}`);
        }
        return fallback.search(indexName, query);
      }
    },
  };
}
