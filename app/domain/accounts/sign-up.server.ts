/**
 * Sign-up (注册): a new organization, `pending` until the bureau verifies
 * it, and its first user, who becomes the organization's admin with the
 * member role of its kind. Organization, user, session and audit entries
 * are written in one transaction: an invalid or duplicate submission
 * writes nothing.
 */
import type { Kysely } from "kysely";
import { generateIdFromEntropySize } from "lucia";
import type { DB, Role } from "../../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { ConflictError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { USCC_PROBLEM_MESSAGES, validateUscc } from "../organizations/uscc";
import { isRegistrableRegion } from "../regions/region-picker.server";
import { regionMap } from "../regions/regions.server";
import { PARTY_TYPES, isCode } from "../taxonomy/taxonomy";
import { uniqueViolation } from "../unique-violation.server";
import {
  EMAIL_PATTERN,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_ORGANIZATION_NAME_LENGTH,
  normalizeEmail,
  SIGN_UP_KINDS,
} from "./account-fields";
import { hashPassword } from "./password.server";
import { passwordProblem } from "./password-policy";
import { memberRoleFor } from "./permissions";
import { type NewSession, startSession } from "./sessions.server";

/** Field names match the sign-up form, so error details map onto it. */
export interface SignUpInput {
  kind: string;
  organizationName: string;
  uscc: string;
  regionCode: string;
  partyType: string;
  displayName: string;
  email: string;
  password: string;
}

export interface SignedUp {
  userId: string;
  organizationId: number;
  role: Role;
  session: NewSession;
}

/** Field → zh-CN problem for everything wrong with `input` (empty when valid). */
async function problemsOf(db: Kysely<DB>, input: SignUpInput): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  if (!(SIGN_UP_KINDS as readonly string[]).includes(input.kind)) {
    problems.kind = "请选择机构类型";
  }
  const name = input.organizationName.trim();
  if (name.length < 2 || name.length > MAX_ORGANIZATION_NAME_LENGTH) {
    problems.organizationName = `机构名称应为 2–${MAX_ORGANIZATION_NAME_LENGTH} 个字`;
  }
  const usccProblem = validateUscc(input.uscc);
  if (usccProblem) problems.uscc = USCC_PROBLEM_MESSAGES[usccProblem];
  if (!isRegistrableRegion(await regionMap(db), input.regionCode)) {
    problems.regionCode = "请选择机构所在的区县";
  }
  if (!isCode(PARTY_TYPES, input.partyType)) problems.partyType = "请选择单位性质";
  const displayName = input.displayName.trim();
  if (displayName.length < 1 || displayName.length > MAX_DISPLAY_NAME_LENGTH) {
    problems.displayName = `请填写姓名（不超过 ${MAX_DISPLAY_NAME_LENGTH} 个字）`;
  }
  const email = normalizeEmail(input.email);
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    problems.email = "邮箱格式不正确";
  }
  const password = passwordProblem(input.password);
  if (password) problems.password = password;
  return problems;
}

/** Throws ConflictError naming each field (uscc, email) already taken. */
async function assertUnique(db: Kysely<DB>, uscc: string, email: string): Promise<void> {
  const [org, user] = await Promise.all([
    db.selectFrom("organizations").select("id").where("uscc", "=", uscc).executeTakeFirst(),
    db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst(),
  ]);
  const details: Record<string, string> = {};
  if (org)
    details.uscc = "该统一社会信用代码已注册。如您是该机构员工，请联系机构管理员发送邀请链接";
  if (user) details.email = "该邮箱已注册，请直接登录";
  if (org || user)
    throw new ConflictError("already_registered", Object.values(details)[0]!, details);
}

/** Maps a unique violation from a concurrent sign-up to the same ConflictError. */
function conflictFromRace(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint?.includes("uscc")) {
    const message = "该统一社会信用代码已注册";
    throw new ConflictError("already_registered", message, { uscc: message });
  }
  if (constraint?.includes("email")) {
    const message = "该邮箱已注册，请直接登录";
    throw new ConflictError("already_registered", message, { email: message });
  }
  throw error;
}

/**
 * Registers the organization and its admin, and signs the admin in.
 * Throws ValidationError (details per field) or ConflictError (uscc/email
 * taken); nothing is written then.
 */
export async function signUp(
  db: Kysely<DB>,
  input: SignUpInput,
  { ip }: { ip: string | null } = { ip: null },
): Promise<SignedUp> {
  const problems = await problemsOf(db, input);
  if (Object.keys(problems).length > 0) {
    throw new ValidationError("invalid_sign_up", "请检查标出的字段", problems);
  }
  const role = memberRoleFor(input.kind)!;
  const uscc = input.uscc.trim().toUpperCase();
  const email = normalizeEmail(input.email);
  await assertUnique(db, uscc, email);
  // Hash before the transaction: argon2 takes tens of milliseconds.
  const passwordHash = await hashPassword(input.password);

  try {
    return await inTransaction(db, async (trx) => {
      const organization = {
        kind: input.kind,
        name: input.organizationName.trim(),
        uscc,
        region_code: input.regionCode,
        party_type: input.partyType,
        intro: "",
        verification_status: "pending" as const,
      };
      const { id: organizationId } = await trx
        .insertInto("organizations")
        .values(organization)
        .returning("id")
        .executeTakeFirstOrThrow();
      const userId = generateIdFromEntropySize(10);
      const user = {
        id: userId,
        email,
        display_name: input.displayName.trim(),
        password_hash: passwordHash,
        role,
        organization_id: organizationId,
        is_org_admin: true,
      };
      await trx.insertInto("users").values(user).execute();
      await recordAudit(trx, {
        actorUserId: userId,
        action: "organization.sign_up",
        entityType: "organization",
        entityId: organizationId,
        after: {
          kind: organization.kind,
          name: organization.name,
          uscc,
          regionCode: organization.region_code,
          partyType: organization.party_type,
          verificationStatus: "pending",
        },
        ip,
      });
      await recordAudit(trx, {
        actorUserId: userId,
        action: "user.sign_up",
        entityType: "user",
        entityId: userId,
        after: { email, displayName: user.display_name, role, organizationId, isOrgAdmin: true },
        ip,
      });
      const session = await startSession(trx, userId);
      return { userId, organizationId, role, session };
    });
  } catch (error) {
    conflictFromRace(error);
  }
}
