/**
 * GET /: the request page. A patient (or someone for them) asks for a second opinion; the page
 * checks every field before sending, maps the API's 400 `details` back to the fields, creates the
 * case with POST /cases and opens the case page with the patient's token in the fragment.
 */
import type { Language } from '#domain/model.ts';
import { CONSULTATION_TYPES } from '#domain/model.ts';
import { LOCALES } from '#presentation/formats.ts';
import { dictionary } from '#presentation/i18n/index.ts';
import { html, type Raw, raw } from './html.ts';
import { page, pageCsp } from './page.ts';

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

/** A labelled input; its id is the API path with dots as dashes, so a 400's details find it. */
function field(path: string, label: string, o: FieldOptions = {}): Raw {
  const id = path.replace(/\./g, '-');
  const hintId = o.hint ? `${id}-hint` : '';
  return html`<div class="field">
<label for="${id}">${label}${o.optional ? '' : raw(' <span aria-hidden="true">*</span>')}</label>
${o.hint ? html`<p class="hint muted" id="${hintId}">${o.hint}</p>` : ''}
<input id="${id}" name="${path}" type="${o.type ?? 'text'}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.optional ? '' : raw(' required aria-required="true"')}${hintId ? html` aria-describedby="${hintId}"` : ''}>
</div>`;
}

