/**
 * Times for work queues and the audit log, in the market's time zone
 * (Asia/Shanghai) so server and browser render the same text.
 */
const minuteFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** ISO timestamp or epoch ms → "YYYY-MM-DD HH:mm" (Asia/Shanghai). */
export function formatDateTime(value: number | string | Date): string {
  const parts = Object.fromEntries(
    minuteFormat.formatToParts(new Date(value)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** How long something has waited: "3 天 4 小时", "5 小时 12 分钟", "不到 1 分钟". */
export function formatWaiting(ms: number): string {
  const minutes = Math.floor(Math.max(ms, 0) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return `${hours} 小时 ${minutes % 60} 分钟`;
  return minutes > 0 ? `${minutes} 分钟` : "不到 1 分钟";
}

/** Start of a "YYYY-MM-DD" day in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** Start of the day after a "YYYY-MM-DD" day in Asia/Shanghai (exclusive end of a date range). */
export function shanghaiDayEnd(day: string): Date {
  const end = shanghaiDayStart(day);
  end.setUTCDate(end.getUTCDate() + 1);
  return end;
}
