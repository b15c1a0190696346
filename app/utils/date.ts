/**
 * Date display for people in the market's time zone. Fixed to Asia/Shanghai
 * so server and browser render the same text (no hydration mismatch).
 */
const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Epoch ms or ISO timestamp → "YYYY-MM-DD" (Asia/Shanghai). */
export function formatDate(value: number | string | Date): string {
  return dayFormat.format(typeof value === "object" ? value : new Date(value));
}
