import { gregorianEaster } from 'date-easter';
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  type CalendarConfig,
  easterSunday,
  isWorkingDay,
  italianHolidays,
  MILAN_CALENDAR,
  siteDate,
  subtractWorkingDays,
  workingDaysBetween,
} from '#domain/calendar.ts';

// [start instant, working days, deadline]: expected values computed independently (Python zoneinfo +
// dateutil's Easter) and checked by hand against a printed calendar.
const DATED_CASES: [string, number, string][] = [
  ['2026-04-03T10:00:00Z', 1, '2026-04-07T21:59:59.000Z'], // Fri 03 Apr 12:00 Rome -> Tue 2026-04-07
  ['2026-04-03T10:00:00Z', 2, '2026-04-08T21:59:59.000Z'], // Fri 03 Apr 12:00 Rome -> Wed 2026-04-08
  ['2027-03-26T09:00:00Z', 1, '2027-03-30T21:59:59.000Z'], // Fri 26 Mar 10:00 Rome -> Tue 2027-03-30
  ['2028-04-14T12:00:00Z', 2, '2028-04-19T21:59:59.000Z'], // Fri 14 Apr 14:00 Rome -> Wed 2028-04-19
  ['2029-03-30T08:00:00Z', 1, '2029-04-03T21:59:59.000Z'], // Fri 30 Mar 10:00 Rome -> Tue 2029-04-03
  ['2030-04-19T15:00:00Z', 1, '2030-04-23T21:59:59.000Z'], // Fri 19 Apr 17:00 Rome -> Tue 2030-04-23
  ['2030-04-19T15:00:00Z', 5, '2030-04-30T21:59:59.000Z'], // Fri 19 Apr 17:00 Rome -> Tue 2030-04-30
  ['2027-10-01T10:00:00Z', 1, '2027-10-05T21:59:59.000Z'], // Fri 01 Oct 12:00 Rome -> Tue 2027-10-05
  ['2027-10-01T10:00:00Z', 5, '2027-10-11T21:59:59.000Z'], // Fri 01 Oct 12:00 Rome -> Mon 2027-10-11
  ['2026-10-02T10:00:00Z', 1, '2026-10-05T21:59:59.000Z'], // Fri 02 Oct 12:00 Rome -> Mon 2026-10-05
  ['2028-10-03T10:00:00Z', 1, '2028-10-05T21:59:59.000Z'], // Tue 03 Oct 12:00 Rome -> Thu 2028-10-05
  ['2029-10-03T10:00:00Z', 1, '2029-10-05T21:59:59.000Z'], // Wed 03 Oct 12:00 Rome -> Fri 2029-10-05
  ['2030-10-03T10:00:00Z', 2, '2030-10-08T21:59:59.000Z'], // Thu 03 Oct 12:00 Rome -> Tue 2030-10-08
  ['2026-12-04T16:30:00Z', 5, '2026-12-15T22:59:59.000Z'], // Fri 04 Dec 17:30 Rome -> Tue 2026-12-15
  ['2026-12-04T16:30:00Z', 1, '2026-12-09T22:59:59.000Z'], // Fri 04 Dec 17:30 Rome -> Wed 2026-12-09
  ['2027-12-06T10:00:00Z', 1, '2027-12-09T22:59:59.000Z'], // Mon 06 Dec 11:00 Rome -> Thu 2027-12-09
  ['2028-12-06T10:00:00Z', 2, '2028-12-12T22:59:59.000Z'], // Wed 06 Dec 11:00 Rome -> Tue 2028-12-12
  ['2029-12-06T10:00:00Z', 1, '2029-12-10T22:59:59.000Z'], // Thu 06 Dec 11:00 Rome -> Mon 2029-12-10
  ['2030-12-06T10:00:00Z', 1, '2030-12-09T22:59:59.000Z'], // Fri 06 Dec 11:00 Rome -> Mon 2030-12-09
  ['2026-12-23T10:00:00Z', 2, '2026-12-28T22:59:59.000Z'], // Wed 23 Dec 11:00 Rome -> Mon 2026-12-28
  ['2026-12-24T10:00:00Z', 5, '2027-01-04T22:59:59.000Z'], // Thu 24 Dec 11:00 Rome -> Mon 2027-01-04
  ['2027-12-24T10:00:00Z', 2, '2027-12-28T22:59:59.000Z'], // Fri 24 Dec 11:00 Rome -> Tue 2027-12-28
  ['2028-12-22T10:00:00Z', 5, '2029-01-03T22:59:59.000Z'], // Fri 22 Dec 11:00 Rome -> Wed 2029-01-03
  ['2029-12-31T10:00:00Z', 2, '2030-01-03T22:59:59.000Z'], // Mon 31 Dec 11:00 Rome -> Thu 2030-01-03
  ['2030-01-05T10:00:00Z', 1, '2030-01-07T22:59:59.000Z'], // Sat 05 Jan 11:00 Rome -> Mon 2030-01-07
  ['2026-03-27T10:00:00Z', 1, '2026-03-30T21:59:59.000Z'], // Fri 27 Mar 11:00 Rome -> Mon 2026-03-30
  ['2026-03-28T23:30:00Z', 1, '2026-03-30T21:59:59.000Z'], // Sun 29 Mar 00:30 Rome -> Mon 2026-03-30
  ['2026-10-23T10:00:00Z', 1, '2026-10-26T22:59:59.000Z'], // Fri 23 Oct 12:00 Rome -> Mon 2026-10-26
  ['2026-10-24T22:30:00Z', 2, '2026-10-27T22:59:59.000Z'], // Sun 25 Oct 00:30 Rome -> Tue 2026-10-27
  ['2027-03-26T22:30:00Z', 2, '2027-03-31T21:59:59.000Z'], // Fri 26 Mar 23:30 Rome -> Wed 2027-03-31
  ['2028-10-27T21:59:00Z', 1, '2028-10-30T22:59:59.000Z'], // Fri 27 Oct 23:59 Rome -> Mon 2028-10-30
  ['2029-03-23T12:00:00Z', 5, '2029-03-30T21:59:59.000Z'], // Fri 23 Mar 13:00 Rome -> Fri 2029-03-30
  ['2030-10-25T23:00:00Z', 1, '2030-10-28T22:59:59.000Z'], // Sat 26 Oct 01:00 Rome -> Mon 2030-10-28
  ['2026-11-28T10:00:00Z', 2, '2026-12-01T22:59:59.000Z'], // Sat 28 Nov 11:00 Rome -> Tue 2026-12-01
  ['2026-11-29T10:00:00Z', 2, '2026-12-01T22:59:59.000Z'], // Sun 29 Nov 11:00 Rome -> Tue 2026-12-01
  ['2027-05-01T08:00:00Z', 1, '2027-05-03T21:59:59.000Z'], // Sat 01 May 10:00 Rome -> Mon 2027-05-03
  ['2028-06-03T10:00:00Z', 1, '2028-06-05T21:59:59.000Z'], // Sat 03 Jun 12:00 Rome -> Mon 2028-06-05
  ['2029-08-11T10:00:00Z', 5, '2029-08-20T21:59:59.000Z'], // Sat 11 Aug 12:00 Rome -> Mon 2029-08-20
  ['2026-07-16T22:30:00Z', 1, '2026-07-20T21:59:59.000Z'], // Fri 17 Jul 00:30 Rome -> Mon 2026-07-20
  ['2026-01-15T23:30:00Z', 1, '2026-01-19T22:59:59.000Z'], // Fri 16 Jan 00:30 Rome -> Mon 2026-01-19
  ['2026-01-15T22:59:59Z', 1, '2026-01-16T22:59:59.000Z'], // Thu 15 Jan 23:59 Rome -> Fri 2026-01-16
  ['2027-06-01T22:15:00Z', 1, '2027-06-03T21:59:59.000Z'], // Wed 02 Jun 00:15 Rome -> Thu 2027-06-03
  ['2028-04-24T22:30:00Z', 1, '2028-04-26T21:59:59.000Z'], // Tue 25 Apr 00:30 Rome -> Wed 2028-04-26
  ['2026-08-14T21:45:00Z', 1, '2026-08-17T21:59:59.000Z'], // Fri 14 Aug 23:45 Rome -> Mon 2026-08-17
  ['2029-11-01T00:30:00Z', 1, '2029-11-02T22:59:59.000Z'], // Thu 01 Nov 01:30 Rome -> Fri 2029-11-02
  ['2026-04-24T10:00:00Z', 1, '2026-04-27T21:59:59.000Z'], // Fri 24 Apr 12:00 Rome -> Mon 2026-04-27
  ['2026-05-29T10:00:00Z', 3, '2026-06-04T21:59:59.000Z'], // Fri 29 May 12:00 Rome -> Thu 2026-06-04
  ['2027-08-13T10:00:00Z', 2, '2027-08-17T21:59:59.000Z'], // Fri 13 Aug 12:00 Rome -> Tue 2027-08-17
  ['2030-04-23T10:00:00Z', 3, '2030-04-29T21:59:59.000Z'], // Tue 23 Apr 12:00 Rome -> Mon 2030-04-29
  ['2028-01-05T10:00:00Z', 1, '2028-01-07T22:59:59.000Z'], // Wed 05 Jan 11:00 Rome -> Fri 2028-01-07
];

