/**
 * Accounts on both dialects (issue #3, part A): sign-up, invitations,
 * sign-in and sign-out, throttling, password change, disabled accounts,
 * and the local-only redirect after sign-in. Domain functions against a
 * real, freshly migrated database; sessions checked through Lucia itself.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { changePassword } from "../../app/domain/accounts/account.server";
import {
  acceptInvitation,
  createInvitation,
  findOpenInvitation,
  hashInvitationToken,
  listInvitations,
  revokeInvitation,
} from "../../app/domain/accounts/invitations.server";
import { SIGN_IN_LIMITS } from "../../app/domain/accounts/sign-in-throttle.server";
import { signIn, signOut } from "../../app/domain/accounts/sign-in.server";
import { type SignUpInput, signUp } from "../../app/domain/accounts/sign-up.server";
import { ConflictError, TooManyRequestsError, ValidationError } from "../../app/domain/errors";
import { fictionalUscc } from "../../app/domain/organizations/uscc";
import { safeRedirect } from "../../app/utils/safe-redirect";
import { testDialects } from "../support/databases";

const PASSWORD = "correct horse battery";
const unique = () => randomBytes(4).toString("hex");
let serial = Math.floor(Math.random() * 900_000);

function signUpInput(overrides: Partial<SignUpInput> = {}): SignUpInput {
  serial += 1;
  return {
    kind: "university",
    organizationName: `测试大学${unique()}`,
    uscc: fictionalUscc("12", "120104", serial),
    regionCode: "120104",
    partyType: "022",
    displayName: "张老师",
    email: `officer-${unique()}@uni.test`,
    password: PASSWORD,
    ...overrides,
  };
}

/** A USCC with a wrong check character (the right one plus one, in its alphabet). */
function withWrongCheckDigit(uscc: string): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const next = alphabet[(alphabet.indexOf(uscc[17]!) + 1) % alphabet.length]!;
  return uscc.slice(0, 17) + next;
}

