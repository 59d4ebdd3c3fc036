/**
 * Every number, amount and date as a reader sees it: euro cents as money in each language, instants
 * on Rome's calendar (its summer and winter time, a year that has already turned in Rome but not in
 * UTC), references and IBANs in groups of four, the office's opening hours. The process runs on UTC
 * (stryker.config.mjs, Lambda), so a format that dropped the Rome zone would show the UTC day.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countryName,
  fill,
  groupsOfFour,
  megabytes,
  money,
  openingHours,
  percent,
  plural,
  siteDay,
  siteMoment,
  siteTime,
} from '#presentation/formats.ts';

/** ICU separates with no-break spaces (U+00A0, U+202F), which the eye reads as spaces. */
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('money', () => {
  it('formats euro cents in each language, with thousands separators and two decimals', () => {
    expect(plain(money(51_800, 'en'))).toBe('€518.00');
    expect(plain(money(51_800, 'it'))).toBe('518,00 €');
    expect(plain(money(123_456_789, 'en'))).toBe('€1,234,567.89');
    expect(plain(money(123_456_789, 'it'))).toBe('1.234.567,89 €');
    expect(plain(money(5, 'en'))).toBe('€0.05');
    expect(plain(money(0, 'it'))).toBe('0,00 €');
    expect(plain(money(-1_800, 'en'))).toBe('-€18.00');
    expect(plain(money(-1_800, 'it'))).toBe('-18,00 €');
  });

  it('refuses an amount that is not whole cents rather than rounding it', () => {
    expect(() => money(518.5, 'en')).toThrow(/cents must be an integer, got 518.5/);
  });
});

describe('site times', () => {
  it('show the Rome wall clock in winter (UTC+1) and summer (UTC+2)', () => {
    expect(plain(siteTime('2026-03-03T22:59:00Z', 'en'))).toBe('Tue, 3 Mar 2026, 23:59');
    expect(plain(siteTime('2026-03-03T22:59:00Z', 'it'))).toBe('mar 3 mar 2026, 23:59');
    expect(plain(siteTime('2026-07-01T06:05:00Z', 'en'))).toBe('Wed, 1 Jul 2026, 08:05');
  });

  it('count the day and the year in Rome: 23:30 UTC on New Year’s Eve is already next year there', () => {
    expect(plain(siteTime('2026-12-31T23:30:00Z', 'en'))).toBe('Fri, 1 Jan 2027, 00:30');
    expect(siteDay('2026-12-31T23:30:00Z', 'en')).toBe('1 January 2027');
    expect(siteDay('2026-12-31T23:30:00Z', 'it')).toBe('1 gennaio 2027');
    // 22:30 UTC on 31 July is 00:30 on 1 August in Rome's summer time.
    expect(siteDay('2026-07-31T22:30:00Z', 'it')).toBe('1 agosto 2026');
    expect(siteDay('2026-07-31T21:30:00Z', 'en')).toBe('31 July 2026');
  });

  it('give a timeline moment its weekday in full', () => {
    expect(plain(siteMoment('2026-03-03T22:59:00Z', 'en'))).toBe('Tuesday, 3 March 2026 at 23:59');
    expect(plain(siteMoment('2026-03-03T22:59:00Z', 'it'))).toBe('martedì 3 marzo 2026 alle ore 23:59');
    expect(plain(siteMoment('2026-12-31T23:30:00Z', 'en'))).toBe('Friday, 1 January 2027 at 00:30');
  });

  it('keep each language its own format when both are used in turn', () => {
    expect(siteDay('2026-03-03T12:00:00Z', 'it')).toBe('3 marzo 2026');
    expect(siteDay('2026-03-03T12:00:00Z', 'en')).toBe('3 March 2026');
    expect(plain(money(100, 'it'))).toBe('1,00 €');
    expect(plain(money(100, 'en'))).toBe('€1.00');
  });
});

describe('groupsOfFour', () => {
  it('groups an RF reference and an IBAN as banks print them, whatever spacing they came with', () => {
    expect(groupsOfFour('RF18SO20260000012')).toBe('RF18 SO20 2600 0001 2');
    expect(groupsOfFour('RF18 SO2026\t0000 12 ')).toBe('RF18 SO20 2600 0012');
    expect(groupsOfFour('IT60X0542811101000000123456')).toBe('IT60 X054 2811 1010 0000 0123 456');
    // A length that is a multiple of four leaves no space at the end.
    expect(groupsOfFour('IT60X054')).toBe('IT60 X054');
  });
});

