/**
 * Search tables: the Postgres search backend's documents and the outbox that
 * carries listing changes to an external search engine (DESIGN.md §4).
 * Frozen in time: imports nothing from the app.
 */
import { type Kysely, sql } from "kysely";

/**
 * Sort positions (1-based, in sortableAttributes order) that get btree
 * indexes: every index definition has two (publication time, an amount);
 * sorting by a later position works, it just sorts instead of reading in order.
 */
const SORT_POSITIONS = [1, 2];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable("search_documents")
    .addColumn("index_name", "text", (c) => c.notNull())
    .addColumn("doc_id", "text", (c) => c.notNull())
    .addColumn("tsv", sql`tsvector`, (c) => c.notNull())
    .addColumn("latin_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("facets", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("sort_keys", sql`bigint[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("document", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("search_documents_pk", ["index_name", "doc_id"])
    .execute();
  // Ranking reads tsv for every hit: keep it in the heap row (compressed if
  // need be) and let the toaster move the document out instead. With the
  // default storage a ~1 kB tsvector barely compresses and goes to the TOAST
  // table, costing two extra buffer reads per hit.
  await sql`alter table search_documents alter column tsv set storage main`.execute(db);
  // One two-column GIN rather than one per column: a text query with facet
  // filters is answered by a single index scan that intersects all keys
  // (half the time of a BitmapAnd of two indexes), and either column alone
  // can still be searched.
  await sql`create index search_documents_match_idx on search_documents using gin (tsv, facets)`.execute(
    db,
  );
  await sql`create index search_documents_latin_idx on search_documents using gin (latin_text gin_trgm_ops)`.execute(
    db,
  );
  // One btree per sort position and direction (nulls last both ways), so a
  // browse page (no text) reads its first hits in order instead of sorting.
  for (const position of SORT_POSITIONS) {
    for (const direction of ["asc", "desc"] as const) {
      await sql`create index ${sql.raw(`search_documents_sort${position}_${direction}_idx`)}
        on search_documents (index_name, (sort_keys[${sql.lit(position)}]) ${sql.raw(direction)} nulls last)`.execute(
        db,
      );
    }
  }

  await db.schema
    .createTable("search_outbox")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("index_name", "text", (c) => c.notNull())
    .addColumn("doc_id", "text", (c) => c.notNull())
    .addColumn("operation", "text", (c) =>
      c.notNull().check(sql`operation in ('upsert', 'delete')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("available_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("processed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index search_outbox_pending_idx on search_outbox (available_at, id) where processed_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_outbox").execute();
  await db.schema.dropTable("search_documents").execute();
}
