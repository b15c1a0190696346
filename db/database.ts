/**
 * The one Kysely factory. Two dialects, chosen by configuration:
 * - `postgres`: a PostgreSQL server through postgres.js, when a URL is given;
 * - `pglite`: embedded PostgreSQL (WASM) persisted in a directory, otherwise.
 *
 * Both return int8 as JS numbers (throwing on values past 2^53, which would
 * lose fen) and `date` as "YYYY-MM-DD" strings, so the domain sees one shape.
 */
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PostgresJSDialect } from "kysely-postgres-js";
import { mkdirSync } from "node:fs";
import postgres from "postgres";
import type { DB } from "./schema";

export type Dialect = "postgres" | "pglite";

export interface DatabaseOptions {
  /** PostgreSQL server URL; when set the postgres dialect is used. */
  databaseUrl?: string;
  /** PGlite data directory, or "memory://" for an in-memory database. */
  pgliteDir?: string;
  /** Connection pool size for the server dialect (default 10). */
  poolSize?: number;
}

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Closes the pool or the embedded database. */
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

/** Parses an int8 text value; throws RangeError when it is not a safe integer. */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} exceeds 2^53`);
  return n;
}

/**
 * The pool, with every query Kysely sends run as a named prepared statement
 * (postgres.js prepares tagged templates but not `unsafe` text, which is
 * what the Kysely driver uses). Saves a parse and plan per query: about 20 %
 * on the search benchmark. Statements are cached per connection, and
 * connections are recycled by postgres.js (max_lifetime), which bounds it.
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  const prepareUnsafe = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value: unknown = Reflect.get(obj, prop, receiver);
        if (prop === "unsafe" && typeof value === "function") {
          return (query: string, params?: unknown[], options?: object) =>
            (value as (...args: unknown[]) => unknown).call(obj, query, params, {
              prepare: true,
              ...options,
            });
        }
        if (prop === "reserve" && typeof value === "function") {
          return async () => prepareUnsafe(await (value as () => Promise<object>).call(obj));
        }
        return value;
      },
    });
  return prepareUnsafe(sql);
}

/** Opens a database per `options`; see the module comment for the choice. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const sql = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      types: {
        bigint: {
          to: INT8,
          from: [INT8],
          serialize: (x: number | bigint) => x.toString(),
          parse: parseInt8,
        },
        date: {
          to: DATE,
          from: [DATE],
          serialize: (x: string) => x,
          parse: (x: string) => x,
        },
      },
    });
    const db = new Kysely<DB>({ dialect: new PostgresJSDialect({ postgres: preparing(sql) }) });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }

  const dir = options.pgliteDir ?? "./.data/pglite";
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir, {
    extensions: { pg_trgm },
    parsers: { [INT8]: parseInt8, [DATE]: (x: string) => x },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, dialect: "pglite", close: () => db.destroy() };
}
