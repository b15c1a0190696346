/**
 * Matchmaking (issue #5): users' 不相关 feedback on recommendations, and the
 * precomputed strongest demand–result pairs behind the bureau's market view.
 * - `match_feedback`: one row per (user, demand, result); the reason blames
 *   one matcher feature (app/domain/matching/match-feedback.server.ts).
 * - `match_candidates`: the best results per published demand with their
 *   score, per-feature breakdown and reason, refreshed when a listing changes.
 * Frozen in time: imports nothing from the app.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("match_feedback")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("demand_id", "integer", (c) =>
      c.notNull().references("demands.id").onDelete("cascade"),
    )
    .addColumn("result_id", "integer", (c) =>
      c.notNull().references("results.id").onDelete("cascade"),
    )
    .addColumn("side", "text", (c) => c.notNull().check(sql`side in ('demand', 'result')`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("match_feedback_pair", ["user_id", "demand_id", "result_id"])
    .execute();
  await db.schema
    .createIndex("match_feedback_reason_idx")
    .on("match_feedback")
    .column("reason")
    .execute();

  await db.schema
    .createTable("match_candidates")
    .addColumn("demand_id", "integer", (c) =>
      c.notNull().references("demands.id").onDelete("cascade"),
    )
    .addColumn("result_id", "integer", (c) =>
      c.notNull().references("results.id").onDelete("cascade"),
    )
    .addColumn("score", "integer", (c) => c.notNull().check(sql`score between 0 and 100`))
    .addColumn("breakdown", "jsonb", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("match_candidates_pk", ["demand_id", "result_id"])
    .execute();
  await db.schema
    .createIndex("match_candidates_score_idx")
    .on("match_candidates")
    .columns(["score desc", "demand_id", "result_id"])
    .execute();
  await db.schema
    .createIndex("match_candidates_result_idx")
    .on("match_candidates")
    .column("result_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("match_candidates").execute();
  await db.schema.dropTable("match_feedback").execute();
}
