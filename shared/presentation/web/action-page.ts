/**
 * The pages of action links: a confirmation page holding one form, the result of acting, and the
 * friendly refusals (unknown, expired, already decided, moved on). In the recipient's language.
 */

import type { Language } from '#domain/model.ts';
import { isDocumentType } from '#domain/taxonomy.ts';
import { money, siteTime } from '#presentation/formats.ts';
import { additionalName, dictionary } from '#presentation/i18n/index.ts';
import type { ActResult } from '#usecases/links/act-on-link.ts';
import type { LinkSummary } from '#usecases/links/link-summary.ts';
import type { DecidedBy } from '#usecases/links/resolve-link.ts';
import { html, type Raw } from './html.ts';
import { page, pageCsp } from './page.ts';
import { reportUploadScript } from './scripts.ts';

/** A document type in the reader's words (the code itself when it is not one we know). */
function typeLabel(lang: Language, type: string | undefined): string | undefined {
  return type && isDocumentType(type) ? dictionary(lang).codes.documentTypes[type] : type;
}

function byName(lang: Language, by: DecidedBy): string {
  return 'role' in by ? dictionary(lang).staff.roles[by.role] : by.name;
}

function message(lang: Language, [title, body]: readonly string[]): { body: string; csp: string } {
  return {
    body: page({
      lang,
      title: title ?? '',
      body: html`<h1>${title}</h1><div class="card"><p>${body}</p></div>`,
    }),
    csp: pageCsp(),
  };
}

/** A refusal or the result of a POST, with its status code. */
export function resultPage(result: ActResult): { status: number; page: { body: string; csp: string } } {
  switch (result.kind) {
    case 'invalid':
      return { status: 404, page: message('en', dictionary('en').staff.invalid) };
    case 'expired':
      return { status: 410, page: message(result.language, dictionary(result.language).staff.expired) };
    case 'closed':
      return { status: 410, page: message(result.language, dictionary(result.language).staff.closed) };
    case 'superseded':
      return { status: 410, page: message(result.language, dictionary(result.language).staff.superseded) };
    case 'decided': {
      const t = dictionary(result.language).staff;
      const what = t.decisions[result.decision]?.[0] ?? result.decision;
      const at = result.at ? siteTime(result.at, result.language) : '';
      return {
        status: 409,
        page: message(result.language, t.decided(byName(result.language, result.by), what, at)),
      };
    }
    case 'done':
      return { status: 200, page: message(result.language, dictionary(result.language).staff.done) };
  }
}

function problemText(lang: Language, code: string): string {
  const problems = dictionary(lang).staff.problems;
  const key = /^report_(not_pdf|encrypted|corrupt|too_many_pages|empty|too_large)$/.test(code)
    ? 'report_pdf'
    : code;
  return problems[key] ?? problems.unknown!;
}

/** The confirmation page of an open link: what is asked, a short summary, one form. */
export function confirmPage(
  lang: Language,
  decision: string,
  summary: LinkSummary,
  /** The code of a problem with the last POST, shown in the page's language. */
  problem?: string,
): { body: string; csp: string } {
  const t = dictionary(lang).staff;
  const codes = dictionary(lang).codes;
  const [title, intro, button] = t.decisions[decision] ?? [decision, '', 'OK'];
  const facts: [string, string][] = [
    [t.reference, summary.reference],
    [
      t.types,
      summary.consultationTypes
        .map((c) => codes.consultationTypes[c as keyof typeof codes.consultationTypes] ?? c)
        .join(', '),
    ],
    ...(summary.dueAt ? ([[t.due, siteTime(summary.dueAt, lang)]] as [string, string][]) : []),
  ];
  if (summary.amountCents !== undefined && decision === 'confirm_payment')
    facts.push([t.amount, money(summary.amountCents, lang)]);
  if (summary.candidate) facts.push([t.candidate, summary.candidate]);
  const docs = summary.documents.length
    ? html`<h2>${t.documents}</h2><ul>${summary.documents.map((d) => html`<li>${d.fileName} <span class="muted">(${typeLabel(lang, d.documentType) ?? t.unclassified})</span></li>`)}</ul>`
    : '';
  const additional =
    summary.additional && (decision === 'approve' || decision === 'decline')
      ? html`<div class="card"><h2>${t.proposed}</h2><p><strong>${additionalName(summary.additional.consultation, lang)}</strong> – ${money(summary.additional.amountCents, lang)}</p><p>${t.reason}: ${summary.additional.reason}</p></div>`
      : '';
  let fields: Raw | string = '';
  let script: string | undefined;
  switch (decision) {
    case 'request_documents':
      fields = html`<label for="documents">${t.documentsToList}</label><textarea id="documents" name="documents" rows="6" required></textarea>`;
      break;
    case 'reject':
      fields = html`<label for="reason">${t.reason}</label><textarea id="reason" name="reason" rows="3"></textarea>`;
      break;
    case 'request_additional':
      fields = html`<label for="consultation">${t.consultation}</label><select id="consultation" name="consultation" required>${Object.entries(summary.prices ?? {}).map(([k, cents]) => html`<option value="${k}">${additionalName(k, lang)} (${money(cents, lang)})</option>`)}</select>
<label for="reason">${t.reasonForPatient}</label><textarea id="reason" name="reason" rows="4" required></textarea>`;
      break;
    case 'extend':
      fields = html`<label for="workingDays">${t.workingDays}</label><select id="workingDays" name="workingDays" required>${[1, 2, 3, 4, 5].map((n) => html`<option value="${n}">${n}</option>`)}</select>
<label for="reason">${t.extensionReason}</label><select id="reason" name="reason" required>${Object.entries(codes.extensionReasons).map(([k, words]) => html`<option value="${k}">${words}</option>`)}</select>`;
      break;
    case 'confirm_payment':
      // Pre-filled with the amount asked and today: the office corrects what the bank shows.
      fields = html`<label for="amount">${t.amountReceived}</label><input id="amount" name="amount" inputmode="decimal" required value="${summary.amountCents !== undefined ? money(summary.amountCents, lang) : ''}">
<label for="valueDate">${t.valueDate}</label><input id="valueDate" name="valueDate" type="date" required value="${summary.today ?? ''}">`;
      break;
    case 'release':
      fields = html`<label for="report">${t.file}</label><input id="report" type="file" accept="application/pdf" required><input type="hidden" name="reportId" value=""><progress id="progress" max="100" value="0" aria-labelledby="status" hidden></progress><p id="status" class="muted" role="status"></p>`;
      script = reportUploadScript();
      break;
  }
  const form =
    decision === 'view'
      ? ''
      : decision === 'documents'
        ? html`<ul>${summary.documents.map((d) => html`<li><a href="${d.url ?? ''}">${d.fileName}</a> <span class="muted">(${typeLabel(lang, d.documentType) ?? t.unclassified})</span></li>`)}</ul>`
        : html`<form method="post" class="card" data-uploading="${t.uploading}" data-failed="${t.uploadFailed}">
${fields}
<label for="note">${t.note}</label><textarea id="note" name="note" rows="2"></textarea>
<p><button type="submit"${decision === 'reject' || decision === 'decline' ? html` class="danger"` : ''}>${button}</button></p>
</form>`;
  const body = html`<h1>${title}</h1>
${problem ? html`<p class="error" role="alert">${t.problem} ${problemText(lang, problem)}</p>` : ''}
<p>${intro}</p>
<div class="card"><table>${facts.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</table></div>
${additional}
${decision === 'documents' ? '' : docs}
${form}`;
  return { body: page({ lang, title, body, ...(script ? { script } : {}) }), csp: pageCsp(script) };
}
