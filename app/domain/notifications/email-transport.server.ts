/**
 * Pluggable e-mail transports for the outbox (issue #5 item 3).
 *
 * A transport sends one plain-text mail and throws when it could not (the
 * outbox then retries with backoff). Chosen by EMAIL_TRANSPORT (config):
 * - `console` (default, development and test): writes the mail to the log;
 * - `off`: no transport; the outbox is not drained (rows wait).
 *
 * Plugging in a real one (SMTP, a provider's HTTP API): implement
 * `EmailTransport` in its own file (e.g. smtp-transport.server.ts reading
 * SMTP_URL), add its name to EMAIL_TRANSPORT's enum in config.server.ts and
 * a case to `createEmailTransport`. Sending must be idempotent-tolerant: a
 * crash after the send and before the row is marked sent sends it again
 * once (at-least-once delivery).
 */
import type { AppConfig } from "../../config.server";

export interface OutgoingEmail {
  /** Outbox row id, usable as an idempotency key by providers that take one. */
  id: number;
  to: string;
  from: string;
  subject: string;
  text: string;
}

export interface EmailTransport {
  readonly name: string;
  /** Sends one mail; resolves when accepted, throws otherwise. */
  send(mail: OutgoingEmail): Promise<void>;
}

/** Logs each mail on one line (headers, then the body as a JSON string) instead of sending it. */
export function consoleTransport(
  log: (line: string) => void = (line) => console.log(line),
): EmailTransport {
  return {
    name: "console",
    send(mail) {
      log(
        `[email] #${mail.id} to=${mail.to} from=${mail.from} subject=${JSON.stringify(mail.subject)} text=${JSON.stringify(mail.text)}`,
      );
      return Promise.resolve();
    },
  };
}

/** The transport EMAIL_TRANSPORT names, or null for `off`. */
export function createEmailTransport(
  config: Pick<AppConfig, "EMAIL_TRANSPORT">,
): EmailTransport | null {
  switch (config.EMAIL_TRANSPORT) {
    case "console":
      return consoleTransport();
    case "off":
      return null;
  }
}
