/** Email: the SES mailer and the notifier that writes every notice (with all the email words) through it. */
import { sesClient } from '#adapters/clients/ses.ts';
import { EmailNotifier } from '#adapters/email-notifier.ts';
import { SesMailer } from '#adapters/ses.ts';
import type { Deps, Wiring } from '../compose.ts';
import { siteOf } from '../site.ts';

export const email: Wiring<'mailer' | 'notifier'> = {
  mailer: (c) => new SesMailer(sesClient(), c.SENDER_EMAIL, c.SES_CONFIGURATION_SET, c.OFFICE_EMAIL),
  // After the mailer: the notifier always sends through the mailer in use (a test's fake one).
  notifier: (c, built) => new EmailNotifier(built.mailer as Deps['mailer'], siteOf(c)),
};
