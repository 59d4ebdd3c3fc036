/**
 * The local stack's simulated time, persisted under the data directory: a restart resumes from
 * the simulated time reached before, never earlier, so deadlines already stored stay in order.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
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
  // Written aside, then renamed: `so case --local` reads it from another process at any moment.
  const file = join(dataDir, FILE);
  writeFileSync(
    `${file}.tmp`,
    `${JSON.stringify({ simulatedNow: clock.now().toISOString(), speed: clock.speed }, null, 2)}\n`,
  );
  renameSync(`${file}.tmp`, file);
}

/**
 * The simulated time of a running stack, read from another process (`so case --local`): the time
 * it last saved (every few seconds) moved on at its speed since the file was written.
 */
export function readRunningClock(dataDir: string): AcceleratedClock {
  const file = join(dataDir, FILE);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { simulatedNow: string; speed: number };
  const speed = Number(saved.speed) || 1;
  const since = Math.max(0, Date.now() - statSync(file).mtimeMs);
  return acceleratedClock(speed, new Date(Date.parse(saved.simulatedNow) + since * speed));
}
