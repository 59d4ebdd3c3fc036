/** The Step Functions client, created once per cold start (endpoint from AWS_ENDPOINT_URL_SFN). */
import { SFNClient } from '@aws-sdk/client-sfn';

let sfn: SFNClient | undefined;

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({});
  return sfn;
}
