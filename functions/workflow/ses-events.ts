/**
 * SES bounce and complaint events (SNS) of the configuration set: the email's tags name the case,
 * which is marked emailBounced so staff reach the patient another way, with an audit event.
 */
import type { SNSEvent } from 'aws-lambda';
import { deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { ConflictError } from '#usecases/ports.ts';

interface SesNotification {
  notificationType?: string;
  eventType?: string;
  mail?: { tags?: Record<string, string[]> };
  bounce?: { bounceType?: string };
}

async function markBounced(caseId: string, what: string, kind: string | undefined): Promise<void> {
  const d = deps();
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await d.store.getCase(caseId);
    if (!c) return;
    try {
      if (!c.emailBounced) {
        await d.store.updateCase(caseId, c.version, {
          emailBounced: true,
          updatedAt: d.clock.now().toISOString(),
        });
      }
      await d.store.appendEvent({
        caseId,
        at: d.clock.now().toISOString(),
        actor: 'system',
        action: what === 'Complaint' ? 'email_complaint' : 'email_bounced',
        details: { kind },
      });
      return;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  throw new ConflictError(`case ${caseId} kept changing`);
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
    await markBounced(caseId, what, n.mail?.tags?.kind?.[0]);
  }
}
