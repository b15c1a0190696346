/**
 * The demo accounts of README, for the hint on the sign-in page: listed
 * only when they exist in this database (the embedded default, or
 * DEMO_ACCOUNTS=true), never on a production server.
 */
import type { Kysely } from "kysely";
import type { DB, Role } from "../../../db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../../seeds/demo-accounts";

export interface DemoAccountHint {
  password: string;
  accounts: { email: string; displayName: string; role: Role }[];
}

/** The demo accounts present in `db`, or null when there are none. */
export async function demoAccountHint(db: Kysely<DB>): Promise<DemoAccountHint | null> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const rows = await db
    .selectFrom("users")
    .select(["email", "display_name", "role"])
    .where("email", "in", emails)
    .where("disabled_at", "is", null)
    .execute();
  if (rows.length === 0) return null;
  const order = (email: string) => emails.indexOf(email);
  return {
    password: DEMO_PASSWORD,
    accounts: rows
      .sort((a, b) => order(a.email) - order(b.email))
      .map((r) => ({ email: r.email, displayName: r.display_name, role: r.role })),
  };
}
