/** Where each role works after signing in (我的工作台). Shared by server and browser. */
import type { Role } from "./permissions";

export const WORKBENCH_PATHS: Record<Role, string> = {
  enterprise_member: "/my",
  institution_member: "/my",
  bureau_staff: "/bureau",
  admin: "/admin",
};
