import { describe, expect, it } from 'vitest';
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
    const res = await eachRecord(sqsEvent(['first', 'second', 'third']), async (record) => {
      // The first record can only finish once the second has begun: one at a time, it never would.
      if (record.body === 'first') await Promise.race([second, waitingTooLong]);
      if (record.body === 'second') secondStarted();
      if (record.body === 'third') throw new Error('unreadable');
    });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'msg-3' }]);
  });
});
