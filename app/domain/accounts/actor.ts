/**
 * Who performs a domain action: the signed-in user as domain functions need
 * it (a `SessionUser` fits), plus the request's IP for the audit log.
 * Domain functions check the permission table themselves as well as the
 * routes, so a mis-wired route cannot widen what a role may do.
 */
import { ForbiddenError } from "../errors";
import { type Permission, type Role, roleCan } from "./permissions";

export interface Actor {
  id: string;
  role: Role;
  /** Client IP, recorded with audit entries. */
  ip?: string | null;
}

/** Throws ForbiddenError unless `actor`'s role has `permission`. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!roleCan(actor.role, permission)) {
    throw new ForbiddenError("forbidden", "您的账号没有执行此操作的权限");
  }
}
