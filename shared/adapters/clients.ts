/**
 * AWS SDK clients, created once per cold start. Endpoints come from the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables, so the local stack needs no code of its own here.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { TextractClient } from '@aws-sdk/client-textract';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let ddb: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let ses: SESClient | undefined;
let sfn: SFNClient | undefined;
let textract: TextractClient | undefined;
let textractStarts: TextractClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  ddb ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return ddb;
}

export function s3Client(): S3Client {
  s3 ??= new S3Client({
    // Emulators address buckets by path; checksums only where required keep emulated bodies intact.
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return s3;
}

export function sesClient(): SESClient {
  ses ??= new SESClient({});
  return ses;
}

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({});
  return sfn;
}

export function textractClient(): TextractClient {
  textract ??= new TextractClient({});
  return textract;
}

/** For paced starts: one attempt per call, since the SDK's retries of a throttled start would go out unpaced. */
export function textractStartClient(): TextractClient {
  textractStarts ??= new TextractClient({ maxAttempts: 1 });
  return textractStarts;
}
