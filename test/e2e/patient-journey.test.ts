/**
 * The whole service in a real browser (headless Chromium) against the local stack: a patient asks
 * for a second opinion, uploads three PDFs and sees them recognised, submits; the triage doctor,
 * the office and the specialist act from the links in their emails; the patient downloads the
 * report. Once in Italian on a desktop screen, once in English on a 360 px phone. Every page is
 * saved under test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type E2E, fixture, LINKS, PHONE, STAFF, shot, startE2E, watch } from './support.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

let n = 0;
const WORDS = {
  it: {
    title: 'Richiedi un secondo parere',
    recognised: [
      /Riconosciuto come: Relazione dell'oncologo curante/,
      /Riconosciuto come: Referto istologico/,
      /Riconosciuto come: Documento d'identità/,
    ],
    locale: 'it-IT',
  },
  en: {
    title: 'Ask for a second opinion',
    recognised: [
      /Recognised as: Treating oncologist's report/,
      /Recognised as: Pathology \(histology\) report/,
      /Recognised as: Identity document/,
    ],
    locale: 'en-GB',
  },
} as const;

/** What a person sees of an element (layout-aware, unlike textContent). */
// biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is asserted
const text = (l: Locator, timeout?: number) => l.innerText(timeout ? { timeout } : {});

/** The id of the focused element ('' for none); a function, not a string: the pages' CSP refuses eval. */
const focusedId = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement
        ?.id ?? '',
  );

/** Fills the request form as a person would; returns the email address used. */
async function fillRequest(page: Page, lang: 'en' | 'it'): Promise<string> {
  n += 1;
  const email = `patient.${lang}.${process.pid}.${n}@example.com`;
  await page.locator('#patient-firstName').fill(lang === 'it' ? 'Giovanna' : 'Alice');
  await page.locator('#patient-lastName').fill(lang === 'it' ? 'Russo' : 'Walker');
  await page.locator('#patient-email').fill(email);
  await page.locator('#patient-phone').fill('+39 333 765 4321');
  await page.locator('#patient-dateOfBirth').fill('1958-07-21');
  await page.locator('#patient-country').selectOption(lang === 'it' ? 'IT' : 'GB');
  await page.locator('#type-oncological').check();
  await page.locator('#consent').check();
  return email;
}

/** Someone applies for the patient: their own details, and the relationship. */
async function fillRequester(page: Page): Promise<void> {
  await expect(page.locator('#requester-firstName').isVisible()).resolves.toBe(false);
  await page.getByLabel('I am applying for someone else').check();
  await page.locator('#requester-firstName').fill('Emma');
  await page.locator('#requester-lastName').fill('Walker');
  await page.locator('#requester-email').fill(`emma.${process.pid}.${n}@example.com`);
  await page.locator('#requester-phone').fill('+44 20 7946 0000');
  await page.locator('#requester-relationship').fill('daughter');
  await expect(text(page.locator('#requester-section .notice'))).resolves.toContain('proxy authorization');
}

/** The state the case page shows for its documents, waiting until `count` are done with intake. */
async function settledDocuments(page: Page, count: number): Promise<string[]> {
  const settled = ['classified', 'rejected', 'needs_review', 'failed', 'not_received']
    .map((state) => `#documents li[data-state=${state}]`)
    .join(', ');
  try {
    await page
      .locator(settled)
      .nth(count - 1)
      .waitFor({ timeout: 90_000 });
  } catch (err) {
    const shown = await page.locator('#documents li').allInnerTexts();
    throw new Error(`${count} documents never settled; the page shows: ${JSON.stringify(shown)}`, {
      cause: err,
    });
  }
  return page.locator('#documents li').allInnerTexts();
}

async function waitForStatus(page: Page, status: string): Promise<void> {
  // The page polls slowly when nothing is moving; a reload shows the new state at once.
  for (let i = 0; i < 40; i++) {
    await page.reload();
    const shown = await page
      .locator('#status')
      .getAttribute('data-status', { timeout: 15_000 })
      .catch(() => null);
    if (shown === status) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`the case page never showed status ${status}`);
}

