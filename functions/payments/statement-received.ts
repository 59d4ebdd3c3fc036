/** S3 ObjectCreated in statements/ (through SQS): a camt.053 statement the office dropped is imported. */
import { parseCamt053 } from '#adapters/camt053.ts';
import { deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { statementReceived } from '#usecases/payments/statement-received.ts';
import { createdObjects, S3Message } from '../intake/s3-events.ts';
import { eachRecord } from '../intake/sqs.ts';

export const handler = eachRecord(S3Message, async (body, record) => {
  const d = deps();
  for (const o of createdObjects(body, d.config.BUCKET_NAME)) {
    const outcome = await statementReceived(d, o.key, parseCamt053);
    logger.info('statement event handled', {
      messageId: record.messageId,
      outcome: outcome.kind,
      ...(outcome.kind === 'imported' ? { results: outcome.summary.results } : {}),
    });
  }
});
