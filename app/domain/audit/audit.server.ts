/**
 * The audit log: every state change and admin action, with actor, time and
 * the entity before and after. Written inside the caller's transaction, so
 * an audited change and its entry commit or roll back together.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";

export interface AuditEntry {
  /** User id of the actor; null for the system (e.g. expiry job). */
  actorUserId: string | null;
  /** Dotted verb, e.g. "result.approve", "organization.verify", "user.role_change". */
  action: string;
  entityType:
    | "organization"
    | "result"
    | "demand"
    | "user"
    | "invitation"
    | "session"
    | "contract"
    | "contract_import_batch"
    | "station"
    | "annual_target"
    | "api_token"
    | "inquiry";
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/**
 * JSON text cast to jsonb in SQL: postgres.js would encode a string bound
 * to a jsonb column once more (storing a JSON string, not the object).
 */
const jsonb = (value: unknown) =>
  value === undefined ? null : sql<string>`${JSON.stringify(value)}::text::jsonb`;

/** Appends one entry; returns nothing, throws on database errors. */
export async function recordAudit(trx: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      before: jsonb(entry.before),
      after: jsonb(entry.after),
      ip: entry.ip ?? null,
    })
    .execute();
}

/** Appends many entries in one statement (bulk imports); nothing for an empty list. */
export async function recordAudits(trx: Kysely<DB>, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto("audit_log")
    .values(
      entries.map((entry) => ({
        actor_user_id: entry.actorUserId,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: String(entry.entityId),
        before: jsonb(entry.before),
        after: jsonb(entry.after),
        ip: entry.ip ?? null,
      })),
    )
    .execute();
}
