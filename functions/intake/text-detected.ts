/** Textract completion (SNS, through SQS): read the text, classify the document, store the result. */
import { composeDeps } from '#app/compose.ts';
import { logger } from '#app/logger.ts';
import { store } from '#app/wiring/table.ts';
import { textDetector } from '#app/wiring/text-detector.ts';
import * as z from '#app/zod.ts';
import { textDetected } from '#usecases/documents/text-detected.ts';
import { eachRecord } from './sqs.ts';

const deps = composeDeps({ ...store, ...textDetector });

/** What Textract publishes when a job ends (the fields read here). */
const TextractCompletion = z.object({
  JobId: z.string().check(z.minLength(1)),
  Status: z.string().check(z.minLength(1)),
  API: z.optional(z.string()),
  DocumentLocation: z.optional(z.object({ S3ObjectName: z.optional(z.string()) })),
});

/** The completion inside SNS's envelope (the subscription is not raw), or raw. */
export const CompletionMessage = z.union([
  z.pipe(
    z.pipe(
      z.object({ Type: z.literal('Notification'), Message: z.string() }),
      z.transform((n: { Type: 'Notification'; Message: string }) => JSON.parse(n.Message) as unknown),
    ),
    TextractCompletion,
  ),
  TextractCompletion,
]);

export const handler = eachRecord(CompletionMessage, async (m, record) => {
  if (m.API && m.API !== 'StartDocumentTextDetection') return;
  const key = m.DocumentLocation?.S3ObjectName;
  const outcome = await textDetected(deps(), { jobId: m.JobId, status: m.Status, ...(key ? { key } : {}) });
  logger.info('text detection handled', { messageId: record.messageId, jobId: m.JobId, outcome });
});
