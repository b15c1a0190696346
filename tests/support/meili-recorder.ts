/**
 * A stand-in Meilisearch server for tests without one: an HTTP server on
 * 127.0.0.1 that records every request and answers as the Meilisearch API
 * documents it — writes are enqueued as tasks (202 + task summary), tasks
 * are read back from GET /tasks/:uid, errors are Meilisearch error objects.
 *
 * It keeps a small in-memory store (indexes with primary key, settings and
 * documents) so the create → settings → documents → swap → delete flow can
 * be followed, and applies each task when it is enqueued, in order, as
 * Meilisearch would. Searches get a canned response: by default every
 * stored document of the index, paged, unfiltered (set `searchResponder`
 * for anything else). `taskOutcome` can make a task fail or stay
 * "processing" forever.
 */
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/indexes/results/documents". */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

export interface MeiliError {
  message: string;
  code: string;
  type: string;
  link: string;
}

export interface RecorderTask {
  uid: number;
  batchUid: number | null;
  indexUid: string | null;
  status: "enqueued" | "processing" | "succeeded" | "failed" | "canceled";
  type: string;
  canceledBy: null;
  details: Record<string, unknown>;
  error: MeiliError | null;
  duration: string | null;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RecorderIndex {
  uid: string;
  primaryKey: string | null;
  settings: Record<string, unknown>;
  documents: Map<string, Record<string, unknown>>;
  createdAt: string;
  updatedAt: string;
}

/** What happens to a task: succeed (undefined), fail with an error, or stall in "processing". */
export type TaskOutcome = MeiliError | "stall" | undefined;

export interface MeiliRecorder {
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  tasks: RecorderTask[];
  indexes: Map<string, RecorderIndex>;
  /** Decides the outcome of each task as it is enqueued (default: succeed). */
  taskOutcome: (task: RecorderTask, request: RecordedRequest) => TaskOutcome;
  /** Answers POST /indexes/:uid/search (default: stored documents, paged). */
  searchResponder: (index: RecorderIndex, body: Record<string, unknown>) => unknown;
  /** Requests other than task polling and health checks, as "METHOD /path". */
  calls(): string[];
  close(): Promise<void>;
}

/** A Meilisearch error object. */
export function meiliError(code: string, message: string, type = "invalid_request"): MeiliError {
  return { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` };
}

function now(): string {
  return new Date().toISOString();
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  return JSON.parse(text) as unknown;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function defaultSearch(index: RecorderIndex, body: Record<string, unknown>) {
  const page = typeof body.page === "number" ? body.page : 1;
  const hitsPerPage = typeof body.hitsPerPage === "number" ? body.hitsPerPage : 20;
  const all = [...index.documents.values()];
  return {
    hits: all.slice((page - 1) * hitsPerPage, page * hitsPerPage),
    query: body.q ?? "",
    processingTimeMs: 0,
    hitsPerPage,
    page,
    totalPages: Math.ceil(all.length / hitsPerPage),
    totalHits: all.length,
    ...(Array.isArray(body.facets) ? { facetDistribution: {} } : {}),
  };
}

/** Starts a recorder on a free port; `apiKey` is required as a Bearer token. */
export async function startMeiliRecorder(apiKey = "recorder-key"): Promise<MeiliRecorder> {
  const recorder: Omit<MeiliRecorder, "url" | "close"> = {
    apiKey,
    requests: [],
    tasks: [],
    indexes: new Map(),
    taskOutcome: () => undefined,
    searchResponder: defaultSearch,
    calls() {
      return this.requests
        .filter((r) => !r.path.startsWith("/tasks/") && r.path !== "/health")
        .map((r) => `${r.method} ${r.path}`);
    },
  };

  const newIndex = (uid: string, primaryKey: string | null): RecorderIndex => ({
    uid,
    primaryKey,
    settings: {},
    documents: new Map(),
    createdAt: now(),
    updatedAt: now(),
  });

  /** Enqueues a task and applies `effect` at once unless the outcome says otherwise. */
  const enqueue = (
    response: ServerResponse,
    request: RecordedRequest,
    indexUid: string | null,
    type: string,
    effect: () => MeiliError | undefined,
  ) => {
    const task: RecorderTask = {
      uid: recorder.tasks.length,
      batchUid: null,
      indexUid,
      status: "enqueued",
      type,
      canceledBy: null,
      details: {},
      error: null,
      duration: null,
      enqueuedAt: now(),
      startedAt: null,
      finishedAt: null,
    };
    recorder.tasks.push(task);
    const summary = {
      taskUid: task.uid,
      indexUid,
      status: "enqueued",
      type,
      enqueuedAt: task.enqueuedAt,
    };
    const outcome = recorder.taskOutcome(task, request);
    task.startedAt = now();
    if (outcome === "stall") {
      task.status = "processing";
    } else {
      const error = outcome ?? effect();
      task.status = error ? "failed" : "succeeded";
      task.error = error ?? null;
      task.finishedAt = now();
      task.duration = "PT0.001S";
    }
    send(response, 202, summary);
  };

  const indexNotFound = (uid: string) =>
    meiliError("index_not_found", `Index \`${uid}\` not found.`);

  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const request: RecordedRequest = {
      method: incoming.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: await readBody(incoming),
      authorization: incoming.headers.authorization,
    };
    recorder.requests.push(request);

    if (request.path === "/health") return send(response, 200, { status: "available" });
    if (request.authorization !== `Bearer ${apiKey}`) {
      return send(
        response,
        request.authorization ? 403 : 401,
        meiliError(
          request.authorization ? "invalid_api_key" : "missing_authorization_header",
          "The provided API key is invalid.",
          "auth",
        ),
      );
    }

    const parts = request.path.split("/").filter(Boolean).map(decodeURIComponent);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const [root, uid, sub, action] = parts;
    const method = request.method;

    if (root === "tasks" && uid !== undefined && method === "GET") {
      const task = recorder.tasks[Number(uid)];
      if (!task)
        return send(response, 404, meiliError("task_not_found", `Task \`${uid}\` not found.`));
      return send(response, 200, task);
    }

    if (root === "swap-indexes" && method === "POST") {
      const swaps = (request.body ?? []) as { indexes: [string, string] }[];
      return enqueue(response, request, null, "indexSwap", () => {
        for (const { indexes } of swaps) {
          const [a, b] = indexes.map((i) => recorder.indexes.get(i));
          if (!a) return indexNotFound(indexes[0]);
          if (!b) return indexNotFound(indexes[1]);
        }
        for (const { indexes } of swaps) {
          const a = recorder.indexes.get(indexes[0]) as RecorderIndex;
          const b = recorder.indexes.get(indexes[1]) as RecorderIndex;
          recorder.indexes.set(a.uid, { ...b, uid: a.uid });
          recorder.indexes.set(b.uid, { ...a, uid: b.uid });
        }
        return undefined;
      });
    }

    if (root !== "indexes") return send(response, 404, meiliError("not_found", "not found"));

    if (uid === undefined) {
      if (method === "GET") {
        const results = [...recorder.indexes.values()].map(
          ({ uid: u, primaryKey, createdAt, updatedAt }) => ({
            uid: u,
            primaryKey,
            createdAt,
            updatedAt,
          }),
        );
        return send(response, 200, { results, offset: 0, limit: 20, total: results.length });
      }
      if (method === "POST") {
        const newUid = String(body.uid);
        const primaryKey = typeof body.primaryKey === "string" ? body.primaryKey : null;
        return enqueue(response, request, newUid, "indexCreation", () => {
          if (recorder.indexes.has(newUid)) {
            return meiliError("index_already_exists", `Index \`${newUid}\` already exists.`);
          }
          recorder.indexes.set(newUid, newIndex(newUid, primaryKey));
          return undefined;
        });
      }
    }
    if (uid === undefined) return send(response, 405, meiliError("method_not_allowed", method));

    const index = recorder.indexes.get(uid);
    const ensure = () => {
      const existing = recorder.indexes.get(uid);
      if (existing) return existing;
      const created = newIndex(uid, null);
      recorder.indexes.set(uid, created);
      return created;
    };

    if (sub === undefined) {
      if (method === "GET") {
        if (!index) return send(response, 404, indexNotFound(uid));
        const { primaryKey, createdAt, updatedAt } = index;
        return send(response, 200, { uid, primaryKey, createdAt, updatedAt });
      }
      if (method === "PATCH") {
        return enqueue(response, request, uid, "indexUpdate", () => {
          const target = recorder.indexes.get(uid);
          if (!target) return indexNotFound(uid);
          if (typeof body.primaryKey === "string") target.primaryKey = body.primaryKey;
          return undefined;
        });
      }
      if (method === "DELETE") {
        return enqueue(response, request, uid, "indexDeletion", () =>
          recorder.indexes.delete(uid) ? undefined : indexNotFound(uid),
        );
      }
    }

    if (sub === "settings") {
      if (method === "GET") {
        if (!index) return send(response, 404, indexNotFound(uid));
        return send(response, 200, index.settings);
      }
      if (method === "PATCH") {
        return enqueue(response, request, uid, "settingsUpdate", () => {
          const target = ensure();
          target.settings = { ...target.settings, ...body };
          return undefined;
        });
      }
    }

    if (sub === "stats" && method === "GET") {
      if (!index) return send(response, 404, indexNotFound(uid));
      return send(response, 200, {
        numberOfDocuments: index.documents.size,
        isIndexing: false,
        fieldDistribution: {},
      });
    }

    if (sub === "documents" && action === undefined && method === "POST") {
      const documents = (request.body ?? []) as Record<string, unknown>[];
      const wanted = request.query.primaryKey ?? null;
      return enqueue(response, request, uid, "documentAdditionOrUpdate", () => {
        const target = ensure();
        if (wanted && target.primaryKey && target.primaryKey !== wanted) {
          return meiliError(
            "index_primary_key_already_exists",
            `Index \`${uid}\`: primary key already exists.`,
          );
        }
        target.primaryKey ??= wanted;
        const key = target.primaryKey ?? "id";
        for (const document of documents) {
          const id = document[key];
          if (typeof id !== "string" && typeof id !== "number") {
            return meiliError(
              "missing_document_id",
              `Document doesn't have a \`${key}\` attribute.`,
            );
          }
        }
        for (const document of documents) target.documents.set(String(document[key]), document);
        return undefined;
      });
    }

    if (sub === "documents" && action === "delete-batch" && method === "POST") {
      const ids = (request.body ?? []) as (string | number)[];
      return enqueue(response, request, uid, "documentDeletion", () => {
        const target = recorder.indexes.get(uid);
        if (!target) return indexNotFound(uid);
        for (const id of ids) target.documents.delete(String(id));
        return undefined;
      });
    }

    if (sub === "search" && method === "POST") {
      if (!index) return send(response, 404, indexNotFound(uid));
      return send(response, 200, recorder.searchResponder(index, body));
    }

    return send(response, 404, meiliError("not_found", `${method} ${request.path}`));
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      send(response, 500, meiliError("internal", String(error), "internal"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(recorder, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}