describe('addWorkingDays', () => {
  it.each(DATED_CASES)('from %s plus %i working days is %s', (start, n, expected) => {
    expect(addWorkingDays(new Date(start), n, MILAN_CALENDAR).toISOString()).toBe(expected);
  });

  it('ends the day at 23:59:59 Rome time, in winter and in summer', () => {
    const winter = DateTime.fromJSDate(addWorkingDays(new Date('2026-01-12T10:00:00Z'), 1, MILAN_CALENDAR), {
      zone: 'Europe/Rome',
    });
    const summer = DateTime.fromJSDate(addWorkingDays(new Date('2026-07-13T10:00:00Z'), 1, MILAN_CALENDAR), {
      zone: 'Europe/Rome',
    });
    for (const d of [winter, summer]) expect([d.hour, d.minute, d.second]).toEqual([23, 59, 59]);
    expect(winter.offset).toBe(60);
    expect(summer.offset).toBe(120);
  });

  it('skips configured closure days', () => {
    const cal: CalendarConfig = { ...MILAN_CALENDAR, closureDays: ['2026-08-14', '2026-08-17'] };
    expect(addWorkingDays(new Date('2026-08-13T10:00:00Z'), 1, cal).toISOString()).toBe(
      '2026-08-18T21:59:59.000Z',
    );
    expect(addWorkingDays(new Date('2026-08-13T10:00:00Z'), 1, MILAN_CALENDAR).toISOString()).toBe(
      '2026-08-14T21:59:59.000Z',
    );
  });

  it("uses the configured patron day instead of Milan's", () => {
    const rome: CalendarConfig = { patronDays: ['06-29'], closureDays: [] };
    expect(isWorkingDay('2026-12-07', rome)).toBe(true);
    expect(isWorkingDay('2026-06-29', rome)).toBe(false);
    expect(isWorkingDay('2026-06-29', MILAN_CALENDAR)).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s working days', (n) => {
    const message = `working days must be a whole number of at least 1, got ${n}`;
    expect(() => addWorkingDays(new Date('2026-01-12T10:00:00Z'), n, MILAN_CALENDAR)).toThrow(message);
    expect(() => subtractWorkingDays(new Date('2026-01-12T10:00:00Z'), n, MILAN_CALENDAR)).toThrow(message);
  });
});

