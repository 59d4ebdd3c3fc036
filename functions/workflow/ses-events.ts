/**
 * SES bounce and complaint events (SNS) of the configuration set: the email's tags name the case,
 * which is marked emailBounced so staff reach the patient another way, with an audit event.
 */
import type { SNSEvent } from 'aws-lambda';
import { deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { markBounced } from '#usecases/workflow/mark-bounced.ts';

interface SesNotification {
  notificationType?: string;
  eventType?: string;
  mail?: { tags?: Record<string, string[]> };
  bounce?: { bounceType?: string };
}

export async function handler(event: SNSEvent): Promise<void> {
  for (const record of event.Records) {
    let n: SesNotification;
    try {
      n = JSON.parse(record.Sns.Message) as SesNotification;
    } catch {
      logger.warn('SES event is not JSON', { messageId: record.Sns.MessageId });
      continue;
    }
    const what = n.eventType ?? n.notificationType;
    // Only permanent bounces mean the address is wrong; transient ones are retried by SES.
    if (what !== 'Complaint' && !(what === 'Bounce' && n.bounce?.bounceType !== 'Transient')) continue;
    const caseId = n.mail?.tags?.caseId?.[0];
    if (!caseId) continue;
    await markBounced(deps(), caseId, what, n.mail?.tags?.kind?.[0]);
  }
}
