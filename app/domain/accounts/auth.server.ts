/**
 * Sessions with Lucia v3, stored in PostgreSQL through the Kysely adapter.
 * Cookie: HttpOnly, SameSite=Lax, Secure in production; 30-day sessions
 * with sliding expiry (Lucia extends a session used in its second half).
 */
import type { Kysely } from "kysely";
import { Lucia, TimeSpan } from "lucia";
import type { DB, Role } from "../../../db/schema";
import { KyselyLuciaAdapter } from "./lucia-adapter.server";

export interface SessionUserAttributes {
  email: string;
  displayName: string;
  role: Role;
  organizationId: number;
  organizationName: string;
  organizationKind: string;
  organizationStatus: "pending" | "verified" | "rejected";
  isOrgAdmin: boolean;
}

/** The signed-in user as loaders and actions see it. */
export interface SessionUser extends SessionUserAttributes {
  id: string;
}

export const SESSION_COOKIE_NAME = "tb_session";

/** Session lifetime; Lucia extends a session used in its second half by this much. */
export const SESSION_EXPIRES_IN = new TimeSpan(30, "d");

/** Creates the Lucia instance over `db`; `secure` sets the cookie's Secure flag. */
export function createAuth(db: Kysely<DB>, { secure }: { secure: boolean }) {
  return new Lucia(new KyselyLuciaAdapter(db), {
    sessionExpiresIn: SESSION_EXPIRES_IN,
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      expires: true,
      attributes: { secure, sameSite: "lax", path: "/" },
    },
    getUserAttributes: (attributes): SessionUserAttributes => attributes,
  });
}

export type Auth = ReturnType<typeof createAuth>;

declare module "lucia" {
  interface Register {
    Lucia: Auth;
    DatabaseUserAttributes: SessionUserAttributes;
  }
}
