/**
 * The shared search behaviour suite on the Postgres backend, once per test
 * dialect (PGlite always, the PostgreSQL server when DATABASE_URL is set),
 * plus what only the Postgres backend promises: writes inside the caller's
 * transaction.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { createPostgresSearchBackend } from "../../search/postgres-backend";
import { SearchQueryError } from "../../search/types";
import { testDialects } from "../support/databases";
import { behaviourCorpus, behaviourIndex, searchBehaviourSuite } from "../support/search-behaviour";

for (const dialect of testDialects()) {
  searchBehaviourSuite(`postgres backend on ${dialect.name}`, async () => {
    const database = await dialect.open();
    return {
      backend: createPostgresSearchBackend(database.db, []),
      cleanup: () => database.close(),
    };
  });

  describe(`postgres backend in a transaction on ${dialect.name}`, () => {
    let database: Database;
    const query = { page: 1, hitsPerPage: 10 };

    beforeAll(async () => {
      database = await dialect.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    it("upserts with the caller's transaction and rolls back with it", async () => {
      const failed = database.db.transaction().execute(async (trx) => {
        const backend = createPostgresSearchBackend(trx, [behaviourIndex]);
        await backend.upsert(behaviourIndex.name, behaviourCorpus);
        expect((await backend.search(behaviourIndex.name, { ...query, q: "储能" })).totalHits).toBe(
          3,
        );
        throw new Error("roll back");
      });
      await expect(failed).rejects.toThrow("roll back");
      const backend = createPostgresSearchBackend(database.db, [behaviourIndex]);
      expect((await backend.search(behaviourIndex.name, query)).totalHits).toBe(0);
    });

    it("keeps the trigram threshold local to the typo fallback", async () => {
      await database.db.transaction().execute(async (trx) => {
        const backend = createPostgresSearchBackend(trx, [behaviourIndex]);
        await backend.upsert(behaviourIndex.name, behaviourCorpus);
        await sql`select set_config('pg_trgm.word_similarity_threshold', '0.7', true)`.execute(trx);
        const response = await backend.search(behaviourIndex.name, { ...query, q: "graphne" });
        expect(response.hits.map((h) => h.document.id)).toEqual(["graphene"]);
        const { rows } = await sql<{
          value: string;
        }>`select current_setting('pg_trgm.word_similarity_threshold') as value`.execute(trx);
        expect(rows[0]?.value).toBe("0.7");
      });
    });

    it("rejects pages it cannot serve", async () => {
      const backend = createPostgresSearchBackend(database.db, [behaviourIndex]);
      const attempts = [
        { page: 0, hitsPerPage: 10, code: "invalid_page" },
        { page: 1.5, hitsPerPage: 10, code: "invalid_page" },
        { page: 1, hitsPerPage: 0, code: "invalid_hits_per_page" },
        { page: 1, hitsPerPage: 101, code: "invalid_hits_per_page" },
      ];
      for (const { code, ...paging } of attempts) {
        const error = await backend.search(behaviourIndex.name, paging).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SearchQueryError);
        expect((error as SearchQueryError).code).toBe(code);
      }
    });

    it("stores sort keys in sortableAttributes order", async () => {
      const backend = createPostgresSearchBackend(database.db, [behaviourIndex]);
      const graphene = behaviourCorpus.find((d) => d.id === "graphene");
      if (!graphene) throw new Error("corpus lacks graphene");
      await backend.upsert(behaviourIndex.name, [graphene]);
      const row = await database.db
        .selectFrom("search_documents")
        .select(["sort_keys", "facets", "latin_text"])
        .where("doc_id", "=", "graphene")
        .executeTakeFirstOrThrow();
      expect(row.sort_keys).toEqual([graphene.publishedAt, graphene.priceFen]);
      expect([...row.facets].sort()).toEqual(
        ["field=materials", "maturity=small_trial", "modes=equity", "modes=license"].sort(),
      );
      expect(row.latin_text.split(" ")).toContain("graphene");
    });
  });
}
