/** Sends a rendered email through SES, tagged so bounce and complaint events find their case. */
import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';

export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Tags SES carries to bounce and complaint events, so a bounce finds its case. */
  tags?: Record<string, string>;
}

/** Where rendered emails go: SES, or a fake in tests. */
export interface Mailer {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly sender: string,
    private readonly configurationSet: string,
    /** Where replies go: the office, never the no-reply sender. */
    private readonly replyTo: string,
  ) {}

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const out = await this.ses.send(
      new SendEmailCommand({
        Source: this.sender,
        ReplyToAddresses: [this.replyTo],
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
