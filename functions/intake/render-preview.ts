/**
 * Textract completion (SNS, through a queue of its own): the document it read passed the upload
 * check, so its first page is drawn as a preview. Built as a container image with poppler
 * (functions/manifest.ts); it may read the table and the documents and write previews, nothing else.
 */
import { composeDeps } from '#app/compose.ts';
import { logger } from '#app/logger.ts';
import { documents } from '#app/wiring/documents.ts';
import { pagePreviews } from '#app/wiring/page-previews.ts';
import { store } from '#app/wiring/table.ts';
import { renderPreview } from '#usecases/documents/render-preview.ts';
import { eachRecord } from './sqs.ts';
import { CompletionMessage } from './textract-events.ts';

const deps = composeDeps({ ...store, ...documents, ...pagePreviews });

export const handler = eachRecord(CompletionMessage, async (m, record) => {
  const key = m.DocumentLocation?.S3ObjectName;
  if ((m.API && m.API !== 'StartDocumentTextDetection') || !key) return;
  const outcome = await renderPreview(deps(), key);
  logger.info('preview handled', { messageId: record.messageId, jobId: m.JobId, outcome });
});
