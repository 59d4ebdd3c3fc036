/**
 * GET /a/{token} shows what a link asks and changes nothing (mail scanners follow links);
 * POST /a/{token} acts once; POST /a/{token}/uploads gives the specialist a presigned report upload.
 */
import { deps } from '#app/deps.ts';
import { AppError } from '#http/errors.ts';
import { type HttpEvent, html, httpHandler, json, parseJsonBody } from '#http/handler.ts';
import { confirmPage, confirmPageCsp, resultPage } from '#presentation/web/action-page.ts';
import {
  actOnLink,
  linkSummary,
  presignReportUpload,
  reportUploadSchema,
  resolveLink,
} from '#usecases/action-links.ts';

const DOWNLOAD_SECONDS = 300;

function token(event: HttpEvent): string {
  return event.pathParameters?.token ?? '';
}

function formOf(event: HttpEvent): URLSearchParams {
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  return new URLSearchParams(raw.slice(0, 64 * 1024));
}

async function showOpen(event: HttpEvent, problem?: AppError) {
  const d = deps();
  const state = await resolveLink(d, token(event));
  if (state.kind !== 'open') {
    const r = resultPage(state);
    return html(r.status, r.body);
  }
  const summary = await linkSummary(d, state);
  const decision = state.link.decision;
  const specialistId = state.link.params?.specialistId;
  const candidate = specialistId ? (await d.store.getStaff(specialistId))?.name : undefined;
  const downloads =
    decision === 'documents'
      ? await Promise.all(
          summary.documents.map(async (doc) => ({
            fileName: doc.fileName,
            documentType: doc.documentType,
            url: await d.documents.presignDownload(doc.key, DOWNLOAD_SECONDS, doc.fileName),
          })),
        )
      : undefined;
  const body = confirmPage(state.language, decision, summary, {
    ...(candidate ? { candidate } : {}),
    ...(decision === 'request_additional' ? { prices: d.config.ADDITIONAL_PRICES } : {}),
    ...(downloads ? { downloads } : {}),
    ...(problem ? { problem: { code: problem.code, message: problem.message } } : {}),
  });
  return html(problem?.status ?? 200, body, { 'content-security-policy': confirmPageCsp(decision) });
}

export const handler = httpHandler(async (event) => {
  const method = event.requestContext.http.method;
  const route =
    event.routeKey && event.routeKey !== '$default' ? event.routeKey.split(' ')[1]! : event.rawPath;
  if (route.endsWith('/uploads')) {
    if (method !== 'POST') throw new AppError(404, 'not_found', 'Not found.');
    const body = parseJsonBody(event, reportUploadSchema);
    return json(201, await presignReportUpload(deps(), token(event), body));
  }
  if (method === 'GET') return showOpen(event);
  if (method !== 'POST') return html(405, resultPage({ kind: 'invalid' }).body);
  try {
    const result = await actOnLink(deps(), token(event), formOf(event));
    const r = resultPage(result);
    return html(r.status, r.body);
  } catch (err) {
    // A form problem is shown on the same page, with the form again.
    if (err instanceof AppError && (err.status === 422 || err.status === 400)) {
      return showOpen(event, err);
    }
    throw err;
  }
});
