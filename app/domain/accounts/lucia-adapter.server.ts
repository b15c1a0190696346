/**
 * Lucia v3 adapter over Kysely, so sessions live in PostgreSQL on both
 * dialects (PGlite and the server). Users of disabled accounts are not
 * returned, which invalidates their sessions at once.
 */
import type { Kysely } from "kysely";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { DB } from "../../../db/schema";

export class KyselyLuciaAdapter implements Adapter {
  constructor(private readonly db: Kysely<DB>) {}

  async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = await this.db
      .selectFrom("sessions as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .innerJoin("organizations as o", "o.id", "u.organization_id")
      .where("s.id", "=", sessionId)
      .where("u.disabled_at", "is", null)
      .select([
        "s.id as session_id",
        "s.expires_at",
        "u.id",
        "u.email",
        "u.display_name",
        "u.role",
        "u.organization_id",
        "u.is_org_admin",
        "o.name as organization_name",
        "o.kind as organization_kind",
        "o.verification_status as organization_status",
      ])
      .executeTakeFirst();
    if (!row) return [null, null];
    return [
      { id: row.session_id, userId: row.id, expiresAt: row.expires_at, attributes: {} },
      {
        id: row.id,
        attributes: {
          email: row.email,
          displayName: row.display_name,
          role: row.role,
          organizationId: row.organization_id,
          organizationName: row.organization_name,
          organizationKind: row.organization_kind,
          organizationStatus: row.organization_status,
          isOrgAdmin: row.is_org_admin,
        },
      },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db
      .selectFrom("sessions")
      .where("user_id", "=", userId)
      .select(["id", "user_id", "expires_at"])
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      expiresAt: r.expires_at,
      attributes: {},
    }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto("sessions")
      .values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable("sessions")
      .set({ expires_at: expiresAt })
      .where("id", "=", sessionId)
      .execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", sessionId).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.deleteFrom("sessions").where("expires_at", "<=", new Date()).execute();
  }
}
