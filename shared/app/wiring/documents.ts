/** The documents port: the bucket, its presigned uploads and downloads. */
import { s3Client } from '#adapters/clients/s3.ts';
import { S3DocumentStore } from '#adapters/s3.ts';
import type { Wiring } from '../compose.ts';

export const documents: Wiring<'documents'> = {
  documents: (c) => new S3DocumentStore(s3Client(), c.BUCKET_NAME),
};
