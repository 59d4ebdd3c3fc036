/**
 * The Notifier as email: picks each recipient's address and language (a person reads the case's
 * language, staff their first language, the office English, a secretariat Italian), renders the
 * notice in it and sends it, one email per reader, tagged with its kind and case.
 */
import type { Language } from '#domain/model.ts';
import type { EmailCatalogue, Site } from '#presentation/emails/content.ts';
import { renderNotice } from '#presentation/emails/render.ts';
import { emailWords } from '#presentation/i18n/email-words.ts';
import type { Notice, NoticeKind, Notifier, Recipient } from '#usecases/notices.ts';
import type { Mailer } from './ses.ts';

const OFFICE_LANGUAGE: Language = 'en';
const SECRETARIAT_LANGUAGE: Language = 'it';

/** Writes the notices of the kinds in its catalogue (the emails its function sends). */
export class EmailNotifier<K extends NoticeKind> implements Notifier<K> {
  constructor(
    private readonly mailer: Mailer,
    private readonly site: Site,
    private readonly emails: EmailCatalogue<K>,
  ) {}

  private reader(to: Recipient): { email: string; name: string; language: Language } {
    switch (to.kind) {
      case 'person':
        return { email: to.email, name: to.name, language: to.language };
      case 'staff':
        return { email: to.email, name: to.name, language: to.languages[0] ?? 'en' };
      case 'office':
        return {
          email: this.site.office.email,
          name: emailWords(OFFICE_LANGUAGE).officeName,
          language: OFFICE_LANGUAGE,
        };
      case 'secretariat':
        return {
          email: to.email,
          name: emailWords(SECRETARIAT_LANGUAGE).secretariatName,
          language: SECRETARIAT_LANGUAGE,
        };
    }
  }

  async notify<k extends K>(notice: Notice<k>): Promise<void> {
    const reader = this.reader(notice.to);
    const email = renderNotice(this.emails[notice.kind], notice.data, reader, this.site);
    await this.mailer.send({
      to: [reader.email],
      ...email,
      tags: { kind: notice.kind, ...(notice.caseId ? { caseId: notice.caseId } : {}) },
    });
  }
}
