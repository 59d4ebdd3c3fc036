/** The SES mailer every email wiring sends through (./email.ts, ./email-on-first-notice.ts). */
import { sesClient } from '#adapters/clients/ses.ts';
import { SesMailer } from '#adapters/ses.ts';
import type { Wiring } from '../compose.ts';

export const mailer: Wiring<'mailer'> = {
  mailer: (c) => new SesMailer(sesClient(), c.SENDER_EMAIL, c.SES_CONFIGURATION_SET, c.OFFICE_EMAIL),
};
