/**
 * The local stack's simulated time, persisted under the data directory: a restart resumes from
 * the simulated time reached before, never earlier, so deadlines already stored stay in order.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AcceleratedClock, acceleratedClock } from '#domain/clock.ts';

const FILE = 'clock.json';

export function resumeClock(dataDir: string, speed: number): AcceleratedClock {
  let saved: number | undefined;
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as { simulatedNow?: string };
    const t = parsed.simulatedNow ? Date.parse(parsed.simulatedNow) : Number.NaN;
    if (Number.isFinite(t)) saved = t;
  } catch {
    // No saved time: a fresh data directory starts at the real time.
  }
  return acceleratedClock(speed, new Date(Math.max(Date.now(), saved ?? 0)));
}

export function saveClock(dataDir: string, clock: AcceleratedClock): void {
  writeFileSync(
    join(dataDir, FILE),
    `${JSON.stringify({ simulatedNow: clock.now().toISOString(), speed: clock.speed }, null, 2)}\n`,
  );
}
