/** Textract completion (SNS, through SQS): read the text, classify the document, store the result. */
import * as z from 'zod';
import { deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { textDetected } from '#usecases/documents/text-detected.ts';
import { eachRecord } from './sqs.ts';

/** What Textract publishes when a job ends (the fields read here). */
const TextractCompletion = z.object({
  JobId: z.string().min(1),
  Status: z.string().min(1),
  API: z.string().optional(),
  DocumentLocation: z.object({ S3ObjectName: z.string().optional() }).optional(),
});

/** The completion inside SNS's envelope (the subscription is not raw), or raw. */
export const CompletionMessage = z.union([
  z
    .object({ Type: z.literal('Notification'), Message: z.string() })
    .transform((n) => JSON.parse(n.Message) as unknown)
    .pipe(TextractCompletion),
  TextractCompletion,
]);

export const handler = eachRecord(CompletionMessage, async (m, record) => {
  if (m.API && m.API !== 'StartDocumentTextDetection') return;
  const key = m.DocumentLocation?.S3ObjectName;
  const outcome = await textDetected(deps(), { jobId: m.JobId, status: m.Status, ...(key ? { key } : {}) });
  logger.info('text detection handled', { messageId: record.messageId, jobId: m.JobId, outcome });
});
