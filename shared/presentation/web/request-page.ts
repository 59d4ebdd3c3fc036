/**
 * GET /: the request page. A patient (or someone for them) asks for a second opinion; the page
 * checks every field before sending, maps the API's 400 `details` back to the fields, creates the
 * case with POST /cases and opens the case page with the patient's token in the fragment (its
 * script is client/request.ts; its words travel in the page's JSON island).
 */
import type { Language } from '#domain/model.ts';
import { CONSULTATION_TYPES } from '#domain/model.ts';
import { PRICE_CENTS } from '#domain/pricing.ts';
import type { Site } from '#presentation/emails/content.ts';
import { fill, LOCALES, money } from '#presentation/formats.ts';
import { codeWords } from '#presentation/i18n/code-words.ts';
import { patientWords } from '#presentation/i18n/patient-words.ts';
import { REQUEST_STRING_KEYS, type RequestStrings } from './client/islands.ts';
import { html, type Raw, raw } from './html.ts';
import { page, pageCsp } from './page.ts';
import { requestScript } from './scripts.ts';

/** ISO 3166-1 alpha-2 codes that name a country or territory (not the EU, the UN, or user-assigned codes). */
const NOT_COUNTRIES = new Set(['AA', 'EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', 'XK']);

const countryCache = new Map<Language, { code: string; name: string }[]>();

/** Countries by ISO code, named and sorted in the page language (built once per language). */
export function countryOptions(lang: Language): { code: string; name: string }[] {
  const cached = countryCache.get(lang);
  if (cached) return cached;
  const names = new Intl.DisplayNames([LOCALES[lang]], { type: 'region', fallback: 'none' });
  const out: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code) || /^(Q[M-Z]|X[A-Z])$/.test(code)) continue;
      const name = names.of(code);
      if (name && name !== code) out.push({ code, name });
    }
  }
  const collator = new Intl.Collator(LOCALES[lang]);
  out.sort((x, y) => collator.compare(x.name, y.name));
  countryCache.set(lang, out);
  return out;
}

interface FieldOptions {
  type?: string;
  autocomplete?: string;
  hint?: string;
  optional?: boolean;
  inputmode?: string;
}

/**
 * A labelled input; its id is the API path with dots as dashes, so a 400's details find it. The
 * label is text, or markup whose words the case page's script changes with the language (data-t).
 */
export function field(path: string, label: string | Raw, o: FieldOptions = {}): Raw {
  const id = path.replace(/\./g, '-');
  const hintId = o.hint ? `${id}-hint` : '';
  return html`<div class="field">
<label for="${id}">${label}${o.optional ? '' : raw(' <span aria-hidden="true">*</span>')}</label>
${o.hint ? html`<p class="hint muted" id="${hintId}">${o.hint}</p>` : ''}
<input id="${id}" name="${path}" type="${o.type ?? 'text'}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.optional ? '' : raw(' required aria-required="true"')}${hintId ? html` aria-describedby="${hintId}"` : ''}>
</div>`;
}

export function countrySelect(
  path: string,
  label: string | Raw,
  lang: Language,
  autocomplete: string,
  preselect = '',
): Raw {
  const id = path.replace(/\./g, '-');
  return html`<div class="field">
<label for="${id}">${label} <span aria-hidden="true">*</span></label>
<select id="${id}" name="${path}" required aria-required="true" autocomplete="${autocomplete}">
<option value="">—</option>
${countryOptions(lang).map((c) => html`<option value="${c.code}"${c.code === preselect ? raw(' selected') : ''}>${c.name}</option>`)}
</select>
</div>`;
}

function personFields(
  prefix: 'patient' | 'requester',
  lang: Language,
  section: 'patient' | 'requester',
): Raw {
  const t = patientWords(lang);
  const ac = section === 'patient' ? '' : 'section-requester ';
  return html`${field(`${prefix}.firstName`, t.firstName, { autocomplete: `${ac}given-name` })}
${field(`${prefix}.lastName`, t.lastName, { autocomplete: `${ac}family-name` })}
${field(`${prefix}.email`, t.email, { type: 'email', autocomplete: `${ac}email`, hint: t.emailHint })}
${field(`${prefix}.phone`, t.phone, { type: 'tel', autocomplete: `${ac}tel`, hint: t.phoneHint, inputmode: 'tel' })}`;
}

export const REQUEST_CSS = `
fieldset{border:0;padding:0;margin:0}
legend{font-weight:700;font-size:1.1rem;padding:0;margin:0 0 .25rem}
.hint{margin:.1rem 0 .3rem;font-size:.95rem}
.choice{display:flex;align-items:flex-start;gap:.25rem;margin:.5rem 0;font-weight:400}
.choice input{margin-top:.1rem;flex:none;width:1.5rem;height:1.5rem}
.field-error{color:#a61b1b;font-weight:600;margin:.25rem 0}
#error-summary ul{margin:.25rem 0 0;padding-left:1.25rem}
#error-summary a{color:#a61b1b;font-weight:600;display:inline-block;padding:.25rem 0}
.privacy{max-height:12rem;overflow:auto;font-size:.95rem;border:1px solid #d5dae0;border-radius:6px;padding:.5rem .75rem;background:#fafbfc}
.actions{margin:1.5rem 0}
`;

