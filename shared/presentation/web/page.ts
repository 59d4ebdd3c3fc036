/**
 * The page shell every server-rendered page uses (patient pages, staff action pages, error pages):
 * mobile-first, readable, no external resources.
 */
import { createHash } from 'node:crypto';
import type { Language } from '#domain/model.ts';
import type { Site } from '#presentation/emails/content.ts';
import { openingHours } from '#presentation/formats.ts';
import { patientWords } from '#presentation/i18n/patient-words.ts';
import { siteWords } from '#presentation/i18n/site-words.ts';
import { html, type Raw, raw } from './html.ts';

export const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;background:#f5f6f8}
main{max-width:44rem;margin:0 auto;padding:1rem}
header.site{background:#0b3d6e;color:#fff;padding:.75rem 1rem}
header.site a{color:#fff;text-decoration:none;font-weight:600}
h1{font-size:1.5rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border-radius:8px;padding:1rem;margin:1rem 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select,textarea{width:100%;font:inherit;padding:.6rem;border:1px solid #8a94a3;border-radius:6px;background:#fff}
input[type=checkbox],input[type=radio]{width:1.5rem;height:1.5rem;margin:0 .5rem 0 0;vertical-align:middle}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.75rem 1.25rem;border:0;border-radius:6px;background:#0b5cad;color:#fff;cursor:pointer;text-decoration:none;min-height:44px}
button.secondary{background:#e7ebf0;color:#1b1f24}
button.danger{background:#a61b1b}
button:disabled{background:#9aa5b1;cursor:not-allowed}
:focus-visible{outline:3px solid #1b1f24;outline-offset:2px;box-shadow:0 0 0 2px #fff}
header.site :focus-visible{outline-color:#fff;box-shadow:none}
.error{color:#a61b1b}
.ok{color:#176b2c}
.muted{color:#5b6570}
table{width:100%;border-collapse:collapse}
td,th{text-align:left;padding:.4rem .25rem;border-bottom:1px solid #e3e6ea;vertical-align:top}
@media (max-width:480px){main{padding:.5rem}h1{font-size:1.3rem}}
header.site{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
header.site nav a{font-weight:400;text-decoration:underline;padding:.5rem 0}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[aria-invalid=true]{border-color:#a61b1b;border-width:2px}
.notice{border-left:4px solid #0b5cad;background:#eef4fb;padding:.75rem 1rem;border-radius:4px}
.alert{border-left:4px solid #a61b1b;background:#fdeeee;padding:.75rem 1rem;border-radius:4px}
a{color:#0b5cad}
button,.button{max-width:100%;white-space:normal}
.card>h2:first-child{margin-top:0}
[hidden]{display:none!important}
footer.site{max-width:44rem;margin:2rem auto 0;padding:1rem;border-top:1px solid #d5dae0;color:#3d4550;font-size:.95rem}
footer.site p{margin:.25rem 0}
progress{width:100%;height:.8rem}
.note{white-space:pre-wrap}
`;

export interface PageOptions {
  lang: Language;
  title: string;
  body: Raw;
  /** Inline script of the page (served by the system itself, no CDN). */
  script?: string;
  css?: string;
  /** Links at the right of the site header (the language switch). */
  nav?: Raw;
  /** The hospital (in the header) and how to reach its office (in the footer). */
  site: Site;
}

/** Who runs the service and how to reach its office: on every page. */
function footer(site: Site, lang: Language): Raw {
  const t = siteWords(lang);
  const phone = site.office.phone.replace(/[^+\d]/g, '');
  return html`<footer class="site"><p><strong>${site.hospitalName}</strong> · ${t.service}</p>
<p>${t.help} <a href="tel:${phone}">${site.office.phone}</a> (${openingHours(site.office.hours, lang)}) · <a href="mailto:${site.office.email}">${site.office.email}</a></p>
<p>${site.office.address}</p></footer>`;
}

export function page(options: PageOptions): string {
  return html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title}</title>
<link rel="icon" href="data:,">
<style>${rawStyle(BASE_CSS + (options.css ?? ''))}</style>
</head>
<body>
<header class="site"><a href="/">${options.site.hospitalName}</a>${options.nav ? html`<nav>${options.nav}</nav>` : ''}</header>
<main id="main">
${options.body}
</main>
${footer(options.site, options.lang)}
${options.script ? html`<script type="module">${rawScript(options.script)}</script>` : ''}
</body>
</html>`.value;
}

/** Trusted CSS, unescaped (entities mean nothing inside <style>), unable to close its element. */
function rawStyle(css: string): Raw {
  return raw(css.replace(/<\/style/gi, '<\\/style'));
}

/** A script must not be able to close its own element early. */
function rawScript(source: string): Raw {
  return raw(source.replace(/<\/script/gi, '<\\/script'));
}

const CONNECT_SELF = "connect-src 'self'";
const IMAGES = "img-src 'self' data: blob:";

/**
 * The page's Content-Security-Policy: the shared policy, letting in only this page's inline script by
 * its hash. Its script may connect to the service's own origin only; `withConnectSources` adds the
 * origins a page's uploads go to. Images may also be blob: URLs, which only the page's own script can
 * make: the thumbnails of the photos a patient puts in order, never fetched from anywhere.
 */
export function pageCsp(script?: string): string {
  const scriptSrc = script
    ? `'sha256-${createHash('sha256').update(rawScript(script).value, 'utf8').digest('base64')}'`
    : "'none'";
  return `default-src 'self'; script-src ${scriptSrc}; ${IMAGES}; style-src 'self' 'unsafe-inline'; ${CONNECT_SELF}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
}

/** A page whose script may also connect to `origins` (the documents bucket its uploads go to). */
export function withConnectSources<T extends { csp: string }>(page: T, origins: readonly string[]): T {
  for (const o of origins) {
    if (new URL(o).origin !== o) throw new Error(`not an origin: ${o}`);
  }
  return { ...page, csp: page.csp.replace(CONNECT_SELF, [CONNECT_SELF, ...origins].join(' ')) };
}

/** A page that shows images from `origins` too (the documents' previews, signed in the documents bucket). */
export function withImageSources<T extends { csp: string }>(page: T, origins: readonly string[]): T {
  for (const o of origins) {
    if (new URL(o).origin !== o) throw new Error(`not an origin: ${o}`);
  }
  return { ...page, csp: page.csp.replace(IMAGES, [IMAGES, ...origins].join(' ')) };
}

/** The page for a path that is not one of ours, with a way back to the request page. */
export function notFoundPage(lang: Language, site: Site): { body: string; csp: string } {
  const t = patientWords(lang);
  return {
    body: page({
      lang,
      site,
      title: t.notFound,
      body: html`<h1>${t.notFound}</h1><p><a href="/">${t.requestTitle}</a></p>`,
    }),
    csp: pageCsp(),
  };
}
