/** The Textract clients, created once per cold start (endpoint from AWS_ENDPOINT_URL_TEXTRACT). */
import { TextractClient } from '@aws-sdk/client-textract';

let textract: TextractClient | undefined;
let textractStarts: TextractClient | undefined;

export function textractClient(): TextractClient {
  textract ??= new TextractClient({});
  return textract;
}

/** For paced starts: one attempt per call, since the SDK's retries of a throttled start would go out unpaced. */
export function textractStartClient(): TextractClient {
  textractStarts ??= new TextractClient({ maxAttempts: 1 });
  return textractStarts;
}
