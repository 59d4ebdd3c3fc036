/**
 * Email: the SES mailer and the notifier that writes the notices of the kinds it is given (their
 * words in both languages) through it: `email({ case_link })`, `email(EVERY_EMAIL)`. A function
 * that seldom sends loads them on its first notice instead (./email-on-first-notice.ts).
 */
import { EmailNotifier } from '#adapters/email-notifier.ts';
import type { EmailCatalogue } from '#presentation/emails/content.ts';
import type { NoticeKind } from '#usecases/notices.ts';
import type { Deps, Wiring } from '../compose.ts';
import { siteOf } from '../site.ts';
import { mailer } from './mailer.ts';

export function email<K extends NoticeKind>(emails: EmailCatalogue<K>): Wiring<'mailer' | 'notifier', K> {
  return {
    ...mailer,
    // After the mailer: the notifier always sends through the mailer in use (a test's fake one).
    notifier: (c, built) => new EmailNotifier(built.mailer as Deps['mailer'], siteOf(c), emails),
  };
}
