/**
 * What the patient pages' browser tests share: filling the request form as a person would (for
 * themselves or for someone else), a staff member acting on an emailed link, and the checks every
 * patient page passes (axe-core, touch targets, a phone's width) in each language and size.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DESKTOP, type E2E, PHONE, seriousViolations, shot, text, watch, withAxe } from './support.ts';

/** The label of the case page's link in the patient's emails. */
export const CASE_LINK = ['Apra la pagina della richiesta', 'Open your case page'];

let n = 0;
/** A suffix no other address of this test process has. */
export function unique(): string {
  n += 1;
  return `${process.pid}.${n}`;
}

/** Fills the request form as a person would; returns the email address used. */
export async function fillRequest(page: Page, lang: 'en' | 'it'): Promise<string> {
  const email = `patient.${lang}.${unique()}@example.com`;
  await page.locator('#patient-firstName').fill(lang === 'it' ? 'Giovanna' : 'Alice');
  await page.locator('#patient-lastName').fill(lang === 'it' ? 'Russo' : 'Walker');
  await page.locator('#patient-email').fill(email);
  await page.locator('#patient-phone').fill('+39 333 765 4321');
  await page.locator('#patient-dateOfBirth').fill('1958-07-21');
  await page.locator('#patient-country').selectOption(lang === 'it' ? 'IT' : 'GB');
  // Asked of residents of Italy; it holds the date of birth above.
  if (lang === 'it') await page.locator('#patient-taxCode').fill('RSSGNN58L61F205B');
  await page.locator('#type-oncological').check();
  await page.locator('#consent').check();
  return email;
}

/** Someone applies for the patient: their own details, and the relationship; their email. */
export async function fillRequester(page: Page): Promise<string> {
  await expect(page.locator('#requester-firstName').isVisible()).resolves.toBe(false);
  await page.getByLabel('I am applying for someone else').check();
  await page.locator('#requester-firstName').fill('Emma');
  await page.locator('#requester-lastName').fill('Walker');
  const email = `emma.${unique()}@example.com`;
  await page.locator('#requester-email').fill(email);
  await page.locator('#requester-phone').fill('+44 20 7946 0000');
  await page.locator('#requester-relationship').fill('daughter');
  await expect(text(page.locator('#requester-section .notice'))).resolves.toContain('proxy authorization');
  // The blank form to have signed is one click away.
  const form = page.getByRole('link', { name: 'Download the proxy authorization form (PDF)' });
  const pdf = await fetch(new URL((await form.getAttribute('href')) ?? '', page.url()));
  expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="proxy-authorization.pdf"');
  return email;
}

/** A staff member opens an emailed link, sees the confirmation page, and presses its button. */
export async function staffActs(
  e2e: E2E,
  name: string,
  url: string,
  before?: (p: Page) => Promise<void>,
): Promise<void> {
  const ctx = await e2e.context({ locale: 'it-IT', viewport: PHONE });
  const page = await ctx.newPage();
  const problems = watch(page);
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  await expect(page.locator('form[method=post]').count()).resolves.toBe(1);
  await shot(page, `${name}`);
  await before?.(page);
  await page.locator('form[method=post] button[type=submit]').click();
  // Staff read their own language (the office mailbox is not a person: English).
  await page.locator('h1', { hasText: /^(Grazie|Thank you)$/ }).waitFor({ timeout: 30_000 });
  await shot(page, `${name}-done`);
  expect(problems).toEqual([]);
  await ctx.close();
}

/**
 * Controls smaller than 24 by 24 CSS pixels (WCAG 2.2, 2.5.8), as "tag#id WxH". A link inside a
 * sentence is exempt (its size is the line's), as is a visually hidden control (the file input,
 * whose label is the target).
 */
export function smallTargets(page: Page): Promise<string[]> {
  return page
    .locator('button, a[href], input:not([type=hidden]), select, textarea, label.button, summary')
    .evaluateAll((els) =>
      els.flatMap((e) => {
        const r = e.getBoundingClientRect();
        if (!r.width || !r.height || e.classList.contains('visually-hidden')) return [];
        const parent = e.parentElement;
        const inSentence =
          e.tagName === 'A' &&
          parent !== null &&
          ['P', 'LI', 'DD', 'SPAN'].includes(parent.tagName) &&
          (parent.textContent ?? '').trim() !== (e.textContent ?? '').trim();
        if (inSentence || (r.width >= 24 && r.height >= 24)) return [];
        const name = e.id || (e.textContent ?? '').trim().slice(0, 30);
        return [`${e.tagName.toLowerCase()}#${name} ${Math.round(r.width)}x${Math.round(r.height)}`];
      }),
    );
}

/** No serious or critical axe-core violation, no control under 24x24 px, and a screenshot (which checks a phone's width). */
export async function checkPage(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  await expect(smallTargets(page), `${name}: small targets`).resolves.toEqual([]);
  await shot(page, name);
}

/** The URL with ?lang= set (before its fragment, where a case link keeps the token). */
export function withLang(url: string, lang: 'en' | 'it'): string {
  const u = new URL(url);
  u.searchParams.set('lang', lang);
  return u.toString();
}

/**
 * Opens a page in English and in Italian, on a phone and on a desktop, and checks each
 * (checkPage); `ready` is what shows when the page has drawn itself, `act` what to do first.
 */
export async function checkEverywhere(
  e2e: E2E,
  url: string,
  name: string,
  ready: string,
  options: {
    act?: (page: Page) => Promise<void>;
    /** A page in its reader's language only (an emailed action link): checked as it is. */
    readersLanguage?: 'en' | 'it';
    /** The test's own browser profile of each size (axe-core let in), left open; else a fresh one each. */
    context?: (size: 'phone' | 'desktop') => Promise<BrowserContext>;
  } = {},
): Promise<void> {
  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    const ctx = options.context
      ? await options.context(size)
      : await e2e.context({ locale: 'en-GB', viewport });
    if (!options.context) await withAxe(ctx);
    const page = await ctx.newPage();
    const problems = watch(page);
    for (const lang of options.readersLanguage ? [options.readersLanguage] : (['en', 'it'] as const)) {
      await page.goto(options.readersLanguage ? url : withLang(url, lang));
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      await page.locator(ready).first().waitFor();
      await options.act?.(page);
      await checkPage(page, `a11y-${name}-${lang}-${size}`);
    }
    expect(problems).toEqual([]);
    await (options.context ? page : ctx).close();
  }
}
