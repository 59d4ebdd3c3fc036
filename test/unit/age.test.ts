import { describe, expect, it } from 'vitest';
import { ageOn } from '#domain/age.ts';

describe('ageOn', () => {
  it('counts whole years, one more from the birthday on', () => {
    expect(ageOn('1960-05-01', new Date('2026-04-30T10:00:00Z'))).toBe(65);
    expect(ageOn('1960-05-01', new Date('2026-05-01T10:00:00Z'))).toBe(66);
    expect(ageOn('1960-05-01', new Date('2026-05-02T10:00:00Z'))).toBe(66);
    // Later month, earlier day; earlier month, later day.
    expect(ageOn('1960-05-20', new Date('2026-06-01T10:00:00Z'))).toBe(66);
    expect(ageOn('1960-05-20', new Date('2026-04-30T10:00:00Z'))).toBe(65);
  });

  it("counts on the site's calendar day, not UTC's", () => {
    // 23:30 UTC on 30 April is already 1 May in Rome (UTC+2 in summer).
    expect(ageOn('1960-05-01', new Date('2026-04-30T23:30:00Z'))).toBe(66);
    expect(ageOn('1960-05-01', new Date('2026-04-30T21:59:59Z'))).toBe(65);
    // In winter Rome is UTC+1: 23:00 UTC on 31 December is New Year's Day there.
    expect(ageOn('2000-01-01', new Date('2025-12-31T23:00:00Z'))).toBe(26);
    expect(ageOn('2000-01-01', new Date('2025-12-31T22:59:59Z'))).toBe(25);
  });

  it('turns someone born on 29 February a year older on 1 March of a common year', () => {
    expect(ageOn('2004-02-29', new Date('2026-02-28T12:00:00Z'))).toBe(21);
    expect(ageOn('2004-02-29', new Date('2026-03-01T12:00:00Z'))).toBe(22);
    expect(ageOn('2004-02-29', new Date('2028-02-29T12:00:00Z'))).toBe(24);
  });

  it('is 0 on the day of birth and in the first year', () => {
    expect(ageOn('2026-03-02', new Date('2026-03-02T08:00:00Z'))).toBe(0);
    expect(ageOn('2025-03-03', new Date('2026-03-02T08:00:00Z'))).toBe(0);
    expect(ageOn('2025-03-02', new Date('2026-03-02T08:00:00Z'))).toBe(1);
  });

  it('has no age for a date of birth ahead of today or that is not a date', () => {
    const now = new Date('2026-03-02T08:00:00Z');
    expect(ageOn('2026-03-03', now)).toBeUndefined();
    for (const bad of ['1960-02-30', '1960-13-01', '1960-00-10', '1960-5-1', '01/05/1960', '', '1961-02-29'])
      expect(ageOn(bad, now), bad).toBeUndefined();
    expect(ageOn('1960-02-29', now)).toBe(66);
  });
});
