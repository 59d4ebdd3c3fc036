/**
 * GET /case/{caseId}: the patient's case page. The server knows nothing of the patient here (the
 * token stays in the URL fragment, which never reaches the server); the page's script
 * (client/case.ts) reads it, keeps it in sessionStorage, and renders the case from
 * GET /cases/{caseId} in the case's language: uploads with progress, each document's state, the
 * checklist, submit, the timeline, the payment details, and the report download.
 */
import type { Language } from '#domain/model.ts';
import { PRICE_CENTS } from '#domain/pricing.ts';
import type { Site } from '#presentation/emails/content.ts';
import { codeWords } from '#presentation/i18n/code-words.ts';
import { patientWords } from '#presentation/i18n/patient-words.ts';
import type { BankDetails, CaseIsland } from './client/islands.ts';
import type { CaseWords } from './client/words.ts';
import { html, raw } from './html.ts';
import { page, pageCsp } from './page.ts';
import { countrySelect, field, jsonForScript } from './request-page.ts';
import { caseScript } from './scripts.ts';

export const CASE_CSS = `
.drop{border:2px dashed #8a94a3;border-radius:8px;padding:1rem;text-align:center;background:#fafbfc}
.drop.over{border-color:#0b5cad;background:#eef4fb}
.drop p{margin:.25rem 0 .75rem}
@media (hover:none) and (pointer:coarse){.drag-hint{display:none}}
#files:focus-visible + label{outline:3px solid #1b1f24;outline-offset:2px;box-shadow:0 0 0 2px #fff}
ul.docs,ul.checklist,ol.timeline{list-style:none;padding:0;margin:0}
ul.docs li{padding:.6rem 0;border-bottom:1px solid #e3e6ea;display:flex;gap:.75rem;align-items:flex-start}
ul.docs li:last-child{border-bottom:0}
.doc-body{flex:1;min-width:0}
.thumb{flex:none;width:4.5rem;height:6.4rem;object-fit:contain;border:1px solid #c6ccd4;background:#fff;box-sizing:border-box}
span.thumb{display:flex;align-items:center;justify-content:center;text-align:center;padding:.25rem;font-size:.75rem;line-height:1.2;color:#5b6570;background:#fafbfc}
.doc-name{font-weight:600;overflow-wrap:anywhere}
.state{display:block;margin-top:.15rem}
.state.busy::before{content:"";display:inline-block;width:.7rem;height:.7rem;margin-right:.4rem;border-radius:50%;border:2px solid #0b5cad;border-right-color:transparent;animation:spin 1s linear infinite;vertical-align:-1px}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.state.busy::before{animation:none}}
.state.ok{color:#176b2c}
.state.error{color:#a61b1b;font-weight:600}
progress{margin-top:.3rem}
.declared{display:block}
.relabel{display:block;margin:.4rem 0}.relabel label{display:block;font-weight:600}.relabel select{max-width:100%}
ol.pages{padding:0;margin:.5rem 0;list-style:none}
ol.pages li{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;padding:.4rem 0;border-bottom:1px solid #e3e6ea}
ol.pages img{height:3rem;width:auto;border:1px solid #c6ccd4}
ul.checklist li{padding:.3rem 0;display:flex;gap:.5rem;align-items:baseline}
.mark{flex:none;width:1.4rem;text-align:center;font-weight:700}
.mark.yes{color:#176b2c}.mark.no{color:#a61b1b}.mark.opt{color:#5b6570}
ol.timeline li{position:relative;padding:0 0 1rem 1.75rem}
ol.timeline li::before{content:"";position:absolute;left:.3rem;top:.3rem;width:.9rem;height:.9rem;border-radius:50%;background:#fff;border:2px solid #5b6570;box-sizing:border-box}
ol.timeline li::after{content:"";position:absolute;left:.7rem;top:1.2rem;bottom:0;width:2px;background:#e3e6ea}
ol.timeline li:last-child::after{display:none}
ol.timeline li.done::before{content:"\\2713" / "";background:#176b2c;border-color:#176b2c;color:#fff;font-size:.6rem;line-height:.75rem;text-align:center;font-weight:700}
ol.timeline li.current::before{background:#0b5cad;border-color:#0b5cad;box-shadow:0 0 0 3px #fff,0 0 0 5px #0b5cad}
ol.timeline li.current{font-weight:600}
.badge{display:inline-block;padding:.15rem .6rem;border-radius:6px;background:#e7ebf0;font-weight:600}
dl.facts{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.25rem .75rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
dl.facts dd.copyable{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem}
.copyable button{padding:.5rem 1rem;min-height:44px}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.05rem;letter-spacing:.03em}
@media (max-width:480px){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}}
.stack > * + *{margin-top:.75rem}
#lost-link a{display:inline-block;padding:.5rem 0}
`;

