/**
 * Test data factories: organizations, members and listing input with
 * sensible defaults, each call unique, for integration tests on a fresh
 * migrated database (tests/support/databases.ts).
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DemandInput, ResultInput } from "../../app/domain/listings/listing-input";
import type { DB, Role } from "../../db/schema";

const unique = () => randomBytes(5).toString("hex");

export interface TestOrganization {
  id: number;
  name: string;
}

/** An organization; `verification` defaults to verified. */
export async function createOrganization(
  db: Kysely<DB>,
  {
    kind = "university",
    verification = "verified",
    regionCode = kind === "enterprise" ? "130983" : "120104",
    name = `测试机构${unique()}`,
  }: {
    kind?: "enterprise" | "university" | "institute" | "intermediary" | "bureau";
    verification?: "pending" | "verified" | "rejected";
    regionCode?: string;
    name?: string;
  } = {},
): Promise<TestOrganization> {
  const row = await db
    .insertInto("organizations")
    .values({
      kind,
      name,
      region_code: regionCode,
      party_type: kind === "enterprise" ? "170" : kind === "university" ? "022" : "021",
      intro: "",
      verification_status: verification,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, name };
}

export interface TestUser {
  id: string;
  role: Role;
  organizationId: number;
  ip: string | null;
}

/** A user of `organizationId` with `role` (no usable password). */
export async function createUser(
  db: Kysely<DB>,
  organizationId: number,
  role: Role,
): Promise<TestUser> {
  const id = `u${unique()}${unique()}`;
  await db
    .insertInto("users")
    .values({
      id,
      email: `${id}@factory.test`,
      display_name: `测试用户${id.slice(0, 6)}`,
      password_hash: "not-a-password-hash",
      role,
      organization_id: organizationId,
    })
    .execute();
  return { id, role, organizationId, ip: "203.0.113.7" };
}

/** A complete, valid 科技成果 input; `title` should be distinctive for search. */
export function resultInput(overrides: Partial<ResultInput> = {}): ResultInput {
  return {
    title: "高温合金叶片激光熔覆修复技术",
    summary: "用激光熔覆修复燃气轮机高温合金叶片的磨损与裂纹。",
    description:
      "成果针对燃气轮机和航空发动机高温合金叶片的叶尖磨损、裂纹等缺陷，开发了同轴送粉激光熔覆修复工艺与专用合金粉末，修复后叶片力学性能达到新件的九成以上。",
    techField: "advanced_manufacturing",
    keywords: ["激光熔覆", "叶片修复"],
    maturity: "pilot",
    trl: 6,
    ipType: "invention_patent",
    patentNumbers: ["ZL202110538742.X"],
    transferModes: ["license", "cooperation"],
    askingPriceFen: 35_500_000,
    ...overrides,
  };
}

/** A complete, valid 技术需求 input in 黄骅市 with a deadline next year. */
export function demandInput(overrides: Partial<DemandInput> = {}): DemandInput {
  const nextYear = new Date().getUTCFullYear() + 1;
  return {
    title: "铸造车间粉尘在线监测与治理",
    description:
      "公司铸造车间打磨工段粉尘浓度高，希望引进在线监测与局部除尘一体化方案，要求投资可控、运行稳定、满足环保排放要求。",
    techField: "environmental_protection",
    keywords: ["粉尘治理", "在线监测"],
    budgetMinFen: 10_000_000,
    budgetMaxFen: 50_000_000,
    desiredModes: ["cooperation", "service"],
    deadline: `${nextYear}-06-30`,
    regionCode: "130983",
    ...overrides,
  };
}
