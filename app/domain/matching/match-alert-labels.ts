/**
 * New-match alert settings as users choose them on /account: at once, in a
 * daily digest, or never. Shared by server and browser code (not .server:
 * the account form renders the labels).
 */
export type MatchAlertFrequency = "immediate" | "daily" | "off";

/** zh-CN labels, in the order the settings form lists them. */
export const MATCH_ALERT_FREQUENCIES: Record<MatchAlertFrequency, string> = {
  immediate: "立即提醒",
  daily: "每日汇总",
  off: "不提醒",
};
