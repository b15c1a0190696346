/**
 * Demo accounts for the embedded default (listed in README), one per role,
 * plus the bureau organization they belong to. Never created on a server
 * database unless DEMO_ACCOUNTS=true. Idempotent by e-mail.
 */
import type { Kysely } from "kysely";
import { generateIdFromEntropySize } from "lucia";
import { hashPassword } from "../app/domain/accounts/password.server";
import type { DB, Role } from "../db/schema";

export const DEMO_PASSWORD = "techbridge-demo";

export const DEMO_ACCOUNTS: {
  email: string;
  displayName: string;
  role: Role;
  /** seed_key of the organization, "bureau" for the home bureau. */
  organization: string;
  isOrgAdmin: boolean;
}[] = [
  {
    email: "admin@demo.test",
    displayName: "系统管理员",
    role: "admin",
    organization: "bureau",
    isOrgAdmin: true,
  },
  {
    email: "staff@demo.test",
    displayName: "科技局审核员",
    role: "bureau_staff",
    organization: "bureau",
    isOrgAdmin: false,
  },
  {
    email: "officer@demo.test",
    displayName: "天津大学技术转移中心",
    role: "institution_member",
    organization: "tju",
    isOrgAdmin: true,
  },
  {
    email: "engineer@demo.test",
    displayName: "企业技术部",
    role: "enterprise_member",
    organization: "",
    isOrgAdmin: true,
  },
];

/** Creates the home bureau organization (if missing) and the demo accounts; returns how many accounts are new. */
export async function seedDemoAccounts(db: Kysely<DB>, homeRegionCode: string): Promise<number> {
  const bureau =
    (await db
      .selectFrom("organizations")
      .select("id")
      .where("seed_key", "=", "bureau")
      .executeTakeFirst()) ??
    (await db
      .insertInto("organizations")
      .values({
        kind: "bureau",
        name: "科学技术局（演示）",
        region_code: homeRegionCode,
        party_type: "500",
        intro: "技术市场主管部门，负责成果与需求审核、技术合同认定登记。",
        verification_status: "verified",
        seed_key: "bureau",
      })
      .returning("id")
      .executeTakeFirstOrThrow());
  const firstEnterprise = await db
    .selectFrom("organizations")
    .select(["id", "seed_key"])
    .where("kind", "=", "enterprise")
    .orderBy("id")
    .executeTakeFirst();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const org =
      account.organization === "bureau"
        ? bureau
        : account.organization === ""
          ? firstEnterprise
          : await db
              .selectFrom("organizations")
              .select("id")
              .where("seed_key", "=", account.organization)
              .executeTakeFirst();
    if (!org) continue;
    const inserted = await db
      .insertInto("users")
      .values({
        id: generateIdFromEntropySize(10),
        email: account.email,
        display_name: account.displayName,
        password_hash: passwordHash,
        role: account.role,
        organization_id: org.id,
        is_org_admin: account.isOrgAdmin,
      })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) created++;
  }
  return created;
}