describe('the holiday rules agree with a maintained holiday library', () => {
  const lib = new Holidays('IT', '25', 'MI');
  for (const year of [2026, 2027, 2028, 2029, 2030]) {
    it(`every day of ${year}`, () => {
      const libraryHolidays = new Set(
        lib
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      let day = DateTime.fromISO(`${year}-01-01`, { zone: 'Europe/Rome' });
      const mismatches: string[] = [];
      while (day.year === year) {
        const iso = day.toISODate()!;
        const expected = day.weekday < 6 && !libraryHolidays.has(iso);
        if (isWorkingDay(iso, MILAN_CALENDAR) !== expected) mismatches.push(iso);
        day = day.plus({ days: 1 });
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe('holidays', () => {
  it.each([
    [2026, '04-05'],
    [2027, '03-28'],
    [2028, '04-16'],
    [2029, '04-01'],
    [2030, '04-21'],
    [2038, '04-25'],
  ])('Easter %i is on %s', (year, md) => {
    expect(easterSunday(year)).toBe(md);
  });

  it("agrees with Gauss's Easter formula (date-easter) every year from 1583 to 4099", () => {
    const mismatches: string[] = [];
    for (let year = 1583; year <= 4099; year++) {
      const gauss = gregorianEaster(year);
      const expected = `${String(gauss.month).padStart(2, '0')}-${String(gauss.day).padStart(2, '0')}`;
      if (easterSunday(year) !== expected) mismatches.push(`${year}: ${easterSunday(year)} != ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('lists the holidays of a year once each, in date order', () => {
    expect(italianHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-08-15',
      '2026-10-04',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
    // Easter 2038 falls on Liberation Day (25 April).
    expect(italianHolidays(2038).filter((d) => d === '2038-04-25')).toEqual(['2038-04-25']);
    expect(italianHolidays(2038)).toHaveLength(12);
  });

  it('adds San Francesco (4 October) from 2026 only', () => {
    expect(italianHolidays(2025)).not.toContain('2025-10-04');
    expect(italianHolidays(2026)).toContain('2026-10-04');
    expect(isWorkingDay('2027-10-04', MILAN_CALENDAR)).toBe(false);
    expect(isWorkingDay('2025-10-03', MILAN_CALENDAR)).toBe(true);
  });

  it.each([
    '2026-02-30',
    'tomorrow',
    '2026-1-5',
    '20260105',
    '2026-01-05T10:00',
    '+002026-01-05',
    '2026-W02-1',
  ])('refuses %s, which is not a date as YYYY-MM-DD', (value) => {
    expect(() => isWorkingDay(value, MILAN_CALENDAR)).toThrow(
      new RangeError(`not a date (YYYY-MM-DD): ${value}`),
    );
  });
});

describe('subtractWorkingDays, workingDaysBetween and siteDate', () => {
  it('finds the end of the working day before a deadline across a holiday weekend', () => {
    // Due Tue 7 Apr 2026: the working day before is Fri 3 Apr (Easter Monday in between).
    expect(subtractWorkingDays(new Date('2026-04-07T21:59:59Z'), 1, MILAN_CALENDAR).toISOString()).toBe(
      '2026-04-03T21:59:59.000Z',
    );
  });

  it('finds the working day before in Rome, not in UTC, and n working days before', () => {
    // Wed 8 Apr 2026 00:30 in Rome (still 7 April in UTC): the working day before is Tue 7 April.
    expect(subtractWorkingDays(new Date('2026-04-07T22:30:00Z'), 1, MILAN_CALENDAR).toISOString()).toBe(
      '2026-04-07T21:59:59.000Z',
    );
    // Two working days before Thu 10 Dec 2026: Wed 9, then Fri 4 (7 and 8 December are holidays in Milan).
    expect(subtractWorkingDays(new Date('2026-12-10T12:00:00Z'), 2, MILAN_CALENDAR).toISOString()).toBe(
      '2026-12-04T22:59:59.000Z',
    );
  });

  it('counts the working days a wait lasted', () => {
    expect(
      workingDaysBetween(new Date('2026-12-04T10:00:00Z'), new Date('2026-12-11T10:00:00Z'), MILAN_CALENDAR),
    ).toBe(3);
    expect(
      workingDaysBetween(new Date('2026-12-04T10:00:00Z'), new Date('2026-12-04T20:00:00Z'), MILAN_CALENDAR),
    ).toBe(0);
    // Ending on a Wednesday: Thursday, the day after, is a working day and must not count.
    expect(
      workingDaysBetween(new Date('2026-12-14T10:00:00Z'), new Date('2026-12-16T10:00:00Z'), MILAN_CALENDAR),
    ).toBe(2);
    // From Fri 4 Dec 00:30 in Rome (still 3 December in UTC) to Wed 9 Dec: only the 9th counts.
    expect(
      workingDaysBetween(new Date('2026-12-03T23:30:00Z'), new Date('2026-12-09T10:00:00Z'), MILAN_CALENDAR),
    ).toBe(1);
    // Up to Thu 10 Dec 00:30 in Rome (still the 9th in UTC): the 10th counts.
    expect(
      workingDaysBetween(new Date('2026-12-04T10:00:00Z'), new Date('2026-12-09T23:30:00Z'), MILAN_CALENDAR),
    ).toBe(2);
    expect(
      workingDaysBetween(new Date('2026-12-11T10:00:00Z'), new Date('2026-12-04T10:00:00Z'), MILAN_CALENDAR),
    ).toBe(0);
  });

  it('takes the Rome date of an instant late at night UTC', () => {
    expect(siteDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(siteDate(new Date('2026-07-31T21:59:59Z'))).toBe('2026-07-31');
    expect(siteDate(new Date('2026-07-31T22:00:00Z'))).toBe('2026-08-01');
  });
});
