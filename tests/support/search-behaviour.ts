/**
 * The search behaviour every SearchBackend must show (DESIGN.md §4). A
 * backend's test file calls `searchBehaviourSuite(name, makeBackend)` once
 * per configuration; the suite registers its own describe/it blocks, loads
 * a small Chinese corpus through `upsert` and cleans up through the
 * factory's `cleanup`.
 *
 * The factory must return an empty backend; the suite calls
 * `ensureIndexes([behaviourIndex])` itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type IndexDefinition,
  type SearchBackend,
  type SearchDocument,
  type SearchQuery,
  type SearchResponse,
  SearchQueryError,
} from "../../search/types";

export interface BackendFixture {
  backend: SearchBackend;
  cleanup(): Promise<void>;
}

export type MakeBackend = () => Promise<BackendFixture>;

export const behaviourIndex: IndexDefinition = {
  name: "behaviour_listings",
  searchableAttributes: ["title", "keywords", "description"],
  filterableAttributes: ["field", "maturity", "modes"],
  sortableAttributes: ["publishedAt", "priceFen"],
  highlightAttributes: ["title"],
  snippetAttributes: ["description"],
  snippetLength: 40,
};

interface Listing extends SearchDocument {
  title: string;
  keywords: string[];
  description: string;
  field: string;
  maturity: string;
  modes: string[];
  publishedAt: number;
  priceFen: number | null;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 30);
const FILLER = "本成果由高校科研团队完成，已在多家企业开展应用验证，可提供技术培训与售后支持。";

function listing(
  id: string,
  daysAgo: number,
  fields: Partial<Listing> & Pick<Listing, "title" | "field">,
): Listing {
  return {
    id,
    keywords: [],
    description: FILLER,
    maturity: "pilot",
    modes: ["transfer"],
    priceFen: null,
    publishedAt: T0 - daysAgo * DAY,
    ...fields,
  };
}

/** The corpus: ids tell what each document is there to prove. */
export const behaviourCorpus: readonly Listing[] = [
  listing("wastewater", 1, {
    title: "化工园区高浓度废水待处理工艺",
    description: `${FILLER}针对化工园区高浓度有机废水，采用催化氧化与膜分离组合工艺，出水稳定达标。`,
    field: "environment",
    maturity: "industrialization",
    modes: ["transfer", "license"],
    priceFen: 50_000_000,
  }),
  listing("bank", 2, {
    title: "中国农业发展银行县域信贷风控模型",
    description: "面向县域涉农贷款的风险评估模型，融合气象与产量数据。",
    field: "agriculture",
    maturity: "pilot",
    modes: ["service"],
    priceFen: 2_000_000,
  }),
  listing("cooperation", 3, {
    title: "国际合作研发平台建设方案",
    description: "依托海外联合实验室开展国际合作，推动成果在本地转化。",
    field: "urban",
    maturity: "laboratory",
    modes: ["cooperation"],
  }),
  listing("graphene", 4, {
    title: "石墨烯导热膜 Graphene Thermal Film",
    keywords: ["graphene", "导热"],
    description: "高导热石墨烯薄膜，用于手机与服务器散热。",
    field: "materials",
    maturity: "small_trial",
    modes: ["license", "equity"],
    priceFen: 30_000_000,
  }),
  listing("battery-title", 9, {
    title: "高安全锂电池隔膜涂覆技术",
    description: "陶瓷涂覆隔膜，提升电芯热稳定性。",
    field: "energy",
    maturity: "pilot",
    modes: ["transfer"],
    priceFen: 8_000_000,
  }),
  listing("battery-description", 5, {
    title: "储能电站热管理系统",
    description: "电站热管理方案，兼容磷酸铁锂电池与钠离子电芯，降低温差。",
    field: "energy",
    maturity: "industrialization",
    modes: ["license"],
    priceFen: 12_000_000,
  }),
  listing("solar-storage", 6, {
    title: "光伏与储能一体化微电网",
    description: "分布式光伏配套储能，实现园区削峰填谷。",
    field: "energy",
    maturity: "pilot",
    modes: ["cooperation", "transfer"],
    priceFen: 90_000_000,
  }),
  listing("solar-only", 7, {
    title: "光伏组件清洗机器人",
    description: "无水清洗光伏板，适用于西北地区电站。",
    field: "energy",
    maturity: "small_trial",
    modes: ["transfer"],
  }),
  listing("storage-only", 8, {
    title: "飞轮储能装置",
    description: "高速飞轮储能，适合轨道交通制动能量回收。",
    field: "transport",
    maturity: "laboratory",
    modes: ["cooperation"],
    priceFen: 4_000_000,
  }),
  listing("cladding", 10, {
    title: "<script>alert(1)</script> 激光熔覆修复技术 & 工艺",
    description: "激光熔覆用于轧辊与阀门密封面修复，<b>延长寿命</b>三倍。",
    field: "manufacturing",
    maturity: "industrialization",
    modes: ["service", "transfer"],
    priceFen: 15_000_000,
  }),
  listing("saline", 11, {
    title: "盐碱地改良与耐盐水稻种植",
    description: "适用于沿海盐碱地的土壤改良剂与耐盐品种，亩产提高两成。",
    field: "agriculture",
    maturity: "industrialization",
    modes: ["transfer", "service"],
    priceFen: 6_000_000,
  }),
  listing("pipe", 12, {
    title: "ＰＶＣ管件注塑模具",
    description: "ＰＶＣ弯头与法兰一体成型模具，缩短生产周期。",
    field: "manufacturing",
    maturity: "industrialization",
    modes: ["transfer"],
  }),
];

