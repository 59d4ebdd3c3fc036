/** Textract completion (SNS, through SQS): read the text, classify the document, store the result. */
import type { SQSEvent } from 'aws-lambda';
import { deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { textDetected } from '#usecases/documents/text-detected.ts';
import { eachRecord } from './sqs.ts';

interface TextractCompletion {
  JobId?: string;
  Status?: string;
  API?: string;
  JobTag?: string;
  DocumentLocation?: { S3ObjectName?: string; S3Bucket?: string };
}

/** The Textract message of a record: inside an SNS envelope, or the raw JSON. */
export function completionOf(body: string): TextractCompletion {
  const parsed = JSON.parse(body) as { Type?: string; Message?: string } & TextractCompletion;
  return parsed.Type === 'Notification' && typeof parsed.Message === 'string'
    ? (JSON.parse(parsed.Message) as TextractCompletion)
    : parsed;
}

export const handler = (event: SQSEvent) =>
  eachRecord(event, async (record) => {
    const m = completionOf(record.body);
    if (!m.JobId || !m.Status) throw new Error('not a Textract completion notification');
    if (m.API && m.API !== 'StartDocumentTextDetection') return;
    const key = m.DocumentLocation?.S3ObjectName;
    const outcome = await textDetected(deps(), { jobId: m.JobId, status: m.Status, ...(key ? { key } : {}) });
    logger.info('text detection handled', { messageId: record.messageId, jobId: m.JobId, outcome });
  });
