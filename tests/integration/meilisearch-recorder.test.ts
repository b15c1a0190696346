/**
 * What the Meilisearch backend sends, checked against a recording stand-in
 * server (tests/support/meili-recorder.ts): settings before documents,
 * primary keys, `_terms` and folded text, escaped filters, at most 10
 * query words, typed errors for failed and stuck tasks, and the reindex
 * flow (create staging → settings → documents → swap → delete).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import {
  type SearchBackendConfig,
  startSearchBackend,
  wantedBackend,
} from "../../search/backend-factory";
import {
  type MeilisearchBackend,
  createMeilisearchBackend,
} from "../../search/meilisearch-backend";
import { TERMS_ATTRIBUTE } from "../../search/meilisearch-settings";
import { MARK_END, MARK_START, estimatedWords } from "../../search/meilisearch-query";
import { SearchTaskError } from "../../search/meilisearch-tasks";
import { type ReindexProgress, reindex } from "../../search/reindex";
import { type SearchDocument, type SearchQuery, SearchQueryError } from "../../search/types";
import {
  type MeiliRecorder,
  type RecordedRequest,
  meiliError,
  startMeiliRecorder,
} from "../support/meili-recorder";
import { testDialects } from "../support/databases";
import { behaviourCorpus, behaviourIndex } from "../support/search-behaviour";

/** The Postgres backend the selection falls back to needs a migrated database. */
async function openPgliteForSelection(): Promise<Database> {
  const pglite = testDialects().find((d) => d.name === "pglite");
  if (!pglite) throw new Error("PGlite dialect missing");
  return pglite.open();
}

const INDEX = behaviourIndex.name;
const query = { page: 1, hitsPerPage: 10 };

let recorder: MeiliRecorder;
let backend: MeilisearchBackend;

beforeEach(async () => {
  recorder = await startMeiliRecorder();
  backend = createMeilisearchBackend({
    host: recorder.url,
    apiKey: recorder.apiKey,
    definitions: [behaviourIndex],
    taskTimeoutMs: 400,
    taskIntervalMs: 5,
    batchSize: 5,
  });
});
afterEach(async () => {
  await recorder.close();
});

