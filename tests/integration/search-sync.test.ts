/**
 * The search outbox worker (issue #4 part B) on every dialect: batches,
 * coalescing into the current state, removal of withdrawn, rejected,
 * expired and deleted listings, failure → backoff → retry → success, a
 * failed task failing only its index, concurrent workers never sharing a
 * row, leases of a dead worker, a write overtaken by another worker, the
 * Postgres backend's acknowledgement, pruning, the admin figures and the
 * in-app loop. The engine is an in-memory index that can fail or stall.
 */
import { sql } from "kysely";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import {
  approveListing,
  createDemand,
  createResult,
  expireListings,
  rejectListing,
  renewListing,
  submitForReview,
  updateListing,
  withdrawListing,
} from "../../app/domain/listings/listing-workflow.server";
import type { ListingKind } from "../../app/domain/listings/listing-types";
import {
  backendHealth,
  retryFailedNow,
  searchSyncStatus,
} from "../../app/domain/search/outbox-status.server";
import { listingDocumentLoader } from "../../app/domain/search/search-documents.server";
import {
  acknowledgeForPostgres,
  drainSearchOutbox,
  pruneSearchOutbox,
} from "../../app/domain/search/search-outbox.server";
import { startSyncLoop, syncModeOf } from "../../app/domain/search/sync-loop.server";
import { backoffDelayMs, errorMessage, syncBatch } from "../../search/sync-worker";
import type { SearchBackend, SearchDocument } from "../../search/types";
import { testDialects } from "../support/databases";
import {
  type TestUser,
  createOrganization,
  createUser,
  demandInput,
  resultInput,
} from "../support/factories";

const DAY = 24 * 3600 * 1000;
type Write = { op: "upsert" | "remove"; indexName: string; ids: string[] };

/**
 * An in-memory search engine. `beforeWrite` runs before a write is applied:
 * it may throw (a task that did not succeed) or wait (a slow engine).
 */
class MemoryIndex implements SearchBackend {
  readonly kind = "meilisearch" as const;
  readonly indexes = new Map<string, Map<string, SearchDocument>>();
  readonly writes: Write[] = [];
  beforeWrite: ((write: Write) => Promise<void> | void) | undefined;

  index(name: string): Map<string, SearchDocument> {
    let index = this.indexes.get(name);
    if (!index) {
      index = new Map<string, SearchDocument>();
      this.indexes.set(name, index);
    }
    return index;
  }

  ensureIndexes(): Promise<void> {
    return Promise.resolve();
  }

  async upsert(indexName: string, documents: readonly SearchDocument[]): Promise<void> {
    const write: Write = { op: "upsert", indexName, ids: documents.map((d) => d.id) };
    await this.beforeWrite?.(write);
    for (const d of documents) this.index(indexName).set(d.id, structuredClone(d));
    this.writes.push(write);
  }

  async remove(indexName: string, ids: readonly string[]): Promise<void> {
    const write: Write = { op: "remove", indexName, ids: [...ids] };
    await this.beforeWrite?.(write);
    for (const id of ids) this.index(indexName).delete(id);
    this.writes.push(write);
  }

  search(): Promise<never> {
    return Promise.reject(new Error("MemoryIndex does not search"));
  }
}

describe("backoff", () => {
  it("doubles per attempt up to the cap, jittered within the upper half", () => {
    const options = { backoffBaseMs: 1_000, backoffCapMs: 60_000 };
    expect(backoffDelayMs(1, options, () => 0)).toBe(500);
    expect(backoffDelayMs(1, options, () => 0.999_999)).toBe(1_000);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(3_000);
    expect(backoffDelayMs(7, options, () => 0)).toBe(30_000);
    expect(backoffDelayMs(50, options, () => 0.999_999)).toBe(60_000);
  });
});

describe("error messages", () => {
  it("follow the cause chain, for the admin page", () => {
    const refused = new Error("connect ECONNREFUSED 127.0.0.1:7719");
    const request = new Error("Request to http://127.0.0.1:7719/indexes has failed", {
      cause: new TypeError("fetch failed", { cause: refused }),
    });
    expect(errorMessage(request)).toBe(
      "Request to http://127.0.0.1:7719/indexes has failed: fetch failed: connect ECONNREFUSED 127.0.0.1:7719",
    );
    const api = new Error("Index `results` not found.", {
      cause: { code: "index_not_found", message: "Index `results` not found." },
    });
    expect(errorMessage(api)).toBe("Index `results` not found.");
    expect(errorMessage("plain text")).toBe("plain text");
  });
});