const query = (q: string | undefined, extra: Partial<SearchQuery> = {}): SearchQuery => ({
  ...(q === undefined ? {} : { q }),
  page: 1,
  hitsPerPage: 100,
  ...extra,
});

const idsOf = (response: SearchResponse) => response.hits.map((h) => h.document.id);

/** Highlight HTML with adjacent marks merged: backends may mark 催化|氧化 or 催化氧化. */
const joinMarks = (html: string | undefined) => (html ?? "").replace(/<\/mark><mark>/g, "");

/** Value counts of `attribute` over `documents` (arrays count once per value). */
function countValues(
  documents: readonly SearchDocument[],
  attribute: string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const document of documents) {
    const value = document[attribute];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string") counts[v] = (counts[v] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * Registers the shared behaviour suite under `name`. `makeBackend` gives a
 * fresh, empty backend and a cleanup; it is called once for the read-only
 * cases and once for the cases that write.
 */
export function searchBehaviourSuite(name: string, makeBackend: MakeBackend): void {
  describe(`search behaviour: ${name}`, () => {
    let fixture: BackendFixture;
    const search = (q: SearchQuery) => fixture.backend.search(behaviourIndex.name, q);

    beforeAll(async () => {
      fixture = await makeBackend();
      await fixture.backend.ensureIndexes([behaviourIndex]);
      await fixture.backend.upsert(behaviourIndex.name, behaviourCorpus);
    });
    afterAll(async () => {
      await fixture?.cleanup();
    });

    describe("Chinese analysis", () => {
      it("finds 待处理 when searching 处理", async () => {
        expect(idsOf(await search(query("处理")))).toContain("wastewater");
      });

      it("finds 中国农业发展银行 when searching 农业", async () => {
        expect(idsOf(await search(query("农业")))).toContain("bank");
      });

      it("finds simplified 国际合作 when searching traditional 國際合作", async () => {
        const response = await search(query("國際合作"));
        expect(idsOf(response)).toEqual(["cooperation"]);
        expect(joinMarks(response.hits[0]?.highlights.title)).toContain("<mark>国际合作</mark>");
      });

      it("folds full-width letters (pvc finds ＰＶＣ)", async () => {
        expect(idsOf(await search(query("pvc")))).toEqual(["pipe"]);
      });

      it.each(["的", "，。！？", "   ", "的 了 和"])(
        "answers %j (nothing searchable) with no hits and a notice",
        async (q) => {
          const response = await search(query(q));
          expect(response.totalHits).toBe(0);
          expect(response.hits).toEqual([]);
          expect(response.notice).toBe("no_searchable_terms");
        },
      );
    });

    describe("matching and ranking", () => {
      it("lists everything newest first for an empty query", async () => {
        for (const q of [undefined, ""]) {
          const response = await search(query(q));
          expect(response.totalHits).toBe(behaviourCorpus.length);
          expect(response.notice).toBeUndefined();
          const expected = [...behaviourCorpus]
            .sort((a, b) => b.publishedAt - a.publishedAt)
            .map((d) => d.id);
          expect(idsOf(response)).toEqual(expected);
        }
      });

      it("requires every term (AND)", async () => {
        const response = await search(query("光伏 储能"));
        expect(idsOf(response)).toEqual(["solar-storage"]);
        expect(response.totalHits).toBe(1);
      });

      it('matchingStrategy "any" returns documents with at least one term, more terms first', async () => {
        const response = await search(query("光伏 储能", { matchingStrategy: "any" }));
        const withTerm = behaviourCorpus
          .filter((d) => /光伏|储能/.test(`${d.title} ${d.description}`))
          .map((d) => d.id);
        expect(withTerm.length).toBeGreaterThanOrEqual(3);
        expect(new Set(idsOf(response))).toEqual(new Set(withTerm));
        expect(idsOf(response)[0]).toBe("solar-storage");
      });

      it('matchingStrategy "any" keeps filters and rejects facets', async () => {
        const filtered = await search(
          query("光伏 储能", { matchingStrategy: "any", filters: { field: ["transport"] } }),
        );
        expect(idsOf(filtered)).toEqual(["storage-only"]);
        await expect(
          search(query("光伏 储能", { matchingStrategy: "any", facets: ["field"] })),
        ).rejects.toMatchObject({ code: "unsupported_query" });
        await expect(
          search(query("光伏", { matchingStrategy: "some" as "any" })),
        ).rejects.toMatchObject({ code: "invalid_matching_strategy" });
      });

      it("ranks title matches above description-only matches", async () => {
        const response = await search(query("锂电池"));
        expect(idsOf(response)).toEqual(["battery-title", "battery-description"]);
      });

      it("finds Latin words with a typo (graphne → graphene)", async () => {
        const response = await search(query("graphne"));
        expect(idsOf(response)).toEqual(["graphene"]);
        expect(response.hits[0]?.highlights.title).toContain("<mark>Graphene</mark>");
        expect(idsOf(await search(query("graphne 导热")))).toEqual(["graphene"]);
        expect((await search(query("graphne 水稻"))).totalHits).toBe(0);
      });

      it.each([
        "' OR 1=1 --",
        "a & b | !c",
        "foo:*",
        "\\",
        "(",
        "'); drop table x; --",
        "储能:* & !光伏",
      ])("treats %j as plain text", async (q) => {
        const response = await search(query(q));
        expect(response.totalHits).toBeGreaterThanOrEqual(0);
      });

      it("answers a 10,000-character query quickly", async () => {
        const chinese = "光伏储能一体化微电网技术方案，".repeat(700).slice(0, 10_000);
        const latin = "a".repeat(10_000);
        for (const q of [chinese, latin]) {
          const started = performance.now();
          const response = await search(query(q));
          expect(performance.now() - started).toBeLessThan(2_000);
          expect(response.totalHits).toBeGreaterThanOrEqual(0);
        }
      });
    });

    describe("filters and facets", () => {
      it("ORs values within an attribute and ANDs across attributes", async () => {
        const response = await search(
          query("", {
            filters: { field: ["energy", "agriculture"], maturity: ["pilot"] },
          }),
        );
        const expected = behaviourCorpus
          .filter((d) => ["energy", "agriculture"].includes(d.field) && d.maturity === "pilot")
          .map((d) => d.id);
        expect(new Set(idsOf(response))).toEqual(new Set(expected));
        expect(response.totalHits).toBe(expected.length);
      });

      it("matches multi-valued attributes by any value", async () => {
        const response = await search(query("", { filters: { modes: ["equity"] } }));
        expect(idsOf(response)).toEqual(["graphene"]);
      });

      it("counts facets over the filtered hits exactly", async () => {
        const facets = ["field", "maturity", "modes"];
        const filtered = behaviourCorpus.filter((d) => d.modes.includes("transfer"));
        const response = await search(query("", { filters: { modes: ["transfer"] }, facets }));
        expect(response.totalHits).toBe(filtered.length);
        for (const facet of facets) {
          expect(response.facetDistribution[facet]).toEqual(countValues(filtered, facet));
        }
      });

      it("counts facets over the hits of a text query", async () => {
        const response = await search(query("储能", { facets: ["field", "modes"] }));
        const hits = response.hits.map((h) => h.document);
        expect(hits.length).toBe(response.totalHits);
        expect(response.facetDistribution.field).toEqual(countValues(hits, "field"));
        expect(response.facetDistribution.modes).toEqual(countValues(hits, "modes"));
      });

      it("rejects an unknown filter, facet or sort attribute", async () => {
        const attempts: SearchQuery[] = [
          query("", { filters: { secret: ["x"] } }),
          query("", { facets: ["secret"] }),
          query("", { sort: { attribute: "secret", direction: "asc" } }),
        ];
        for (const attempt of attempts) {
          const error = await search(attempt).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(SearchQueryError);
          expect((error as SearchQueryError).code).toBe("unknown_attribute");
        }
      });

      it("rejects an unknown index", async () => {
        const error = await fixture.backend
          .search("no_such_index", query(""))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SearchQueryError);
      });
    });

    describe("sorting and pagination", () => {
      const priced = behaviourCorpus.filter((d) => d.priceFen !== null);

      it.each(["asc", "desc"] as const)("sorts by price %s with nulls last", async (direction) => {
        const response = await search(query("", { sort: { attribute: "priceFen", direction } }));
        const prices = response.hits.map((h) => h.document.priceFen as number | null);
        const expected = priced
          .map((d) => d.priceFen as number)
          .sort((a, b) => (direction === "asc" ? a - b : b - a));
        expect(prices.slice(0, priced.length)).toEqual(expected);
        expect(prices.slice(priced.length).every((p) => p === null)).toBe(true);
        expect(prices).toHaveLength(behaviourCorpus.length);
      });

      it.each(["asc", "desc"] as const)(
        "orders a text query by the requested sort, not relevance (%s)",
        async (direction) => {
          const response = await search(
            query("储能", { sort: { attribute: "priceFen", direction } }),
          );
          const expected = ["storage-only", "battery-description", "solar-storage"];
          expect(idsOf(response)).toEqual(direction === "asc" ? expected : expected.reverse());
        },
      );

      it("pages through the hits", async () => {
        const all = idsOf(await search(query("")));
        const page1 = await search(query("", { page: 1, hitsPerPage: 5 }));
        const page2 = await search(query("", { page: 2, hitsPerPage: 5 }));
        expect(idsOf(page1)).toEqual(all.slice(0, 5));
        expect(idsOf(page2)).toEqual(all.slice(5, 10));
        expect(page2.totalHits).toBe(behaviourCorpus.length);
        expect(page2.page).toBe(2);
        expect(page2.hitsPerPage).toBe(5);
      });

      it("answers a page past the end with no hits and the right total", async () => {
        const response = await search(query("", { page: 10, hitsPerPage: 5 }));
        expect(response.hits).toEqual([]);
        expect(response.totalHits).toBe(behaviourCorpus.length);
      });
    });

    describe("highlights", () => {
      it("marks the matched term in highlight and snippet attributes", async () => {
        const response = await search(query("处理"));
        const hit = response.hits.find((h) => h.document.id === "wastewater");
        // A backend may mark the term or the whole word around it (待处理).
        expect(hit?.highlights.title).toMatch(/<mark>[^<]*处理[^<]*<\/mark>/);
        expect(hit?.highlights.title?.replace(/<\/?mark>/g, "")).toBe(
          "化工园区高浓度废水待处理工艺",
        );
        expect(hit?.highlights.description).toBeDefined();
      });

      it("HTML-escapes highlighted text", async () => {
        const response = await search(query("激光熔覆"));
        const hit = response.hits[0];
        expect(hit?.document.id).toBe("cladding");
        expect(hit?.highlights.title).toContain("&lt;script&gt;");
        expect(hit?.highlights.title).not.toContain("<script>");
        expect(joinMarks(hit?.highlights.title)).toContain("<mark>激光熔覆</mark>");
        expect(hit?.highlights.title).toContain("&amp;");
        expect(hit?.highlights.description).toContain("&lt;b&gt;");
        expect(joinMarks(hit?.highlights.description)).toContain("<mark>激光熔覆</mark>");
      });

      it("crops long snippet attributes around the first match", async () => {
        const response = await search(query("催化氧化"));
        const snippet = response.hits[0]?.highlights.description ?? "";
        expect(joinMarks(snippet)).toContain("<mark>催化氧化</mark>");
        expect(snippet.startsWith("…")).toBe(true);
        expect(snippet.replace(/<\/?mark>/g, "").length).toBeLessThan(
          behaviourIndex.snippetLength + 10,
        );
      });
    });
  });

  describe(`search writes: ${name}`, () => {
    let fixture: BackendFixture;
    const search = (q: SearchQuery) => fixture.backend.search(behaviourIndex.name, q);

    beforeAll(async () => {
      fixture = await makeBackend();
      await fixture.backend.ensureIndexes([behaviourIndex]);
      await fixture.backend.upsert(behaviourIndex.name, behaviourCorpus.slice(0, 4));
    });
    afterAll(async () => {
      await fixture?.cleanup();
    });

    it("replaces a document on upsert instead of duplicating it", async () => {
      const original = listing("alloy", 0, { title: "钛合金精密铸造", field: "materials" });
      await fixture.backend.upsert(behaviourIndex.name, [original]);
      expect(idsOf(await search(query("钛合金")))).toEqual(["alloy"]);

      await fixture.backend.upsert(behaviourIndex.name, [
        { ...original, title: "铝合金压铸工艺", field: "manufacturing" },
      ]);
      expect((await search(query("钛合金"))).totalHits).toBe(0);
      const replaced = await search(query("铝合金", { facets: ["field"] }));
      expect(idsOf(replaced)).toEqual(["alloy"]);
      expect(replaced.facetDistribution.field).toEqual({ manufacturing: 1 });
      expect((await search(query(""))).totalHits).toBe(5);
    });

    it("keeps the last of repeated ids in one upsert", async () => {
      const first = listing("twice", 0, { title: "第一版标题 陶瓷膜", field: "materials" });
      const second = { ...first, title: "第二版标题 陶瓷膜" };
      await fixture.backend.upsert(behaviourIndex.name, [first, second]);
      const response = await search(query("陶瓷膜"));
      expect(response.totalHits).toBe(1);
      expect(response.hits[0]?.document.title).toBe("第二版标题 陶瓷膜");
    });

    it("removes documents and ignores unknown ids", async () => {
      await fixture.backend.remove(behaviourIndex.name, ["alloy", "twice", "never-indexed"]);
      expect((await search(query("铝合金"))).totalHits).toBe(0);
      expect((await search(query(""))).totalHits).toBe(4);
    });
  });
}
