/** S3 ObjectCreated (through SQS): check each uploaded patient document and start reading it. */
import { deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { uploadReceived } from '#usecases/documents/upload-received.ts';
import { createdObjects, S3Message } from './s3-events.ts';
import { eachRecord } from './sqs.ts';

export const handler = eachRecord(S3Message, async (body, record) => {
  const d = deps();
  for (const o of createdObjects(body, d.config.BUCKET_NAME)) {
    const outcome = await uploadReceived(d, o.key, o.versionId);
    logger.info('upload event handled', { messageId: record.messageId, outcome });
  }
});
