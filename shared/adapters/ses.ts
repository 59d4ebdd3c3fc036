import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { EmailMessage, Mailer } from '#usecases/ports.ts';

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly sender: string,
    private readonly configurationSet: string,
  ) {}

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const out = await this.ses.send(
      new SendEmailCommand({
        Source: this.sender,
        Destination: { ToAddresses: message.to },
        Message: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: message.html, Charset: 'UTF-8' },
          },
        },
        ConfigurationSetName: this.configurationSet,
        Tags: Object.entries(message.tags ?? {}).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
    return { messageId: out.MessageId ?? '' };
  }
}
