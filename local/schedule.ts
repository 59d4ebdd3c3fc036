/**
 * EventBridge schedules on the local stack: a function runs every so many minutes of the stack's
 * simulated clock, one run at a time, and a run that falls behind skips what it missed rather than
 * piling runs up, as a rate schedule does.
 */
import { randomUUID } from 'node:crypto';
import type { AcceleratedClock } from '#domain/clock.ts';

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
