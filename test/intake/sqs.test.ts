import { describe, expect, it } from 'vitest';
import * as z from '#app/zod.ts';
import { eachRecord } from '#functions/intake/sqs.ts';
import { setup, sqsEvent } from './harness.ts';

describe('eachRecord', () => {
  it('handles the records of a batch at the same time, and reports only the ones that failed', async () => {
    setup();
    let secondStarted!: () => void;
    const second = new Promise<void>((resolve) => {
      secondStarted = resolve;
    });
    const waitingTooLong = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the first record held up the second')), 2000),
    );
    const handler = eachRecord(z.object({ n: z.string() }), async ({ n }) => {
      // The first record can only finish once the second has begun: one at a time, it never would.
      if (n === 'first') await Promise.race([second, waitingTooLong]);
      if (n === 'second') secondStarted();
      if (n === 'third') throw new Error('unreadable');
    });
    const res = await handler(sqsEvent([{ n: 'first' }, { n: 'second' }, { n: 'third' }]));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'msg-3' }]);
  });

  it("reports each invocation's own failures when invocations overlap, as on the local stack", async () => {
    setup();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handler = eachRecord(z.object({ n: z.string() }), async ({ n }) => {
      if (n === 'fails') throw new Error('not yet');
      if (n === 'slow') await held;
    });
    // The first invocation's failure is known while its other record still runs; a second
    // invocation starts and ends meanwhile; the first must still report its failure.
    const first = handler(sqsEvent([{ n: 'fails' }, { n: 'slow' }]));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = handler({
      Records: sqsEvent([{ n: 'ok' }, { n: 'ok' }]).Records.map((r, i) => ({
        ...r,
        messageId: `other-${i}`,
      })),
    });
    expect((await second).batchItemFailures).toEqual([]);
    release();
    expect((await first).batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
  });

  it('reports a record whose body is not JSON or not of the schema, so it is retried and parked, never dropped', async () => {
    setup();
    const seen: string[] = [];
    const handler = eachRecord(z.object({ n: z.string() }), async ({ n }) => {
      seen.push(n);
    });
    const res = await handler(sqsEvent(['{not json', { n: 'fine' }, { other: 1 }]));
    expect(seen).toEqual(['fine']);
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }, { itemIdentifier: 'msg-3' }]);
  });

  it('reports a batch that fails whole record by record, not as a function error', async () => {
    setup();
    const handler = eachRecord(z.object({ n: z.string() }), async () => {
      throw new Error('down');
    });
    const res = await handler(sqsEvent([{ n: 'a' }, { n: 'b' }]));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }, { itemIdentifier: 'msg-2' }]);
  });
});
