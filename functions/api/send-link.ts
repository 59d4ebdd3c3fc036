/**
 * POST /link (a form post from the "send me my link" page): the same page back, saying the same
 * thing whether or not the details matched a case; the form again with its errors tied to the
 * fields when they are not valid (400), and a plain page past the rate limit (429).
 */
import { composeDeps } from '#app/compose.ts';
import { siteOf } from '#app/site.ts';
import { email } from '#app/wiring/email.ts';
import { rateLimiter, store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import { bodyText, html, httpHandler } from '#http/handler.ts';
import { pickLanguage } from '#http/language.ts';
import { case_link } from '#presentation/i18n/email-words.ts';
import { patientWords } from '#presentation/i18n/patient-words.ts';
import { type LinkField, linkPage } from '#presentation/web/link-page.ts';
import { Refusal } from '#usecases/errors.ts';
import { sendLink } from '#usecases/patient/send-link.ts';

const deps = composeDeps({ ...store, ...rateLimiter, ...email({ case_link }) });

const form = z.object({
  reference: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  dateOfBirth: z.iso.date(),
  email: z.email().check(z.maxLength(254)),
});

export const handler = httpHandler(async (event) => {
  // A form body is at most a few hundred bytes; anything far larger is not our form.
  const params = new URLSearchParams(bodyText(event).slice(0, 4096));
  const lang = pickLanguage(params.get('lang') ?? undefined, event.headers['accept-language']);
  const headers = { 'content-language': lang, 'cache-control': 'no-store' };
  const d = deps();
  const site = siteOf(d.config);
  const values = {
    reference: params.get('reference') ?? '',
    dateOfBirth: params.get('dateOfBirth') ?? '',
    email: (params.get('email') ?? '').trim(),
  };
  const parsed = form.safeParse(values);
  if (!parsed.success) {
    const t = patientWords(lang);
    const words: Record<LinkField, string> = {
      reference: t.errRequired.replace('{field}', t.linkReference),
      dateOfBirth: t.errDate,
      email: t.errEmail,
    };
    const errors: Partial<Record<LinkField, string>> = {};
    for (const issue of parsed.error.issues) {
      const name = issue.path[0] as LinkField;
      errors[name] = words[name];
    }
    return html(400, linkPage(lang, site, { outcome: 'form', values, errors }), headers);
  }
  try {
    await sendLink(d, { ...parsed.data, source: event.requestContext.http.sourceIp });
  } catch (err) {
    if (err instanceof Refusal && err.code === 'too_many_requests') {
      return html(429, linkPage(lang, site, { outcome: 'limited', values }), headers);
    }
    throw err;
  }
  return html(200, linkPage(lang, site, { outcome: 'sent' }), headers);
});
