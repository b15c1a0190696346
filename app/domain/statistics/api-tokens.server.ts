/**
 * API tokens for the statistics API (issue #6 item 7). An administrator
 * ("apiTokens.manage") issues a token with a name; the token is shown once
 * and only its SHA-256 (hex) is stored, with its first characters to tell
 * tokens apart. Revoking sets revoked_at; a revoked token no longer
 * authenticates. Each successful use records last_used_at.
 * Token format: "tbk_" + 43 characters of base64url (32 random bytes).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { roleCan } from "../accounts/permissions";
import { recordAudit } from "../audit/audit.server";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";

const PREFIX = "tbk_";

/** SHA-256 hex of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function requireManage(actor: Pick<SessionUser, "role">) {
  if (!roleCan(actor.role, "apiTokens.manage")) {
    throw new ForbiddenError("forbidden", "只有系统管理员可以管理接口令牌");
  }
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  tokenPrefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every token, newest first (never the token itself). */
export async function listApiTokens(
  db: Kysely<DB>,
  actor: Pick<SessionUser, "role">,
): Promise<ApiTokenInfo[]> {
  requireManage(actor);
  const rows = await db
    .selectFrom("api_tokens")
    .leftJoin("users", "users.id", "api_tokens.created_by")
    .select([
      "api_tokens.id",
      "api_tokens.name",
      "api_tokens.token_prefix",
      "users.email",
      "api_tokens.created_at",
      "api_tokens.last_used_at",
      "api_tokens.revoked_at",
    ])
    .orderBy("api_tokens.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    tokenPrefix: r.token_prefix,
    createdBy: r.email,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Issues a token named `name` (1–100 characters); returns it in clear, once. */
export async function issueApiToken(
  db: Kysely<DB>,
  actor: Pick<SessionUser, "id" | "role">,
  name: string,
  ip: string | null = null,
): Promise<{ id: number; token: string }> {
  requireManage(actor);
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) {
    throw new ValidationError("invalid_name", "请填写 1–100 字的令牌名称", {
      name: "请填写 1–100 字的令牌名称",
    });
  }
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("api_tokens")
      .values({
        name: trimmed,
        token_hash: hashToken(token),
        token_prefix: token.slice(0, PREFIX.length + 6),
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "api_token.create",
      entityType: "api_token",
      entityId: id,
      after: { name: trimmed },
      ip,
    });
    return { id, token };
  });
}

/** Revokes token `id`; revoking twice is harmless. Throws NotFoundError for an unknown id. */
export async function revokeApiToken(
  db: Kysely<DB>,
  actor: Pick<SessionUser, "id" | "role">,
  id: number,
  ip: string | null = null,
): Promise<void> {
  requireManage(actor);
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("api_tokens")
      .set({ revoked_at: new Date(), revoked_by: actor.id })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .returning(["id", "name"])
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom("api_tokens")
        .select("id")
        .where("id", "=", id)
        .executeTakeFirst();
      if (!exists) throw new NotFoundError("not_found", "没有这个接口令牌");
      return;
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: id,
      before: { name: row.name },
      ip,
    });
  });
}

/**
 * The token row behind `token` when it is valid (known, not revoked), after
 * recording its use; null otherwise. Constant work per call: one indexed
 * lookup by hash, so timing reveals nothing about stored tokens.
 */
export async function authenticateApiToken(
  db: Kysely<DB>,
  token: string,
): Promise<{ id: number; name: string } | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await db
    .updateTable("api_tokens")
    .set({ last_used_at: new Date() })
    .where("token_hash", "=", hashToken(token))
    .where("revoked_at", "is", null)
    .returning(["id", "name"])
    .executeTakeFirst();
  return row ?? null;
}
