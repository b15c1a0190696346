/**
 * Reindexing the Postgres search backend (search/reindex.ts,
 * search/postgres-reindex.ts) on each test dialect: documents are staged
 * under another index name, searches keep answering from the live rows
 * until the rows are swapped in one transaction, and a failure leaves the
 * live index as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { createPostgresSearchBackend } from "../../search/postgres-backend";
import { postgresReindexable } from "../../search/postgres-reindex";
import { type ReindexProgress, reindex } from "../../search/reindex";
import type { SearchBackend, SearchDocument } from "../../search/types";
import { testDialects } from "../support/databases";
import { behaviourCorpus, behaviourIndex } from "../support/search-behaviour";

const INDEX = behaviourIndex.name;
const everything = { page: 1, hitsPerPage: 100 };

for (const dialect of testDialects()) {
  describe(`postgres reindex on ${dialect.name}`, () => {
    let database: Database;
    let backend: SearchBackend;
    const ids = async (q?: string) =>
      (await backend.search(INDEX, { ...everything, ...(q ? { q } : {}) })).hits
        .map((h) => h.document.id)
        .sort();
    const rowCount = async () =>
      (await database.db.selectFrom("search_documents").select("doc_id").execute()).length;

    beforeAll(async () => {
      database = await dialect.open();
      backend = createPostgresSearchBackend(database.db, [behaviourIndex]);
    });
    afterAll(async () => {
      await database?.close();
    });

    it("keeps serving the old documents until the new ones are published", async () => {
      await backend.upsert(INDEX, behaviourCorpus.slice(0, 4));
      const seenWhileLoading: string[][] = [];
      const progress: ReindexProgress[] = [];
      async function* load(): AsyncGenerator<SearchDocument[]> {
        yield behaviourCorpus.slice(4, 8);
        seenWhileLoading.push(await ids());
        yield behaviourCorpus.slice(8);
      }

      const result = await reindex(
        { ...backend, ...postgresReindexable(database.db) },
        behaviourIndex,
        load(),
        {
          onProgress: (p) => progress.push(p),
          catchUp: async (writer, target) => {
            if (target === "staged") await writer.upsert(behaviourCorpus.slice(0, 1));
          },
        },
      );

      const old = behaviourCorpus
        .slice(0, 4)
        .map((d) => d.id)
        .sort();
      expect(seenWhileLoading).toEqual([old]);
      const expected = [...behaviourCorpus.slice(4), behaviourCorpus[0]].map((d) => d!.id).sort();
      expect(await ids()).toEqual(expected);
      expect(await ids("储能")).toEqual(["battery-description", "solar-storage", "storage-only"]);
      expect(await rowCount()).toBe(expected.length);
      expect(result.documents).toBe(behaviourCorpus.length - 4);
      expect(progress.map((p) => p.phase)).toEqual([
        "staged",
        "loading",
        "loading",
        "caught_up",
        "published",
        "dropped",
      ]);
    });

    it("leaves the live index alone and drops the staged rows when loading fails", async () => {
      const before = await ids();
      function* failing(): Generator<SearchDocument[]> {
        yield behaviourCorpus.slice(0, 2);
        throw new Error("listing query failed");
      }
      await expect(
        reindex({ ...backend, ...postgresReindexable(database.db) }, behaviourIndex, failing()),
      ).rejects.toThrow("listing query failed");
      expect(await ids()).toEqual(before);
      expect(await rowCount()).toBe(before.length);
    });
  });
}