/** The words the case page's script shows in a language: the code words and the patient pages'. */
export function caseWords(lang: Language): CaseWords {
  return { ...codeWords(lang), ui: patientWords(lang) };
}

/**
 * The page shell; the script fills it in. Both languages' words travel in the page's island, so the
 * case's language wins.
 */
export function casePage(caseId: string, lang: Language, site: Site): { body: string; csp: string } {
  const bank: BankDetails = site.bank;
  const t = patientWords(lang);
  const other: Language = lang === 'en' ? 'it' : 'en';
  const data: CaseIsland = {
    caseId,
    lang,
    words: { en: caseWords('en'), it: caseWords('it') },
    bank,
    courierCents: PRICE_CENTS.courier,
  };
  const script = caseScript();
  const T = (key: keyof typeof t) => html`<span data-t="${key}">${t[key] as string}</span>`;
  const body = html`<h1>${T('caseTitle')}</h1>
<div id="alert" class="alert" role="alert" tabindex="-1" hidden></div>
<div id="announcer" class="visually-hidden" aria-live="polite"></div>
<p id="loading" class="muted" role="status">${T('loading')}</p>
<p id="lost-link" hidden><a href="/link?lang=${lang}">${T('lostLink')}</a></p>
<div id="case" hidden>
<section class="card stack" aria-labelledby="hello">
<p id="hello"></p>
<dl class="facts"><dt>${T('reference')}</dt><dd id="reference" class="mono"></dd><dt>${T('status')}</dt><dd><span id="status" class="badge"></span></dd></dl>
<p id="next" class="notice"></p>
<p class="muted">${T('keepLink')} <a href="/link?lang=${lang}">${T('lostLink')}</a></p>
</section>
<section id="requested-box" class="card" hidden aria-labelledby="requested-title"><h2 id="requested-title">${T('requestedTitle')}</h2><ul id="requested"></ul></section>
<section id="payment-box" class="card stack" hidden aria-labelledby="payment-title"><h2 id="payment-title">${T('paymentTitle')}</h2><dl id="payment-facts" class="facts"></dl><p class="muted">${T('paymentNote')}</p></section>
<section id="report-box" class="card stack" hidden aria-labelledby="report-title"><h2 id="report-title">${T('reportTitle')}</h2>
<p><button type="button" id="download">${T('download')}</button></p><p class="muted">${T('downloadNewTab')} ${T('downloadNote')}</p>
<p><button type="button" id="treatment" class="secondary">${T('treatment')}</button></p><p id="treatment-done" class="ok" role="status" hidden></p>
<h3>${T('furtherTitle')}</h3><p>${T('furtherText')}</p>
<p><a id="further" class="button secondary" href="/?lang=${lang}">${T('furtherButton')}</a></p>
</section>
<section id="courier-box" class="card stack" hidden aria-labelledby="courier-title"><h2 id="courier-title">${T('courierTitle')}</h2>
<p id="courier-asked" hidden>${T('courierAsked')}</p>
<div id="courier-shipped" hidden><p id="courier-shipped-on"></p>
<dl class="facts"><dt>${T('courierCarrier')}</dt><dd id="courier-carrier"></dd><dt>${T('courierTracking')}</dt><dd id="courier-tracking" class="mono"></dd></dl></div>
<form id="courier-form" class="stack" hidden novalidate>
<p>${T('courierIntro')} <span id="courier-price"></span></p>
${field('courier.name', T('addressName'), { autocomplete: 'shipping name' })}
${field('courier.line1', T('addressLine1'), { autocomplete: 'shipping address-line1' })}
${field('courier.line2', T('addressLine2'), { autocomplete: 'shipping address-line2', optional: true })}
${field('courier.city', T('city'), { autocomplete: 'shipping address-level2' })}
${field('courier.postalCode', T('postalCode'), { autocomplete: 'shipping postal-code' })}
${field('courier.region', T('region'), { autocomplete: 'shipping address-level1', optional: true })}
${countrySelect('courier.country', T('addressCountry'), lang, 'shipping country', lang === 'it' ? 'IT' : '')}
<p><button type="submit" id="courier-send">${T('courierSend')}</button></p>
</form>
</section>
<section id="upload-box" class="card" hidden aria-labelledby="upload-title"><h2 id="upload-title">${T('uploadTitle')}</h2>
<p class="muted">${T('uploadHelp')} <a id="proxy-form" href="/forms/proxy-authorization?lang=${lang}" download>${T('proxyDownload')}</a></p>
<div id="drop" class="drop"><p class="drag-hint">${T('dropHere')}</p>
<input type="file" id="files" class="visually-hidden" multiple accept="application/pdf,.pdf,image/jpeg,image/png,image/heic,image/heif,.jpg,.jpeg,.png,.heic,.heif">
<label for="files" class="button">${T('choose')}</label>
<p id="limits" class="muted"></p></div>
<ul id="upload-errors" class="alert" role="alert" tabindex="-1" hidden></ul>
<div id="photo-order" hidden><h3 id="photo-order-title" tabindex="-1">${T('photoOrderTitle')}</h3><p class="muted">${T('photoOrderHelp')}</p>
<ol id="photo-pages" class="pages"></ol>
<p><button type="button" id="photos-done">${T('photosDone')}</button> <button type="button" id="photos-cancel" class="secondary">${T('photosCancel')}</button></p></div>
</section>
<section id="documents-box" class="card" hidden aria-labelledby="documents-title"><h2 id="documents-title">${T('documentsTitle')}</h2><ul id="documents" class="docs"></ul></section>
<section id="checklist-box" class="card" hidden aria-labelledby="checklist-title"><h2 id="checklist-title">${T('checklistTitle')}</h2>
<p class="muted">${T('checklistHint')}</p><ul id="checklist" class="checklist"></ul>
<div id="problems-box" hidden><h3>${T('problemsTitle')}</h3><ul id="problems"></ul></div>
</section>
<section id="submit-box" hidden>
<p id="submit-incomplete" class="notice" hidden>${T('submitIncomplete')}</p>
<p><button type="button" id="submit">${T('submit')}</button></p><p class="muted">${T('submitHint')}</p>
</section>
<section id="timeline-box" class="card" hidden aria-labelledby="timeline-title"><h2 id="timeline-title">${T('timelineTitle')}</h2><ol id="timeline" class="timeline"></ol></section>
<p><button type="button" id="cancel" class="danger" hidden>${T('cancel')}</button></p>
</div>
<script type="application/json" id="case-data">${raw(jsonForScript(data))}</script>`;
  return {
    body: page({
      site,
      lang,
      title: t.caseTitle,
      body,
      script,
      css: CASE_CSS,
      nav: html`<a id="switch" href="?lang=${other}" lang="${other}" hreflang="${other}" aria-label="${t.switchLabel}">${t.switchTo}</a>`,
    }),
    csp: pageCsp(script),
  };
}