const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${unique()}`;

describe.each(testDialects())("accounts on $name", (dialect) => {
  let database: Database;
  let auth: ReturnType<typeof createAuth>;

  beforeAll(async () => {
    database = await dialect.open();
    auth = createAuth(database.db, { secure: false });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  async function counts() {
    const { db } = database;
    const n = async (table: "organizations" | "users" | "sessions" | "audit_log") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      organizations: await n("organizations"),
      users: await n("users"),
      sessions: await n("sessions"),
      audit: await n("audit_log"),
    };
  }

  async function expectSessionValid(sessionId: string, valid: boolean) {
    const { session } = await auth.validateSession(sessionId);
    expect(session !== null).toBe(valid);
  }

  describe("sign-up", () => {
    it("creates a pending organization and its admin with the kind's role, signed in", async () => {
      const input = signUpInput();
      const result = await signUp(database.db, input, { ip: "203.0.113.1" });
      expect(result.role).toBe("institution_member");

      const org = await database.db
        .selectFrom("organizations")
        .selectAll()
        .where("id", "=", result.organizationId)
        .executeTakeFirstOrThrow();
      expect(org).toMatchObject({
        kind: "university",
        uscc: input.uscc,
        region_code: "120104",
        party_type: "022",
        verification_status: "pending",
      });
      const user = await database.db
        .selectFrom("users")
        .selectAll()
        .where("id", "=", result.userId)
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({
        email: input.email,
        role: "institution_member",
        organization_id: result.organizationId,
        is_org_admin: true,
      });
      expect(user.password_hash).toMatch(/^\$argon2id\$/);

      const { user: sessionUser } = await auth.validateSession(result.session.id);
      expect(sessionUser).toMatchObject({
        id: result.userId,
        organizationStatus: "pending",
        isOrgAdmin: true,
      });

      const audit = await database.db
        .selectFrom("audit_log")
        .select(["action", "entity_type", "ip"])
        .where("actor_user_id", "=", result.userId)
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["organization.sign_up", "user.sign_up"]);
      expect(audit.every((a) => a.ip === "203.0.113.1")).toBe(true);
    });

    it("gives an enterprise the enterprise member role", async () => {
      const result = await signUp(
        database.db,
        signUpInput({
          kind: "enterprise",
          uscc: fictionalUscc("91", "130983", ++serial),
          regionCode: "130983",
          partyType: "170",
        }),
      );
      expect(result.role).toBe("enterprise_member");
    });

    it("rejects a wrong USCC check digit with a field error and writes nothing", async () => {
      const before = await counts();
      const input = signUpInput();
      const error = await signUp(database.db, {
        ...input,
        uscc: withWrongCheckDigit(input.uscc),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details?.uscc).toContain("校验位");
      expect(await counts()).toEqual(before);
    });

    it("reports every invalid field at once", async () => {
      const error = await signUp(
        database.db,
        signUpInput({
          kind: "bureau",
          regionCode: "130900",
          partyType: "999",
          email: "not-an-email",
          password: "short",
        }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).details ?? {}).sort()).toEqual(
        ["email", "kind", "partyType", "password", "regionCode"].sort(),
      );
    });

    it("rejects a duplicate USCC and a duplicate e-mail with field errors and writes nothing", async () => {
      const first = signUpInput();
      await signUp(database.db, first);
      const before = await counts();

      const dupUscc = await signUp(database.db, signUpInput({ uscc: first.uscc })).catch(
        (e: unknown) => e,
      );
      expect(dupUscc).toBeInstanceOf(ConflictError);
      expect((dupUscc as ConflictError).details).toHaveProperty("uscc");
      expect((dupUscc as ConflictError).details).not.toHaveProperty("email");

      const dupEmail = await signUp(
        database.db,
        signUpInput({ email: first.email.toUpperCase() }),
      ).catch((e: unknown) => e);
      expect(dupEmail).toBeInstanceOf(ConflictError);
      expect((dupEmail as ConflictError).details).toHaveProperty("email");

      expect(await counts()).toEqual(before);
    });

    it("lets only one of two concurrent sign-ups with the same USCC through", async () => {
      const input = signUpInput();
      const outcomes = await Promise.allSettled([
        signUp(database.db, input),
        signUp(database.db, { ...input, email: `other-${unique()}@uni.test` }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === "rejected");
      expect(rejected?.reason).toBeInstanceOf(ConflictError);
    });
  });

  describe("invitations", () => {
    async function orgWithAdmin() {
      const signedUp = await signUp(database.db, signUpInput());
      const admin = {
        id: signedUp.userId,
        organizationId: signedUp.organizationId,
        isOrgAdmin: true,
        ip: "203.0.113.2",
      };
      return { ...signedUp, admin };
    }

    it("joins the organization with the member role through a single-use link", async () => {
      const { admin, organizationId } = await orgWithAdmin();
      const { token, invitation } = await createInvitation(database.db, admin);
      expect(invitation.status).toBe("open");
      // Only the hash is stored.
      const stored = await database.db
        .selectFrom("organization_invitations")
        .select("token_hash")
        .where("id", "=", invitation.id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(hashInvitationToken(token));
      expect(stored.token_hash).not.toContain(token);

      const email = `colleague-${unique()}@uni.test`;
      const accepted = await acceptInvitation(database.db, {
        token,
        displayName: "李工",
        email,
        password: PASSWORD,
        ip: null,
      });
      expect(accepted.organizationId).toBe(organizationId);
      const user = await database.db
        .selectFrom("users")
        .selectAll()
        .where("id", "=", accepted.userId)
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({
        role: "institution_member",
        is_org_admin: false,
        organization_id: organizationId,
      });
      await expectSessionValid(accepted.session.id, true);

      const again = await acceptInvitation(database.db, {
        token,
        displayName: "王工",
        email: `third-${unique()}@uni.test`,
        password: PASSWORD,
        ip: null,
      }).catch((e: unknown) => e);
      expect(again).toMatchObject({ code: "invitation_used" });
      const [listed] = await listInvitations(database.db, organizationId);
      expect(listed).toMatchObject({ status: "used", usedByName: "李工" });
      const actions = await database.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity_type", "=", "invitation")
        .where("entity_id", "=", String(invitation.id))
        .orderBy("id")
        .execute();
      expect(actions.map((a) => a.action)).toEqual(["invitation.create", "invitation.accept"]);
    });

    it("refuses unknown, expired and revoked links", async () => {
      const { admin } = await orgWithAdmin();
      const accept = (token: string) =>
        acceptInvitation(database.db, {
          token,
          displayName: "赵工",
          email: `z-${unique()}@uni.test`,
          password: PASSWORD,
          ip: null,
        }).catch((e: unknown) => e);

      expect(await accept("no-such-token")).toMatchObject({ code: "invitation_unknown" });

      const past = new Date(Date.now() - 8 * 86_400_000);
      const expired = await createInvitation(database.db, admin, {}, past);
      expect(await accept(expired.token)).toMatchObject({ code: "invitation_expired" });

      const revoked = await createInvitation(database.db, admin);
      await revokeInvitation(database.db, admin, revoked.invitation.id);
      expect(await accept(revoked.token)).toMatchObject({ code: "invitation_revoked" });
      await expect(
        revokeInvitation(database.db, admin, revoked.invitation.id),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it("accepts only the invited e-mail when the link names one, and only one of two racing acceptances", async () => {
      const { admin } = await orgWithAdmin();
      const email = `named-${unique()}@uni.test`;
      const { token } = await createInvitation(database.db, admin, { email });
      const wrong = await acceptInvitation(database.db, {
        token,
        displayName: "钱工",
        email: `someone-else-${unique()}@uni.test`,
        password: PASSWORD,
        ip: null,
      }).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(ValidationError);
      expect((wrong as ValidationError).details).toHaveProperty("email");
      expect((await findOpenInvitation(database.db, token)).email).toBe(email);

      const open = await createInvitation(database.db, admin);
      const outcomes = await Promise.allSettled(
        ["a", "b"].map((x) =>
          acceptInvitation(database.db, {
            token: open.token,
            displayName: `并发${x}`,
            email: `race-${x}-${unique()}@uni.test`,
            password: PASSWORD,
            ip: null,
          }),
        ),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    });

    it("lets only the organization admin invite and revoke", async () => {
      const { admin } = await orgWithAdmin();
      const { token, invitation } = await createInvitation(database.db, admin);
      const member = await acceptInvitation(database.db, {
        token,
        displayName: "孙工",
        email: `member-${unique()}@uni.test`,
        password: PASSWORD,
        ip: null,
      });
      const memberActor = {
        id: member.userId,
        organizationId: member.organizationId,
        isOrgAdmin: false,
      };
      await expect(createInvitation(database.db, memberActor)).rejects.toMatchObject({
        code: "not_org_admin",
      });
      await expect(revokeInvitation(database.db, memberActor, invitation.id)).rejects.toMatchObject(
        { code: "not_org_admin" },
      );

      const other = await orgWithAdmin();
      const foreign = await createInvitation(database.db, other.admin);
      await expect(
        revokeInvitation(database.db, admin, foreign.invitation.id),
      ).rejects.toMatchObject({
        code: "invitation_not_found",
      });
    });
  });

  describe("sign-in", () => {
    async function account() {
      const input = signUpInput();
      const signedUp = await signUp(database.db, input);
      return { email: input.email, userId: signedUp.userId };
    }

    it("signs in with the right password (any case of the e-mail) and out again", async () => {
      const { email, userId } = await account();
      const signedIn = await signIn(database.db, {
        email: ` ${email.toUpperCase()} `,
        password: PASSWORD,
        ip: ip(),
      });
      expect(signedIn.userId).toBe(userId);
      await expectSessionValid(signedIn.session.id, true);

      await signOut(database.db, { sessionId: signedIn.session.id, userId, ip: null });
      await expectSessionValid(signedIn.session.id, false);
      const actions = await database.db
        .selectFrom("audit_log")
        .select("action")
        .where("actor_user_id", "=", userId)
        .where("action", "in", ["user.sign_in", "user.sign_out"])
        .orderBy("id")
        .execute();
      expect(actions.map((a) => a.action)).toEqual(["user.sign_in", "user.sign_out"]);
    });

    it("refuses a wrong password and an unknown e-mail alike", async () => {
      const { email } = await account();
      const wrong = await signIn(database.db, {
        email,
        password: "wrong password!",
        ip: ip(),
      }).catch((e: unknown) => e);
      const unknown = await signIn(database.db, {
        email: `nobody-${unique()}@x.test`,
        password: PASSWORD,
        ip: ip(),
      }).catch((e: unknown) => e);
      for (const error of [wrong, unknown]) {
        expect(error).toBeInstanceOf(ValidationError);
        expect(error).toMatchObject({ code: "invalid_credentials", message: "邮箱或密码不正确" });
      }
    });

    it("throttles the 11th attempt on an account within a minute without checking the password", async () => {
      const { email } = await account();
      const now = new Date();
      for (let i = 0; i < SIGN_IN_LIMITS.account; i++) {
        await expect(
          signIn(database.db, { email, password: `wrong-${i}-password`, ip: ip() }, { now }),
        ).rejects.toMatchObject({
          code: "invalid_credentials",
        });
      }
      // The right password is refused too: it is never checked.
      const refused = await signIn(
        database.db,
        { email, password: PASSWORD, ip: ip() },
        { now },
      ).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TooManyRequestsError);
      const { message, retryAfterSeconds } = refused as TooManyRequestsError;
      expect(message).toMatch(/^尝试次数过多，请在 \d+ 秒后重试$/);
      expect(retryAfterSeconds).toBeGreaterThan(0);
      expect(retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowSeconds);
      expect(message).toContain(`${retryAfterSeconds} 秒`);

      const later = new Date(now.getTime() + (SIGN_IN_LIMITS.windowSeconds + 1) * 1000);
      const signedIn = await signIn(
        database.db,
        { email, password: PASSWORD, ip: ip() },
        { now: later },
      );
      await expectSessionValid(signedIn.session.id, true);
    });

    it("counts concurrent attempts one by one", async () => {
      const { email } = await account();
      const attempts = 15;
      const outcomes = await Promise.allSettled(
        Array.from({ length: attempts }, (_, i) =>
          signIn(database.db, { email, password: `concurrent-${i}`, ip: ip() }),
        ),
      );
      const codes = outcomes.map((o) =>
        o.status === "rejected" ? (o.reason as { code: string }).code : "ok",
      );
      expect(codes.filter((c) => c === "invalid_credentials")).toHaveLength(SIGN_IN_LIMITS.account);
      expect(codes.filter((c) => c === "too_many_attempts")).toHaveLength(
        attempts - SIGN_IN_LIMITS.account,
      );
    });

    it("throttles an IP after 30 failures across accounts", async () => {
      const address = ip();
      const now = new Date();
      for (let i = 0; i < SIGN_IN_LIMITS.ip; i++) {
        await expect(
          signIn(
            database.db,
            { email: `spray-${i}-${unique()}@x.test`, password: "guess guess", ip: address },
            { now },
          ),
        ).rejects.toMatchObject({ code: "invalid_credentials" });
      }
      const { email } = await account();
      await expect(
        signIn(database.db, { email, password: PASSWORD, ip: address }, { now }),
      ).rejects.toBeInstanceOf(TooManyRequestsError);
      // The account itself is fine from elsewhere.
      await expect(
        signIn(database.db, { email, password: PASSWORD, ip: ip() }, { now }),
      ).resolves.toBeTruthy();
    });

    it("resets the account counter on success", async () => {
      const { email } = await account();
      const address = ip();
      for (let i = 0; i < SIGN_IN_LIMITS.account - 1; i++) {
        await expect(
          signIn(database.db, { email, password: `nearly-${i}-there`, ip: address }),
        ).rejects.toBeInstanceOf(ValidationError);
      }
      await signIn(database.db, { email, password: PASSWORD, ip: address });
      const row = await database.db
        .selectFrom("rate_limits")
        .selectAll()
        .where("key", "=", `signin:account:${email}`)
        .executeTakeFirst();
      expect(row).toBeUndefined();
      // A full allowance again: ten more failures before throttling.
      for (let i = 0; i < SIGN_IN_LIMITS.account; i++) {
        await expect(
          signIn(database.db, { email, password: `again-${i}-wrong`, ip: address }),
        ).rejects.toMatchObject({
          code: "invalid_credentials",
        });
      }
      await expect(
        signIn(database.db, { email, password: PASSWORD, ip: address }),
      ).rejects.toBeInstanceOf(TooManyRequestsError);
    });
  });

  describe("sessions", () => {
    it("ends the user's other sessions when the password changes", async () => {
      const input = signUpInput();
      const { userId, session: first } = await signUp(database.db, input);
      const second = await signIn(database.db, {
        email: input.email,
        password: PASSWORD,
        ip: ip(),
      });
      const third = await signIn(database.db, { email: input.email, password: PASSWORD, ip: ip() });

      await expect(
        changePassword(database.db, {
          userId,
          currentSessionId: second.session.id,
          currentPassword: "not the password",
          newPassword: "a new long password",
          ip: null,
        }),
      ).rejects.toMatchObject({ details: { currentPassword: "当前密码不正确" } });

      const ended = await changePassword(database.db, {
        userId,
        currentSessionId: second.session.id,
        currentPassword: PASSWORD,
        newPassword: "a new long password",
        ip: null,
      });
      expect(ended).toBe(2);
      await expectSessionValid(second.session.id, true);
      await expectSessionValid(first.id, false);
      await expectSessionValid(third.session.id, false);

      await expect(
        signIn(database.db, { email: input.email, password: PASSWORD, ip: ip() }),
      ).rejects.toMatchObject({
        code: "invalid_credentials",
      });
      await expect(
        signIn(database.db, { email: input.email, password: "a new long password", ip: ip() }),
      ).resolves.toBeTruthy();
    });

    it("rejects a disabled user's session and sign-in", async () => {
      const input = signUpInput();
      const { userId, session } = await signUp(database.db, input);
      await expectSessionValid(session.id, true);
      await database.db
        .updateTable("users")
        .set({ disabled_at: new Date() })
        .where("id", "=", userId)
        .execute();
      await expectSessionValid(session.id, false);
      await expect(
        signIn(database.db, { email: input.email, password: PASSWORD, ip: ip() }),
      ).rejects.toMatchObject({
        code: "account_disabled",
      });
    });
  });
});

describe("redirect after sign-in", () => {
  it.each([
    ["/org", "/org"],
    ["/results?q=%E7%AE%A1%E9%81%93&page=2", "/results?q=%E7%AE%A1%E9%81%93&page=2"],
    ["/my#drafts", "/my#drafts"],
  ])("follows the local path %s", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/logout",
  ])("falls back for %j", (to) => {
    expect(safeRedirect(to, "/fallback")).toBe("/fallback");
  });

  it("falls back for missing values", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined, "/my")).toBe("/my");
  });
});
