/**
 * SES bounce and complaint events (SNS) of the configuration set: the email's tags name the case,
 * which is marked emailBounced so staff reach the patient another way, with an audit event.
 */
import type { SNSEvent } from 'aws-lambda';
import { composeDeps } from '#app/compose.ts';
import { lambdaHandler } from '#app/lambda.ts';
import { logger } from '#app/logger.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import { markBounced } from '#usecases/workflow/mark-bounced.ts';

const deps = composeDeps({ ...store });

/** The fields of an SES event (or of a classic SES notification) read here. */
const SesEventMessage = z.object({
  notificationType: z.optional(z.string()),
  eventType: z.optional(z.string()),
  mail: z.optional(z.object({ tags: z.optional(z.record(z.string(), z.array(z.string()))) })),
  bounce: z.optional(z.object({ bounceType: z.optional(z.string()) })),
});

function sesEventOf(message: string) {
  try {
    return SesEventMessage.safeParse(JSON.parse(message));
  } catch {
    return { success: false as const };
  }
}

export const handler = lambdaHandler<SNSEvent, void>(async (event) => {
  for (const record of event.Records) {
    const parsed = sesEventOf(record.Sns.Message);
    if (!parsed.success) {
      logger.warn('SES event is not one we read', { messageId: record.Sns.MessageId });
      continue;
    }
    const n = parsed.data;
    const what = n.eventType ?? n.notificationType;
    // Only permanent bounces mean the address is wrong; transient ones are retried by SES.
    if (what !== 'Complaint' && !(what === 'Bounce' && n.bounce?.bounceType !== 'Transient')) continue;
    const caseId = n.mail?.tags?.caseId?.[0];
    if (!caseId) continue;
    await markBounced(deps(), caseId, what, n.mail?.tags?.kind?.[0]);
  }
});