describe('megabytes', () => {
  it('rounds to whole megabytes of 1,048,576 bytes', () => {
    expect(plain(megabytes(50 * 1_048_576, 'en'))).toBe('50 MB');
    expect(plain(megabytes(1_572_864, 'it'))).toBe('2 MB');
    expect(plain(megabytes(1_400_000, 'en'))).toBe('1 MB');
  });

  it('groups thousands as each language does, used in turn', () => {
    expect(plain(megabytes(1234 * 1_048_576, 'en'))).toBe('1,234 MB');
    expect(plain(megabytes(1234 * 1_048_576, 'it'))).toBe('1234 MB');
    expect(plain(megabytes(12_345 * 1_048_576, 'it'))).toBe('12.345 MB');
  });
});

describe('percent', () => {
  it('shows a fraction as a whole percentage, rounded, in each language', () => {
    expect(plain(percent(0.924, 'en'))).toBe('92%');
    expect(plain(percent(0.925, 'it'))).toBe('93%');
    expect(plain(percent(123.456, 'en'))).toBe('12,346%');
    expect(plain(percent(123.456, 'it'))).toBe('12.346%');
  });
});

describe('countryName', () => {
  it('names a country in the reader’s language, and gives back a code it does not know', () => {
    expect(countryName('IT', 'en')).toBe('Italy');
    expect(countryName('IT', 'it')).toBe('Italia');
    expect(countryName('DE', 'it')).toBe('Germania');
    expect(countryName('AA', 'en')).toBe('AA');
    // Not a region code at all (Intl throws on it): shown as given.
    expect(countryName('not a code', 'it')).toBe('not a code');
  });
});

describe('plural', () => {
  const pages = { one: '{count} page', other: '{count} pages' };
  it('picks the form the language uses for the count and fills it', () => {
    expect(plural(1, pages, 'en')).toBe('1 page');
    expect(plural(0, pages, 'en')).toBe('0 pages');
    expect(plural(2, pages, 'en')).toBe('2 pages');
    expect(plural(1, { one: '{count} pagina', other: '{count} pagine' }, 'it')).toBe('1 pagina');
    expect(plural(12, { one: '{count} pagina', other: '{count} pagine' }, 'it')).toBe('12 pagine');
  });
});

describe('fill', () => {
  it('fills every placeholder it knows and leaves an unknown one visible', () => {
    expect(fill('{n} of {max} pages, {n} read', { n: 3, max: 300 })).toBe('3 of 300 pages, 3 read');
    expect(fill('Due {due}, ref {ref}', { due: 'today' })).toBe('Due today, ref {ref}');
    expect(fill('{a-b} {}', { 'a-b': 'x' })).toBe('{a-b} {}');
  });
});

describe('openingHours', () => {
  it('names the days from ISO weekday numbers (1 Monday, 7 Sunday) in each language', () => {
    const week = { fromDay: 1, toDay: 5, opens: '09:00', closes: '17:00' };
    expect(openingHours(week, 'en')).toBe('Monday to Friday, 09:00–17:00');
    expect(openingHours(week, 'it')).toBe('da lunedì a venerdì, 09:00–17:00');
    const weekend = { fromDay: 6, toDay: 7, opens: '09:00', closes: '12:00' };
    expect(openingHours(weekend, 'en')).toBe('Saturday to Sunday, 09:00–12:00');
    expect(openingHours(weekend, 'it')).toBe('da sabato a domenica, 09:00–12:00');
  });

  describe('on a machine west of UTC', () => {
    const zone = process.env.TZ;
    afterEach(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
      vi.resetModules();
    });

    it('still names Monday 1 as Monday, not the Sunday its midnight UTC falls on there', async () => {
      process.env.TZ = 'America/Los_Angeles';
      vi.resetModules();
      const fresh = await import('#presentation/formats.ts');
      const monday = { fromDay: 1, toDay: 1, opens: '09:00', closes: '17:00' };
      expect(fresh.openingHours(monday, 'en')).toBe('Monday, 09:00–17:00');
    });
  });

  it('names a single day once', () => {
    const wednesday = { fromDay: 3, toDay: 3, opens: '09:00', closes: '12:00' };
    expect(openingHours(wednesday, 'en')).toBe('Wednesday, 09:00–12:00');
    expect(openingHours(wednesday, 'it')).toBe('mercoledì, 09:00–12:00');
  });
});
