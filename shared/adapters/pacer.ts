/**
 * A pacer shared by every invocation of every function: calls to a rate-limited API (Textract's
 * StartDocumentTextDetection) take evenly spaced slots from one DynamoDB item, so a burst of uploads
 * is started at the quota instead of knocking on it and being throttled (which in AWS counts against
 * the account's rate for every other caller too).
 *
 * The item holds one number, `nextAt`: the earliest time (epoch ms) the next call may go out (the
 * generic cell rate algorithm, with no burst). Taking a slot is one conditional write, never a
 * read-modify-write race:
 *   - busy (nextAt in the future): `SET nextAt = nextAt + interval IF nextAt > now`; the slot is the
 *     old nextAt. Writers at once each add their interval atomically, so none can share a slot.
 *   - idle (nextAt past or absent): `SET nextAt = now + interval IF nextAt <= now`; the slot is now,
 *     so time left unused is never banked into a burst.
 * The caller reads the time once. When the idle write loses, another caller has just moved nextAt
 * past that time, so the busy write, tried again with the same time, takes the slot after it. Read
 * again, with a store slower than one interval, the time would be past the slots others took
 * meanwhile: the caller would take one at its own later time and leave a gap the quota never gets
 * back (test/intake/pacer.test.ts). A slot so taken may lie up to the reservation's own round trips
 * in the past: its caller goes at once. When the busy write fails again, the next slot is beyond
 * the caller's patience: it takes none and is told to come back later.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './dynamodb/items.ts';

export interface Pacer {
  /**
   * Waits for the caller's slot. Throws a ThrottlingException when that slot is more than
   * `maxWaitMs` away: the caller should come back later (its queue's retry) instead of waiting.
   */
  acquire(maxWaitMs?: number): Promise<void>;
}

/** Real time, replaceable in tests so that they can count slots without waiting for them. */
export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_TIME: PacerTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * How much later one call may arrive than the one before it (the request's trip, a busy event
 * loop) and still not be throttled. A rate limiter lets one second's worth of calls through at once
 * (at least one), so the allowance is spread over that many slots: each slot is JITTER_MS /
 * (rate x max(1, rate)) wider than the quota's interval, 30 ms at 1 a second, 0.3 ms at 10
 * (bench/intake-burst.ts measures the trade between refused calls and elapsed time).
 */
export const JITTER_MS = 30;

export class ThrottlingException extends Error {
  override readonly name = 'ThrottlingException';
}

const lostCondition = (err: unknown) =>
  err instanceof ConditionalCheckFailedException ||
  (err as Error)?.name === 'ConditionalCheckFailedException';

export class DynamoPacer implements Pacer {
  /** Milliseconds between two slots. */
  readonly intervalMs: number;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly name: string,
    perSecond: number,
    private readonly time: PacerTime = REAL_TIME,
  ) {
    if (!(perSecond > 0)) throw new RangeError(`a pacer needs a positive rate, got ${perSecond}`);
    this.intervalMs = 1000 / perSecond + JITTER_MS / (perSecond * Math.max(1, perSecond));
  }

  async acquire(maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
    const slot = await this.reserve(maxWaitMs);
    const wait = slot - this.time.now();
    if (wait > 0) await this.time.sleep(wait);
  }

  /**
   * Takes the next free slot and returns it (epoch ms); does not wait for it. A slot more than
   * `maxWaitMs` away is not taken (it would go unused and delay everyone after it): that throws a
   * ThrottlingException instead.
   */
  async reserve(maxWaitMs = Number.POSITIVE_INFINITY): Promise<number> {
    const now = this.time.now();
    const horizon = Number.isFinite(maxWaitMs) ? now + maxWaitMs : Number.MAX_SAFE_INTEGER;
    const slot =
      (await this.takeBusy(now, horizon)) ??
      ((await this.takeIdle(now)) ? now : await this.takeBusy(now, horizon));
    // nextAt only grows, and a lost idle write put it past `now`: only the horizon is left.
    if (slot === undefined)
      throw new ThrottlingException(`the next ${this.name} slot is over ${maxWaitMs} ms away`);
    return slot;
  }

  /** The slot after the last one taken, if the pacer is busy at `now` and that slot within `horizon`. */
  private async takeBusy(now: number, horizon: number): Promise<number | undefined> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.pacer(this.name),
          UpdateExpression: 'SET nextAt = nextAt + :interval',
          ConditionExpression: 'nextAt > :now AND nextAt <= :horizon',
          ExpressionAttributeValues: { ':interval': this.intervalMs, ':now': now, ':horizon': horizon },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return (out.Attributes?.nextAt as number) - this.intervalMs;
    } catch (err) {
      if (lostCondition(err)) return undefined;
      throw err;
    }
  }

  /** Takes the slot at `now` if the pacer is idle then. */
  private async takeIdle(now: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.pacer(this.name),
          UpdateExpression: 'SET nextAt = :next',
          ConditionExpression: 'attribute_not_exists(nextAt) OR nextAt <= :now',
          ExpressionAttributeValues: { ':next': now + this.intervalMs, ':now': now },
        }),
      );
      return true;
    } catch (err) {
      if (lostCondition(err)) return false;
      throw err;
    }
  }
}
