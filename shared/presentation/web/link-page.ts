/**
 * GET and POST /link: "send me my link". A plain form (no script: it works on any phone) with the
 * reference, the patient's date of birth and the reader's email; after a send the page says the
 * same thing whether or not anything matched. Errors are tied to their fields.
 */
import type { Language } from '#domain/model.ts';
import type { Site } from '#presentation/emails/content.ts';
import { patientWords } from '#presentation/i18n/patient-words.ts';
import { html, type Raw } from './html.ts';
import { page, pageCsp } from './page.ts';

export type LinkField = 'reference' | 'dateOfBirth' | 'email';

export interface LinkPageState {
  /** form: nothing sent yet; sent: the same answer for a match or none; limited: past the rate limit. */
  outcome: 'form' | 'sent' | 'limited';
  values?: Partial<Record<LinkField, string>>;
  /** Fields that failed their check, with the message for each. */
  errors?: Partial<Record<LinkField, string>>;
}

export function linkPage(lang: Language, site: Site, state: LinkPageState = { outcome: 'form' }) {
  const t = patientWords(lang);
  const other: Language = lang === 'en' ? 'it' : 'en';
  const errors = state.errors ?? {};
  const values = state.values ?? {};
  const field = (name: LinkField, label: string, type: string, autocomplete: string): Raw => {
    const error = errors[name];
    return html`<div class="field">
<label for="${name}">${label} <span aria-hidden="true">*</span></label>
${error ? html`<p class="error" id="${name}-error">${error}</p>` : ''}
<input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" required aria-required="true" value="${values[name] ?? ''}"${error ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
</div>`;
  };
  const invalid = Object.keys(errors).length > 0;
  const message =
    state.outcome === 'sent'
      ? html`<p class="notice" role="status">${t.linkSent}</p>`
      : state.outcome === 'limited'
        ? html`<p class="alert" role="alert">${t.linkLimited}</p>`
        : invalid
          ? html`<p class="alert" role="alert">${t.linkInvalid}</p>`
          : '';
  const body = html`<h1>${t.linkTitle}</h1>
${message}
<form class="card" method="post" action="/link" novalidate>
<p>${t.linkIntro}</p>
<input type="hidden" name="lang" value="${lang}">
${field('reference', t.linkReference, 'text', 'off')}
${field('dateOfBirth', t.dateOfBirth, 'date', 'bday')}
${field('email', t.linkEmail, 'email', 'email')}
<p><button type="submit">${t.linkSubmit}</button></p>
</form>`;
  return {
    body: page({
      site,
      lang,
      title: t.linkTitle,
      body,
      nav: html`<a href="/link?lang=${other}" lang="${other}" hreflang="${other}" aria-label="${t.switchLabel}">${t.switchTo}</a>`,
    }),
    csp: pageCsp(),
  };
}
