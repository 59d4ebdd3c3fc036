/** Text detection: Textract, its starts paced across invocations when the stage sets a rate. */
import { documentClient } from '#adapters/clients/dynamodb.ts';
import { textractClient, textractStartClient } from '#adapters/clients/textract.ts';
import { DynamoPacer } from '#adapters/pacer.ts';
import { TextractDetector } from '#adapters/textract.ts';
import type { Wiring } from '../compose.ts';

export const textDetector: Wiring<'textDetector'> = {
  textDetector: (c) =>
    new TextractDetector(
      textractClient(),
      c.BUCKET_NAME,
      c.TEXTRACT_SNS_TOPIC_ARN,
      c.TEXTRACT_ROLE_ARN,
      undefined,
      c.TEXTRACT_STARTS_PER_SECOND
        ? {
            pacer: new DynamoPacer(
              documentClient(),
              c.TABLE_NAME,
              'textract-start',
              c.TEXTRACT_STARTS_PER_SECOND,
            ),
            client: textractStartClient(),
          }
        : undefined,
    ),
};
