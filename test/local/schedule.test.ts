/** The local stack's daily schedule: the next run at a Rome time, across daylight saving changes. */
import { describe, expect, it } from 'vitest';
import { nextDailyRun } from '#local/schedule.ts';

const SEVEN = { hour: 7, minute: 0 };

describe('nextDailyRun', () => {
  it('is 07:00 in Rome: 06:00 UTC in winter, 05:00 UTC in summer', () => {
    expect(nextDailyRun(new Date('2026-03-02T04:00:00Z'), SEVEN)).toEqual(new Date('2026-03-02T06:00:00Z'));
    expect(nextDailyRun(new Date('2026-07-01T04:00:00Z'), SEVEN)).toEqual(new Date('2026-07-01T05:00:00Z'));
  });

  it("is the next day once today's run time has come", () => {
    expect(nextDailyRun(new Date('2026-03-02T06:00:00Z'), SEVEN)).toEqual(new Date('2026-03-03T06:00:00Z'));
    expect(nextDailyRun(new Date('2026-03-02T20:00:00Z'), SEVEN)).toEqual(new Date('2026-03-03T06:00:00Z'));
  });

  it('stays at 07:00 over the night the clocks go forward', () => {
    // Sunday 29 March 2026, 02:00 CET becomes 03:00 CEST.
    expect(nextDailyRun(new Date('2026-03-28T07:00:00Z'), SEVEN)).toEqual(new Date('2026-03-29T05:00:00Z'));
  });
});
