/**
 * Email for a function whose requests seldom send (ActionLinks: most are page views, mail scanners'
 * too): the same mailer, and a notifier whose renderer and words (what `load` imports) come on the
 * first notice, a chunk of the bundle apart, instead of with every cold start. A load that fails is
 * tried again on the next notice. Apart from ./email.ts, which imports the notifier up front.
 */
import type { EmailCatalogue } from '#presentation/emails/content.ts';
import type { NoticeKind, Notifier } from '#usecases/notices.ts';
import type { Deps, Wiring } from '../compose.ts';
import { siteOf } from '../site.ts';
import { mailer } from './mailer.ts';

export function emailOnFirstNotice<K extends NoticeKind>(
  load: () => Promise<EmailCatalogue<K>>,
): Wiring<'mailer' | 'notifier', K> {
  return {
    ...mailer,
    notifier: (c, built) => {
      let loading: Promise<Notifier<K>> | undefined;
      const loaded = async () => {
        const [{ EmailNotifier }, emails] = await Promise.all([
          import('#adapters/email-notifier.ts'),
          load(),
        ]);
        return new EmailNotifier(built.mailer as Deps['mailer'], siteOf(c), emails);
      };
      return {
        notify: async (notice) => {
          loading ??= loaded().catch((err: unknown) => {
            loading = undefined;
            throw err;
          });
          await (await loading).notify(notice);
        },
      };
    },
  };
}
