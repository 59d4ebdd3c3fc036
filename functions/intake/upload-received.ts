/**
 * S3 ObjectCreated (through SQS): check each uploaded patient document and start reading it, and
 * record each first-page preview RenderPreview stored.
 */
import { composeDeps } from '#app/compose.ts';
import { logger } from '#app/logger.ts';
import { documents } from '#app/wiring/documents.ts';
import { store } from '#app/wiring/table.ts';
import { textDetector } from '#app/wiring/text-detector.ts';
import { parsePreviewKey } from '#usecases/documents/common.ts';
import { previewStored } from '#usecases/documents/preview-stored.ts';
import { uploadReceived } from '#usecases/documents/upload-received.ts';
import { createdObjects, S3Message } from './s3-events.ts';
import { eachRecord } from './sqs.ts';

const deps = composeDeps({ ...store, ...documents, ...textDetector });

export const handler = eachRecord(S3Message, async (body, record) => {
  const d = deps();
  for (const o of createdObjects(body, d.config.BUCKET_NAME)) {
    const outcome = parsePreviewKey(o.key)
      ? await previewStored(d, o.key, o.versionId)
      : await uploadReceived(d, o.key, o.versionId);
    logger.info('upload event handled', { messageId: record.messageId, outcome });
  }
});
