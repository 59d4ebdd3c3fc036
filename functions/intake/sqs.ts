/**
 * SQS partial batch responses: the records of a batch are independent documents, handled at the
 * same time (one waiting out a throttle does not hold up the others); a record that throws is
 * reported back so the queue retries it (with its visibility timeout as back-off) and, in the end,
 * moves it to the dead-letter queue. Nothing is dropped.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '#app/logger.ts';
import { NotReadyError } from '#usecases/documents/common.ts';
import { isThrottling } from '#usecases/ports.ts';

export async function eachRecord(
  event: SQSEvent,
  fn: (record: SQSRecord) => Promise<void>,
): Promise<SQSBatchResponse> {
  const results = await Promise.allSettled(event.Records.map((record) => fn(record)));
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') return;
    const messageId = event.Records[i]!.messageId;
    const err = result.reason as Error;
    if (isThrottling(err) || err instanceof NotReadyError)
      logger.warn('not now; the queue will retry', { messageId, error: err?.name });
    else logger.error('record failed; the queue will retry', { messageId, error: err });
    batchItemFailures.push({ itemIdentifier: messageId });
  });
  return { batchItemFailures };
}
