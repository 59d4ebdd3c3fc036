/**
 * SQS partial batch responses (Powertools batch processing): the records of a batch are independent
 * documents, their JSON bodies parsed by a zod/mini schema and handled at the same time (one waiting out a
 * throttle does not hold up the others); a record that fails to parse or throws is reported back so
 * the queue retries it (with its visibility timeout as back-off) and, in the end, moves it to the
 * dead-letter queue. Nothing is dropped, and a batch that fails whole is reported the same way
 * rather than as a function error.
 * Not Powertools' parser: its schemas import zod's whole namespace, which more than doubles a
 * bundle (UploadReceived 247 KB to 611 KB, `npm run bench bundles`) and its cold start.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';
import { lambdaHandler } from '#app/lambda.ts';
import { logger } from '#app/logger.ts';
import { NotReadyError } from '#usecases/documents/common.ts';
import { isThrottling } from '#usecases/ports.ts';

/** A handler of SQS batches whose JSON bodies `schema` parses, calling `fn` with each record and its body. */
export function eachRecord<S extends z.ZodMiniType>(
  schema: S,
  fn: (body: z.infer<S>, record: SQSRecord) => Promise<void>,
) {
  const handle = async (record: SQSRecord) => {
    try {
      await fn(schema.parse(JSON.parse(record.body)), record);
    } catch (err) {
      const e = err as Error;
      if (isThrottling(e) || e instanceof NotReadyError)
        logger.warn('not now; the queue will retry', { messageId: record.messageId, error: e?.name });
      else logger.error('record failed; the queue will retry', { messageId: record.messageId, error: e });
      throw err;
    }
  };
  // A processor per invocation: it keeps the batch's failures in its own state, and invocations
  // that overlap in one process (the local stack) must not clear each other's, which lost records.
  return lambdaHandler<SQSEvent, SQSBatchResponse>((event, context) =>
    processPartialResponse(event, handle, new BatchProcessor(EventType.SQS), {
      context,
      throwOnFullBatchFailure: false,
    }),
  );
}
