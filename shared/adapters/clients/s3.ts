/** The S3 client, created once per cold start (endpoint from AWS_ENDPOINT_URL_S3). */
import { S3Client } from '@aws-sdk/client-s3';

let s3: S3Client | undefined;

export function s3Client(): S3Client {
  s3 ??= new S3Client({
    // Emulators address buckets by path; checksums only where required keep emulated bodies intact.
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return s3;
}
