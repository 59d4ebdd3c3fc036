/** S3 ObjectCreated (through SQS): check each uploaded patient document and start reading it. */
import type { SQSEvent } from 'aws-lambda';
import { deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { uploadReceived } from '#usecases/documents/upload-received.ts';
import { eachRecord } from './sqs.ts';

interface S3Notification {
  Event?: string;
  Records?: {
    eventName?: string;
    s3?: { bucket?: { name?: string }; object?: { key?: string; versionId?: string } };
  }[];
}

export const handler = (event: SQSEvent) =>
  eachRecord(event, async (record) => {
    const body = JSON.parse(record.body) as S3Notification;
    if (body.Event === 's3:TestEvent') return;
    if (!Array.isArray(body.Records)) throw new Error('not an S3 event notification');
    const d = deps();
    for (const r of body.Records) {
      const rawKey = r.s3?.object?.key;
      if (!r.eventName?.startsWith('ObjectCreated') || !rawKey) continue;
      if (r.s3?.bucket?.name && r.s3.bucket.name !== d.config.BUCKET_NAME) continue;
      // Keys in S3 notifications are URL-encoded, with spaces as "+".
      const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      const outcome = await uploadReceived(d, key, r.s3?.object?.versionId);
      logger.info('upload event handled', { messageId: record.messageId, outcome });
    }
  });
