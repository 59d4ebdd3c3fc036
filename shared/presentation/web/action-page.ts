/**
 * The pages of action links: a confirmation page holding one form, the result of acting, and the
 * friendly refusals (unknown, expired, already decided, moved on). In the recipient's language.
 */

import type { Language } from '#domain/model.ts';
import { PRICE_CENTS } from '#domain/pricing.ts';
import { TASK_POLICY } from '#domain/tasks.ts';
import type { Site } from '#presentation/emails/content.ts';
import { money, siteTime } from '#presentation/formats.ts';
import { additionalName, codeWords } from '#presentation/i18n/code-words.ts';
import { staffWords } from '#presentation/i18n/staff-words.ts';
import type { ActResult } from '#usecases/links/act-on-link.ts';
import type { LinkSummary } from '#usecases/links/link-summary.ts';
import type { DecidedBy } from '#usecases/links/resolve-link.ts';
import type { StaffCaseView } from '#usecases/links/staff-view.ts';
import { casePanel, PANEL_CSS } from './case-panel.ts';
import { html, type Raw } from './html.ts';
import { page, pageCsp } from './page.ts';
import { reportUploadScript } from './scripts.ts';

function byName(lang: Language, by: DecidedBy): string {
  return 'role' in by ? staffWords(lang).roles[by.role] : by.name;
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
  return message(lang, site, staffWords(lang).unavailable);
}

/** A refusal or the result of a POST, with its status code. */
export function resultPage(
  result: ActResult,
  site: Site,
): { status: number; page: { body: string; csp: string } } {
  switch (result.kind) {
    case 'invalid':
      return { status: 404, page: message('en', site, staffWords('en').invalid) };
    case 'expired':
      return { status: 410, page: message(result.language, site, staffWords(result.language).expired) };
    case 'closed':
      return { status: 410, page: message(result.language, site, staffWords(result.language).closed) };
    case 'superseded':
      return {
        status: 410,
        page: message(result.language, site, staffWords(result.language).superseded),
      };
    case 'decided': {
      const t = staffWords(result.language);
      const what = t.decisions[result.decision]?.[0] ?? result.decision;
      const at = result.at ? siteTime(result.at, result.language) : '';
      return {
        status: 409,
        page: message(result.language, site, t.decided(byName(result.language, result.by), what, at)),
      };
    }
    case 'done':
      return { status: 200, page: message(result.language, site, staffWords(result.language).done) };
  }
}

function problemText(lang: Language, code: string): string {
  const problems = staffWords(lang).problems;
  const key = /^report_(not_pdf|encrypted|corrupt|too_many_pages|empty|too_large)$/.test(code)
    ? 'report_pdf'
    : code;
  return problems[key] ?? problems.unknown!;
}

