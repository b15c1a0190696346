/**
 * The search outbox survives crashes (issue #4 part B): 10,000 listings'
 * outbox rows (plus duplicates, deleted listings and a stale index) are
 * synced by worker processes that are SIGKILLed at random points — some
 * right after Meilisearch applied their write and before they could mark
 * the rows processed — while listings keep changing, and restarted until
 * the backlog is empty. Then the index's documents must equal exactly the
 * database's published listings (ids and content).
 *
 * Workers are real processes (tests/support/search-sync-child.ts) using the
 * real Meilisearch backend; the index lives outside them, in the recording
 * stand-in server of this process (tests/support/meili-recorder.ts), which
 * also fails ~3 % of document tasks. With SEARCH_SYNC_CRASH_MEILI_URL (and
 * _KEY) a real Meilisearch server is used instead, with kills on timers.
 *
 * PostgreSQL server only (DATABASE_URL): PGlite serves one process.
 * SEARCH_SYNC_CRASH_SEED replays a run; the seed is printed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomInt } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as delay } from "node:timers/promises";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import type { DB } from "../../db/schema";
import { listingDocumentLoader } from "../../app/domain/search/search-documents.server";
import { LISTING_INDEXES } from "../../search/index-definitions";
import {
  type MeilisearchBackend,
  createMeilisearchBackend,
} from "../../search/meilisearch-backend";
import { documentOfHit, meilisearchDocument } from "../../search/meilisearch-documents";
import { canonicalJson } from "../../search/sync-worker";
import type { SearchDocument } from "../../search/types";
import { testDialects } from "../support/databases";
import { type MeiliRecorder, meiliError, startMeiliRecorder } from "../support/meili-recorder";

const LISTINGS = 10_000;
/** Kill rounds go on until the backlog is below KILL_UNTIL, at most MAX_ROUNDS. */
const MAX_ROUNDS = 12;
const KILL_UNTIL = 500;
const MIN_KILLS = 6;
const WORKERS = 2;
const MUTATIONS_PER_ROUND = 30;
const FAILURE_RATE = 0.03;

const databaseUrl = process.env.DATABASE_URL;
const realMeiliUrl = process.env.SEARCH_SYNC_CRASH_MEILI_URL;

/**
 * Worker settings per target. A real Meilisearch (measured here: 0.5–0.8 s
 * per document task on 2 cores) needs bigger batches, a lease longer than
 * a batch takes (else live workers take each other's rows), later kills
 * and more time.
 */
const TUNING = realMeiliUrl
  ? { batchSize: 1_000, leaseMs: 20_000, killMinMs: 1_000, killMaxMs: 8_000, timeoutMs: 900_000 }
  : { batchSize: 200, leaseMs: 1_500, killMinMs: 100, killMaxMs: 1_500, timeoutMs: 240_000 };
const CHILD = path.resolve(import.meta.dirname, "../support/search-sync-child.ts");

if (!databaseUrl) {
  console.warn("[search-sync-crash] SKIPPED: needs a PostgreSQL server (set DATABASE_URL)");
}

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof seededRandom>;

// prettier-ignore
const WORDS = [
  "激光", "熔覆", "高温合金", "叶片", "修复", "传感器", "锂电池", "储能", "膜分离", "污水",
  "智能", "控制", "育种", "生物", "医药", "涂层", "检测", "催化", "焊接", "机器人",
  "光伏", "氢能", "纳米", "复合材料", "节水", "灌溉", "土壤", "监测", "轴承", "管道",
];
// prettier-ignore
const TECH_FIELDS = ["electronic_information", "advanced_manufacturing", "new_materials", "new_energy", "environmental_protection", "agriculture"];
const MATURITY = ["laboratory", "small_trial", "pilot", "industrialization"];
const MODES = ["transfer", "license", "equity", "cooperation", "service"];
const IP_TYPES = ["invention_patent", "utility_model", "software_copyright", "technical_secret"];
/** Status by share: most listings are published; the rest must not be in the index. */
const STATUSES: [string, number][] = [
  ["published", 0.7],
  ["withdrawn", 0.08],
  ["rejected", 0.07],
  ["expired", 0.07],
  ["draft", 0.04],
  ["pending_review", 0.04],
];
const DAY = 24 * 3600 * 1000;

