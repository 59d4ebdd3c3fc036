/** SQS deliveries as a queue's event source mapping hands them to a function, and S3's ObjectCreated body. */
import type { SQSEvent } from 'aws-lambda';
import { VALID_ENV } from './env.ts';

export function sqsEvent(bodies: (string | object)[]): SQSEvent {
  return {
    Records: bodies.map((b, i) => ({
      messageId: `msg-${i + 1}`,
      receiptHandle: `rh-${i + 1}`,
      body: typeof b === 'string' ? b : JSON.stringify(b),
      attributes: {
        ApproximateReceiveCount: '1',
        ApproximateFirstReceiveTimestamp: '1764547200000',
        SenderId: 'AIDAEXAMPLE',
        SentTimestamp: '1764547200000',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-south-1:000000000000:uploads',
      awsRegion: 'eu-south-1',
    })),
  };
}

export function s3Created(key: string, bucket = VALID_ENV.BUCKET_NAME, versionId?: string) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Post',
        s3: {
          bucket: { name: bucket },
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/'),
            size: 1,
            ...(versionId ? { versionId } : {}),
          },
        },
      },
    ],
  };
}