export function requestPage(lang: Language, site: Site): { body: string; csp: string } {
  const t = patientWords(lang);
  const c = codeWords(lang);
  const other: Language = lang === 'en' ? 'it' : 'en';
  // The prices from the price list, in the page's money format.
  const prices = {
    base: money(PRICE_CENTS.base, lang),
    update: money(PRICE_CENTS.update, lang),
    courier: money(PRICE_CENTS.courier, lang),
  };
  const strings = Object.fromEntries(REQUEST_STRING_KEYS.map((k) => [k, t[k]])) as RequestStrings;
  const script = requestScript();
  const bodyHtml = html`<h1>${t.requestTitle}</h1>
<p>${t.requestIntro}</p>
<p class="notice">${fill(t.priceNote, prices)}</p>
<div id="error-summary" class="alert" role="alert" tabindex="-1" hidden></div>
<form id="request" novalidate>
<p class="muted">${t.required}</p>
<section class="card" aria-labelledby="applicant-legend">
<fieldset id="applicant">
<legend id="applicant-legend">${t.applicantSection}</legend>
<label class="choice"><input type="radio" name="applicant" value="self" checked> ${t.applicantSelf}</label>
<label class="choice"><input type="radio" name="applicant" value="other"> ${t.applicantOther}</label>
</fieldset>
</section>
<section class="card" id="requester-section" hidden>
<fieldset>
<legend>${t.requesterSection}</legend>
${personFields('requester', lang, 'requester')}
${field('requester.relationship', t.relationship, { hint: t.relationshipHint })}
<p class="notice">${t.proxyNote} <a href="/forms/proxy-authorization?lang=${lang}" download>${t.proxyDownload}</a></p>
</fieldset>
</section>
<section class="card">
<fieldset>
<legend>${t.patientSection}</legend>
${personFields('patient', lang, 'patient')}
${field('patient.dateOfBirth', t.dateOfBirth, { type: 'date', autocomplete: 'bday' })}
${countrySelect('patient.country', t.country, lang, 'country', lang === 'it' ? 'IT' : '')}
${field('patient.taxCode', t.taxCode, { hint: t.taxCodeHint, optional: true, autocomplete: 'off' })}
<div class="field">
<label for="language">${t.language} <span aria-hidden="true">*</span></label>
<select id="language" name="language" required>
<option value="en"${lang === 'en' ? raw(' selected') : ''}>${c.languageNames.en}</option>
<option value="it"${lang === 'it' ? raw(' selected') : ''}>${c.languageNames.it}</option>
</select>
</div>
</fieldset>
</section>
<section class="card">
<fieldset id="consultationTypes" aria-describedby="consultationTypes-hint">
<legend>${t.typesSection} <span aria-hidden="true">*</span></legend>
<p class="hint muted" id="consultationTypes-hint">${t.typesHint}</p>
${CONSULTATION_TYPES.map((type) => html`<label class="choice"><input type="checkbox" name="consultationTypes" value="${type}" id="type-${type}"> ${c.consultationTypes[type]}</label>`)}
</fieldset>
</section>
<section class="card">
<fieldset>
<legend>${t.courierSection}</legend>
<label class="choice"><input type="checkbox" id="courier" name="courier"> ${fill(t.courierLabel, prices)}</label>
<div id="courier-section" hidden>
${field('courierAddress.name', t.addressName, { autocomplete: 'shipping name' })}
${field('courierAddress.line1', t.addressLine1, { autocomplete: 'shipping address-line1' })}
${field('courierAddress.line2', t.addressLine2, { autocomplete: 'shipping address-line2', optional: true })}
${field('courierAddress.city', t.city, { autocomplete: 'shipping address-level2' })}
${field('courierAddress.postalCode', t.postalCode, { autocomplete: 'shipping postal-code' })}
${field('courierAddress.region', t.region, { autocomplete: 'shipping address-level1', optional: true })}
${countrySelect('courierAddress.country', t.addressCountry, lang, 'shipping country', lang === 'it' ? 'IT' : '')}
</div>
</fieldset>
</section>
<section class="card">
<fieldset>
<legend>${t.updateSection}</legend>
<label class="choice"><input type="checkbox" id="update" name="update" aria-describedby="update-hint"> ${t.updateLabel}</label>
<p class="hint muted" id="update-hint">${fill(t.updateHint, prices)}</p>
<div id="update-section" hidden>
${field('previousReference', t.previousReference, { hint: t.previousReferenceHint })}
</div>
</fieldset>
</section>
<section class="card" aria-labelledby="privacy-title">
<h2 id="privacy-title">${t.privacySection}</h2>
<div class="privacy" tabindex="0" aria-labelledby="privacy-title"><p>${t.privacyText}</p></div>
<label class="choice"><input type="checkbox" id="consent" name="consent" required aria-required="true"> ${t.privacyConsent}</label>
</section>
<p class="actions"><button type="submit" id="create">${t.create}</button></p>
</form>
<script type="application/json" id="strings">${raw(jsonForScript(strings))}</script>`;
  const body = page({
    site,
    lang,
    title: t.requestTitle,
    body: bodyHtml,
    script,
    css: REQUEST_CSS,
    nav: html`<a href="/?lang=${other}" lang="${other}" hreflang="${other}" aria-label="${t.switchLabel}">${t.switchTo}</a>`,
  });
  return { body, csp: pageCsp(script) };
}

/** JSON inside a <script> data block: `<` escaped so no string can end the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