function statusOf(random: Random): string {
  let r = random.next();
  for (const [status, share] of STATUSES) if ((r -= share) < 0) return status;
  return "draft";
}

function subset(random: Random, items: readonly string[]): string[] {
  const chosen = items.filter(() => random.next() < 0.4);
  return chosen.length > 0 ? chosen : [random.pick(items)];
}

/** Listing columns shared by results and demands, for a status. */
function common(random: Random, i: number, status: string) {
  const words = [random.pick(WORDS), random.pick(WORDS), random.pick(WORDS)];
  const publishedAt = new Date(Date.now() - random.int(1, 300) * DAY);
  const everPublished = ["published", "withdrawn", "expired"].includes(status);
  return {
    title: `${words.join("")}技术${i}`,
    description: `${words[0]}与${words[1]}相结合，解决${words[2]}环节的关键问题。编号${i}，适用于沧州及京津地区企业。`,
    tech_field: random.pick(TECH_FIELDS),
    keywords: [words[0]!, words[2]!],
    status,
    published_at: everPublished ? publishedAt : null,
    expires_at: everPublished
      ? new Date(publishedAt.getTime() + (status === "expired" ? -1 : 365) * DAY)
      : null,
  };
}

async function seedListings(db: Kysely<DB>, random: Random) {
  const orgs: number[] = [];
  for (let i = 0; i < 12; i++) {
    const enterprise = i % 2 === 1;
    const { id } = await db
      .insertInto("organizations")
      .values({
        kind: enterprise ? "enterprise" : "university",
        name: `崩溃测试机构${i}`,
        region_code: enterprise ? "130983" : "120104",
        party_type: enterprise ? "170" : "022",
        intro: "",
        verification_status: "verified",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    orgs.push(id);
  }
  const ids = { results: [] as number[], demands: [] as number[] };
  const CHUNK = 1_000;
  for (let start = 0; start < LISTINGS; start += CHUNK) {
    const results = [];
    const demands = [];
    for (let i = start; i < Math.min(start + CHUNK, LISTINGS); i++) {
      const status = statusOf(random);
      if (i % 5 < 3) {
        results.push({
          ...common(random, i, status),
          organization_id: orgs[2 * random.int(0, 5)]!,
          summary: `第${i}号成果简介`,
          maturity: random.pick(MATURITY),
          trl: random.int(1, 9),
          ip_type: random.pick(IP_TYPES),
          patent_numbers: [],
          transfer_modes: subset(random, MODES),
          asking_price_fen: random.next() < 0.2 ? null : random.int(1, 5_000) * 10_000,
        });
      } else {
        const min = random.int(1, 100) * 100_000;
        demands.push({
          ...common(random, i, status),
          organization_id: orgs[2 * random.int(0, 5) + 1]!,
          budget_min_fen: random.next() < 0.2 ? null : min,
          budget_max_fen: random.next() < 0.2 ? null : min * 2,
          desired_modes: subset(random, MODES),
          deadline: random.next() < 0.5 ? null : "2027-12-31",
          region_code: "130983",
        });
      }
    }
    for (const r of await db.insertInto("results").values(results).returning("id").execute()) {
      ids.results.push(r.id);
    }
    for (const d of await db.insertInto("demands").values(demands).returning("id").execute()) {
      ids.demands.push(d.id);
    }
  }
  return ids;
}

type Kind = "results" | "demands";

/** The index as a map id → hash of its content, in the SearchDocument form. */
function contentHashes(documents: Iterable<Record<string, unknown>>): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const stored of documents) {
    const document = documentOfHit(stored);
    hashes.set(document.id, createHash("sha256").update(canonicalJson(document)).digest("hex"));
  }
  return hashes;
}

const digest = (hashes: Map<string, string>) =>
  createHash("sha256")
    .update([...hashes].sort(([a], [b]) => a.localeCompare(b)).join("\n"))
    .digest("hex")
    .slice(0, 16);

