/** Invitation statuses and lifetime, shared by server and browser (the /org page). */
export const INVITATION_TTL_DAYS = 7;

export type InvitationStatus = "open" | "used" | "expired" | "revoked";

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  open: "有效",
  used: "已使用",
  expired: "已过期",
  revoked: "已撤销",
};
