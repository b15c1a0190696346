/**
 * A user's in-app notifications: the unread count for the site header (one
 * indexed count on notifications_unread_idx), the list for /notifications,
 * and marking one or all read. Every function acts on the given user's own
 * rows only; another user's notification id simply matches nothing.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";

export const NOTIFICATION_PAGE_SIZE = 30;

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

/** Unread notifications of `userId` (the header badge). */
export async function unreadNotificationCount(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of `userId`'s notifications, newest first, with the total. */
export async function listNotifications(
  db: Kysely<DB>,
  userId: string,
  { page = 1, unreadOnly = false }: { page?: number; unreadOnly?: boolean } = {},
): Promise<{ items: NotificationView[]; total: number; unread: number }> {
  let query = db.selectFrom("notifications").where("user_id", "=", userId);
  if (unreadOnly) query = query.where("read_at", "is", null);
  const [rows, total, unread] = await Promise.all([
    query
      .selectAll()
      .orderBy("id", "desc")
      .limit(NOTIFICATION_PAGE_SIZE)
      .offset((page - 1) * NOTIFICATION_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
    unreadNotificationCount(db, userId),
  ]);
  return {
    total: Number(total.n),
    unread,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      read: r.read_at !== null,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

/**
 * Marks notification `id` of `userId` read; returns its link (to open it
 * next) or null when it is not the user's.
 */
export async function markNotificationRead(
  db: Kysely<DB>,
  userId: string,
  id: number,
): Promise<{ link: string | null } | null> {
  const row = await db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .returning("link")
    .executeTakeFirst();
  return row ?? null;
}

/** Marks every unread notification of `userId` read; returns how many. */
export async function markAllNotificationsRead(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`now()` })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