/** Where the documents go: the recorder of this process, or a real Meilisearch server. */
interface Target {
  url: string;
  key: string;
  real: boolean;
  documents(uid: string): Promise<Record<string, unknown>[]>;
  /** Called for every document task (recorder only); may fail it. */
  onDocumentTask(hook: () => boolean): void;
  close(): Promise<void>;
}

async function recorderTarget(): Promise<Target> {
  const recorder: MeiliRecorder = await startMeiliRecorder();
  let hook = () => false;
  recorder.taskOutcome = (task) => {
    if (!task.type.startsWith("document")) return undefined;
    return hook() ? meiliError("internal", "injected task failure", "internal") : undefined;
  };
  return {
    url: recorder.url,
    key: recorder.apiKey,
    real: false,
    documents: (uid) => Promise.resolve([...(recorder.indexes.get(uid)?.documents.values() ?? [])]),
    onDocumentTask: (h) => (hook = h),
    async close() {
      await recorder.close();
    },
  };
}

function realTarget(url: string, key: string): Target {
  return {
    url,
    key,
    real: true,
    async documents(uid) {
      const all: Record<string, unknown>[] = [];
      for (let offset = 0; ; offset += 1_000) {
        const response = await fetch(
          `${url}/indexes/${uid}/documents?limit=1000&offset=${offset}`,
          {
            headers: { Authorization: `Bearer ${key}` },
          },
        );
        if (!response.ok) throw new Error(`GET documents of ${uid}: ${response.status}`);
        const page = (await response.json()) as { results: Record<string, unknown>[] };
        all.push(...page.results);
        if (page.results.length < 1_000) return all;
      }
    },
    onDocumentTask: () => {},
    close: () => Promise.resolve(),
  };
}

interface Worker {
  name: string;
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; done: boolean }>;
}

