/**
 * The Textract start pacer (shared/adapters/pacer.ts) on a real DynamoDB stand-in: many invocations
 * taking slots at once, each with its own client, never get more than the quota's calls into any
 * second. Time is virtual (the pacer's clock stands still unless a test moves it), so the tests count
 * slots and never wait for them.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StartDocumentTextDetectionCommand, TextractClient } from '@aws-sdk/client-textract';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoPacer, type Pacer, type PacerTime } from '#adapters/pacer.ts';
import { TextractDetector } from '#adapters/textract.ts';
import { startTestTable, type TestTable } from '#local/testbed/dynalite.ts';

let table: TestTable;
const clients: DynamoDBClient[] = [];

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await table.close();
});

function virtualTime(start: number): PacerTime & { at: number; slept: number[] } {
  const t = {
    at: start,
    slept: [] as number[],
    now: () => t.at,
    sleep: async (ms: number) => {
      t.slept.push(ms);
    },
  };
  return t;
}

/**
 * One Lambda invocation's pacer: its own SDK client, the shared table. With `slowStore`, every
 * request's answer comes that many ms (of virtual time) after the one before (and is counted).
 */
function invocation(
  name: string,
  perSecond: number,
  time: PacerTime & { at: number },
  slowStore?: { ms: number; requests: number },
): DynamoPacer {
  const raw = new DynamoDBClient({
    endpoint: table.endpoint,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  if (slowStore)
    raw.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } finally {
          time.at += slowStore.ms;
          slowStore.requests += 1;
        }
      },
      { step: 'initialize' },
    );
  clients.push(raw);
  return new DynamoPacer(DynamoDBDocumentClient.from(raw), table.tableName, name, perSecond, time);
}

/** The largest number of slots within any one second. */
function busiestSecond(slots: number[]): number {
  const sorted = [...slots].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('the Textract start pacer', () => {
  it('gives 200 starts taken at once by 8 invocations 200 distinct slots, never more than the quota in a second', async () => {
    const time = virtualTime(Date.parse('2026-12-04T09:00:00Z'));
    const pacers = Array.from({ length: 8 }, () => invocation('burst', 10, time));
    const slots = await Promise.all(
      Array.from({ length: 200 }, (_, i) => pacers[i % pacers.length]!.reserve()),
    );
    expect(new Set(slots).size).toBe(200);
    expect(busiestSecond(slots)).toBe(10);
    // The first caller of an idle pacer goes at once; the rest queue behind it, none lost.
    expect(Math.min(...slots)).toBe(time.at);
    const last = Math.max(...slots);
    expect(Math.round((last - time.at) / pacers[0]!.intervalMs)).toBe(199);
  });

  it('banks no burst while idle: after a quiet minute, 30 starts at once still get 1 per slot', async () => {
    const time = virtualTime(Date.parse('2026-12-04T10:00:00Z'));
    const pacers = Array.from({ length: 3 }, () => invocation('idle', 5, time));
    await Promise.all(Array.from({ length: 5 }, (_, i) => pacers[i % 3]!.reserve()));
    time.at += 60_000;
    const slots = await Promise.all(Array.from({ length: 30 }, (_, i) => pacers[i % 3]!.reserve()));
    expect(new Set(slots).size).toBe(30);
    expect(Math.min(...slots)).toBe(time.at);
    expect(busiestSecond(slots)).toBe(5);
  });

  it('keeps the rate when the store is slower than a slot: 20 callers at once take the next 20 slots, none left behind', async () => {
    const time = virtualTime(Date.parse('2026-12-04T12:00:00Z'));
    const store = { ms: 250, requests: 0 };
    const pacers = Array.from({ length: 4 }, () => invocation('slow', 10, time, store));
    const start = time.at;
    const slots = await Promise.all(Array.from({ length: 20 }, (_, i) => pacers[i % 4]!.reserve()));
    // Read again after a lost write, the time would be past the slots taken meanwhile: the caller
    // would take one at its own later time and leave a gap the quota never gets back.
    expect(store.requests).toBeLessThanOrEqual(3 * 20);
    const sorted = [...slots].sort((a, b) => a - b);
    expect(sorted[0]).toBe(start);
    expect(sorted.map((s, i) => Math.round((s - start) / pacers[0]!.intervalMs) - i)).toEqual(
      Array(20).fill(0),
    );
    expect(busiestSecond(slots)).toBe(10);
  });

  it('waits for its slot, and takes none beyond the caller`s patience but says to come back', async () => {
    const time = virtualTime(Date.parse('2026-12-04T11:00:00Z'));
    const pacer = invocation('patience', 2, time);
    await pacer.acquire(1000);
    await pacer.acquire(1000);
    expect(time.slept).toEqual([pacer.intervalMs]);
    await expect(pacer.acquire(1000)).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(pacer.acquire(1000)).rejects.toMatchObject({ name: 'ThrottlingException' });
    // The refused calls took no slot: the next patient caller gets the third one.
    expect(await pacer.reserve()).toBe(time.at + 2 * pacer.intervalMs);
  });
});

describe('paced Textract starts', () => {
  it('take a slot for every attempt, retries of a throttled or reset call included, and no other pause', async () => {
    const textract = mockClient(TextractClient);
    let calls = 0;
    textract.on(StartDocumentTextDetectionCommand).callsFake(() => {
      calls += 1;
      if (calls === 1)
        throw Object.assign(new Error('rate'), { name: 'ProvisionedThroughputExceededException' });
      if (calls === 2)
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
      return { JobId: 'job-1' };
    });
    let acquired = 0;
    const pacer: Pacer = {
      acquire: async () => {
        acquired += 1;
      },
    };
    const client = new TextractClient({ region: 'eu-south-1' });
    const detector = new TextractDetector(client, 'b', 'arn:topic', 'arn:role', undefined, { pacer, client });
    await expect(detector.start('cases/c/documents/d.pdf', 'd', 'c')).resolves.toEqual({ jobId: 'job-1' });
    expect(calls).toBe(3);
    expect(acquired).toBe(3);
    textract.restore();
  });
});