const requestsTo = (method: string, path: RegExp | string) =>
  recorder.requests.filter(
    (r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
  );
const lastSearch = (): Record<string, unknown> => {
  const request = requestsTo("POST", /\/search$/).at(-1);
  if (!request) throw new Error("no search request was sent");
  return request.body as Record<string, unknown>;
};

/**
 * Reads one `"attribute" = "value"` condition the way Meilisearch's filter
 * parser does (crates/filter-parser/src/value.rs): a double-quoted literal
 * ends at the first `"` not escaped by `\`; then `\"` is unescaped and the
 * remaining escape sequences resolved. Returns null if anything is left over.
 */
function parseCondition(condition: string): [string, string] | null {
  let rest = condition;
  const literal = (): string | null => {
    rest = rest.trimStart();
    if (!rest.startsWith('"')) return null;
    let i = 1;
    while (i < rest.length && rest[i] !== '"') i += rest[i] === "\\" ? 2 : 1;
    if (i >= rest.length) return null;
    const raw = rest.slice(1, i).replace(/\\"/g, '"');
    rest = rest.slice(i + 1);
    let value = "";
    for (let j = 0; j < raw.length; j++) {
      if (raw[j] !== "\\") {
        value += raw[j];
        continue;
      }
      const next = raw[++j];
      if (next !== "\\" && next !== '"') return null;
      value += next;
    }
    return value;
  };
  const attribute = literal();
  rest = rest.trimStart();
  if (attribute === null || !rest.startsWith("=")) return null;
  rest = rest.slice(1);
  const value = literal();
  return value !== null && rest.trim() === "" ? [attribute, value] : null;
}

describe("indexes and settings", () => {
  it("creates the index with primaryKey id and applies settings before any document", async () => {
    await backend.ensureIndexes([behaviourIndex]);
    await backend.upsert(INDEX, behaviourCorpus.slice(0, 3));
    expect(recorder.calls()).toEqual([
      `GET /indexes/${INDEX}`,
      "POST /indexes",
      `PATCH /indexes/${INDEX}/settings`,
      `POST /indexes/${INDEX}/documents`,
    ]);
    expect(requestsTo("POST", "/indexes")[0]?.body).toEqual({ uid: INDEX, primaryKey: "id" });
    expect(
      recorder.requests.every(
        (r) => r.authorization === `Bearer ${recorder.apiKey}` || r.path === "/health",
      ),
    ).toBe(true);

    const settings = requestsTo("PATCH", `/indexes/${INDEX}/settings`)[0]?.body as Record<
      string,
      unknown
    >;
    expect(settings.searchableAttributes).toEqual([
      "title",
      "keywords",
      "description",
      TERMS_ATTRIBUTE,
    ]);
    expect(settings.filterableAttributes).toEqual(["field", "maturity", "modes"]);
    expect(settings.sortableAttributes).toEqual(["publishedAt", "priceFen"]);
    expect(settings.rankingRules).toEqual([
      "sort",
      "words",
      "typo",
      "proximity",
      "attribute",
      "exactness",
      "publishedAt:desc",
    ]);
    const synonyms = settings.synonyms as Record<string, string[]>;
    expect(synonyms["光伏"]).toEqual(expect.arrayContaining(["太阳能电池", "太阳能光伏"]));
    expect(synonyms["太阳能电池"]).toContain("光伏");
    expect(synonyms["锂离子电池"]).toContain("锂电池");
    expect(synonyms["污水"]).toContain("废水");
    expect(synonyms["增材制造"]).toContain("3d打印");
    expect(settings.dictionary).toEqual(
      expect.arrayContaining(["激光熔覆", "3D打印", "3d打印", "锂电池"]),
    );
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ["*"], locales: ["cmn"] }]);
    expect(settings.pagination).toEqual({ maxTotalHits: 10_000 });
    expect(
      (settings.faceting as { maxValuesPerFacet: number }).maxValuesPerFacet,
    ).toBeGreaterThanOrEqual(100);
  });

  it("keeps an existing index and only re-applies the settings", async () => {
    await backend.ensureIndexes([behaviourIndex]);
    const before = recorder.requests.length;
    await backend.ensureIndexes([behaviourIndex]);
    expect(recorder.calls().slice(-2)).toEqual([
      `GET /indexes/${INDEX}`,
      `PATCH /indexes/${INDEX}/settings`,
    ]);
    expect(requestsTo("POST", "/indexes")).toHaveLength(1);
    expect(recorder.requests.length).toBeGreaterThan(before);
  });

  it("refuses an existing index with another primary key", async () => {
    recorder.indexes.set(INDEX, {
      uid: INDEX,
      primaryKey: "uuid",
      settings: {},
      documents: new Map(),
      createdAt: "",
      updatedAt: "",
    });
    const error = await backend.ensureIndexes([behaviourIndex]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchQueryError);
    expect(String(error)).toContain('primary key "uuid"');
    expect(requestsTo("PATCH", /settings$/)).toHaveLength(0);
  });
});

