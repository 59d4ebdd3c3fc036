/**
 * GET /a/{token} shows what a link asks and, to staff, the case; it changes nothing (mail scanners
 * follow links). POST /a/{token} acts once; POST /a/{token}/uploads gives the specialist a
 * presigned report upload. GET /a/{token}/documents/{documentId}, GET /a/{token}/previous-report and
 * GET /a/{token}/previous-documents/{documentId} and GET /a/{token}/contributions/{taskId} (a task's PDF)
 * open a document of the case for staff: audited, then a redirect to a one-minute presigned GET.
 * GET /a/{token}/previews/{documentId} is a document's first-page image in the page: the same
 * redirect, not audited (it loads with the page, which changes nothing).
 */
import { composeDeps } from '#app/compose.ts';
import { siteOf } from '#app/site.ts';
import { documents } from '#app/wiring/documents.ts';
import { emailOnFirstNotice } from '#app/wiring/email-on-first-notice.ts';
import { store } from '#app/wiring/table.ts';
import { workflow } from '#app/wiring/workflow.ts';
import { STATUS } from '#http/errors.ts';
import {
  bodyText,
  type HttpEvent,
  type HttpResult,
  html,
  httpHandler,
  json,
  parseJsonBody,
  routeOf,
} from '#http/handler.ts';
import type { Site } from '#presentation/emails/content.ts';
import { confirmPage, resultPage, unavailablePage } from '#presentation/web/action-page.ts';
import { withConnectSources, withImageSources } from '#presentation/web/page.ts';
import { Refusal } from '#usecases/errors.ts';
import { linkSummary } from '#usecases/links/link-summary.ts';
import type { OpenedDocument } from '#usecases/links/open-document.ts';
import { resolveLink } from '#usecases/links/resolve-link.ts';
import { staffCaseView } from '#usecases/links/staff-view.ts';

/*
 * A page view (most requests: every mail scanner's too) needs only the page. The other paths load
 * on their first use, each a chunk of the bundle: acting on a link (its decisions, the report's check,
 * the task's email), the report's upload, and opening a document.
 */
const acting = () =>
  Promise.all([import('#usecases/links/act-on-link.ts'), import('./action-links.schema.ts')]);
const uploading = () =>
  Promise.all([import('#usecases/links/report-upload.ts'), import('./action-links.schema.ts')]);
const opening = () => import('#usecases/links/open-document.ts');

const deps = composeDeps({
  ...store,
  ...documents,
  // Only acting sends an email: its words and renderer load with the first.
  ...emailOnFirstNotice(async () => {
    const { task_done, courier_shipped, task_assigned } = await import('#presentation/i18n/email-words.ts');
    return { task_done, courier_shipped, task_assigned };
  }),
  ...workflow,
});

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

function token(event: HttpEvent): string {
  return event.pathParameters?.token ?? '';
}

/** The page of an open link (with the problem of the last POST, when there was one), or why it is not open. */
async function showOpen(event: HttpEvent, problem?: Refusal) {
  const d = deps();
  const state = await resolveLink(d, token(event));
  const site = siteOf(d.config);
  if (state.kind !== 'open') {
    const r = resultPage(state, site);
    return html(r.status, r.page);
  }
  const [summary, view] = await Promise.all([linkSummary(d, state), staffCaseView(d, state)]);
  const staff = view ? { view, linkUrl: `${d.config.PUBLIC_BASE_URL}/a/${token(event)}` } : undefined;
  const page = confirmPage(state.language, state.link.decision, summary, site, {
    problem: problem?.code,
    staff,
  });
  // A release link's page uploads the report to the documents bucket; previews are redirected there.
  const bucket = [d.config.UPLOAD_ORIGIN];
  return html(
    problem ? STATUS[problem.code] : 200,
    withImageSources(withConnectSources(page, bucket), bucket),
  );
}

/** A redirect to the presigned GET, or a page that says why not. */
function opened(result: OpenedDocument, site: Site): HttpResult {
  switch (result.kind) {
    case 'url':
      return {
        statusCode: 302,
        headers: { location: result.url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      };
    case 'link': {
      const r = resultPage(result.state, site);
      return html(r.status, r.page);
    }
    case 'unavailable':
      return html(404, unavailablePage(result.language, site));
  }
}

export const handler = httpHandler(async (event) => {
  const method = event.requestContext.http.method;
  const route = routeOf(event);
  const d = deps();
  if (route.endsWith('/uploads')) {
    if (method !== 'POST') throw new Refusal('not_found');
    const [{ presignReportUpload }, { reportUploadSchema }] = await uploading();
    const body = parseJsonBody(event, reportUploadSchema);
    return json(201, await presignReportUpload(d, token(event), body));
  }
  const site = siteOf(d.config);
  const refused = () => resultPage({ kind: 'invalid' }, site).page;
  const taskId = event.pathParameters?.taskId;
  if (taskId !== undefined) {
    if (method !== 'GET') return html(405, refused());
    if (!DOCUMENT_ID.test(taskId)) return html(404, refused());
    const { openContribution } = await opening();
    return opened(await openContribution(d, token(event), taskId), site);
  }
  const documentId = event.pathParameters?.documentId;
  if (documentId !== undefined) {
    if (method !== 'GET') return html(405, refused());
    if (!DOCUMENT_ID.test(documentId)) return html(404, refused());
    const { openDocument, openPreview, openPreviousDocument } = await opening();
    const open = route.includes('/previous-documents/')
      ? openPreviousDocument
      : route.includes('/previews/')
        ? openPreview
        : openDocument;
    return opened(await open(d, token(event), documentId), site);
  }
  if (route.endsWith('/previous-report')) {
    if (method !== 'GET') return html(405, refused());
    const { openPreviousReport } = await opening();
    return opened(await openPreviousReport(d, token(event)), site);
  }
  if (method === 'GET') return showOpen(event);
  if (method !== 'POST') return html(405, refused());
  const [{ actOnLink }, { parseLinkForm }] = await acting();
  try {
    const r = resultPage(await actOnLink(d, token(event), parseLinkForm(bodyText(event))), site);
    return html(r.status, r.page);
  } catch (err) {
    // A form problem is shown on the same page, with the form again.
    if (err instanceof Refusal) return showOpen(event, err);
    throw err;
  }
});
