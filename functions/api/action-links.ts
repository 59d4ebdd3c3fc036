/**
 * GET /a/{token} shows what a link asks and changes nothing (mail scanners follow links);
 * POST /a/{token} acts once; POST /a/{token}/uploads gives the specialist a presigned report upload.
 */
import { deps } from '#app/deps.ts';
import { STATUS } from '#http/errors.ts';
import { bodyText, type HttpEvent, html, httpHandler, json, parseJsonBody, routeOf } from '#http/handler.ts';
import { confirmPage, resultPage } from '#presentation/web/action-page.ts';
import { Refusal } from '#usecases/errors.ts';
import { actOnLink } from '#usecases/links/act-on-link.ts';
import { linkSummary } from '#usecases/links/link-summary.ts';
import { presignReportUpload } from '#usecases/links/report-upload.ts';
import { resolveLink } from '#usecases/links/resolve-link.ts';
import { parseLinkForm, reportUploadSchema } from './action-links.schema.ts';

function token(event: HttpEvent): string {
  return event.pathParameters?.token ?? '';
}

/** The page of an open link (with the problem of the last POST, when there was one), or why it is not open. */
async function showOpen(event: HttpEvent, problem?: Refusal) {
  const d = deps();
  const state = await resolveLink(d, token(event));
  if (state.kind !== 'open') {
    const r = resultPage(state);
    return html(r.status, r.page);
  }
  const page = confirmPage(state.language, state.link.decision, await linkSummary(d, state), problem?.code);
  return html(problem ? STATUS[problem.code] : 200, page);
}

export const handler = httpHandler(async (event) => {
  const method = event.requestContext.http.method;
  if (routeOf(event).endsWith('/uploads')) {
    if (method !== 'POST') throw new Refusal('not_found');
    const body = parseJsonBody(event, reportUploadSchema);
    return json(201, await presignReportUpload(deps(), token(event), body));
  }
  if (method === 'GET') return showOpen(event);
  if (method !== 'POST') return html(405, resultPage({ kind: 'invalid' }).page);
  try {
    const r = resultPage(await actOnLink(deps(), token(event), parseLinkForm(bodyText(event))));
    return html(r.status, r.page);
  } catch (err) {
    // A form problem is shown on the same page, with the form again.
    if (err instanceof Refusal) return showOpen(event, err);
    throw err;
  }
});