describe("documents", () => {
  beforeEach(async () => {
    await backend.ensureIndexes([behaviourIndex]);
  });

  it("sends primaryKey on every addition and awaits each task before the next", async () => {
    await backend.upsert(INDEX, behaviourCorpus);
    const additions = requestsTo("POST", `/indexes/${INDEX}/documents`);
    expect(additions).toHaveLength(Math.ceil(behaviourCorpus.length / 5));
    expect(additions.every((r) => r.query.primaryKey === "id")).toBe(true);
    // Each addition is followed by polling its task (0 and 1 created the
    // index and applied the settings) before anything else is sent.
    const sequence = recorder.requests.map((r) => `${r.method} ${r.path}`);
    additions.forEach((addition, n) => {
      expect(sequence[recorder.requests.indexOf(addition) + 1]).toBe(`GET /tasks/${n + 2}`);
    });
    expect(recorder.indexes.get(INDEX)?.documents.size).toBe(behaviourCorpus.length);
  });

  it("adds _terms (jieba search-mode terms) and folds traditional text", async () => {
    const document: SearchDocument = {
      id: "trad",
      title: "國際合作研發平台 ＰＶＣ",
      keywords: ["廢水處理"],
      description: "化工園區待處理廢水",
      field: "urban",
      publishedAt: new Date(Date.UTC(2026, 0, 1)),
      priceFen: null,
    };
    await backend.upsert(INDEX, [document]);
    const sent = (
      requestsTo("POST", `/indexes/${INDEX}/documents`)[0]?.body as Record<string, unknown>[]
    )[0];
    expect(sent?.title).toBe("国际合作研发平台 ＰＶＣ");
    expect(sent?.keywords).toEqual(["废水处理"]);
    expect(sent?.description).toBe("化工园区待处理废水");
    expect(sent?.field).toBe("urban");
    expect(sent?.publishedAt).toBe(Date.UTC(2026, 0, 1));
    expect(sent?.priceFen).toBeNull();
    expect(sent?.[TERMS_ATTRIBUTE]).toEqual(
      expect.arrayContaining(["国际", "合作", "处理", "待处理", "废水", "pvc", "化工"]),
    );
  });

  it("keeps the last of repeated ids and deletes in batches", async () => {
    const first = { ...behaviourCorpus[0], title: "第一版" } as SearchDocument;
    const second = { ...first, title: "第二版" };
    await backend.upsert(INDEX, [first, second]);
    const sent = requestsTo("POST", `/indexes/${INDEX}/documents`)[0]?.body as SearchDocument[];
    expect(sent.map((d) => d.title)).toEqual(["第二版"]);

    await backend.remove(INDEX, ["a", "b", "c", "d", "e", "f", "a"]);
    const deletions = requestsTo("POST", `/indexes/${INDEX}/documents/delete-batch`);
    expect(deletions.map((r) => r.body)).toEqual([["a", "b", "c", "d", "e"], ["f"]]);
  });

  it("rejects a bad document before sending anything", async () => {
    const before = recorder.requests.length;
    for (const bad of [
      { id: "has space", title: "x" },
      { id: "ok", title: "x", _terms: ["smuggled"] },
      { id: "ok", title: "x", priceFen: 1.5 },
    ]) {
      const error = await backend
        .upsert(INDEX, [behaviourCorpus[0]!, bad])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SearchQueryError);
      expect((error as SearchQueryError).code).toBe("invalid_document");
    }
    expect(recorder.requests.length).toBe(before);
  });
});

