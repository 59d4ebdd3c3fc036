/** S3 ObjectCreated in statements/ (through SQS): a camt.053 statement the office dropped is imported. */
import { parseCamt053 } from '#adapters/camt053.ts';
import { composeDeps } from '#app/compose.ts';
import { logger } from '#app/logger.ts';
import { documents } from '#app/wiring/documents.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import { workflow } from '#app/wiring/workflow.ts';
import {
  late_payment_reopened,
  payment_exception,
  statement_imported,
  statement_refused,
} from '#presentation/i18n/email-words.ts';
import { statementReceived } from '#usecases/payments/statement-received.ts';
import { createdObjects, S3Message } from '../intake/s3-events.ts';
import { eachRecord } from '../intake/sqs.ts';

const deps = composeDeps({
  ...store,
  ...documents,
  ...email({ statement_imported, statement_refused, late_payment_reopened, payment_exception }),
  ...workflow,
});

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
