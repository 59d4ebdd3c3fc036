/** Time source for every rule that depends on "now"; domain code never calls Date.now(). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that runs `speed` times faster than real time from `origin`, so a
 * 5-working-day deadline passes in seconds on the local stack and in tests.
 */
export interface AcceleratedClock extends Clock {
  readonly speed: number;
  /** Real milliseconds until the simulated clock reaches `at` (0 when already past). */
  realDelayUntil(at: Date): number;
}

export function acceleratedClock(
  speed: number,
  origin: Date = new Date(),
  realNow: () => number = Date.now,
): AcceleratedClock {
  if (!Number.isFinite(speed) || speed <= 0)
    throw new RangeError(`speed must be a positive number, got ${speed}`);
  const realStart = realNow();
  const simStart = origin.getTime();
  return {
    speed,
    now: () => new Date(simStart + (realNow() - realStart) * speed),
    realDelayUntil: (at) =>
      Math.max(0, (at.getTime() - (simStart + (realNow() - realStart) * speed)) / speed),
  };
}

/** A clock that moves only when told to: for tests. */
export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function manualClock(start: Date | string): ManualClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
