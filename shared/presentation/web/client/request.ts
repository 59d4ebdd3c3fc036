/**
 * The request page's script (GET /): shows the sections the answers call for, checks every field
 * before sending, maps the API's 400 `details` back to the fields, creates the case with
 * POST /cases and opens the case page with the patient's token in the fragment. Its words come in
 * the page's JSON island, in the page's language.
 */
import {
  codiceFiscaleMatchesBirthDate,
  isValidCodiceFiscale,
  normaliseCodiceFiscale,
} from '#domain/codice-fiscale.ts';
import { fill } from '#presentation/formats.ts';
import { PRIVACY_NOTICE_VERSION } from '#presentation/i18n/privacy.ts';
import type { CreateCaseResponse } from '#usecases/patient/views.ts';
import { byId, type ErrorBody, readIsland } from './dom.ts';
import { PREFILL_KEY, type RequestStrings } from './islands.ts';

interface FieldError {
  /** The id of the field or fieldset, '' for a problem of the whole form. */
  id: string;
  message: string;
}

const S = readIsland<RequestStrings>('strings');
const form = byId<HTMLFormElement>('request');
const summary = byId('error-summary');
const button = byId<HTMLButtonElement>('create');
const find = (id: string) => document.getElementById(id);
const idOf = (path: string) => path.replace(/\./g, '-');
/** The value of a radio group or select by name. */
const choice = (name: string) => (form.elements.namedItem(name) as RadioNodeList | HTMLSelectElement).value;
const checked = (id: string) => byId<HTMLInputElement>(id).checked;

function labelOf(id: string): string {
  const el = find(id);
  if (!el) return '';
  if (el.tagName === 'FIELDSET') return el.querySelector('legend')?.textContent?.trim() ?? '';
  const l = document.querySelector(`label[for="${id}"]`);
  return l ? (l.textContent ?? '').replace('*', '').trim() : id;
}

