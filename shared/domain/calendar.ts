import { DateTime } from 'luxon';

import { SITE_ZONE } from './site.ts';

export interface CalendarConfig {
  /** The site's patron days as MM-DD (Milan: Sant'Ambrogio, 12-07). */
  patronDays: readonly string[];
  /** Extra closure days as YYYY-MM-DD, from configuration. */
  closureDays: readonly string[];
}

export const MILAN_CALENDAR: CalendarConfig = {
  patronDays: ['12-07'],
  // Stryker disable next-line ArrayDeclaration: a closure day that is not a date closes nothing
  closureDays: [],
};

const NATIONAL_FIXED = [
  '01-01',
  '01-06',
  '04-25',
  '05-01',
  '06-02',
  '08-15',
  '11-01',
  '12-08',
  '12-25',
  '12-26',
];
/** Law 151/2025 restored San Francesco (4 October) as a national holiday from 2026. */
const SAN_FRANCESCO_FROM = 2026;

/** Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm), as MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Italian national public holidays of a year that fall on any weekday, as YYYY-MM-DD, sorted. */
export function italianHolidays(year: number): string[] {
  // Stryker disable next-line ObjectLiteral: a date and the day after are the same dates in any zone
  const easter = DateTime.fromISO(`${year}-${easterSunday(year)}`, { zone: SITE_ZONE });
  const days = NATIONAL_FIXED.map((md) => `${year}-${md}`);
  days.push(easter.toISODate()!, easter.plus({ days: 1 }).toISODate()!);
  if (year >= SAN_FRANCESCO_FROM) days.push(`${year}-10-04`);
  return [...new Set(days)].sort();
}

function isoDate(value: string): DateTime {
  // Stryker disable next-line ObjectLiteral: a date alone has the same weekday and year in any zone
  const d = DateTime.fromISO(value, { zone: SITE_ZONE });
  if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new RangeError(`not a date (YYYY-MM-DD): ${value}`);
  return d;
}

/** Whether a site-local calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string, cal: CalendarConfig): boolean {
  const d = isoDate(date);
  if (d.weekday >= 6) return false;
  if (cal.closureDays.includes(date)) return false;
  if (cal.patronDays.includes(date.slice(5))) return false;
  return !italianHolidays(d.year).includes(date);
}

/** The site-local calendar date (YYYY-MM-DD) of an instant. */
export function siteDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: SITE_ZONE }).toISODate()!;
}

function endOfDay(d: DateTime): Date {
  return d.set({ hour: 23, minute: 59, second: 59, millisecond: 0 }).toJSDate();
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`working days must be a whole number of at least 1, got ${n}`);
}

/**
 * The deadline of `n` working days started at `start`: the end (23:59:59 site time) of the
 * nth working day after the site-local day on which `start` falls.
 */
export function addWorkingDays(start: Date, n: number, cal: CalendarConfig): Date {
  assertCount(n);
  let day = DateTime.fromJSDate(start, { zone: SITE_ZONE }).startOf('day');
  let left = n;
  while (left > 0) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day.toISODate()!, cal)) left -= 1;
  }
  return endOfDay(day);
}

/**
 * The end of the nth working day before the site-local day of `instant`: a reminder "one working
 * day before" a deadline fires at the close of the previous working day.
 */
export function subtractWorkingDays(instant: Date, n: number, cal: CalendarConfig): Date {
  assertCount(n);
  let day = DateTime.fromJSDate(instant, { zone: SITE_ZONE }).startOf('day');
  let left = n;
  while (left > 0) {
    day = day.minus({ days: 1 });
    if (isWorkingDay(day.toISODate()!, cal)) left -= 1;
  }
  return endOfDay(day);
}

/** The number of working days after the site day of `from` up to and including the site day of `to`. */
export function workingDaysBetween(from: Date, to: Date, cal: CalendarConfig): number {
  let day = DateTime.fromJSDate(from, { zone: SITE_ZONE }).startOf('day');
  const last = siteDate(to);
  let count = 0;
  while (day.toISODate()! < last) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day.toISODate()!, cal)) count += 1;
  }
  return count;
}
