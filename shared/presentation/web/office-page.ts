/**
 * The pages of the office's ledger links: a statement credit to decide on, a refund to record, a
 * late payment to refund instead; and the result or why the link is not open. The payer's name,
 * account and words are shown here only (never in an email); amounts through the one formatter.
 */
import type { Language } from '#domain/model.ts';
import type { Site } from '#presentation/emails/content.ts';
import { money, siteDay } from '#presentation/formats.ts';
import { codeWords } from '#presentation/i18n/code-words.ts';
import { officeWords, staffWords } from '#presentation/i18n/staff-words.ts';
import type { OfficeLinkPage, OfficeLinkView } from '#usecases/payments/act-on-office-link.ts';
import { html } from './html.ts';
import { page, pageCsp } from './page.ts';

type Page = { body: string; csp: string };

function message(lang: Language, site: Site, [title, body]: readonly string[]): Page {
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

/** A link that is not open, or the result of acting, with its status code. */
export function officeResultPage(
  lang: Language,
  site: Site,
  result: Exclude<OfficeLinkPage, { kind: 'open' }> | { kind: 'done' },
): { status: number; page: Page } {
  const t = staffWords(lang);
  switch (result.kind) {
    case 'invalid':
      return { status: 404, page: message(lang, site, t.invalid) };
    case 'expired':
      return { status: 410, page: message(lang, site, t.expired) };
    case 'used':
      return { status: 409, page: message(lang, site, officeWords(lang).used) };
    case 'done':
      return { status: 200, page: message(lang, site, officeWords(lang).done) };
  }
}

/** The page of an open office link: the facts and one form. */
export function officeLinkPage(lang: Language, site: Site, view: OfficeLinkView, problem?: string): Page {
  const t = staffWords(lang);
  const o = officeWords(lang);
  const codes = codeWords(lang);
  const facts: [string, string][] = [
    ...(view.reference ? ([[t.reference, view.reference]] as [string, string][]) : []),
    [t.amount, money(view.amountCents, lang)],
    ...(view.valueDate
      ? ([[o.valueDate, siteDay(`${view.valueDate}T12:00:00Z`, lang)]] as [string, string][])
      : []),
    ...(view.exceptionKind
      ? ([[o.why, codes.exceptionKinds[view.exceptionKind]]] as [string, string][])
      : []),
    ...(view.refundReason ? ([[o.why, codes.refundReasons[view.refundReason]]] as [string, string][]) : []),
    ...(view.payerName ? ([[o.payer, view.payerName]] as [string, string][]) : []),
    ...(view.payerIban ? ([[o.payerAccount, view.payerIban]] as [string, string][]) : []),
    ...(view.remittance ? ([[o.remittance, view.remittance]] as [string, string][]) : []),
  ];
  const choices = view.resolutions.map(
    (r, i) =>
      html`<label><input type="radio" name="resolution" value="${r}"${i === 0 ? html` checked` : ''}> ${o.resolutions[r]}</label>`,
  );
  const fields =
    view.purpose === 'exception'
      ? html`<fieldset>${choices}</fieldset>${
          view.resolutions.includes('assign')
            ? html`<label for="reference">${o.assignTo}</label><input id="reference" name="reference" value="${view.reference ?? ''}">`
            : ''
        }<label for="note">${t.note}</label><textarea id="note" name="note" rows="2"></textarea>`
      : view.purpose === 'refund'
        ? html`<label for="bankReference">${o.bankReference}</label><input id="bankReference" name="bankReference">`
        : '';
  // A withdrawal is of a late payment, or of a paid case the service stopped.
  const words =
    view.purpose === 'withdraw' && view.refundReason === 'failed' ? 'withdrawStopped' : view.purpose;
  const title = o.titles[words];
  const body = html`<h1>${title}</h1>
${problem ? html`<p class="error" role="alert">${t.problem} ${t.problems[problem] ?? t.problems.unknown}</p>` : ''}
<p>${o.intros[words]}</p>
<div class="card"><table>${facts.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</table></div>
<form method="post" class="card">${fields}<p><button type="submit"${view.purpose === 'withdraw' ? html` class="danger"` : ''}>${o.buttons[view.purpose]}</button></p></form>`;
  return { body: page({ lang, site, title, body }), csp: pageCsp() };
}