/** A hidden section's fields are disabled, so neither the checks nor the browser look at them. */
function toggle(sectionId: string, on: boolean): void {
  const s = byId(sectionId);
  s.hidden = !on;
  for (const el of s.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input,select'))
    el.disabled = !on;
}
function sync(): void {
  toggle('requester-section', choice('applicant') === 'other');
  toggle('courier-section', checked('courier'));
  toggle('update-section', checked('update'));
}
form.addEventListener('change', sync);

/**
 * An additional second opinion started from a released case: `?update=REF` ticks the update and
 * fills in its reference; the case page left the patient's details in this tab (taken once).
 */
function prefill(): void {
  const reference = new URLSearchParams(location.search).get('update');
  if (reference) {
    byId<HTMLInputElement>('update').checked = true;
    byId<HTMLInputElement>('previousReference').value = reference.slice(0, 40);
  }
  const stored = sessionStorage.getItem(PREFILL_KEY);
  sessionStorage.removeItem(PREFILL_KEY);
  if (!reference || !stored) return;
  try {
    for (const [k, v] of Object.entries(JSON.parse(stored) as Record<string, unknown>)) {
      const el = find(`patient-${k}`) as HTMLInputElement | HTMLSelectElement | null;
      if (el && typeof v === 'string') el.value = v;
    }
  } catch {
    // Nothing usable was left: the form stays empty.
  }
}
prefill();
sync();

function clearErrors(): void {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid], [aria-describedby]')) {
    el.removeAttribute('aria-invalid');
    const d = (el.getAttribute('aria-describedby') || '')
      .split(' ')
      .filter((x) => x && !x.endsWith('-error'));
    if (d.length) el.setAttribute('aria-describedby', d.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  summary.hidden = true;
  summary.replaceChildren();
}

/** Where the focus goes for a field in error: the field, or a group's first choice. */
function focusable(target: HTMLElement): HTMLElement | null {
  return target.tagName === 'FIELDSET' ? target.querySelector('input') : target;
}

/** Errors of the whole form first, then the fields' in the order of the page. */
function inPageOrder(errors: FieldError[]): FieldError[] {
  const at = (e: FieldError) => (e.id ? find(e.id) : null);
  return [...errors].sort((a, b) => {
    const x = at(a);
    const y = at(b);
    if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

/**
 * The error summary at the top (announced), each entry a link to its field; each message above
 * its field (above a checkbox's whole row), tied to it by aria-describedby, the field marked
 * aria-invalid (a group's choices, for a group); the focus on the first field in error.
 */
function showErrors(unordered: FieldError[]): void {
  const errors = inPageOrder(unordered);
  const list = document.createElement('ul');
  const seen = new Set<string>();
  let first: HTMLElement | null = null;
  for (const e of errors) {
    const key = `${e.id}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const li = document.createElement('li');
    const target = e.id ? find(e.id) : null;
    if (target) {
      const a = document.createElement('a');
      a.href = `#${e.id}`;
      a.textContent = e.message;
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        focusable(target)?.focus();
      });
      li.append(a);
      first ??= focusable(target);
      if (!find(`${e.id}-error`)) {
        const p = document.createElement('p');
        p.className = 'field-error';
        p.id = `${e.id}-error`;
        p.textContent = e.message;
        const group = target.tagName === 'FIELDSET';
        if (group) target.querySelector('legend')?.after(p);
        else (target.closest('label.choice') ?? target).before(p);
        for (const el of group ? target.querySelectorAll('input') : [target])
          el.setAttribute('aria-invalid', 'true');
        target.setAttribute(
          'aria-describedby',
          `${target.getAttribute('aria-describedby') || ''} ${p.id}`.trim(),
        );
      }
    } else {
      li.textContent = e.message;
    }
    list.append(li);
  }
  const title = document.createElement('h2');
  title.textContent = S.errorSummary;
  summary.replaceChildren(title, list);
  summary.hidden = false;
  (first ?? summary).focus();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,24}$/;

function validate(): FieldError[] {
  const errors: FieldError[] = [];
  /** The field's trimmed value; an empty enabled field is an error. */
  const need = (id: string): string => {
    const el = find(id) as HTMLInputElement | null;
    if (el && !el.disabled && !el.value.trim())
      errors.push({ id, message: fill(S.errRequired, { field: labelOf(id) }) });
    return el && !el.disabled ? el.value.trim() : '';
  };
  for (const p of ['patient', 'requester']) {
    if (p === 'requester' && choice('applicant') !== 'other') continue;
    need(`${p}-firstName`);
    need(`${p}-lastName`);
    // The patient's email may be left out when someone applies for them: that person reads every email.
    const optionalEmail = p === 'patient' && choice('applicant') === 'other';
    const email = optionalEmail ? byId<HTMLInputElement>('patient-email').value.trim() : need(`${p}-email`);
    if (email && !EMAIL.test(email)) errors.push({ id: `${p}-email`, message: S.errEmail });
    const phone = need(`${p}-phone`);
    if (phone && !PHONE.test(phone)) errors.push({ id: `${p}-phone`, message: S.errPhone });
    if (p === 'patient') {
      const dob = need('patient-dateOfBirth');
      const t = Date.parse(`${dob}T00:00:00Z`);
      if (
        dob &&
        (!/^\d{4}-\d{2}-\d{2}$/.test(dob) || Number.isNaN(t) || t > Date.now() || dob < '1900-01-01')
      )
        errors.push({ id: 'patient-dateOfBirth', message: S.errDate });
      const country = need('patient-country');
      // Asked of residents of Italy for their receipts; checked to its last character.
      const taxCode = normaliseCodiceFiscale(byId<HTMLInputElement>('patient-taxCode').value);
      if (!taxCode && country === 'IT') errors.push({ id: 'patient-taxCode', message: S.errTaxCodeNeeded });
      else if (taxCode && !isValidCodiceFiscale(taxCode))
        errors.push({ id: 'patient-taxCode', message: S.errTaxCode });
      else if (taxCode && dob && !codiceFiscaleMatchesBirthDate(taxCode, dob))
        errors.push({ id: 'patient-taxCode', message: S.errTaxCodeBirth });
    } else {
      need('requester-relationship');
    }
  }
  if (!form.querySelectorAll('input[name=consultationTypes]:checked').length)
    errors.push({ id: 'consultationTypes', message: S.errTypes });
  if (checked('courier'))
    for (const f of ['name', 'line1', 'city', 'postalCode', 'country']) need(`courierAddress-${f}`);
  if (checked('update') && !byId<HTMLInputElement>('previousReference').value.trim())
    errors.push({ id: 'previousReference', message: S.errReference });
  if (!checked('consent')) errors.push({ id: 'consent', message: S.errConsent });
  return errors;
}

/** The body of POST /cases from the form. */
function body(): Record<string, unknown> {
  const v = (id: string) => byId<HTMLInputElement>(id).value.trim();
  const person = (p: string) => ({
    firstName: v(`${p}-firstName`),
    lastName: v(`${p}-lastName`),
    email: v(`${p}-email`),
    phone: v(`${p}-phone`),
  });
  const courier = checked('courier');
  const taxCode = normaliseCodiceFiscale(v('patient-taxCode'));
  const patient = {
    ...person('patient'),
    dateOfBirth: v('patient-dateOfBirth'),
    country: v('patient-country'),
    ...(taxCode ? { taxCode } : {}),
  };
  const { email: patientEmail, ...withoutEmail } = patient;
  const out: Record<string, unknown> = {
    patient: patientEmail ? patient : withoutEmail,
    // The box was ticked (validate): the server records this version of the notice, when and by whom.
    consent: { version: PRIVACY_NOTICE_VERSION, accepted: true },
    language: choice('language'),
    consultationTypes: [
      ...form.querySelectorAll<HTMLInputElement>('input[name=consultationTypes]:checked'),
    ].map((c) => c.value),
    courier,
  };
  if (choice('applicant') === 'other')
    out.requester = { ...person('requester'), relationship: v('requester-relationship') };
  if (courier) {
    const address: Record<string, string> = {};
    for (const f of ['name', 'line1', 'line2', 'city', 'postalCode', 'region', 'country']) {
      const x = v(`courierAddress-${f}`);
      if (x) address[f] = x;
    }
    out.courierAddress = address;
  }
  if (checked('update')) out.previousReference = v('previousReference');
  return out;
}

/** The API's details name fields by path; an unknown path still shows, with the API's words. */
function serverErrors(err: NonNullable<ErrorBody['error']>): FieldError[] {
  const details = Array.isArray(err.details) ? (err.details as { path?: unknown }[]) : [];
  if (err.code === 'previous_case_not_found')
    return [{ id: 'previousReference', message: S.errNotFoundReference }];
  if (err.code === 'previous_case_not_released')
    return [{ id: 'previousReference', message: S.errPreviousNotReleased }];
  if (err.code === 'previous_case_too_old')
    return [{ id: 'previousReference', message: S.errPreviousTooOld }];
  if (err.code === 'too_many_requests') return [{ id: '', message: S.errTooMany }];
  const out = details.map((d): FieldError => {
    const path = String(d.path || '');
    let id = idOf(path);
    if (/^consultationTypes/.test(path)) id = 'consultationTypes';
    if (path === 'courierAddress' || path === 'courier') id = 'courier';
    return find(id)
      ? { id, message: fill(S.errServerField, { field: labelOf(id) }) }
      : { id: '', message: err.message ?? '' };
  });
  return out.length ? out : [{ id: '', message: err.message || S.errServer }];
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors();
  const errors = validate();
  if (errors.length) {
    showErrors(errors);
    return;
  }
  button.disabled = true;
  const label = button.textContent;
  button.textContent = S.creating;
  try {
    const res = await fetch('/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body()),
    });
    const data = (await res.json().catch(() => ({}))) as Partial<CreateCaseResponse> & ErrorBody;
    if (res.status === 201 && data.caseId && data.patientToken) {
      sessionStorage.setItem(`so.token.${data.caseId}`, data.patientToken);
      location.assign(
        `/case/${encodeURIComponent(data.caseId)}#token=${encodeURIComponent(data.patientToken)}`,
      );
      return;
    }
    showErrors(
      res.status >= 500 || !data.error ? [{ id: '', message: S.errServer }] : serverErrors(data.error),
    );
  } catch {
    showErrors([{ id: '', message: S.errNetwork }]);
  }
  button.disabled = false;
  button.textContent = label;
});
