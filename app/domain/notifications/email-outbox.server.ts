/**
 * Drains `email_outbox` through an EmailTransport (issue #5 item 3), like
 * the search outbox worker (search/sync-worker.ts): at least once, with
 * any number of app processes draining at once.
 *
 * 1. claim: one statement takes the oldest due unsent rows `FOR UPDATE
 *    SKIP LOCKED` and leases them (available_at = now + lease), counting
 *    the attempt; no transaction stays open while mail is sent. Rows of a
 *    process that dies come due again when the lease ends.
 * 2. send each row; on success set `sent_at`; on failure keep `last_error`
 *    and wait an exponential, capped, jittered backoff (backoffDelayMs).
 * 3. rows that failed MAX_EMAIL_ATTEMPTS times are no longer claimed; they
 *    stay in the table with their last error for staff to look at.
 */
import { type Kysely, sql } from "kysely";
import { setTimeout as delay } from "node:timers/promises";
import type { DB } from "../../../db/schema";
import { backoffDelayMs, errorMessage } from "../../../search/sync-worker";
import type { EmailTransport } from "./email-transport.server";

export const MAX_EMAIL_ATTEMPTS = 10;

export interface EmailDrainOptions {
  /** Sender address (config EMAIL_FROM). */
  from: string;
  /** Rows per batch (default 50). */
  batchSize?: number;
  /** Lease of claimed rows (default 2 minutes). */
  leaseMs?: number;
  /** First retry delay, doubling per attempt (default 30 s). */
  backoffBaseMs?: number;
  /** Longest retry delay (default 1 hour). */
  backoffCapMs?: number;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
  /** Stop between batches. */
  signal?: AbortSignal;
}

export interface EmailDrainReport {
  claimed: number;
  sent: number;
  failed: number;
  errors: string[];
}

interface ClaimedEmail {
  id: number;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: number;
}

async function claim(db: Kysely<DB>, batchSize: number, leaseMs: number) {
  const { rows } = await sql<ClaimedEmail>`
    with due as (
      select id from email_outbox
      where sent_at is null and available_at <= now() and attempts < ${MAX_EMAIL_ATTEMPTS}
      order by id
      limit ${batchSize}
      for update skip locked
    )
    update email_outbox as o
    set available_at = now() + ${leaseMs}::double precision * interval '1 millisecond',
        attempts = o.attempts + 1
    from due
    where o.id = due.id
    returning o.id, o.to_address, o.subject, o.body_text, o.attempts`.execute(db);
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Sends due mails batch by batch until none is due, a batch had a failure
 * (the transport is likely down), or `signal` aborts. Throws only when the
 * database fails.
 */
export async function drainEmailOutbox(
  db: Kysely<DB>,
  transport: EmailTransport,
  options: EmailDrainOptions,
): Promise<EmailDrainReport> {
  const {
    batchSize = 50,
    leaseMs = 120_000,
    backoffBaseMs = 30_000,
    backoffCapMs = 3_600_000,
    random = Math.random,
  } = options;
  const report: EmailDrainReport = { claimed: 0, sent: 0, failed: 0, errors: [] };
  while (!options.signal?.aborted) {
    const rows = await claim(db, batchSize, leaseMs);
    if (rows.length === 0) break;
    report.claimed += rows.length;
    let failedHere = 0;
    for (const row of rows) {
      try {
        await transport.send({
          id: row.id,
          to: row.to_address,
          from: options.from,
          subject: row.subject,
          text: row.body_text,
        });
        await db
          .updateTable("email_outbox")
          .set({ sent_at: sql<Date>`now()` })
          .where("id", "=", row.id)
          .where("sent_at", "is", null)
          .execute();
        report.sent += 1;
      } catch (error) {
        const message = errorMessage(error).slice(0, 2000);
        const delayMs = backoffDelayMs(row.attempts, { backoffBaseMs, backoffCapMs }, random);
        await db
          .updateTable("email_outbox")
          .set({
            last_error: message,
            available_at: sql<Date>`now() + ${delayMs}::double precision * interval '1 millisecond'`,
          })
          .where("id", "=", row.id)
          .where("sent_at", "is", null)
          .execute();
        failedHere += 1;
        report.errors.push(`#${row.id}: ${message}`);
      }
    }
    report.failed += failedHere;
    if (failedHere > 0) break;
  }
  return report;
}

/** Counts for status pages and tests: unsent (due or waiting), sent, given up. */
export async function emailOutboxSummary(
  db: Kysely<DB>,
): Promise<{ pending: number; sent: number; gaveUp: number }> {
  const row = await db
    .selectFrom("email_outbox")
    .select([
      sql<string>`count(*) filter (where sent_at is null and attempts < ${MAX_EMAIL_ATTEMPTS})`.as(
        "pending",
      ),
      sql<string>`count(*) filter (where sent_at is not null)`.as("sent"),
      sql<string>`count(*) filter (where sent_at is null and attempts >= ${MAX_EMAIL_ATTEMPTS})`.as(
        "gave_up",
      ),
    ])
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), sent: Number(row.sent), gaveUp: Number(row.gave_up) };
}

export interface EmailLoop {
  stop(): Promise<void>;
}

/**
 * Drains every `idleMs` (default 5 s) until stopped; errors are logged and
 * waited out (up to a minute), never thrown.
 */
export function startEmailLoop(
  db: Kysely<DB>,
  transport: EmailTransport,
  options: EmailDrainOptions & { idleMs?: number },
): EmailLoop {
  const controller = new AbortController();
  const idleMs = options.idleMs ?? 5_000;
  async function run() {
    let failures = 0;
    while (!controller.signal.aborted) {
      try {
        const report = await drainEmailOutbox(db, transport, {
          ...options,
          signal: controller.signal,
        });
        for (const e of report.errors) console.error(`[email] send failed, will retry: ${e}`);
        failures = report.failed > 0 ? failures + 1 : 0;
      } catch (error) {
        failures += 1;
        console.error("[email] drain failed", error);
      }
      const wait = failures > 0 ? Math.min(60_000, idleMs * 2 ** failures) : idleMs;
      await delay(wait, undefined, { signal: controller.signal, ref: false }).catch(() => {});
    }
  }
  const running = run();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
