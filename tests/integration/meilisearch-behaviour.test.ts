/**
 * The shared search behaviour suite on a real Meilisearch server, plus what
 * only this backend promises: filters that quoted values cannot escape,
 * nulls last on a text query, synonyms, reindex with swapIndexes.
 *
 * Runs when MEILISEARCH_URL (and MEILISEARCH_API_KEY) are set; every index
 * gets a prefix unique to the run and is deleted afterwards. Without a
 * server the file reports one skipped test, "skipped: no Meilisearch server".
 */
import { randomBytes } from "node:crypto";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type MeilisearchBackend,
  createMeilisearchBackend,
} from "../../search/meilisearch-backend";
import { TERMS_ATTRIBUTE, indexSettings } from "../../search/meilisearch-settings";
import { type ReindexProgress, reindex } from "../../search/reindex";
import type { SearchDocument, SearchQuery } from "../../search/types";
import { behaviourCorpus, behaviourIndex, searchBehaviourSuite } from "../support/search-behaviour";

const url = process.env.MEILISEARCH_URL;
const apiKey = process.env.MEILISEARCH_API_KEY;
const run = `tb${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
let fixtures = 0;

/** Deletes every index whose uid starts with `prefix`, awaiting each deletion. */
async function deleteIndexes(host: string, prefix: string): Promise<void> {
  const client = new Meilisearch({ host, apiKey });
  const { results } = await client.getRawIndexes({ limit: 1000 });
  for (const index of results.filter((i) => i.uid.startsWith(prefix))) {
    const task = await client.deleteIndex(index.uid).waitTask({ timeout: 30_000 });
    expect(task.status).toBe("succeeded");
  }
}

function makeBackend(host: string): { backend: MeilisearchBackend; prefix: string } {
  const prefix = `${run}_${++fixtures}_`;
  return {
    backend: createMeilisearchBackend({ host, apiKey, definitions: [], indexPrefix: prefix }),
    prefix,
  };
}

if (!url) {
  console.log("skipped: no Meilisearch server (set MEILISEARCH_URL to run this file)");
  describe("meilisearch backend", () => {
    it.skip("skipped: no Meilisearch server", () => {});
  });
} else {
  searchBehaviourSuite("meilisearch backend", () => {
    const { backend, prefix } = makeBackend(url);
    return Promise.resolve({ backend, cleanup: () => deleteIndexes(url, prefix) });
  });

  describe("meilisearch backend only", () => {
    let backend: MeilisearchBackend;
    let prefix: string;
    const query = (q: string | undefined, extra: Partial<SearchQuery> = {}): SearchQuery => ({
      ...(q === undefined ? {} : { q }),
      page: 1,
      hitsPerPage: 100,
      ...extra,
    });
    const ids = async (q: SearchQuery) =>
      (await backend.search(behaviourIndex.name, q)).hits.map((h) => h.document.id);

    beforeAll(async () => {
      ({ backend, prefix } = makeBackend(url));
      await backend.ensureIndexes([behaviourIndex]);
      await backend.upsert(behaviourIndex.name, behaviourCorpus);
    });
    afterAll(async () => {
      await deleteIndexes(url, prefix);
    });

    it("stores the settings it was given", async () => {
      const client = new Meilisearch({ host: url, apiKey });
      const uid = backend.indexUid(behaviourIndex.name);
      const settings = await client.index(uid).getSettings();
      const wanted = indexSettings(behaviourIndex);
      expect(settings.searchableAttributes).toEqual(wanted.searchableAttributes);
      expect(settings.rankingRules).toEqual(wanted.rankingRules);
      expect(settings.localizedAttributes).toEqual(wanted.localizedAttributes);
      expect(settings.pagination).toEqual(wanted.pagination);
      expect((await client.getRawIndex(uid)).primaryKey).toBe("id");
    });

    it("never returns the hidden _terms attribute", async () => {
      const response = await backend.search(behaviourIndex.name, query("处理"));
      expect(response.hits.length).toBeGreaterThan(0);
      for (const hit of response.hits) expect(hit.document).not.toHaveProperty(TERMS_ATTRIBUTE);
    });

    it("matches tricky filter values exactly and lets none of them widen the filter", async () => {
      const tricky = ['a"b', "x OR y", "NOT", "back\\slash", '") OR ("field" = "energy', "a\\"];
      const documents: SearchDocument[] = tricky.map((value, i) => ({
        id: `tricky-${i}`,
        title: "过滤测试",
        field: value,
        publishedAt: i,
      }));
      await backend.upsert(behaviourIndex.name, documents);
      try {
        for (const [i, value] of tricky.entries()) {
          expect(await ids(query("", { filters: { field: [value] } }))).toEqual([`tricky-${i}`]);
        }
        expect(await ids(query("", { filters: { field: ["x"] } }))).toEqual([]);
        expect(await ids(query("", { filters: { field: ["a"] } }))).toEqual([]);
      } finally {
        await backend.remove(
          behaviourIndex.name,
          documents.map((d) => d.id),
        );
      }
    });

    it("sorts a text query with null and missing values last, both ways", async () => {
      const missing: SearchDocument = {
        id: "no-price",
        title: "光伏支架",
        field: "energy",
        publishedAt: 0,
      };
      await backend.upsert(behaviourIndex.name, [missing]);
      try {
        for (const direction of ["asc", "desc"] as const) {
          const found = await ids(query("光伏", { sort: { attribute: "priceFen", direction } }));
          expect(found[0]).toBe("solar-storage");
          expect(new Set(found.slice(1))).toEqual(new Set(["solar-only", "no-price"]));
        }
      } finally {
        await backend.remove(behaviourIndex.name, [missing.id]);
      }
    });

    it("finds synonyms of domain terms", async () => {
      expect(await ids(query("太阳能电池"))).toEqual(
        expect.arrayContaining(["solar-storage", "solar-only"]),
      );
      expect(await ids(query("锂离子电池"))).toEqual(
        expect.arrayContaining(["battery-title", "battery-description"]),
      );
    });

    it("keeps a long query's characteristic terms and still requires all of them", async () => {
      const long =
        "分布式光伏配套储能，实现园区削峰填谷。光伏与储能一体化微电网，" +
        "分布式光伏配套储能，实现园区削峰填谷，园区微电网一体化。";
      const response = await backend.search(behaviourIndex.name, query(long));
      expect(response.queryTerms.length).toBeLessThanOrEqual(10);
      expect(response.hits.map((h) => h.document.id)).toEqual(["solar-storage"]);
    });

    it("builds a missing live index on the first rebuild, settings included", async () => {
      const fresh = makeBackend(url);
      try {
        expect(await fresh.backend.isHealthy()).toBe(true);
        expect(await fresh.backend.documentCount(behaviourIndex.name)).toBeNull();
        await reindex(fresh.backend, behaviourIndex, [behaviourCorpus.slice(0, 5)]);
        expect(await fresh.backend.documentCount(behaviourIndex.name)).toBe(5);
        const client = new Meilisearch({ host: url, apiKey });
        const live = fresh.backend.indexUid(behaviourIndex.name);
        const settings = await client.index(live).getSettings();
        expect(settings.searchableAttributes).toContain(TERMS_ATTRIBUTE);
        expect((await client.getRawIndex(live)).primaryKey).toBe("id");
        const { results } = await client.getRawIndexes({ limit: 1000 });
        expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(fresh.prefix))).toEqual([
          live,
        ]);
      } finally {
        await deleteIndexes(url, fresh.prefix);
      }
    });

    it("rebuilds the index with swapIndexes while searches keep answering", async () => {
      const before = await ids(query("储能"));
      const during: string[][] = [];
      const progress: ReindexProgress[] = [];
      const changed = behaviourCorpus.map((d) =>
        d.id === "storage-only" ? { ...d, title: "飞轮储能装置（第二代）" } : d,
      );
      async function* load(): AsyncGenerator<SearchDocument[]> {
        yield changed.slice(0, 6);
        during.push(await ids(query("储能")));
        yield changed.slice(6);
      }
      await reindex(backend, behaviourIndex, load(), { onProgress: (p) => progress.push(p) });

      expect(during).toEqual([before]);
      expect(new Set(await ids(query("储能")))).toEqual(new Set(before));
      expect(await ids(query("第二代"))).toEqual(["storage-only"]);
      const client = new Meilisearch({ host: url, apiKey });
      const { results } = await client.getRawIndexes({ limit: 1000 });
      expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(prefix))).toEqual([
        backend.indexUid(behaviourIndex.name),
      ]);
      expect(progress.at(-1)?.phase).toBe("dropped");
    });
  });
}
