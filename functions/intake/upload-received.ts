/** S3 ObjectCreated (through SQS): check each uploaded patient document and start reading it. */
import * as z from 'zod';
import { deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { uploadReceived } from '#usecases/documents/upload-received.ts';
import { eachRecord } from './sqs.ts';

/**
 * The body of an uploads-queue message: S3's notification, of which only the fields read here are
 * required (a field we do not read must never park a patient's document), or the test event S3
 * sends when notifications are first set up.
 */
export const UploadMessage = z.union([
  z.object({ Event: z.literal('s3:TestEvent') }),
  z.object({
    Records: z
      .array(
        z.object({
          eventName: z.string(),
          s3: z.object({
            bucket: z.object({ name: z.string() }),
            object: z.object({ key: z.string().min(1), versionId: z.string().optional() }),
          }),
        }),
      )
      .min(1),
  }),
]);

export const handler = eachRecord(UploadMessage, async (body, record) => {
  if (!('Records' in body)) return;
  const d = deps();
  for (const r of body.Records) {
    if (!r.eventName.startsWith('ObjectCreated') || r.s3.bucket.name !== d.config.BUCKET_NAME) continue;
    // Keys in S3 notifications are URL-encoded, with spaces as "+".
    const key = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
    const outcome = await uploadReceived(d, key, r.s3.object.versionId);
    logger.info('upload event handled', { messageId: record.messageId, outcome });
  }
});