/** A staff member opens an emailed link, sees the confirmation page, and presses its button. */
async function staffActs(name: string, url: string, before?: (p: Page) => Promise<void>) {
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

async function journey(
  lang: 'en' | 'it',
  viewport: { width: number; height: number },
  name: string,
  forSomeoneElse = false,
  additional = false,
) {
  const w = WORDS[lang];
  const ctx = await e2e.context({ locale: w.locale, viewport });
  const page = await ctx.newPage();
  const problems = watch(page);

  // The request page speaks the browser's language.
  await page.goto(`${e2e.stack.endpoints.api}/`);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
  await expect(text(page.locator('h1'))).resolves.toBe(w.title);
  await shot(page, `${name}-01-request`);

  // Sending an empty form: the error summary takes the focus and names each field.
  await page.locator('#create').click();
  await expect(focusedId(page)).resolves.toBe('error-summary');
  await expect(page.locator('#error-summary li').count()).resolves.toBeGreaterThanOrEqual(6);
  await expect(page.locator('#patient-email').getAttribute('aria-invalid')).resolves.toBe('true');
  await shot(page, `${name}-02-request-errors`);

  const email = await fillRequest(page, lang);
  if (forSomeoneElse) await fillRequester(page);
  // A bad phone number is caught before anything is sent.
  await page.locator('#patient-phone').fill('call me');
  await page.locator('#create').click();
  await expect(text(page.locator('#patient-phone-error'))).resolves.toMatch(/\S/);
  await page.locator('#patient-phone').fill('+39 333 765 4321');
  // Keyboard only from here: Enter in a field sends the form.
  await page.locator('#patient-phone').press('Enter');
  await page.waitForURL(/\/case\/[0-9a-f-]+$/);
  // The token left the address bar (it lives in this tab's sessionStorage).
  expect(page.url()).not.toContain('token');
  await page.locator('#reference:not(:empty)').waitFor({ timeout: 15_000 });
  const reference = (await text(page.locator('#reference'))).trim();
  expect(reference).toMatch(/^SO-/);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);

  // The file button is reachable with the keyboard and opens the file chooser.
  await page.locator('#drop').evaluate((el) => el.scrollIntoView());
  // locator.press focuses and presses at once: a re-render in between cannot steal the focus.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('#files').press('Space'),
  ]);
  expect(chooser.isMultiple()).toBe(true);
  const files =
    lang === 'it'
      ? ['003-oncologist_report-it.pdf', '007-pathology_report-it.pdf', '043-identity_document-it.pdf']
      : ['002-oncologist_report-en.pdf', '005-pathology_report-en.pdf', '041-identity_document-en.pdf'];
  await chooser.setFiles(files.map((f) => fixture(`corpus/${f}`)));
  // Each file shows its progress while it goes to S3.
  await page.locator('#documents li').nth(2).waitFor();
  const texts = await settledDocuments(page, 3);
  for (const [i, pattern] of w.recognised.entries()) expect(texts.join('\n'), `file ${i}`).toMatch(pattern);
  await expect(page.locator('#checklist li .mark.yes').count()).resolves.toBe(3);
  if (forSomeoneElse) {
    // Someone else applied: the patient's signed proxy authorization is required too.
    await expect(text(page.locator('#checklist'))).resolves.toContain('Proxy authorization');
    await expect(text(page.locator('#problems'))).resolves.toContain(
      'proxy authorization signed by the patient',
    );
  }
  await shot(page, `${name}-03-case-classified`);

  await page.locator('#submit').click();
  await page.locator('#timeline li').first().waitFor();
  await waitForStatus(page, 'triage');
  await expect(page.locator('#timeline li.current').count()).resolves.toBeGreaterThanOrEqual(1);
  await shot(page, `${name}-04-case-submitted`);

  const triage = await e2e.driver.waitForLink(STAFF.triage, reference, LINKS.complete);
  await staffActs(`${name}-05-staff-triage`, triage.url);

  await waitForStatus(page, 'awaiting_payment');
  const rf = (await text(page.locator('#payment-reference'))).trim();
  // Printed in groups of four, as on a bank form.
  expect(rf).toMatch(/^RF\d{2}( [A-Z0-9]{1,4})+$/);
  await expect(text(page.locator('#payment-facts'))).resolves.toContain('IT60 X054');
  await expect(text(page.locator('#payment-facts'))).resolves.toMatch(/500[.,]00/);
  await shot(page, `${name}-06-case-payment`);

  const office = await e2e.driver.waitForLink(STAFF.office, reference, LINKS.paymentReceived);
  await staffActs(`${name}-07-staff-payment`, office.url);

  const candidate = await e2e.driver.waitForLink(STAFF.triage, reference, (label) =>
    label.startsWith('Dr Laura Ferrari'),
  );
  await staffActs(`${name}-08-staff-assign`, candidate.url);

  let releaseLinks = 0;
  if (additional) {
    // The specialist asks for a histology review; the patient sees it waits on them, and approves.
    const ask = await e2e.driver.waitForLink(STAFF.oncologist, reference, LINKS.requestAdditional);
    await staffActs(`${name}-09-staff-additional`, ask.url, async (staff) => {
      await staff.locator('#reason').fill('Rileggere i vetrini della biopsia');
    });
    await waitForStatus(page, 'awaiting_approval');
    await expect(text(page.locator('#next'))).resolves.toContain(
      lang === 'it'
        ? 'Lo specialista propone un approfondimento'
        : 'The specialist proposes an additional consultation',
    );
    await shot(page, `${name}-10-case-approval`);
    const approve = await e2e.driver.waitForLink(email, reference, LINKS.approve);
    await staffActs(`${name}-11-patient-approve`, approve.url);
    // Approved: the page asks for its price with its own reference, and the office confirms it arrived.
    await waitForStatus(page, 'awaiting_additional_payment');
    await expect(text(page.locator('#payment-facts'))).resolves.toMatch(/300[.,]00/);
    await expect(text(page.locator('#payment-reference'))).resolves.not.toBe(rf);
    const paid = await e2e.driver.waitForLink(STAFF.office, reference, LINKS.paymentReceived, { skip: 1 });
    await staffActs(`${name}-11b-staff-additional-payment`, paid.url);
    await waitForStatus(page, 'in_report');
    releaseLinks = 1;
  }

  // The report wait opens again after an approval, with fresh links.
  const release = await e2e.driver.waitForLink(STAFF.oncologist, reference, LINKS.release, {
    skip: releaseLinks,
  });
  await staffActs(`${name}-12-staff-report`, release.url, async (staff) => {
    await staff.locator('#report').setInputFiles(fixture('corpus/002-oncologist_report-en.pdf'));
  });

  await waitForStatus(page, 'released');
  await shot(page, `${name}-13-case-released`);
  // Too late to cancel, and nothing left to upload or send.
  for (const id of ['#cancel', '#submit', '#files'])
    await expect(page.locator(id).isVisible()).resolves.toBe(false);
  // The button asks for a short-lived link and the browser follows it to the PDF (a download or a view).
  const s3 = e2e.stack.endpoints.s3;
  const received = new Promise<Uint8Array>((resolve, reject) => {
    page.on('download', (d) => d.path().then((path) => resolve(readFileSync(path)), reject));
    page.on('response', (r) => {
      if (r.url().startsWith(s3) && r.status() === 200)
        fetch(r.url()).then((f) => f.arrayBuffer().then((b) => resolve(new Uint8Array(b))), reject);
    });
  });
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/report') && r.request().method() === 'GET'),
    page.locator('#download').click(),
  ]);
  expect(answer.status()).toBe(200);
  expect(
    Buffer.from(await received)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  expect(problems).toEqual([]);
  await ctx.close();
  return { email, reference };
}

