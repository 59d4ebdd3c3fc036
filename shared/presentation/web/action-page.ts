/**
 * The pages of action links: a confirmation page holding one form, the result of acting, and the
 * friendly refusals (unknown, expired, already decided, moved on). In the recipient's language.
 */

import type { Language } from '#domain/model.ts';
import type { Site } from '#presentation/emails/content.ts';
import { money, siteTime } from '#presentation/formats.ts';
import { additionalName, dictionary } from '#presentation/i18n/index.ts';
import type { ActResult } from '#usecases/links/act-on-link.ts';
import type { LinkSummary } from '#usecases/links/link-summary.ts';
import type { DecidedBy } from '#usecases/links/resolve-link.ts';
import type { StaffCaseView } from '#usecases/links/staff-view.ts';
import { casePanel, PANEL_CSS } from './case-panel.ts';
import { html, type Raw } from './html.ts';
import { page, pageCsp } from './page.ts';
import { reportUploadScript } from './scripts.ts';

function byName(lang: Language, by: DecidedBy): string {
  return 'role' in by ? dictionary(lang).staff.roles[by.role] : by.name;
}

function message(
  lang: Language,
  site: Site,
  [title, body]: readonly string[],
): { body: string; csp: string } {
  return {
    body: page({
      lang,
      site,
      title: title ?? '',
      body: html`<h1>${title}</h1><div class="card"><p>${body}</p></div>`,
    }),
    csp: pageCsp(),
  };
}

/** A document a link cannot open: not of its case, not kept, or the link is the patient's. */
export function unavailablePage(lang: Language, site: Site): { body: string; csp: string } {
  return message(lang, site, dictionary(lang).staff.unavailable);
}

/** A refusal or the result of a POST, with its status code. */
export function resultPage(
  result: ActResult,
  site: Site,
): { status: number; page: { body: string; csp: string } } {
  switch (result.kind) {
    case 'invalid':
      return { status: 404, page: message('en', site, dictionary('en').staff.invalid) };
    case 'expired':
      return { status: 410, page: message(result.language, site, dictionary(result.language).staff.expired) };
    case 'closed':
      return { status: 410, page: message(result.language, site, dictionary(result.language).staff.closed) };
    case 'superseded':
      return {
        status: 410,
        page: message(result.language, site, dictionary(result.language).staff.superseded),
      };
    case 'decided': {
      const t = dictionary(result.language).staff;
      const what = t.decisions[result.decision]?.[0] ?? result.decision;
      const at = result.at ? siteTime(result.at, result.language) : '';
      return {
        status: 409,
        page: message(result.language, site, t.decided(byName(result.language, result.by), what, at)),
      };
    }
    case 'done':
      return { status: 200, page: message(result.language, site, dictionary(result.language).staff.done) };
  }
}

function problemText(lang: Language, code: string): string {
  const problems = dictionary(lang).staff.problems;
  const key = /^report_(not_pdf|encrypted|corrupt|too_many_pages|empty|too_large)$/.test(code)
    ? 'report_pdf'
    : code;
  return problems[key] ?? problems.unknown!;
}

/** What a staff member's page shows of the case beside the decision, and the link's own URL. */
export interface StaffPanel {
  view: StaffCaseView;
  /** The link's URL, as emailed: its documents open under it. */
  linkUrl: string;
}

/** The confirmation page of an open link: what is asked, the case (for staff), then one form. */
export function confirmPage(
  lang: Language,
  decision: string,
  summary: LinkSummary,
  site: Site,
  {
    problem,
    staff,
  }: {
    /** The code of a problem with the last POST, shown in the page's language. */
    problem?: string | undefined;
    /** Staff read the case before the form; the patient's pages have none. */
    staff?: StaffPanel | undefined;
  } = {},
): { body: string; csp: string } {
  const t = dictionary(lang).staff;
  const codes = dictionary(lang).codes;
  const [title, intro, button] = t.decisions[decision] ?? [decision, '', 'OK'];
  const view = staff?.view;
  const facts: [string, string][] = [
    [t.reference, summary.reference],
    ...(view ? ([[t.status, t.statuses[view.status]]] as [string, string][]) : []),
    ...(view?.reason ? ([[t.stopReason, codes.caseReasons[view.reason]]] as [string, string][]) : []),
    ...(view?.wait ? ([[t.waitingOn, codes.steps[view.wait.step]]] as [string, string][]) : []),
    [
      t.types,
      summary.consultationTypes
        .map((c) => codes.consultationTypes[c as keyof typeof codes.consultationTypes] ?? c)
        .join(', '),
    ],
  ];
  const dueAt = view?.wait?.dueAt ?? summary.dueAt;
  if (dueAt) facts.push([t.due, siteTime(dueAt, lang)]);
  // A wait that ends at its due time (payment, documents) needs no second date.
  if (view?.wait?.endsAt && view.wait.endsAt !== view.wait.dueAt)
    facts.push([t.waitEnds, siteTime(view.wait.endsAt, lang)]);
  if (summary.amountCents !== undefined && decision === 'confirm_payment')
    facts.push([t.amount, money(summary.amountCents, lang)]);
  if (summary.candidate) facts.push([t.candidate, summary.candidate]);
  const additional =
    summary.additional && (decision === 'approve' || decision === 'decline')
      ? html`<div class="card"><h2>${t.proposed}</h2><p><strong>${additionalName(summary.additional.consultation, lang)}</strong> – ${money(summary.additional.amountCents, lang)}</p><p>${t.reason}: ${summary.additional.reason}</p></div>`
      : '';
  let fields: Raw | string = '';
  let script: string | undefined;
  switch (decision) {
    case 'request_documents':
      // Not id="documents": the case panel's list of documents has it.
      fields = html`<label for="documents-asked">${t.documentsToList}</label><textarea id="documents-asked" name="documents" rows="6" required></textarea>`;
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
    case 'release':
      fields = html`<label for="report">${t.file}</label><input id="report" type="file" accept="application/pdf" required><input type="hidden" name="reportId" value=""><progress id="progress" max="100" value="0" aria-labelledby="status" hidden></progress><p id="status" class="muted" role="status"></p>`;
      script = reportUploadScript();
      break;
  }
  // A view, and the specialist's documents link, only show the case.
  const readOnly = decision === 'view' || decision === 'documents';
  const form = readOnly
    ? ''
    : html`<form method="post" class="card"${staff ? html` aria-labelledby="decision"` : ''} data-uploading="${t.uploading}" data-failed="${t.uploadFailed}">
${staff ? html`<h2 id="decision" tabindex="-1">${t.decisionHeading}</h2>` : ''}
${fields}
<label for="note">${t.note}</label><textarea id="note" name="note" rows="2"></textarea>
<p><button type="submit"${decision === 'reject' || decision === 'decline' ? html` class="danger"` : ''}>${button}</button></p>
</form>`;
  const body = html`<h1>${title}</h1>
${problem ? html`<p class="error" role="alert">${t.problem} ${problemText(lang, problem)}</p>` : ''}
<p>${intro}</p>
${staff && !readOnly ? html`<p><a class="skip" href="#decision">${t.skipToDecision}</a></p>` : ''}
<div class="card">${staff ? html`<h2>${t.caseHeading}</h2>` : ''}<table class="facts">${facts.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</table></div>
${additional}
${view && staff ? casePanel(lang, view, staff.linkUrl, summary.requestedDocuments) : ''}
${form}`;
  return {
    body: page({ lang, site, title, body, css: PANEL_CSS, ...(script ? { script } : {}) }),
    csp: pageCsp(script),
  };
}