describe("tasks", () => {
  it("throws SearchTaskError with the task's code and message when a task fails", async () => {
    await backend.ensureIndexes([behaviourIndex]);
    recorder.taskOutcome = (task) =>
      task.type === "documentAdditionOrUpdate"
        ? meiliError("invalid_document_id", "Document identifier `x y` is invalid.")
        : undefined;
    const error = await backend.upsert(INDEX, behaviourCorpus.slice(0, 2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchTaskError);
    expect((error as SearchTaskError).code).toBe("invalid_document_id");
    expect((error as SearchTaskError).message).toContain("Document identifier `x y` is invalid.");
    expect((error as SearchTaskError).taskType).toBe("documentAdditionOrUpdate");
  });

  it("fails ensureIndexes when the settings task fails", async () => {
    recorder.taskOutcome = (task) =>
      task.type === "settingsUpdate"
        ? meiliError(
            "invalid_settings_ranking_rules",
            "`publishedAt:desc` ranking rule is invalid.",
          )
        : undefined;
    const error = await backend.ensureIndexes([behaviourIndex]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchTaskError);
    expect((error as SearchTaskError).code).toBe("invalid_settings_ranking_rules");
    expect(String(error)).toContain("ranking rule is invalid");
    expect(requestsTo("POST", /documents/)).toHaveLength(0);
  });

  it("throws task_timeout when a task stays processing past the timeout", async () => {
    recorder.taskOutcome = (task) => (task.type === "settingsUpdate" ? "stall" : undefined);
    const started = performance.now();
    const error = await backend.ensureIndexes([behaviourIndex]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchTaskError);
    expect((error as SearchTaskError).code).toBe("task_timeout");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(recorder.tasks.at(-1)?.status).toBe("processing");
  });
});

describe("queries", () => {
  beforeEach(async () => {
    await backend.ensureIndexes([behaviourIndex]);
  });

  it.each([
    ['a"b'],
    ["x OR y"],
    ["NOT"],
    ["back\\slash"],
    ['\\"'],
    ['") OR ("field" = "energy'],
    ["EXISTS"],
    ["TO"],
    ["a\\"],
    ["(x) AND y != z"],
  ])("quotes and escapes filter value %j so it cannot change the filter", async (value) => {
    await backend.search(INDEX, {
      ...query,
      filters: { field: [value, "energy"], maturity: ["pilot"] },
    });
    const filter = lastSearch().filter as string[][];
    expect(filter).toHaveLength(2);
    expect(filter[0]?.map(parseCondition)).toEqual([
      ["field", value],
      ["field", "energy"],
    ]);
    expect(filter[1]?.map(parseCondition)).toEqual([["maturity", "pilot"]]);
  });

  it("rejects undeclared attributes without sending a request", async () => {
    const before = recorder.requests.length;
    const attempts: Partial<SearchQuery>[] = [
      { filters: { secret: ["x"] } },
      { facets: ["secret"] },
      { sort: { attribute: "secret", direction: "asc" as const } },
      { filters: { 'field" = "x" OR "a': ["x"] } },
    ];
    for (const attempt of attempts) {
      const error = await backend.search(INDEX, { ...query, ...attempt }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SearchQueryError);
      expect((error as SearchQueryError).code).toBe("unknown_attribute");
    }
    expect(recorder.requests.length).toBe(before);
  });

  it("sends the analysed terms, folded, with AND matching", async () => {
    const response = await backend.search(INDEX, {
      ...query,
      q: "國際合作 的 光伏",
      sort: { attribute: "priceFen", direction: "asc" },
      facets: ["field"],
    });
    const body = lastSearch();
    expect(body.q).toBe("国际 合作 光伏");
    expect(response.queryTerms).toEqual(["国际", "合作", "光伏"]);
    expect(body).toMatchObject({
      matchingStrategy: "all",
      locales: ["cmn"],
      page: 1,
      hitsPerPage: 10,
      sort: ["priceFen:asc"],
      facets: ["field"],
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
      attributesToHighlight: ["title", "description"],
    });
    expect(body.attributesToCrop).toBeUndefined();
  });

  it("never sends more than 10 query words", async () => {
    const long =
      "化工园区高浓度有机废水采用催化氧化与膜分离组合工艺，出水稳定达标，" +
      "配套分布式光伏储能微电网，实现削峰填谷，石墨烯导热薄膜用于服务器散热，" +
      "盐碱地改良耐盐水稻种植，激光熔覆修复轧辊阀门密封面。";
    const response = await backend.search(INDEX, { ...query, q: long });
    const words = String(lastSearch().q).split(" ");
    expect(words.length).toBeGreaterThan(3);
    expect(words.length).toBeLessThanOrEqual(10);
    expect(words.reduce((sum, w) => sum + estimatedWords(w), 0)).toBeLessThanOrEqual(10);
    expect(response.queryTerms).toEqual(words);
    // The most characteristic terms are kept, in query order.
    expect(words.some((w) => ["废水", "光伏", "石墨烯", "激光熔覆", "盐碱地"].includes(w))).toBe(
      true,
    );
    const positions = words.map((w) => long.indexOf(w)).filter((p) => p >= 0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("strips phrase quotes and negation from the words it sends", async () => {
    await backend.search(INDEX, { ...query, q: '"光伏" -储能' });
    expect(lastSearch().q).toBe("光伏 储能");
  });

  it.each(["的", "，。！？", "   ", "的 了 和"])(
    "answers %j with the notice and no request",
    async (q) => {
      const before = recorder.requests.length;
      const response = await backend.search(INDEX, { ...query, q, facets: ["field"] });
      expect(response).toMatchObject({ hits: [], totalHits: 0, notice: "no_searchable_terms" });
      expect(response.facetDistribution).toEqual({ field: {} });
      expect(recorder.requests.length).toBe(before);
    },
  );

  it("answers a word too long to be indexed with no hits and no request", async () => {
    const before = recorder.requests.length;
    const response = await backend.search(INDEX, { ...query, q: "a".repeat(10_000) });
    expect(response.totalHits).toBe(0);
    expect(response.notice).toBeUndefined();
    expect(recorder.requests.length).toBe(before);
  });

  it("maps a response: document without _terms, highlights from terms and Meilisearch's marks widened to whole words", async () => {
    const stored = {
      id: "graphene",
      title: "石墨烯导热膜 Graphene <b>Film</b>",
      description: "高导热石墨烯薄膜，用于手机与服务器散热。",
      field: "materials",
      [TERMS_ATTRIBUTE]: ["石墨", "石墨烯"],
    };
    recorder.searchResponder = () => ({
      hits: [
        {
          ...stored,
          _formatted: {
            ...stored,
            // A typo match is marked for the query word's length only.
            title: `石墨烯导热膜 ${MARK_START}Graphen${MARK_END}e <b>Film</b>`,
            [TERMS_ATTRIBUTE]: [`${MARK_START}x${MARK_END}`],
          },
        },
      ],
      query: "graphne 石墨烯",
      processingTimeMs: 1,
      page: 1,
      hitsPerPage: 10,
      totalPages: 1,
      totalHits: 1,
      facetDistribution: { field: { materials: 1 } },
    });
    const response = await backend.search(INDEX, {
      ...query,
      q: "graphne 石墨烯",
      facets: ["field", "modes"],
    });
    expect(response.totalHits).toBe(1);
    expect(response.facetDistribution).toEqual({ field: { materials: 1 }, modes: {} });
    const hit = response.hits[0];
    expect(hit?.document).toEqual({
      id: "graphene",
      title: stored.title,
      description: stored.description,
      field: "materials",
    });
    expect(hit?.highlights.title).toBe(
      "<mark>石墨烯</mark>导热膜 <mark>Graphene</mark> &lt;b&gt;Film&lt;/b&gt;",
    );
    expect(hit?.highlights.description).toContain("<mark>石墨烯</mark>");
    const json = JSON.stringify(response);
    expect(json.includes(MARK_START) || json.includes(MARK_END)).toBe(false);
  });
});

describe("reindex", () => {
  const docs = (prefix: string, n: number): SearchDocument[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}${i}`,
      title: `${prefix} 光伏 ${i}`,
      field: "energy",
      publishedAt: i,
    }));
  const stagingOf = (progress: ReindexProgress[]) => progress[0]?.staging ?? "";

  it("creates the staging index, applies settings, loads, swaps, then deletes the old data", async () => {
    await backend.ensureIndexes([behaviourIndex]);
    await backend.upsert(INDEX, docs("old", 3));
    const mark = recorder.requests.length;
    const progress: ReindexProgress[] = [];
    const catchUps: string[] = [];

    const result = await reindex(backend, behaviourIndex, [docs("new", 5), docs("more", 2)], {
      onProgress: (p) => progress.push(p),
      catchUp: async (writer, target) => {
        catchUps.push(target);
        await writer.upsert(docs(`late-${target}-`, 1));
      },
    });

    const staging = stagingOf(progress);
    expect(staging).toMatch(new RegExp(`^${INDEX}_reindex_\\d+$`));
    const flow = recorder.requests
      .slice(mark)
      .filter((r) => !r.path.startsWith("/tasks/"))
      .map((r) => `${r.method} ${r.path.replace(staging, "<staging>")}`);
    expect(flow).toEqual([
      "GET /indexes/<staging>",
      "POST /indexes",
      "PATCH /indexes/<staging>/settings",
      "POST /indexes/<staging>/documents",
      "POST /indexes/<staging>/documents",
      "POST /indexes/<staging>/documents",
      `GET /indexes/${INDEX}`,
      "POST /swap-indexes",
      `POST /indexes/${INDEX}/documents`,
      "DELETE /indexes/<staging>",
    ]);
    expect(requestsTo("POST", "/swap-indexes")[0]?.body).toEqual([
      { indexes: [INDEX, staging], rename: false },
    ]);
    expect(catchUps).toEqual(["staged", "live"]);
    expect(progress.map((p) => p.phase)).toEqual([
      "staged",
      "loading",
      "loading",
      "caught_up",
      "published",
      "dropped",
    ]);
    expect(result).toEqual({ index: INDEX, staging, documents: 7 });

    const live = recorder.indexes.get(INDEX);
    expect([...(live?.documents.keys() ?? [])].sort()).toEqual(
      [...docs("new", 5), ...docs("more", 2), ...docs("late-staged-", 1), ...docs("late-live-", 1)]
        .map((d) => d.id)
        .sort(),
    );
    expect(live?.settings.searchableAttributes).toContain(TERMS_ATTRIBUTE);
    expect(recorder.indexes.has(staging)).toBe(false);
  });

  it("creates the live index for the first rebuild so the swap can happen", async () => {
    await reindex(backend, behaviourIndex, [docs("new", 2)]);
    expect(recorder.calls()).toContain("POST /swap-indexes");
    expect(recorder.indexes.get(INDEX)?.documents.size).toBe(2);
    expect(recorder.indexes.get(INDEX)?.primaryKey).toBe("id");
    expect(recorder.indexes.size).toBe(1);
  });

  it("drops the staging index and leaves the live one alone when loading fails", async () => {
    await backend.ensureIndexes([behaviourIndex]);
    await backend.upsert(INDEX, docs("old", 3));
    let additions = 0;
    recorder.taskOutcome = (task) =>
      task.type === "documentAdditionOrUpdate" && task.indexUid !== INDEX && ++additions === 2
        ? meiliError("invalid_document_fields", "The `_geo` field is invalid.")
        : undefined;
    const error = await reindex(backend, behaviourIndex, [docs("new", 3), docs("more", 3)]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SearchTaskError);
    expect(recorder.calls()).not.toContain("POST /swap-indexes");
    expect([...recorder.indexes.keys()]).toEqual([INDEX]);
    expect([...(recorder.indexes.get(INDEX)?.documents.keys() ?? [])]).toEqual([
      "old0",
      "old1",
      "old2",
    ]);
    const deletion = recorder.requests.filter((r: RecordedRequest) => r.method === "DELETE");
    expect(deletion).toHaveLength(1);
  });
});

describe("backend selection", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPgliteForSelection();
  });
  afterAll(async () => {
    await database?.close();
  });
  const start = (config: SearchBackendConfig, lines: string[]) =>
    startSearchBackend(config, {
      db: database.db,
      definitions: [behaviourIndex],
      log: (line) => lines.push(line),
      meilisearch: { requestTimeoutMs: 1_000, taskTimeoutMs: 400 },
    });

  it("wants Meilisearch when MEILISEARCH_URL is set, unless SEARCH_BACKEND=postgres", () => {
    expect(wantedBackend({})).toBe("postgres");
    expect(wantedBackend({ MEILISEARCH_URL: recorder.url })).toBe("meilisearch");
    expect(wantedBackend({ MEILISEARCH_URL: recorder.url, SEARCH_BACKEND: "postgres" })).toBe(
      "postgres",
    );
    expect(() => wantedBackend({ SEARCH_BACKEND: "meilisearch" })).toThrow("MEILISEARCH_URL");
  });

  it("starts Meilisearch with its indexes and says when an index is empty", async () => {
    const lines: string[] = [];
    const { backend: started, fallbackReason } = await start(
      { MEILISEARCH_URL: recorder.url, MEILISEARCH_API_KEY: recorder.apiKey },
      lines,
    );
    expect(started.kind).toBe("meilisearch");
    expect(fallbackReason).toBeUndefined();
    expect(recorder.indexes.get(INDEX)?.settings.rankingRules).toBeDefined();
    expect(lines).toEqual([
      `[search] Meilisearch index "${INDEX}" is empty; run npm run search:reindex`,
      `[search] using Meilisearch at ${recorder.url}`,
    ]);
    expect(lines.join("\n")).not.toContain(recorder.apiKey);
  });

  it("falls back to Postgres with a log line when Meilisearch is unreachable", async () => {
    const closed = await startMeiliRecorder();
    await closed.close();
    const lines: string[] = [];
    const { backend: started, fallbackReason } = await start(
      { MEILISEARCH_URL: closed.url },
      lines,
    );
    expect(started.kind).toBe("postgres");
    expect(fallbackReason).toContain("unreachable");
    expect(lines).toEqual([
      `[search] falling back to Postgres search: Meilisearch at ${closed.url} is unreachable or not available`,
    ]);
  });

  it("falls back to Postgres when Meilisearch refuses the index settings", async () => {
    recorder.taskOutcome = (task) =>
      task.type === "settingsUpdate"
        ? meiliError("invalid_api_key", "The provided API key is invalid.", "auth")
        : undefined;
    const lines: string[] = [];
    const { backend: started } = await start(
      { MEILISEARCH_URL: recorder.url, MEILISEARCH_API_KEY: recorder.apiKey },
      lines,
    );
    expect(started.kind).toBe("postgres");
    expect(lines[0]).toContain("refused the indexes");
    expect(lines[0]).toContain("The provided API key is invalid.");
    expect(lines[0]).toMatch(/^\[search\] falling back to Postgres search: /);
  });
});
