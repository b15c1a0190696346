/**
 * The one permission table (issue #3): which roles may do what. Every
 * loader and action that reads or changes protected data checks it through
 * `can` / `requirePermission` (app/domain/accounts/auth.server.ts).
 * Shared by server and browser (to hide controls); holds no secrets.
 */
import type { Role } from "../../../db/schema";

export type { Role };

export const ROLE_LABELS: Record<Role, string> = {
  enterprise_member: "企业用户",
  institution_member: "高校院所用户",
  bureau_staff: "科技局工作人员",
  admin: "系统管理员",
};

export const PERMISSIONS = {
  /** Create, edit, withdraw, renew the own organization's research results. */
  "results.manage": ["institution_member"],
  /** Create, edit, withdraw, renew the own organization's technical demands. */
  "demands.manage": ["enterprise_member"],
  /** Approve or reject listings awaiting review. */
  "listings.review": ["bureau_staff"],
  /**
   * See a listing's recommendations (推荐成果 / 潜在需求) and mark them 不相关:
   * members for their own organization's listings only, bureau staff for any.
   */
  "matches.view": ["enterprise_member", "institution_member", "bureau_staff"],
  /** The market-wide view of the strongest matches nobody has started an inquiry on. */
  "matches.market": ["bureau_staff"],
  /** Verify or reject organizations. */
  "organizations.verify": ["bureau_staff"],
  /** Browse the audit log. */
  "audit.read": ["bureau_staff", "admin"],
  /** Accept, register, refuse, amend, cancel and revoke technology contracts; record absorption. */
  "contracts.register": ["bureau_staff"],
  /** Browse technology contracts and their certificates. */
  "contracts.read": ["bureau_staff", "admin"],
  /** Start an inquiry 对接 for the own organization (an enterprise about a result, an institution about a demand). */
  "inquiries.start": ["enterprise_member", "institution_member"],
  /** Read and act in the own organization's inquiries (messages, status, deal confirmation). */
  "inquiries.participate": ["enterprise_member", "institution_member"],
  /** Read every inquiry, post as broker, keep broker notes (staff-only). */
  "inquiries.broker": ["bureau_staff"],
  /** Manage user accounts and roles, create bureau staff accounts. */
  "users.manage": ["admin"],
  /** Manage registration stations (技术合同登记站). */
  "stations.manage": ["admin"],
  /** Import a registration station's existing contract ledger (台账导入, XLSX). */
  "contracts.import": ["bureau_staff"],
  /** Set annual targets per county. */
  "targets.manage": ["admin"],
  /** See the contract statistics dashboard, its exports and the statistics API. */
  "stats.read": ["bureau_staff", "admin"],
  /** Issue and revoke API tokens for the statistics API. */
  "apiTokens.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** True when `role` has `permission`. */
export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The role a self-registered member gets for an organization kind; null when sign-up is not allowed. */
export function memberRoleFor(kind: string): Role | null {
  if (kind === "enterprise") return "enterprise_member";
  if (kind === "university" || kind === "institute" || kind === "intermediary") {
    return "institution_member";
  }
  return null;
}
