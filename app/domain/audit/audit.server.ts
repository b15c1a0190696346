/**
 * The audit log: every state change and admin action, with actor, time and
 * the entity before and after. Written inside the caller's transaction, so
 * an audited change and its entry commit or roll back together.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";

export interface AuditEntry {
  /** User id of the actor; null for the system (e.g. expiry job). */
  actorUserId: string | null;
  /** Dotted verb, e.g. "result.approve", "organization.verify", "user.role_change". */
  action: string;
  entityType: "organization" | "result" | "demand" | "user" | "invitation" | "session";
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Appends one entry; returns nothing, throws on database errors. */
export async function recordAudit(trx: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: entry.ip ?? null,
    })
    .execute();
}
