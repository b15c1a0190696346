/**
 * Meilisearch down after start: searches are answered from the Postgres
 * index instead of failing pages, while a bad query still fails as itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backendHealth } from "../../app/domain/search/outbox-status.server";
import type { Database } from "../../db/database";
import { withPostgresFallback } from "../../search/backend-factory";
import { createMeilisearchBackend } from "../../search/meilisearch-backend";
import { createPostgresSearchBackend } from "../../search/postgres-backend";
import { type IndexDefinition, SearchQueryError } from "../../search/types";
import { testDialects } from "../support/databases";

const index: IndexDefinition = {
  name: "fallback_docs",
  searchableAttributes: ["title"],
  filterableAttributes: ["field"],
  sortableAttributes: ["publishedAt"],
  highlightAttributes: ["title"],
  snippetAttributes: [],
  snippetLength: 60,
};

describe("search falls back to Postgres when Meilisearch is unreachable", () => {
  let database: Database;
  const logged: string[] = [];
  beforeAll(async () => {
    database = await testDialects()[0]!.open();
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it("answers from Postgres and logs once, but rethrows a bad query", async () => {
    const postgres = createPostgresSearchBackend(database.db, [index]);
    await postgres.ensureIndexes([index]);
    await postgres.upsert(index.name, [
      { id: "1", title: "含油废水处理技术", field: "env", publishedAt: 1 },
    ]);
    // Port 9 (discard) on loopback: connection refused at once.
    const meilisearch = createMeilisearchBackend({
      host: "http://127.0.0.1:9",
      apiKey: "unused",
      definitions: [index],
      requestTimeoutMs: 2_000,
    });
    const backend = withPostgresFallback(meilisearch, postgres, (line) => logged.push(line));

    const query = { q: "废水", page: 1, hitsPerPage: 10 };
    const first = await backend.search(index.name, query);
    expect(first.hits.map((h) => h.document.id)).toEqual(["1"]);
    await backend.search(index.name, query);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/answering from Postgres/);
    expect(backend.kind).toBe("meilisearch");

    await expect(
      backend.search(index.name, { ...query, filters: { nope: ["x"] } }),
    ).rejects.toBeInstanceOf(SearchQueryError);

    // The admin page's health check must not be fooled by the fallback.
    const health = await backendHealth(backend);
    expect(health).toMatchObject({ kind: "meilisearch", ok: false });
    expect(health.error).toMatch(/Meilisearch/);
  });
});