describe.skipIf(!databaseUrl)("search sync under SIGKILL", () => {
  const seed = Number(process.env.SEARCH_SYNC_CRASH_SEED ?? randomInt(1, 2 ** 31));
  const random = seededRandom(seed);
  const prefix = `crash_${seed}_`;
  let database: Database;
  let workerDatabaseUrl: string;
  let target: Target;
  let backend: MeilisearchBackend;
  const db = () => database.db;

  beforeAll(async () => {
    console.log(
      `[search-sync-crash] seed ${seed} (SEARCH_SYNC_CRASH_SEED=${seed} replays it); ` +
        `target: ${realMeiliUrl ? `Meilisearch at ${realMeiliUrl}` : "recording stand-in"}`,
    );
    const server = testDialects().find((d) => d.name === "postgres");
    if (!server) throw new Error("no PostgreSQL dialect");
    database = await server.open();
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db());
    const url = new URL(databaseUrl!);
    url.pathname = `/${rows[0]!.name}`;
    workerDatabaseUrl = url.toString();
    target = realMeiliUrl
      ? realTarget(realMeiliUrl, process.env.SEARCH_SYNC_CRASH_MEILI_KEY ?? "")
      : await recorderTarget();
    backend = createMeilisearchBackend({
      host: target.url,
      apiKey: target.key,
      definitions: LISTING_INDEXES,
      indexPrefix: prefix,
      taskTimeoutMs: 60_000,
    });
    await backend.ensureIndexes(LISTING_INDEXES);
  }, 120_000);

  const spawned: ChildProcess[] = [];

  afterAll(async () => {
    // A timed-out run must not leave workers behind.
    for (const child of spawned) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    if (target?.real) {
      for (const { name } of LISTING_INDEXES) {
        await fetch(`${target.url}/indexes/${prefix}${name}`, {
          method: "DELETE",
          headers: { Authorization: `Bearer ${target.key}` },
        });
      }
    }
    await target?.close();
    await database?.close();
  });

  function spawnWorker(name: string): Worker {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
      env: {
        ...process.env,
        DATABASE_URL: workerDatabaseUrl,
        MEILI_URL: target.url,
        MEILI_KEY: target.key,
        INDEX_PREFIX: prefix,
        BATCH_SIZE: String(TUNING.batchSize),
        LEASE_MS: String(TUNING.leaseMs),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    spawned.push(child);
    let done = false;
    let stderr = "";
    const ready = new Promise<void>((resolve) => {
      createInterface({ input: child.stdout }).on("line", (line) => {
        if (line.includes('"ready"')) resolve();
        if (line.includes('"done"')) done = true;
      });
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      done: boolean;
    }>((resolve) =>
      child.once("exit", (code, signal) => {
        if (code !== 0 && signal === null) console.error(`[${name}] ${stderr}`);
        resolve({ code, signal, done });
      }),
    );
    return { name, child, ready, exited };
  }

  /** A listing change as the app makes it: the row and its outbox row in one transaction. */
  async function mutate(ids: Record<Kind, number[]>): Promise<void> {
    const kind: Kind = random.next() < 0.6 ? "results" : "demands";
    const id = random.pick(ids[kind]);
    const choice = random.next();
    await db()
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .selectFrom(kind)
          .select(["status", "title"])
          .where("id", "=", id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const set =
          row.status !== "published"
            ? {
                status: "published",
                published_at: new Date(),
                expires_at: new Date(Date.now() + 365 * DAY),
              }
            : choice < 0.4
              ? { status: "withdrawn" }
              : { title: `${row.title.slice(0, 60)}（修订${random.int(1, 999)}）` };
        await trx.updateTable(kind).set(set).where("id", "=", id).execute();
        await trx
          .insertInto("search_outbox")
          .values({ index_name: kind, doc_id: String(id), operation: "upsert" })
          .execute();
      });
  }

  it(
    "ends with the index equal to the database's published listings",
    async () => {
      const started = Date.now();
      const ids = await seedListings(db(), random);
      const all = [
        ...ids.results.map((id) => ["results", id] as const),
        ...ids.demands.map((id) => ["demands", id] as const),
      ];
      // One outbox row per listing, 1,500 repeats, 300 listings deleted since.
      const rows = all.map(([kind, id]) => ({ index_name: kind, doc_id: String(id) }));
      for (let i = 0; i < 1_500; i++) {
        const [kind, id] = random.pick(all);
        rows.push({ index_name: kind, doc_id: String(id) });
      }
      const deleted = Array.from({ length: 300 }, (_, i) => ({
        id: String(90_000_000 + i),
        kind: random.pick(["results", "demands"] as const),
      }));
      for (const { id, kind } of deleted) rows.push({ index_name: kind, doc_id: id });
      for (let i = rows.length - 1; i > 0; i--) {
        const j = random.int(0, i);
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      }
      for (let i = 0; i < rows.length; i += 2_000) {
        await db()
          .insertInto("search_outbox")
          .values(rows.slice(i, i + 2_000).map((r) => ({ ...r, operation: "upsert" as const })))
          .execute();
      }

      // The index before: stale versions, listings no longer published, deleted listings.
      const load = listingDocumentLoader(db());
      const stalePublished = (await load("results", ids.results.slice(0, 800).map(String))).map(
        (d) => ({ ...d, title: "旧版本标题" }),
      );
      const unpublished = (kind: Kind) =>
        db()
          .selectFrom(kind)
          .select("id")
          .where("status", "!=", "published")
          .limit(400)
          .execute()
          .then((r) => r.map(({ id }) => ({ id: String(id), title: "已下架" })));
      const gone = (kind: Kind) =>
        deleted.filter((d) => d.kind === kind).map(({ id }) => ({ id, title: "已删除" }));
      await backend.upsert("results", [
        ...stalePublished,
        ...(await unpublished("results")),
        ...gone("results"),
      ]);
      await backend.upsert("demands", [...(await unpublished("demands")), ...gone("demands")]);
      console.log(
        `[search-sync-crash] seeded ${LISTINGS} listings, ${rows.length} outbox rows in ${Date.now() - started} ms`,
      );

      let writes = 0;
      let injected = 0;
      let killPlans: { worker: Worker; atWrite: number }[] = [];
      target.onDocumentTask(() => {
        writes += 1;
        for (const plan of killPlans) {
          // SIGKILL while the task is being applied: Meilisearch has the
          // write, the worker never learns it succeeded.
          if (plan.atWrite === writes) plan.worker.child.kill("SIGKILL");
        }
        if (random.next() < FAILURE_RATE) {
          injected += 1;
          return true;
        }
        return false;
      });

      const pendingRows = async () => {
        const { rows: left } = await sql<{ n: number }>`
        select count(*)::int as n from search_outbox where processed_at is null`.execute(db());
        return left[0]!.n;
      };
      let kills = 0;
      let rounds = 0;
      while (rounds < MAX_ROUNDS && (await pendingRows()) > KILL_UNTIL) {
        rounds += 1;
        const workers = Array.from({ length: WORKERS }, (_, w) => spawnWorker(`r${rounds}w${w}`));
        killPlans = [];
        const plans: string[] = [];
        for (const worker of workers) {
          if (!target.real && random.next() < 0.5) {
            const atWrite = writes + random.int(4, 30);
            killPlans.push({ worker, atWrite });
            plans.push(`${worker.name} at write ${atWrite}`);
          } else {
            const ms = random.int(TUNING.killMinMs, TUNING.killMaxMs);
            void worker.ready.then(() => setTimeout(() => worker.child.kill("SIGKILL"), ms));
            plans.push(`${worker.name} ${ms} ms after start`);
          }
        }
        const traffic = (async () => {
          for (let i = 0; i < MUTATIONS_PER_ROUND; i++) {
            await mutate(ids);
            await delay(random.int(5, 40));
          }
        })();
        const outcomes = await Promise.all(workers.map((w) => w.exited));
        await traffic;
        kills += outcomes.filter((o) => o.signal === "SIGKILL").length;
        console.log(
          `[search-sync-crash] round ${rounds}: kill ${plans.join(", ")} → ` +
            `${outcomes.map((o) => o.signal ?? `exit ${o.code}`).join(", ")}; ` +
            `${await pendingRows()} row(s) pending`,
        );
        for (const o of outcomes) {
          expect(o.signal === "SIGKILL" || (o.code === 0 && o.done)).toBe(true);
        }
      }
      expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);

      killPlans = [];
      const finals = await Promise.all(
        Array.from({ length: WORKERS }, (_, w) => spawnWorker(`final${w}`).exited),
      );
      expect(finals).toEqual(
        Array.from({ length: WORKERS }, () => ({ code: 0, signal: null, done: true })),
      );
      expect(await pendingRows()).toBe(0);

      for (const definition of LISTING_INDEXES) {
        const kind = definition.name as Kind;
        const published = await db()
          .selectFrom(kind)
          .select("id")
          .where("status", "=", "published")
          .orderBy("id")
          .execute();
        const expected: SearchDocument[] = [];
        for (let i = 0; i < published.length; i += 1_000) {
          const chunk = published.slice(i, i + 1_000).map((r) => String(r.id));
          expected.push(...(await load(kind, chunk)));
        }
        const want = contentHashes(expected.map((d) => meilisearchDocument(definition, d)));
        const have = contentHashes(await target.documents(`${prefix}${kind}`));
        const missing = [...want.keys()].filter((id) => !have.has(id));
        const extra = [...have.keys()].filter((id) => !want.has(id));
        const differing = [...want.keys()].filter(
          (id) => have.has(id) && have.get(id) !== want.get(id),
        );
        console.log(
          `[search-sync-crash] ${kind}: ${want.size} published, index ${have.size}, ` +
            `digest ${digest(want)} vs ${digest(have)}; missing ${missing.length}, extra ${extra.length}, differing ${differing.length}`,
        );
        expect({
          missing: missing.slice(0, 5),
          extra: extra.slice(0, 5),
          differing: differing.slice(0, 5),
        }).toEqual({
          missing: [],
          extra: [],
          differing: [],
        });
        expect(have.size).toBe(want.size);
      }
      console.log(
        `[search-sync-crash] ${rounds} rounds, ${kills} SIGKILLs, ` +
          (target.real ? "" : `${writes} document tasks (${injected} failed on purpose), `) +
          `${Math.round((Date.now() - started) / 1000)} s`,
      );
    },
    TUNING.timeoutMs,
  );
});
