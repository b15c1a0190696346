/**
 * In-app notifications and their e-mail copies (issue #5).
 * `notifyUsers` writes one notification per user and, for users who get
 * e-mail, one `email_outbox` row — in the caller's transaction, so a
 * notification exists exactly when the change it reports was committed.
 * The outbox is drained by the e-mail transport (see email-transport.server.ts).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { config } from "../../config.server";

/** `link` as an absolute address for e-mail (config PUBLIC_BASE_URL, else localhost:PORT). */
export function absoluteLink(link: string): string {
  const c = config();
  return `${c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`}${link}`;
}

export interface NotificationInput {
  /** Stable kind, e.g. "inquiry.message", "inquiry.status", "match.alert". */
  kind: string;
  /** One line, zh-CN. */
  title: string;
  /** Plain text, zh-CN; may be empty. */
  body?: string;
  /** Site-relative path the notification opens, e.g. "/inquiries/12". */
  link?: string | null;
  /** Also queue an e-mail to each user (default true). */
  email?: boolean;
}

/**
 * Notifies the given users (disabled accounts are skipped).
 * Returns the number of notifications written. Throws only on database errors.
 */
export async function notifyUsers(
  trx: Kysely<DB>,
  userIds: readonly string[],
  input: NotificationInput,
): Promise<number> {
  if (userIds.length === 0) return 0;
  const users = await trx
    .selectFrom("users")
    .select(["id", "email"])
    .where("id", "in", [...new Set(userIds)])
    .where("disabled_at", "is", null)
    .execute();
  if (users.length === 0) return 0;
  await trx
    .insertInto("notifications")
    .values(
      users.map((u) => ({
        user_id: u.id,
        kind: input.kind,
        title: input.title,
        body: input.body ?? "",
        link: input.link ?? null,
      })),
    )
    .execute();
  if (input.email ?? true) {
    await trx
      .insertInto("email_outbox")
      .values(
        users.map((u) => ({
          to_address: u.email,
          subject: input.title,
          body_text: [input.body ?? "", input.link ? `查看：${absoluteLink(input.link)}` : ""]
            .filter(Boolean)
            .join("\n\n"),
        })),
      )
      .execute();
  }
  return users.length;
}

/** Notifies every active member of an organization except `exceptUserId`. */
export async function notifyOrganization(
  trx: Kysely<DB>,
  organizationId: number,
  input: NotificationInput,
  exceptUserId?: string | null,
): Promise<number> {
  let query = trx
    .selectFrom("users")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("disabled_at", "is", null);
  if (exceptUserId) query = query.where("id", "<>", exceptUserId);
  const members = await query.execute();
  return notifyUsers(
    trx,
    members.map((m) => m.id),
    input,
  );
}
