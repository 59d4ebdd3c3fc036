/**
 * A patient's age in whole years on the site's calendar day (Europe/Rome), as staff see it on a
 * case: the years since the date of birth, one more once this year's birthday has come. Someone
 * born on 29 February turns a year older on 1 March in a common year. Pure: "now" comes in.
 */
import { siteDate } from './calendar.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole years from `dateOfBirth` (YYYY-MM-DD) to the site date of `now`; undefined for a date that is not one or lies ahead. */
export function ageOn(dateOfBirth: string, now: Date): number | undefined {
  const born = ISO_DATE.exec(dateOfBirth);
  const today = ISO_DATE.exec(siteDate(now));
  if (!born || !today) return undefined;
  const [, by, bm, bd] = born.map(Number) as [number, number, number, number];
  const [, ty, tm, td] = today.map(Number) as [number, number, number, number];
  // A real calendar day only: 1960-02-30 or 1960-13-01 is no birth date.
  const check = new Date(Date.UTC(by, bm - 1, bd));
  if (check.getUTCFullYear() !== by || check.getUTCMonth() !== bm - 1 || check.getUTCDate() !== bd)
    return undefined;
  const birthdayCome = tm > bm || (tm === bm && td >= bd);
  const age = ty - by - (birthdayCome ? 0 : 1);
  return age < 0 ? undefined : age;
}
