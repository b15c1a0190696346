/**
 * Runs `fn` in a transaction: the caller's, when `db` already is one (so
 * domain functions compose inside a larger transaction), else a new one.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";

export function inTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
