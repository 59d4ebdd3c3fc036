/** The SES client, created once per cold start (endpoint from AWS_ENDPOINT_URL_SES). */
import { SESClient } from '@aws-sdk/client-ses';

let ses: SESClient | undefined;

export function sesClient(): SESClient {
  ses ??= new SESClient({});
  return ses;
}
