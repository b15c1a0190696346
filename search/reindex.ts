/**
 * Rebuilding a search index without downtime (DESIGN.md §4), for either
 * backend: the documents are loaded into a staging index next to the live
 * one, changes written meanwhile are replayed, then the staging index
 * replaces the live one in one atomic step and the old data is dropped.
 * Searches are served by the live index throughout.
 *
 * A backend takes part by implementing Reindexable: Meilisearch stages a
 * real index (`<name>_reindex_<ms>`, settings applied before documents)
 * and publishes with swapIndexes; Postgres stages rows under that index
 * name in search_documents and publishes by renaming them in one
 * transaction (postgres-reindex.ts).
 *
 * Catch-up: listings keep changing while documents load. The caller's
 * `catchUp` replays the search_outbox rows written since loading began,
 * first into the staging index (before publishing), then once more into
 * the live index (after publishing), which covers rows the sync worker
 * applied to the previous index between the two calls. Replays re-read
 * each listing's current state, so repeating one is harmless.
 */
import type { IndexDefinition, SearchBackend, SearchDocument } from "./types";

/** Writes to one index. */
export interface IndexWriter {
  upsert(documents: readonly SearchDocument[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
}

/** A staging index being filled to replace a live one. */
export interface StagedIndex extends IndexWriter {
  /** The staging index's name (as the backend stores it). */
  readonly name: string;
  /** Atomically makes the staged documents the live index's documents. */
  publish(): Promise<void>;
  /**
   * Deletes the staging index: its partial documents before `publish`, the
   * previous live documents after it.
   */
  drop(): Promise<void>;
}

/** A backend that can rebuild an index next to the live one. */
export interface Reindexable {
  /** Creates an empty staging index for `definition`, settings applied. */
  stageIndex(definition: IndexDefinition): Promise<StagedIndex>;
}

export type ReindexPhase = "staged" | "loading" | "caught_up" | "published" | "dropped";

export interface ReindexProgress {
  phase: ReindexPhase;
  /** The live index. */
  index: string;
  /** The staging index. */
  staging: string;
  /** Documents loaded so far. */
  documents: number;
}

export interface ReindexOptions {
  onProgress?: (progress: ReindexProgress) => void;
  /**
   * Replays changes written since loading began into `writer`: the staging
   * index (`target` "staged", before publishing), then the live index
   * ("live", after publishing).
   */
  catchUp?: (writer: IndexWriter, target: "staged" | "live") => Promise<void>;
}

export interface ReindexResult {
  index: string;
  staging: string;
  documents: number;
}

/** The staging name of a rebuild of `name` started at `now`. */
export function stagingName(name: string, now = Date.now()): string {
  return `${name}_reindex_${now}`;
}

/**
 * Rebuilds `definition`'s index from `loadAll` (every document, in
 * batches, e.g. an async generator over the listings) without interrupting
 * searches. On a failure before publishing,
 * the staging index is dropped and the live index is untouched; the error
 * is rethrown (an AggregateError when the drop failed too). A failure
 * after publishing (catch-up into live, dropping the old data) is thrown
 * as is: the new index is already live.
 */
export async function reindex(
  backend: SearchBackend & Reindexable,
  definition: IndexDefinition,
  loadAll: AsyncIterable<readonly SearchDocument[]> | Iterable<readonly SearchDocument[]>,
  options: ReindexOptions = {},
): Promise<ReindexResult> {
  const staged = await backend.stageIndex(definition);
  let documents = 0;
  const report = (phase: ReindexPhase) =>
    options.onProgress?.({ phase, index: definition.name, staging: staged.name, documents });
  report("staged");

  try {
    for await (const batch of loadAll) {
      if (batch.length === 0) continue;
      await staged.upsert(batch);
      documents += batch.length;
      report("loading");
    }
    if (options.catchUp) {
      await options.catchUp(staged, "staged");
      report("caught_up");
    }
    await staged.publish();
  } catch (error) {
    try {
      await staged.drop();
    } catch (dropError) {
      throw new AggregateError(
        [error, dropError],
        `reindex of "${definition.name}" failed and staging index "${staged.name}" could not be dropped`,
      );
    }
    throw error;
  }
  report("published");

  if (options.catchUp) {
    await options.catchUp(
      {
        upsert: (docs) => backend.upsert(definition.name, docs),
        remove: (ids) => backend.remove(definition.name, ids),
      },
      "live",
    );
  }
  await staged.drop();
  report("dropped");
  return { index: definition.name, staging: staged.name, documents };
}