describe("sync mode", () => {
  const postgres = { kind: "postgres" } as SearchBackend;
  const meilisearch = new MemoryIndex();
  const url = "http://127.0.0.1:7700";

  it("delivers to Meilisearch, acknowledges for Postgres, holds when Meilisearch fell back", () => {
    expect(syncModeOf({ MEILISEARCH_URL: url }, meilisearch)).toBe("deliver");
    expect(syncModeOf({}, postgres)).toBe("acknowledge");
    expect(syncModeOf({ MEILISEARCH_URL: url, SEARCH_BACKEND: "postgres" }, postgres)).toBe(
      "acknowledge",
    );
    expect(syncModeOf({ MEILISEARCH_URL: url }, postgres)).toBe("hold");
  });
});

describe.each(testDialects())("search sync on $name", (dialect) => {
  let database: Database;
  let officer: TestUser;
  let engineer: TestUser;
  let staff: TestUser;
  const db = () => database.db;

  beforeAll(async () => {
    database = await dialect.open();
    const university = await createOrganization(db(), { kind: "university" });
    const enterprise = await createOrganization(db(), { kind: "enterprise" });
    const bureau = await createOrganization(db(), { kind: "bureau", regionCode: "130900" });
    officer = await createUser(db(), university.id, "institution_member");
    engineer = await createUser(db(), enterprise.id, "enterprise_member");
    staff = await createUser(db(), bureau.id, "bureau_staff");
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(async () => {
    await db().deleteFrom("search_outbox").execute();
  });

  async function publish(kind: ListingKind, title: string, now?: Date): Promise<number> {
    const id =
      kind === "results"
        ? await createResult(db(), officer, resultInput({ title }))
        : await createDemand(db(), engineer, demandInput({ title }));
    await submitForReview(db(), kind, id, kind === "results" ? officer : engineer);
    await approveListing(db(), kind, id, staff, now ? { now, lifetimeDays: 30 } : {});
    return id;
  }

  /** The document the database says `id` should have, or undefined. */
  async function expected(kind: ListingKind, id: number) {
    const [doc] = await listingDocumentLoader(db())(kind, [String(id)]);
    return doc;
  }

  const pendingRows = () =>
    db().selectFrom("search_outbox").selectAll().where("processed_at", "is", null).execute();

  it("delivers batch by batch, coalescing each listing into its current document", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await publish("results", `分批同步测试成果${i}`));
    const rows = await pendingRows();
    expect(rows.length).toBe(21); // create, submit, approve

    const index = new MemoryIndex();
    const report = await drainSearchOutbox(db(), index, { batchSize: 5 });
    expect(report).toMatchObject({ batches: 5, claimed: 21, processed: 21, failed: 0 });
    expect(index.writes.every((w) => w.op === "upsert" && w.ids.length <= 5)).toBe(true);
    // 21 rows of 7 listings in batches of 5: each batch writes each of its listings once.
    expect(index.writes.flatMap((w) => w.ids).length).toBeLessThan(21);
    for (const id of ids) {
      expect(index.index("results").get(String(id))).toEqual(await expected("results", id));
    }
    expect(await pendingRows()).toEqual([]);
    expect((await drainSearchOutbox(db(), index)).claimed).toBe(0);
  });

  it("writes a listing edited many times once, as it is now", async () => {
    const id = await publish("results", "多次修改的成果初版");
    for (const title of ["多次修改的成果第二版", "多次修改的成果第三版"]) {
      await updateListing(db(), "results", id, officer, resultInput({ title }));
      await approveListing(db(), "results", id, staff);
    }
    expect((await pendingRows()).length).toBe(7);

    const index = new MemoryIndex();
    const batch = await syncBatch(db(), index, listingDocumentLoader(db()));
    expect(batch).toMatchObject({ processed: 7, upserted: 1, removed: 0 });
    expect(index.writes).toEqual([{ op: "upsert", indexName: "results", ids: [String(id)] }]);
    expect(index.index("results").get(String(id))?.title).toBe("多次修改的成果第三版");
  });

  it("removes withdrawn, rejected, expired and deleted listings, keeps published ones", async () => {
    const withdrawn = await publish("results", "撤回的成果");
    const rejected = await publish("results", "驳回的成果");
    const expiring = await publish("demands", "到期的需求", new Date(Date.now() - 40 * DAY));
    const kept = await publish("demands", "保留的需求");
    const index = new MemoryIndex();
    await drainSearchOutbox(db(), index);
    expect([...index.index("results").keys()]).toEqual([String(withdrawn), String(rejected)]);
    expect([...index.index("demands").keys()]).toEqual([String(expiring), String(kept)]);

    await withdrawListing(db(), "results", withdrawn, officer);
    await withdrawListing(db(), "results", rejected, officer);
    await renewListing(db(), "results", rejected, officer);
    await rejectListing(db(), "results", rejected, staff, { reason: "unclear", note: "补充" });
    expect(await expireListings(db())).toEqual({ results: 0, demands: 1 });
    index.index("demands").set("999999", { id: "999999", title: "已删除的需求" });
    await db()
      .insertInto("search_outbox")
      .values({ index_name: "demands", doc_id: "999999", operation: "delete" })
      .execute();

    const report = await drainSearchOutbox(db(), index);
    expect(report).toMatchObject({ failed: 0, upserted: 0, removed: 4 });
    expect(index.index("results").size).toBe(0);
    expect([...index.index("demands").keys()]).toEqual([String(kept)]);
    expect(await pendingRows()).toEqual([]);
  });

  it("retries a failed delivery with growing backoff until it succeeds", async () => {
    const id = await publish("demands", "重试同步的需求");
    const index = new MemoryIndex();
    let failures = 2;
    index.beforeWrite = () => {
      if (failures-- > 0) throw new Error("task 17 failed: internal error");
    };
    const options = { backoffBaseMs: 60_000, backoffCapMs: 600_000, random: () => 0.5 };

    const first = await drainSearchOutbox(db(), index, options);
    expect(first).toMatchObject({ claimed: 3, processed: 0, failed: 3 });
    expect(first.errors).toEqual(["demands: task 17 failed: internal error"]);
    const waits = async () => {
      const { rows } = await sql<{ attempts: number; wait_ms: number }>`
        select attempts, (extract(epoch from available_at - now()) * 1000)::float8 as wait_ms
        from search_outbox where processed_at is null`.execute(db());
      return rows;
    };
    for (const row of await waits()) {
      expect(row.attempts).toBe(1);
      expect(row.wait_ms).toBeGreaterThan(40_000); // 0.75 × 60 s, less the test's own time
      expect(row.wait_ms).toBeLessThanOrEqual(45_000);
    }
    expect((await drainSearchOutbox(db(), index, options)).claimed).toBe(0);

    expect(await retryFailedNow(db())).toBe(3);
    expect(await drainSearchOutbox(db(), index, options)).toMatchObject({ failed: 3 });
    for (const row of await waits()) {
      expect(row.attempts).toBe(2);
      expect(row.wait_ms).toBeGreaterThan(85_000); // 0.75 × 120 s
      expect(row.wait_ms).toBeLessThanOrEqual(90_000);
    }
    const failing = await searchSyncStatus(db());
    expect(failing).toMatchObject({ backlog: 3, failedCount: 3 });
    expect(failing.failed[0]).toMatchObject({
      indexName: "demands",
      docId: String(id),
      attempts: 2,
      lastError: "demands: task 17 failed: internal error",
    });

    await retryFailedNow(db());
    expect(await drainSearchOutbox(db(), index, options)).toMatchObject({ processed: 3 });
    expect(index.index("demands").get(String(id))).toEqual(await expected("demands", id));
    const recovered = await searchSyncStatus(db());
    expect(recovered).toMatchObject({ backlog: 0, failedCount: 0, failed: [] });
    expect(recovered.lastProcessedAt).not.toBeNull();
    expect(recovered.lastError?.message).toBe("demands: task 17 failed: internal error");
  });

  it("fails only the index whose task failed, and keeps rows of unknown indexes", async () => {
    const result = await publish("results", "另一个索引成功的成果");
    await publish("demands", "任务失败的需求");
    await db()
      .insertInto("search_outbox")
      .values({ index_name: "no_such_index", doc_id: "1", operation: "upsert" })
      .execute();
    const index = new MemoryIndex();
    index.beforeWrite = (write) => {
      if (write.indexName === "demands") {
        throw new Error("task 5 failed (index_primary_key_no_candidate_found)");
      }
    };
    const batch = await syncBatch(db(), index, listingDocumentLoader(db()));
    expect(batch).toMatchObject({ processed: 3, failed: 4 });
    expect(index.index("results").has(String(result))).toBe(true);
    const errors = Object.fromEntries(
      (await pendingRows()).map((r) => [r.index_name, r.last_error]),
    );
    expect(errors).toEqual({
      demands: "demands: task 5 failed (index_primary_key_no_candidate_found)",
      no_such_index: 'no_such_index: unknown search index "no_such_index"',
    });
  });

  it("never gives one row to two concurrent workers", async () => {
    await db()
      .insertInto("search_outbox")
      .values(
        Array.from({ length: 400 }, (_, i) => ({
          index_name: i % 2 ? "results" : "demands",
          doc_id: String(800_000 + (i % 150)),
          operation: "delete" as const,
        })),
      )
      .execute();
    const index = new MemoryIndex();
    index.beforeWrite = () => delay(2);
    const load = listingDocumentLoader(db());
    const claims = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const mine: number[] = [];
        for (;;) {
          const batch = await syncBatch(db(), index, load, { batchSize: 15 });
          if (batch.rowIds.length === 0) return mine;
          mine.push(...batch.rowIds);
        }
      }),
    );
    const all = claims.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(400);
    expect(claims.filter((c) => c.length > 0).length).toBeGreaterThan(1);
    expect(await pendingRows()).toEqual([]);
  });

  it("gives the rows of a worker that stalled to another once the lease ends", async () => {
    const id = await publish("results", "租约到期的成果");
    const stalled = new MemoryIndex();
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    let started!: () => void;
    const writing = new Promise<void>((resolve) => (started = resolve));
    stalled.beforeWrite = async () => {
      started();
      await resumed;
    };
    const load = listingDocumentLoader(db());
    const first = syncBatch(db(), stalled, load, { leaseMs: 500 });
    await writing;

    const other = new MemoryIndex();
    expect((await syncBatch(db(), other, load)).rowIds).toEqual([]);
    await delay(600);
    expect(await syncBatch(db(), other, load)).toMatchObject({ processed: 3, upserted: 1 });
    expect(other.index("results").has(String(id))).toBe(true);

    resume();
    expect(await first).toMatchObject({ processed: 3 });
    expect(await pendingRows()).toEqual([]);
  });

  it("redoes a write that another worker overtook with a newer version", async () => {
    const id = await publish("results", "被超越的旧版本成果");
    const index = new MemoryIndex();
    const slow = new MemoryIndex();
    slow.indexes.set("results", index.index("results"));
    slow.beforeWrite = async () => {
      slow.beforeWrite = undefined;
      // While this worker's (old) document is on its way, the listing
      // changes and a second worker delivers the new version first.
      await updateListing(
        db(),
        "results",
        id,
        officer,
        resultInput({ title: "超越旧版本的新版本成果" }),
      );
      await approveListing(db(), "results", id, staff);
      expect(await drainSearchOutbox(db(), index)).toMatchObject({ processed: 2 });
      expect(index.index("results").get(String(id))?.title).toBe("超越旧版本的新版本成果");
    };
    const stale = await syncBatch(db(), slow, listingDocumentLoader(db()));
    expect(stale).toMatchObject({ processed: 0, released: 3 });
    expect(index.index("results").get(String(id))?.title).toBe("被超越的旧版本成果");

    expect(await drainSearchOutbox(db(), index)).toMatchObject({ processed: 3 });
    expect(index.index("results").get(String(id))).toEqual(await expected("results", id));
    expect(await pendingRows()).toEqual([]);
  });

  it("acknowledges rows for the Postgres backend after a grace period, and prunes old ones", async () => {
    const ago = (ms: number) => new Date(Date.now() - ms);
    await db()
      .insertInto("search_outbox")
      .values([
        { index_name: "results", doc_id: "1", operation: "upsert", created_at: ago(20 * 60_000) },
        { index_name: "results", doc_id: "2", operation: "upsert" },
        { index_name: "results", doc_id: "3", operation: "upsert", created_at: ago(30 * DAY) },
      ])
      .execute();
    expect(await acknowledgeForPostgres(db())).toBe(2);
    expect((await pendingRows()).map((r) => r.doc_id)).toEqual(["2"]);

    await db()
      .insertInto("search_outbox")
      .values([
        { index_name: "results", doc_id: "4", operation: "upsert", processed_at: ago(8 * DAY) },
        { index_name: "results", doc_id: "5", operation: "upsert", processed_at: ago(6 * DAY) },
      ])
      .execute();
    expect(await pruneSearchOutbox(db())).toBe(1);
    const left = await db()
      .selectFrom("search_outbox")
      .select("doc_id")
      .orderBy("doc_id")
      .execute();
    expect(left.map((r) => r.doc_id)).toEqual(["1", "2", "3", "5"]);
  });

  it("runs as a loop: delivers a change within a second, and stops cleanly", async () => {
    const index = new MemoryIndex();
    const messages: string[] = [];
    const log = { info: (m: string) => messages.push(m), error: (m: string) => messages.push(m) };
    const loop = startSyncLoop(db(), index, { idleMs: 50, log });
    const id = await publish("demands", "循环同步的需求");
    for (let i = 0; i < 40 && !index.index("demands").has(String(id)); i++) await delay(50);
    expect(index.index("demands").get(String(id))).toEqual(await expected("demands", id));
    await loop.stop();
    expect(messages.some((m) => /upserted/.test(m))).toBe(true);
  });

  it("reports the backend's health", async () => {
    expect(await backendHealth(new MemoryIndex())).toMatchObject({
      kind: "meilisearch",
      ok: false,
      error: "MemoryIndex does not search",
    });
  });
});