function countrySelect(
  path: string,
  label: string,
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
  const t = dictionary(lang).patient;
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
.choice input{margin-top:.3rem;flex:none;width:1.25rem;height:1.25rem}
.field-error{color:#a61b1b;font-weight:600;margin:.25rem 0}
#error-summary ul{margin:.25rem 0 0;padding-left:1.25rem}
#error-summary a{color:#a61b1b;font-weight:600}
.privacy{max-height:12rem;overflow:auto;font-size:.95rem;border:1px solid #d5dae0;border-radius:6px;padding:.5rem .75rem;background:#fafbfc}
.actions{margin:1.5rem 0}
`;

/** The request page's script: plain ES2020, no dependencies, strings from the page's JSON island. */
export const REQUEST_SCRIPT = `
const S = JSON.parse(document.getElementById('strings').textContent);
const form = document.getElementById('request');
const summary = document.getElementById('error-summary');
const button = document.getElementById('create');
const $ = (id) => document.getElementById(id);
const fill = (t, v) => t.replace(/\\{(\\w+)\\}/g, (m, k) => (k in v ? String(v[k]) : m));
const idOf = (path) => path.replace(/\\./g, '-');
const labelOf = (id) => {
  const el = $(id);
  if (!el) return '';
  if (el.tagName === 'FIELDSET') return el.querySelector('legend').textContent.trim();
  const l = document.querySelector('label[for="' + id + '"]');
  return l ? l.textContent.replace('*', '').trim() : id;
};
function toggle(sectionId, on) {
  const s = $(sectionId);
  s.hidden = !on;
  for (const el of s.querySelectorAll('input,select')) el.disabled = !on;
}
function sync() {
  toggle('requester-section', form.applicant.value === 'other');
  toggle('courier-section', $('courier').checked);
  toggle('update-section', $('update').checked);
}
form.addEventListener('change', sync);
sync();

function clearErrors() {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const d = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.endsWith('-error'));
    if (d.length) el.setAttribute('aria-describedby', d.join(' ')); else el.removeAttribute('aria-describedby');
  }
  summary.hidden = true;
  summary.replaceChildren();
}
function showErrors(errors) {
  const list = document.createElement('ul');
  const seen = new Set();
  for (const e of errors) {
    const key = e.id + '|' + e.message;
    if (seen.has(key)) continue;
    seen.add(key);
    const li = document.createElement('li');
    const target = e.id && $(e.id);
    if (target) {
      const a = document.createElement('a');
      a.href = '#' + e.id;
      a.textContent = e.message;
      a.addEventListener('click', (ev) => { ev.preventDefault(); (target.tagName === 'FIELDSET' ? target.querySelector('input') : target).focus(); });
      li.append(a);
      if (!$(e.id + '-error')) {
        const p = document.createElement('p');
        p.className = 'field-error';
        p.id = e.id + '-error';
        p.textContent = e.message;
        if (target.tagName === 'FIELDSET') target.querySelector('legend').after(p);
        else target.before(p);
        const control = target.tagName === 'FIELDSET' ? target : target;
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', ((control.getAttribute('aria-describedby') || '') + ' ' + p.id).trim());
      }
    } else {
      li.textContent = e.message;
    }
    list.append(li);
  }
  const h = document.createElement('h2');
  h.textContent = S.errorSummary;
  summary.replaceChildren(h, list);
  summary.hidden = false;
  summary.focus();
}

const EMAIL = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/;
const PHONE = /^\\+?[0-9][0-9 ().-]{5,24}$/;
function validate() {
  const errors = [];
  const need = (id) => {
    const el = $(id);
    if (el && !el.disabled && !el.value.trim()) errors.push({ id, message: fill(S.errRequired, { field: labelOf(id) }) });
    return el && !el.disabled ? el.value.trim() : '';
  };
  for (const p of ['patient', 'requester']) {
    if (p === 'requester' && form.applicant.value !== 'other') continue;
    need(p + '-firstName');
    need(p + '-lastName');
    const email = need(p + '-email');
    if (email && !EMAIL.test(email)) errors.push({ id: p + '-email', message: S.errEmail });
    const phone = need(p + '-phone');
    if (phone && !PHONE.test(phone)) errors.push({ id: p + '-phone', message: S.errPhone });
    if (p === 'patient') {
      const dob = need('patient-dateOfBirth');
      const t = Date.parse(dob + 'T00:00:00Z');
      if (dob && (!/^\\d{4}-\\d{2}-\\d{2}$/.test(dob) || Number.isNaN(t) || t > Date.now() || dob < '1900-01-01'))
        errors.push({ id: 'patient-dateOfBirth', message: S.errDate });
      need('patient-country');
    } else {
      need('requester-relationship');
    }
  }
  if (!form.querySelectorAll('input[name=consultationTypes]:checked').length)
    errors.push({ id: 'consultationTypes', message: S.errTypes });
  if ($('courier').checked) for (const f of ['name', 'line1', 'city', 'postalCode', 'country']) need('courierAddress-' + f);
  if ($('update').checked && !$('previousReference').value.trim())
    errors.push({ id: 'previousReference', message: S.errReference });
  if (!$('consent').checked) errors.push({ id: 'consent', message: S.errConsent });
  return errors;
}

function body() {
  const v = (id) => $(id).value.trim();
  const person = (p) => ({ firstName: v(p + '-firstName'), lastName: v(p + '-lastName'), email: v(p + '-email'), phone: v(p + '-phone') });
  const out = {
    patient: { ...person('patient'), dateOfBirth: v('patient-dateOfBirth'), country: v('patient-country') },
    language: form.language.value,
    consultationTypes: [...form.querySelectorAll('input[name=consultationTypes]:checked')].map((c) => c.value),
    courier: $('courier').checked,
  };
  if (form.applicant.value === 'other') out.requester = { ...person('requester'), relationship: v('requester-relationship') };
  if (out.courier) {
    out.courierAddress = {};
    for (const f of ['name', 'line1', 'line2', 'city', 'postalCode', 'region', 'country']) {
      const x = v('courierAddress-' + f);
      if (x) out.courierAddress[f] = x;
    }
  }
  if ($('update').checked) out.previousReference = v('previousReference');
  return out;
}

/** The API's details name fields by path; an unknown path still shows, with the API's words. */
function serverErrors(err) {
  const details = Array.isArray(err.details) ? err.details : [];
  if (err.code === 'previous_case_not_found') return [{ id: 'previousReference', message: S.errNotFoundReference }];
  const out = details.map((d) => {
    const path = String(d.path || '');
    let id = idOf(path);
    if (/^consultationTypes/.test(path)) id = 'consultationTypes';
    if (path === 'courierAddress' || path === 'courier') id = 'courier';
    return $(id) ? { id, message: fill(S.errServerField, { field: labelOf(id) }) } : { id: '', message: err.message };
  });
  return out.length ? out : [{ id: '', message: err.message || S.errServer }];
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors();
  const errors = validate();
  if (errors.length) return showErrors(errors);
  button.disabled = true;
  const label = button.textContent;
  button.textContent = S.creating;
  try {
    const res = await fetch('/cases', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
    const data = await res.json().catch(() => ({}));
    if (res.status === 201 && data.caseId && data.patientToken) {
      sessionStorage.setItem('so.token.' + data.caseId, data.patientToken);
      location.assign('/case/' + encodeURIComponent(data.caseId) + '#token=' + encodeURIComponent(data.patientToken));
      return;
    }
    showErrors(res.status >= 500 || !data.error ? [{ id: '', message: S.errServer }] : serverErrors(data.error));
  } catch {
    showErrors([{ id: '', message: S.errNetwork }]);
  }
  button.disabled = false;
  button.textContent = label;
});
`;

export function requestPage(lang: Language): { body: string; csp: string } {
  const t = dictionary(lang).patient;
  const c = dictionary(lang).codes;
  const other: Language = lang === 'en' ? 'it' : 'en';
  const strings = {
    errorSummary: t.errorSummary,
    errRequired: t.errRequired,
    errEmail: t.errEmail,
    errPhone: t.errPhone,
    errDate: t.errDate,
    errTypes: t.errTypes,
    errConsent: t.errConsent,
    errReference: t.errReference,
    errServerField: t.errServerField,
    errNotFoundReference: t.errNotFoundReference,
    errNetwork: t.errNetwork,
    errServer: t.errServer,
    creating: t.creating,
  };
  const bodyHtml = html`<h1>${t.requestTitle}</h1>
<p>${t.requestIntro}</p>
<p class="notice">${t.priceNote}</p>
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
<p class="notice">${t.proxyNote}</p>
</fieldset>
</section>
<section class="card">
<fieldset>
<legend>${t.patientSection}</legend>
${personFields('patient', lang, 'patient')}
${field('patient.dateOfBirth', t.dateOfBirth, { type: 'date', autocomplete: 'bday' })}
${countrySelect('patient.country', t.country, lang, 'country', lang === 'it' ? 'IT' : '')}
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
<label class="choice"><input type="checkbox" id="courier" name="courier"> ${t.courierLabel}</label>
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
<p class="hint muted" id="update-hint">${t.updateHint}</p>
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
    lang,
    title: t.requestTitle,
    body: bodyHtml,
    script: REQUEST_SCRIPT,
    css: REQUEST_CSS,
    nav: html`<a href="/?lang=${other}" lang="${other}" hreflang="${other}" aria-label="${t.switchLabel}">${t.switchTo}</a>`,
  });
  return { body, csp: pageCsp(REQUEST_SCRIPT) };
}

/** JSON inside a <script> data block: `<` escaped so no string can end the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
