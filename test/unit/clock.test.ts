import { describe, expect, it } from 'vitest';
import { acceleratedClock, manualClock } from '#domain/clock.ts';

describe('accelerated clock', () => {
  it('runs speed times faster than real time from its origin', () => {
    let real = 1_000_000;
    const clock = acceleratedClock(3600, new Date('2026-12-04T09:00:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2026-12-04T09:00:00.000Z');
    real += 1000; // one real second is one simulated hour
    expect(clock.now().toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(clock.realDelayUntil(new Date('2026-12-05T10:00:00Z'))).toBe(24_000);
    expect(clock.realDelayUntil(new Date('2026-12-01T00:00:00Z'))).toBe(0);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => acceleratedClock(0)).toThrow(RangeError);
    expect(() => acceleratedClock(Number.NaN)).toThrow(RangeError);
  });
});

describe('manual clock', () => {
  it('moves only when told', () => {
    const clock = manualClock('2026-01-01T00:00:00Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
