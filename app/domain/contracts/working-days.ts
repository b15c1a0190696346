/**
 * Working days (工作日) in mainland China: weekends, public holidays and the
 * swapped working weekends (调休) from the `chinese-days` package, which
 * carries the State Council's holiday arrangements year by year (through
 * 2026 in the installed version). A year it has no data for — the State
 * Council publishes each year's arrangement in the previous November — falls
 * back to Monday–Friday, and the result says so (`estimated`), so a deadline
 * in such a year is shown as an estimate.
 */
import chineseDays from "chinese-days";

const DAY_MS = 86_400_000;

/**
 * True when `chinese-days` knows the holiday arrangement of `year`: every
 * arrangement starts with 元旦 on 1 January, which it then lists as a
 * holiday (a plain weekday otherwise).
 */
export function hasHolidayData(year: number): boolean {
  const newYear = `${year}-01-01`;
  return chineseDays.getHolidaysInRange(newYear, newYear, false).length > 0;
}

/** True for a working day ("YYYY-MM-DD"); Monday–Friday in years without holiday data. */
export function isWorkingDay(day: string): boolean {
  if (hasHolidayData(Number(day.slice(0, 4)))) return chineseDays.isWorkday(day);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/**
 * The `count`-th working day after `start` ("YYYY-MM-DD"; `start` itself
 * does not count), and whether a year without holiday data was crossed
 * (then weekends only were skipped in that year).
 */
export function addWorkingDays(start: string, count: number): { day: string; estimated: boolean } {
  let time = Date.parse(`${start}T00:00:00Z`);
  if (Number.isNaN(time) || !Number.isInteger(count) || count < 0) {
    throw new RangeError(`addWorkingDays(${start}, ${count})`);
  }
  let left = count;
  let estimated = false;
  let day = start;
  while (left > 0) {
    time += DAY_MS;
    day = new Date(time).toISOString().slice(0, 10);
    if (!hasHolidayData(Number(day.slice(0, 4)))) estimated = true;
    if (isWorkingDay(day)) left--;
  }
  return { day, estimated };
}
