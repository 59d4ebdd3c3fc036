/**
 * Schedules on the local stack, as AWS runs them: a rate schedule (EventBridge) runs its function
 * every so many minutes of the simulated clock, and one that falls behind skips what it missed
 * rather than piling runs up; a daily schedule (EventBridge Scheduler) runs its function at a site
 * time (Europe/Rome) of every simulated day, with the input the deployed schedule gives it, and a
 * day the clock skips past is not caught up. One run at a time in both.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { AcceleratedClock } from '#domain/clock.ts';
import { SITE_ZONE } from '#domain/site.ts';

/** The event EventBridge gives a scheduled target. */
export function scheduledEvent(ruleArn: string, at: Date, region: string, account: string) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [ruleArn],
    detail: {},
  };
}

/** Runs `run` every `everyMs` of simulated time; the returned stop waits for a run in progress. */
export function every(
  clock: AcceleratedClock,
  everyMs: number,
  run: (at: Date) => Promise<unknown>,
  onError: (err: unknown) => void,
): () => Promise<void> {
  let next = clock.now().getTime() + everyMs;
  let stopped = false;
  let running: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(tick, clock.realDelayUntil(new Date(next)));
  };
  const tick = async () => {
    running = run(new Date(next)).catch(onError);
    await running;
    running = undefined;
    const now = clock.now().getTime();
    while (next <= now) next += everyMs;
    if (!stopped) arm();
  };
  arm();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/** The first `at` (site time) strictly after `after`; daylight saving changes keep it at that site time. */
export function nextDailyRun(after: Date, at: { hour: number; minute: number }): Date {
  const local = DateTime.fromJSDate(after, { zone: SITE_ZONE });
  let next = local.set({ hour: at.hour, minute: at.minute, second: 0, millisecond: 0 });
  if (next.toMillis() <= after.getTime()) {
    next = local.plus({ days: 1 }).set({ hour: at.hour, minute: at.minute, second: 0, millisecond: 0 });
  }
  return next.toJSDate();
}

/** The input the deployed schedule gives its function (infra/constructs/daily-schedule.ts). */
export function scheduleInput(scheduleName: string, at: Date) {
  return { schedule: scheduleName, scheduledTime: at.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/** Runs `run` at `at` of every simulated day; the returned stop waits for a run in progress. */
export function daily(
  clock: AcceleratedClock,
  at: { hour: number; minute: number },
  run: (at: Date) => Promise<unknown>,
  onError: (err: unknown) => void,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const arm = (next: Date) => {
    timer = setTimeout(() => void tick(next), clock.realDelayUntil(next));
    timer.unref();
  };
  const tick = async (due: Date) => {
    // A timer may fire a moment early on a fast clock: wait for the simulated time to get there.
    if (clock.now() < due) return arm(due);
    running = run(due).catch(onError);
    await running;
    running = undefined;
    if (!stopped) arm(nextDailyRun(clock.now(), at));
  };
  arm(nextDailyRun(clock.now(), at));
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
