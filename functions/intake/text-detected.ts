/** Textract completion (SNS, through SQS): read the text, classify the document, store the result. */
import { composeDeps } from '#app/compose.ts';
import { logger } from '#app/logger.ts';
import { store } from '#app/wiring/table.ts';
import { textDetector } from '#app/wiring/text-detector.ts';
import { textDetected } from '#usecases/documents/text-detected.ts';
import { eachRecord } from './sqs.ts';
import { CompletionMessage } from './textract-events.ts';

const deps = composeDeps({ ...store, ...textDetector });

export const handler = eachRecord(CompletionMessage, async (m, record) => {
  if (m.API && m.API !== 'StartDocumentTextDetection') return;
  const key = m.DocumentLocation?.S3ObjectName;
  const outcome = await textDetected(deps(), { jobId: m.JobId, status: m.Status, ...(key ? { key } : {}) });
  logger.info('text detection handled', { messageId: record.messageId, jobId: m.JobId, outcome });
});
