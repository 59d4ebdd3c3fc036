/**
 * Working days at the site: Italian national holidays, the site's patron day and configured
 * closures, counted in the site's zone (Europe/Rome). Calendar days are YYYY-MM-DD strings whose
 * arithmetic runs on UTC midnights (no zone, no daylight saving); only an instant's site day and the
 * instant a site day ends depend on the zone, read with Intl.DateTimeFormat.
 */
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

/** The site's wall clock: its reading of an instant, field by field. */
const SITE_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: SITE_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** What the site's clock shows at an instant, as the UTC instant with that reading (ms, whole seconds). */
function siteReading(instant: Date): number {
  const f: Record<string, number> = {};
  for (const part of SITE_CLOCK.formatToParts(instant)) f[part.type] = Number(part.value);
  return Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
}

/** A UTC midnight (ms) as its calendar date, YYYY-MM-DD. */
export function dayOf(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/** A calendar date (YYYY-MM-DD) as its UTC midnight (ms); anything else is refused. */
function utcMidnight(value: string): number {
  const [year, month, day] = value.split('-').map(Number);
  const ms = Date.UTC(year!, month! - 1, day);
  // The date written back must be the one given: refuses 2026-02-30, 2026-1-5, +002026-01-05.
  if (Number.isNaN(ms) || dayOf(ms) !== value) throw new RangeError(`not a date (YYYY-MM-DD): ${value}`);
  return ms;
}

/** The calendar date `n` days after (or before, for a negative n) a date: UTC days are all 24 hours. */
function shift(date: string, n: number): string {
  return dayOf(utcMidnight(date) + n * 86_400_000);
}

/** Italian national public holidays of a year that fall on any weekday, as YYYY-MM-DD, sorted. */
export function italianHolidays(year: number): string[] {
  const easter = `${year}-${easterSunday(year)}`;
  const days = NATIONAL_FIXED.map((md) => `${year}-${md}`);
  days.push(easter, shift(easter, 1));
  if (year >= SAN_FRANCESCO_FROM) days.push(`${year}-10-04`);
  return [...new Set(days)].sort();
}

/** Whether a site-local calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string, cal: CalendarConfig): boolean {
  const d = new Date(utcMidnight(date));
  // Sunday is 0, Saturday 6.
  if (d.getUTCDay() % 6 === 0) return false;
  if (cal.closureDays.includes(date)) return false;
  if (cal.patronDays.includes(date.slice(5))) return false;
  return !italianHolidays(d.getUTCFullYear()).includes(date);
}

/** The site-local calendar date (YYYY-MM-DD) of an instant. */
export function siteDate(instant: Date): string {
  return dayOf(siteReading(instant));
}

/**
 * The instant a site day ends, 23:59:59 site time. Rome changes its clocks at 01:00 UTC, so
 * 23:59:59 and the same reading taken as UTC are on the same side of any change: the offset read
 * at the one is the offset at the other.
 */
function endOfDay(date: string): Date {
  const reading = utcMidnight(date) + (24 * 3600 - 1) * 1000;
  return new Date(2 * reading - siteReading(new Date(reading)));
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
  let day = siteDate(start);
  let left = n;
  while (left > 0) {
    day = shift(day, 1);
    if (isWorkingDay(day, cal)) left -= 1;
  }
  return endOfDay(day);
}

/**
 * The end of the nth working day before the site-local day of `instant`: a reminder "one working
 * day before" a deadline fires at the close of the previous working day.
 */
export function subtractWorkingDays(instant: Date, n: number, cal: CalendarConfig): Date {
  assertCount(n);
  let day = siteDate(instant);
  let left = n;
  while (left > 0) {
    day = shift(day, -1);
    if (isWorkingDay(day, cal)) left -= 1;
  }
  return endOfDay(day);
}

/** The number of working days after the site day of `from` up to and including the site day of `to`. */
export function workingDaysBetween(from: Date, to: Date, cal: CalendarConfig): number {
  let day = siteDate(from);
  const last = siteDate(to);
  let count = 0;
  while (day < last) {
    day = shift(day, 1);
    if (isWorkingDay(day, cal)) count += 1;
  }
  return count;
}
