/**
 * GET /o/{token} shows an office link of the ledger (a statement credit to decide, a refund to
 * record, a late payment to refund instead) and changes nothing; POST /o/{token} acts once. In the
 * language the browser asks for (`?lang=`, then Accept-Language).
 */
import { composeDeps } from '#app/compose.ts';
import { siteOf } from '#app/site.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import { workflow } from '#app/wiring/workflow.ts';
import { STATUS } from '#http/errors.ts';
import { bodyText, type HttpEvent, html, httpHandler } from '#http/handler.ts';
import { pickLanguage } from '#http/language.ts';
import {
  case_withdrawn,
  late_payment_reopened,
  payment_exception,
  refund_done,
  refund_due,
} from '#presentation/i18n/email-words.ts';
import { officeLinkPage, officeResultPage } from '#presentation/web/office-page.ts';
import { Refusal } from '#usecases/errors.ts';
import { actOnOfficeLink, officeLinkPage as linkPage } from '#usecases/payments/act-on-office-link.ts';
import { parseOfficeForm } from './office-links.schema.ts';

const deps = composeDeps({
  ...store,
  ...email({ late_payment_reopened, payment_exception, refund_due, refund_done, case_withdrawn }),
  ...workflow,
});

function token(event: HttpEvent): string {
  return event.pathParameters?.token ?? '';
}

async function show(event: HttpEvent, problem?: Refusal) {
  const lang = pickLanguage(event.queryStringParameters?.lang, event.headers?.['accept-language']);
  const d = deps();
  const site = siteOf(d.config);
  const state = await linkPage(d, token(event));
  if (state.kind !== 'open') {
    const r = officeResultPage(lang, site, state);
    return html(r.status, r.page);
  }
  return html(problem ? STATUS[problem.code] : 200, officeLinkPage(lang, site, state.view, problem?.code));
}

export const handler = httpHandler(async (event) => {
  const method = event.requestContext.http.method;
  if (method === 'GET') return show(event);
  const lang = pickLanguage(event.queryStringParameters?.lang, event.headers?.['accept-language']);
  const d = deps();
  const site = siteOf(d.config);
  if (method !== 'POST') return html(405, officeResultPage(lang, site, { kind: 'invalid' }).page);
  try {
    const r = officeResultPage(
      lang,
      site,
      await actOnOfficeLink(d, token(event), parseOfficeForm(bodyText(event))),
    );
    return html(r.status, r.page);
  } catch (err) {
    // A form problem is shown on the same page, with the form again.
    if (err instanceof Refusal) return show(event, err);
    throw err;
  }
});
