/**
 * Index management and document writes on a Meilisearch server, by index
 * uid: each is a task that is awaited and checked (meilisearch-tasks.ts).
 * Indexes are created with primary key "id" and get their settings before
 * any document; documents are checked and converted
 * (meilisearch-documents.ts) before anything is sent, then added in
 * batches, one task at a time.
 */
import { type Meilisearch, MeilisearchApiError } from "meilisearch";
import { meilisearchDocument } from "./meilisearch-documents";
import { indexSettings } from "./meilisearch-settings";
import { SearchTaskError, type TaskWaitOptions, awaitTask } from "./meilisearch-tasks";
import { type IndexDefinition, type SearchDocument, SearchQueryError } from "./types";

export const PRIMARY_KEY = "id";

export interface MeilisearchIndexes {
  /**
   * Creates index `uid` with primary key "id" unless it exists (also when
   * another process creates it at the same time); sets the primary key of
   * an existing index without one and refuses one with another.
   */
  createIfMissing(uid: string): Promise<void>;
  /** createIfMissing, then applies `definition`'s settings. */
  prepare(uid: string, definition: IndexDefinition): Promise<void>;
  /** Adds or replaces documents (last of repeated ids wins). */
  upsert(
    uid: string,
    definition: IndexDefinition,
    documents: readonly SearchDocument[],
  ): Promise<void>;
  /** Deletes documents by id; unknown ids are ignored. */
  remove(uid: string, ids: readonly string[]): Promise<void>;
  /** Deletes index `uid`; a missing index is not an error. */
  deleteIfExists(uid: string): Promise<void>;
  /** Swaps the documents and settings of two existing indexes, atomically. */
  swap(a: string, b: string): Promise<void>;
  /** Documents in index `uid`, or null when it does not exist. */
  documentCount(uid: string): Promise<number | null>;
}

const isNotFound = (error: unknown) =>
  error instanceof MeilisearchApiError && error.cause?.code === "index_not_found";

function latestById(documents: readonly SearchDocument[]): SearchDocument[] {
  return [...new Map(documents.map((d) => [d.id, d])).values()];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Index operations through `client`, waiting `wait` per task, `batchSize` documents per task. */
export function meilisearchIndexes(
  client: Meilisearch,
  wait: TaskWaitOptions,
  batchSize: number,
): MeilisearchIndexes {
  const indexes: MeilisearchIndexes = {
    async createIfMissing(uid) {
      let primaryKey: string | null | undefined;
      try {
        primaryKey = (await client.getRawIndex(uid)).primaryKey;
      } catch (error) {
        if (!isNotFound(error)) throw error;
        try {
          await awaitTask(client, client.createIndex(uid, { primaryKey: PRIMARY_KEY }), wait);
          return;
        } catch (createError) {
          if (!(createError instanceof SearchTaskError)) throw createError;
          if (createError.code !== "index_already_exists") throw createError;
          primaryKey = (await client.getRawIndex(uid)).primaryKey;
        }
      }
      if (primaryKey === null || primaryKey === undefined) {
        await awaitTask(client, client.updateIndex(uid, { primaryKey: PRIMARY_KEY }), wait);
      } else if (primaryKey !== PRIMARY_KEY) {
        throw new SearchQueryError(
          "invalid_definition",
          `Meilisearch index "${uid}" has primary key "${primaryKey}", expected "${PRIMARY_KEY}"`,
        );
      }
    },

    async prepare(uid, definition) {
      await indexes.createIfMissing(uid);
      await awaitTask(client, client.index(uid).updateSettings(indexSettings(definition)), wait);
    },

    async upsert(uid, definition, documents) {
      const stored = latestById(documents).map((d) => meilisearchDocument(definition, d));
      for (const batch of chunks(stored, batchSize)) {
        await awaitTask(
          client,
          client.index(uid).addDocuments(batch, { primaryKey: PRIMARY_KEY }),
          wait,
        );
      }
    },

    async remove(uid, ids) {
      for (const batch of chunks([...new Set(ids)], batchSize)) {
        await awaitTask(client, client.index(uid).deleteDocuments(batch), wait);
      }
    },

    async deleteIfExists(uid) {
      try {
        await awaitTask(client, client.deleteIndex(uid), wait);
      } catch (error) {
        if (!(error instanceof SearchTaskError && error.code === "index_not_found")) throw error;
      }
    },

    async swap(a, b) {
      await awaitTask(client, client.swapIndexes([{ indexes: [a, b], rename: false }]), wait);
    },

    async documentCount(uid) {
      try {
        return (await client.index(uid).getStats()).numberOfDocuments;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  };
  return indexes;
}
