/**
 * The e-mail outbox drain on both dialects: notifications queue mail in
 * the caller's transaction; the drain sends each once through the
 * transport and marks it sent; a failing transport leaves rows with their
 * error and a backoff, retried later; rows are given up after
 * MAX_EMAIL_ATTEMPTS; concurrent drains never send a row twice.
 * The transports here are real EmailTransport implementations that record
 * or fail — the seam the app plugs SMTP into — not mocks of our code.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import {
  MAX_EMAIL_ATTEMPTS,
  drainEmailOutbox,
  emailOutboxSummary,
} from "../../app/domain/notifications/email-outbox.server";
import {
  type EmailTransport,
  type OutgoingEmail,
  consoleTransport,
  createEmailTransport,
} from "../../app/domain/notifications/email-transport.server";
import { notifyUsers } from "../../app/domain/notifications/notifications.server";
import { testDialects } from "../support/databases";
import { createOrganization, createUser } from "../support/factories";

function recorder(): EmailTransport & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    name: "recorder",
    sent,
    async send(mail) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      sent.push(mail);
    },
  };
}

function failing(message = "SMTP 421 service not available"): EmailTransport {
  return {
    name: "failing",
    send: () => Promise.reject(new Error(message)),
  };
}

describe.each(testDialects())("e-mail outbox on $name", (dialect) => {
  let database: Database;
  const from = "noreply@test.invalid";

  beforeAll(async () => {
    database = await dialect.open();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.deleteFrom("email_outbox").execute();
  });

  async function queue(n: number): Promise<string[]> {
    const org = await createOrganization(database.db);
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push((await createUser(database.db, org.id, "institution_member")).id);
    await notifyUsers(database.db, ids, {
      kind: "test",
      title: "测试通知",
      body: "正文",
      link: "/inquiries/1",
    });
    return ids;
  }

  it("sends every queued mail once and marks it sent", async () => {
    await queue(3);
    const transport = recorder();
    const report = await drainEmailOutbox(database.db, transport, { from, batchSize: 2 });
    expect(report).toMatchObject({ claimed: 3, sent: 3, failed: 0 });
    expect(transport.sent).toHaveLength(3);
    expect(transport.sent[0]).toMatchObject({ from, subject: "测试通知" });
    // Links in mail are absolute (PUBLIC_BASE_URL, else http://localhost:PORT).
    expect(transport.sent[0]!.text).toMatch(/查看：https?:\/\/[^/\s]+\/inquiries\/1$/);
    expect(await emailOutboxSummary(database.db)).toEqual({ pending: 0, sent: 3, gaveUp: 0 });
    const again = await drainEmailOutbox(database.db, transport, { from });
    expect(again.claimed).toBe(0);
    expect(transport.sent).toHaveLength(3);
  });

  it("keeps failed mail with its error and a backoff, and sends it when due again", async () => {
    await queue(2);
    const report = await drainEmailOutbox(database.db, failing(), {
      from,
      backoffBaseMs: 60_000,
      random: () => 0,
    });
    // The first failure stops the batch loop, but every claimed row is tried.
    expect(report).toMatchObject({ claimed: 2, sent: 0, failed: 2 });
    const rows = await database.db
      .selectFrom("email_outbox")
      .select([
        "attempts",
        "last_error",
        "sent_at",
        sql<number>`extract(epoch from available_at - now())`.as("wait_s"),
      ])
      .execute();
    for (const row of rows) {
      expect(row).toMatchObject({
        attempts: 1,
        last_error: "SMTP 421 service not available",
        sent_at: null,
      });
      // Equal jitter with random 0: half the 60 s base.
      expect(Number(row.wait_s)).toBeGreaterThan(25);
      expect(Number(row.wait_s)).toBeLessThanOrEqual(30);
    }
    const transport = recorder();
    expect((await drainEmailOutbox(database.db, transport, { from })).claimed).toBe(0);
    await database.db
      .updateTable("email_outbox")
      .set({ available_at: sql<Date>`now()` })
      .execute();
    expect(await drainEmailOutbox(database.db, transport, { from })).toMatchObject({ sent: 2 });
    const after = await database.db
      .selectFrom("email_outbox")
      .select(["attempts", "sent_at"])
      .execute();
    expect(after.every((r) => r.attempts === 2 && r.sent_at !== null)).toBe(true);
  });

  it("gives up after the maximum number of attempts", async () => {
    await queue(1);
    await database.db
      .updateTable("email_outbox")
      .set({ attempts: MAX_EMAIL_ATTEMPTS - 1 })
      .execute();
    await drainEmailOutbox(database.db, failing(), { from, backoffBaseMs: 0 });
    await database.db
      .updateTable("email_outbox")
      .set({ available_at: sql<Date>`now()` })
      .execute();
    expect((await drainEmailOutbox(database.db, recorder(), { from })).claimed).toBe(0);
    expect(await emailOutboxSummary(database.db)).toEqual({ pending: 0, sent: 0, gaveUp: 1 });
  });

  it("concurrent drains send each mail exactly once (FOR UPDATE SKIP LOCKED)", async () => {
    await queue(12);
    const transport = recorder();
    const reports = await Promise.all(
      [0, 1, 2].map(() => drainEmailOutbox(database.db, transport, { from, batchSize: 3 })),
    );
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(12);
    const ids = transport.sent.map((m) => m.id);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
  });

  it("the console transport logs the mail; EMAIL_TRANSPORT picks the transport", async () => {
    const lines: string[] = [];
    await consoleTransport((line) => lines.push(line)).send({
      id: 7,
      to: "a@example.test",
      from,
      subject: "主题",
      text: "正文",
    });
    expect(lines[0]).toContain("to=a@example.test");
    expect(lines[0]).toContain("正文");
    expect(createEmailTransport({ EMAIL_TRANSPORT: "console" })?.name).toBe("console");
    expect(createEmailTransport({ EMAIL_TRANSPORT: "off" })).toBeNull();
  });
});