describe('the patient pages in a browser', () => {
  it('take an Italian patient from the request to the report, with an additional consultation (desktop)', {
    timeout: 240_000,
  }, async () => {
    await journey('it', DESKTOP, 'it-desktop', false, true);
  });

  it('take an English patient, applied for by their daughter, to the report on a 360 px phone', {
    timeout: 240_000,
  }, async () => {
    await journey('en', PHONE, 'en-phone', true);
  });

  it('tell the patient, in their language, why an upload was refused', { timeout: 120_000 }, async () => {
    const ctx = await e2e.context({ locale: 'it-IT', viewport: PHONE });
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${e2e.stack.endpoints.api}/`);
    await fillRequest(page, 'it');
    await page.locator('#create').click();
    await page.waitForURL(/\/case\//);
    await page.locator('#reference').waitFor();
    // A Word file renamed .pdf, picked, and a password-protected PDF, dragged onto the page: both
    // pass the browser, intake refuses them.
    await page.locator('#files').setInputFiles(fixture('bad/not-a-pdf.pdf'));
    const dropped = await page.evaluateHandle(
      (bytes) => {
        const g = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
        };
        const dt = new g.DataTransfer();
        dt.items.add(new g.File([new Uint8Array(bytes)], 'encrypted.pdf', { type: 'application/pdf' }));
        return dt;
      },
      Array.from(readFileSync(fixture('bad/encrypted.pdf'))),
    );
    await page.locator('#drop').dispatchEvent('drop', { dataTransfer: dropped });
    const texts = (await settledDocuments(page, 2)).join('\n');
    expect(texts).toContain('Non accettato: non è un file PDF');
    expect(texts).toContain('Non accettato: è protetto da password');
    await expect(text(page.locator('#problems'))).resolves.toContain('Lo carichi di nuovo in PDF');
    // Nothing usable yet: submitting makes no sense.
    await expect(page.locator('#submit').isDisabled()).resolves.toBe(true);
    // A file that is not even called .pdf never leaves the browser; the message says why, at once.
    await page
      .locator('#files')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a pdf') });
    await expect(text(page.locator('#upload-errors'))).resolves.toContain('"photo.jpg" non è un file PDF');
    await expect(focusedId(page)).resolves.toBe('upload-errors');
    await shot(page, 'it-phone-rejected-upload');

    // The switch reloads the page in English; the token kept in this tab still opens the case.
    await page.locator('#switch').click();
    await page.waitForURL(/\?lang=en$/);
    await page.locator('#status:not(:empty)').waitFor();
    await expect(text(page.locator('#status'))).resolves.toBe('Waiting for your documents');
    await expect(text(page.locator('#documents'))).resolves.toContain('Not accepted: it is not a PDF file');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('ask for the documents the triage doctor requested, and send them again', {
    timeout: 180_000,
  }, async () => {
    const ctx = await e2e.context({ locale: 'it-IT', viewport: DESKTOP });
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${e2e.stack.endpoints.api}/`);
    await fillRequest(page, 'it');
    await page.locator('#create').click();
    await page.waitForURL(/\/case\//);
    await page.locator('#reference:not(:empty)').waitFor();
    const reference = (await text(page.locator('#reference'))).trim();
    await page.locator('#files').setInputFiles(fixture('corpus/003-oncologist_report-it.pdf'));
    await settledDocuments(page, 1);
    await page.locator('#submit').click();
    await waitForStatus(page, 'triage');

    const ask = await e2e.driver.waitForLink(STAFF.triage, reference, LINKS.requestDocuments);
    await staffActs('it-desktop-staff-request-documents', ask.url, async (staff) => {
      await staff.locator('#documents').fill('Referto istologico della biopsia\nTAC torace recente');
    });

    await waitForStatus(page, 'documents_requested');
    await expect(page.locator('#requested li').allInnerTexts()).resolves.toEqual([
      'Referto istologico della biopsia',
      'TAC torace recente',
    ]);
    await expect(text(page.locator('#next'))).resolves.toContain('Il medico ha chiesto altri documenti');
    await page.locator('#files').setInputFiles(fixture('corpus/007-pathology_report-it.pdf'));
    const texts = await settledDocuments(page, 2);
    expect(texts.join('\n')).toContain('Riconosciuto come: Referto istologico');
    await shot(page, 'it-desktop-documents-requested');
    await page.locator('#submit').click();
    await waitForStatus(page, 'triage');
    // A fresh triage request reaches the doctor.
    await e2e.driver.waitForLink(STAFF.triage, reference, LINKS.complete, { skip: 1 });
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('take a request from a keyboard alone', { timeout: 60_000 }, async () => {
    const ctx = await e2e.context({ locale: 'en-GB', viewport: PHONE });
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${e2e.stack.endpoints.api}/`);
    n += 1;
    // What to do when the focus reaches each control, pressing Tab from the top of the page.
    const plan: Record<string, () => Promise<void>> = {
      'patient-firstName': () => page.keyboard.type('Ada'),
      'patient-lastName': () => page.keyboard.type('Keys'),
      'patient-email': () => page.keyboard.type(`ada.${process.pid}.${n}@example.com`),
      'patient-phone': () => page.keyboard.type('+39 02 1234 5678'),
      'patient-dateOfBirth': () => page.keyboard.type('03041955'),
      'patient-country': () => page.keyboard.type('Italy'),
      'type-radiotherapy': () => page.keyboard.press('Space'),
      consent: () => page.keyboard.press('Space'),
      create: () => page.keyboard.press('Enter'),
    };
    const done = new Set<string>();
    for (let i = 0; i < 80 && !done.has('create'); i++) {
      await page.keyboard.press('Tab');
      const id = await focusedId(page);
      if (id && plan[id] && !done.has(id)) {
        done.add(id);
        await plan[id]();
      }
    }
    expect([...done].sort()).toEqual(Object.keys(plan).sort());
    await page.waitForURL(/\/case\/[0-9a-f-]+$/);
    await page.locator('#reference:not(:empty)').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it("maps the API's refusals back to the form's fields", { timeout: 60_000 }, async () => {
    const ctx = await e2e.context({ locale: 'en-GB', viewport: PHONE });
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${e2e.stack.endpoints.api}/`);
    await fillRequest(page, 'en');
    // An update of a request that does not exist: the API says so (422), next to the field.
    await page.locator('#update').check();
    await page.locator('#previousReference').fill('SO-2026-AAAA-BBBB');
    await page.locator('#create').click();
    await page.locator('#previousReference-error').waitFor();
    await expect(text(page.locator('#previousReference-error'))).resolves.toBe(
      'We could not find an earlier request with this reference.',
    );
    await expect(focusedId(page)).resolves.toBe('error-summary');
    await expect(page.locator('#previousReference').getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, 'en-phone-request-api-error');
    // A 400's details name fields by path; each lands on its own field, in the page's words.
    await page.route('**/cases', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'validation_failed',
            message: 'Some fields are missing or not valid.',
            details: [
              { path: 'patient.email', message: 'Invalid email address' },
              { path: 'consultationTypes.0', message: 'Invalid option' },
            ],
          },
        }),
      }),
    );
    await page.locator('#update').uncheck();
    await page.locator('#create').click();
    await page.locator('#patient-email-error').waitFor();
    await expect(text(page.locator('#patient-email-error'))).resolves.toBe('Please check Email.');
    await expect(text(page.locator('#consultationTypes-error'))).resolves.toMatch(
      /^Please check Which consultation/,
    );
    await expect(page.locator('#previousReference-error').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
