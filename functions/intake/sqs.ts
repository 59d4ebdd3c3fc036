/**
 * SQS partial batch responses: each record is handled on its own; a record that throws is reported
 * back so the queue retries it (with its visibility timeout as back-off) and, in the end, moves it
 * to the dead-letter queue. Nothing is dropped.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../shared/logger.ts';
import { isThrottling, NotReadyError } from '../../shared/usecases/intake.ts';

export async function eachRecord(
  event: SQSEvent,
  fn: (record: SQSRecord) => Promise<void>,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await fn(record);
    } catch (err) {
      if (isThrottling(err) || err instanceof NotReadyError)
        logger.warn('not now; the queue will retry', {
          messageId: record.messageId,
          error: (err as Error).name,
        });
      else
        logger.error('record failed; the queue will retry', {
          messageId: record.messageId,
          error: err as Error,
        });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