/** An update's complete form: triage decides the previous physician's remit (EUR 350) or another doctor (EUR 500). */
function remitField(lang: Language, update: LinkSummary['update']): Raw | string {
  if (!update) return '';
  const t = staffWords(lang);
  const other = money(PRICE_CENTS.base, lang);
  if (!update.eligible || !update.physicianName) return html`<p>${t.remitNone(other)}</p>`;
  return html`<fieldset class="choice"><legend>${t.remit}</legend><label><input type="radio" name="remit" value="same_physician" required checked> ${t.remitSame(update.physicianName, money(PRICE_CENTS.update, lang))}</label><label><input type="radio" name="remit" value="other_physician"> ${t.remitOther(other)}</label></fieldset>`;
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
  const t = staffWords(lang);
  const codes = codeWords(lang);
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
  if (summary.diseaseSite) facts.push([t.diseaseSite, codes.diseaseSites[summary.diseaseSite]]);
  if (summary.candidate) facts.push([t.candidate, summary.candidate]);
  const task = summary.task;
  if (task) {
    const name = codes.tasks[task.kind];
    facts.push([t.task, task.consultation ? `${name} (${additionalName(task.consultation, lang)})` : name]);
  }
  const a = summary.courierAddress;
  if (a)
    facts.push([
      t.courierAddress,
      [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, a.country].filter(Boolean).join(', '),
    ]);
  const typeName = (t: string | undefined) =>
    t ? (codes.consultationTypes[t as keyof typeof codes.consultationTypes] ?? t) : '';
  const contributions = summary.contributions?.length
    ? html`<div class="card"><h2>${t.contributions}</h2><ul>${summary.contributions.map(
        (c) =>
          html`<li><strong>${c.role ? codes.taskWho[c.role] : c.name}</strong>${c.consultation ? html` (${additionalName(c.consultation, lang)})` : c.consultationType ? html` (${typeName(c.consultationType)})` : ''}: ${
            c.status === 'done'
              ? t.contributionReceived
              : c.status === 'cancelled'
                ? t.contributionCancelled
                : t.contributionMissing(siteTime(c.dueAt, lang))
          }${c.hasPdf && staff ? html` – <a href="${staff.linkUrl}/contributions/${encodeURIComponent(c.taskId)}" target="_blank" rel="noopener noreferrer">${t.contributionPdf}</a>` : ''}${c.note ? html`<br><span class="note">${c.note}</span>` : ''}</li>`,
      )}</ul></div>`
    : '';
  const team = summary.team?.length
    ? html`<h2>${t.team}</h2><p>${t.teamIntro}</p>${summary.team.map(
        (slot) =>
          html`<label for="contributor_${slot.consultationType}">${t.contributor(typeName(slot.consultationType))}</label><select id="contributor_${slot.consultationType}" name="contributor_${slot.consultationType}">${slot.options.map((o) => html`<option value="${o.staffId}">${o.name}</option>`)}<option value="">${t.noContributor}</option></select>`,
      )}`
    : '';
  // The decline page lists what is declined; the approve page asks about each in the form.
  const additional =
    summary.consultations?.length && decision === 'decline'
      ? html`<div class="card"><h2>${t.proposed}</h2>${summary.consultations.map(
          (x) =>
            html`<p><strong>${additionalName(x.code, lang)}</strong> – ${money(x.amountCents, lang)}</p><p>${t.reason}: ${x.reason}</p>`,
        )}</div>`
      : '';
  let fields: Raw | string = '';
  let script: string | undefined;
  const upload = (required: boolean, label: string) =>
    html`<label for="report">${label}</label><input id="report" type="file" accept="application/pdf"${required ? html` required` : ''}><input type="hidden" name="reportId" value=""><progress id="progress" max="100" value="0" aria-labelledby="status" hidden></progress><p id="status" class="muted" role="status"></p>`;
  // A task's form is its policy's: a PDF or a note, the PDF, a shipment, or a confirmation.
  switch (task ? TASK_POLICY[task.kind].form : undefined) {
    case 'document_or_note':
      fields = upload(false, t.taskDocument);
      script = reportUploadScript();
      break;
    case 'document':
      fields = upload(true, t.taskFile);
      script = reportUploadScript();
      break;
    case 'shipment':
      fields = html`<label for="carrier">${t.carrier}</label><input id="carrier" name="carrier" maxlength="100" required>
<label for="tracking">${t.tracking}</label><input id="tracking" name="tracking" maxlength="100" required>`;
      break;
  }
  switch (decision) {
    case 'assign':
      fields = team;
      break;
    case 'complete':
      // No site is preselected: the doctor names one.
      fields = html`<label for="diseaseSite">${t.diseaseSite}</label><select id="diseaseSite" name="diseaseSite" required><option value="" selected disabled>${t.chooseDiseaseSite}</option>${(summary.diseaseSites ?? []).map((s) => html`<option value="${s}">${codes.diseaseSites[s]}</option>`)}</select>${remitField(lang, summary.update)}`;
      break;
    case 'request_documents':
      // Not id="documents": the case panel's list of documents has it.
      fields = html`<label for="documents-asked">${t.documentsToList}</label><textarea id="documents-asked" name="documents" rows="6" required></textarea>`;
      break;
    case 'reject':
      fields = html`<label for="reason">${t.reason}</label><textarea id="reason" name="reason" rows="3"></textarea>`;
      break;
    case 'approve':
      // One answer per consultation, approved unless the patient says otherwise.
      fields = html`${(summary.consultations ?? []).map(
        (x) =>
          html`<fieldset class="choice"><legend><strong>${additionalName(x.code, lang)}</strong> – ${money(x.amountCents, lang)}</legend><p>${t.reason}: ${x.reason}</p><label><input type="radio" name="answer_${x.code}" value="approve" checked> ${t.answerApprove}</label><label><input type="radio" name="answer_${x.code}" value="decline"> ${t.answerDecline}</label></fieldset>`,
      )}`;
      break;
    case 'request_additional':
      fields = html`<fieldset><legend>${t.consultations}</legend>${Object.entries(summary.prices ?? {}).map(([k, cents], i) => html`<label><input type="checkbox" name="consultation" value="${k}"${i === 0 ? html` checked` : ''}> ${additionalName(k, lang)} (${money(cents, lang)})</label>`)}</fieldset>
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
      fields = upload(true, t.file);
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
<label for="note">${task && TASK_POLICY[task.kind].form === 'document_or_note' ? t.taskNote : t.note}</label><textarea id="note" name="note" rows="${task ? 6 : 2}"></textarea>
<p><button type="submit"${decision === 'reject' || decision === 'decline' ? html` class="danger"` : ''}>${button}</button></p>
</form>`;
  const body = html`<h1>${title}</h1>
${problem ? html`<p class="error" role="alert">${t.problem} ${problemText(lang, problem)}</p>` : ''}
<p>${intro}</p>
${staff && !readOnly ? html`<p><a class="skip" href="#decision">${t.skipToDecision}</a></p>` : ''}
<div class="card">${staff ? html`<h2>${t.caseHeading}</h2>` : ''}<table class="facts">${facts.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</table></div>
${additional}
${view && staff ? casePanel(lang, view, staff.linkUrl, summary.requestedDocuments) : ''}
${contributions}
${form}`;
  return {
    body: page({ lang, site, title, body, css: PANEL_CSS, ...(script ? { script } : {}) }),
    csp: pageCsp(script),
  };
}
