/**
 * The patient's web pages: GET / (ask for a second opinion) and GET /case/{caseId} (the case page
 * behind the emailed link), GET /link (send me my link again), and GET /forms/proxy-authorization
 * (the blank proxy authorization, a PDF). Server-rendered shells with their own inline script (allowed by hash in
 * the page's CSP); no external resources. English or Italian: `?lang=`, else Accept-Language.
 */
import { config } from '#app/config.ts';
import { siteOf } from '#app/site.ts';
import * as z from '#app/zod.ts';
import { download, html, httpHandler } from '#http/handler.ts';
import { pickLanguage } from '#http/language.ts';
import { proxyAuthorization } from '#presentation/pdf/forms.ts';
import { casePage } from '#presentation/web/case-page.ts';
import { linkPage } from '#presentation/web/link-page.ts';
import { notFoundPage, withConnectSources, withImageSources } from '#presentation/web/page.ts';
import { requestPage } from '#presentation/web/request-page.ts';

const CASE_ID = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));

export const handler = httpHandler(async (event) => {
  const lang = pickLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
  const headers = { 'content-language': lang, vary: 'accept-language' };
  // The config alone, not deps(): this Lambda needs no AWS client (a 1.3 MB bundle otherwise).
  const cfg = config();
  const site = siteOf(cfg);
  if (event.rawPath === '/' || event.rawPath === '') return html(200, requestPage(lang, site), headers);
  if (event.rawPath === '/link') return html(200, linkPage(lang, site), headers);
  if (event.rawPath === '/forms/proxy-authorization') {
    const form = proxyAuthorization(lang, site);
    return download(form.bytes, 'application/pdf', form.fileName);
  }
  if (event.rawPath.startsWith('/case/')) {
    const caseId = CASE_ID.safeParse(event.pathParameters?.caseId);
    if (!caseId.success) return html(404, notFoundPage(lang, site), headers);
    // The case page uploads to the documents bucket, and connects nowhere else but here; its
    // previews are images signed there.
    const bucket = [cfg.UPLOAD_ORIGIN];
    return html(
      200,
      withImageSources(withConnectSources(casePage(caseId.data, lang, site), bucket), bucket),
      headers,
    );
  }
  return html(404, notFoundPage(lang, site), headers);
});
