/**
 * The whole service in a real browser (headless Chromium) against the local stack: a patient asks
 * for a second opinion, uploads three PDFs and sees them recognised, submits; the triage doctor,
 * the office and the specialist act from the links in their emails; the patient downloads the
 * report. Once in Italian on a desktop screen, once in English on a 360 px phone. Every page is
 * saved under test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  type E2E,
  fixture,
  focusedId,
  LINKS,
  PHONE,
  STAFF,
  settledDocuments,
  shot,
  startE2E,
  text,
  waitForStatus,
  watch,
} from './support.ts';

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
  await staffActs(`${name}-05-staff-triage`, triage.url, (p) =>
    p.selectOption('#diseaseSite', 'breast').then(() => undefined),
  );

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
    // The specialist asks for a surgical consultation; the patient sees it waits on them, and approves.
    const ask = await e2e.driver.waitForLink(STAFF.oncologist, reference, LINKS.requestAdditional);
    await staffActs(`${name}-09-staff-additional`, ask.url, async (staff) => {
      await staff.locator('input[name=consultation][value=histology_review]').uncheck();
      await staff.locator('input[name=consultation][value=surgical_review]').check();
      await staff.locator('#reason').fill('Valutare la resecabilità');
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
    await expect(text(page.locator('#payment-facts'))).resolves.toMatch(/250[.,]00/);
    await expect(text(page.locator('#payment-reference'))).resolves.not.toBe(rf);
    const paid = await e2e.driver.waitForLink(STAFF.office, reference, LINKS.paymentReceived, { skip: 1 });
    await staffActs(`${name}-11b-staff-additional-payment`, paid.url);
    // Paid: the surgeon is asked for the consultation; the report waits for its outcome.
    await waitForStatus(page, 'in_consultation');
    const consult = await e2e.driver.waitForLink(STAFF.surgeon, reference, LINKS.task);
    await staffActs(`${name}-11c-staff-consultation`, consult.url, async (staff) => {
      await staff.locator('#note').fill('Resecabile dopo terapia neoadiuvante.');
    });
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
    // A "photo" the browser cannot decode never leaves it; the message says why, at once.
    await page
      .locator('#files')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo') });
    // Decoding fails asynchronously: wait for the message rather than read the list at once.
    await page
      .locator('#upload-errors', { hasText: 'Non riusciamo a leggere la foto "photo.jpg"' })
      .waitFor();
    await expect(focusedId(page)).resolves.toBe('upload-errors');
    await shot(page, 'it-phone-rejected-upload');

    // The patient removes the password-protected file after confirming; the other stays.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Rimuovi "encrypted.pdf"' }).click();
    await page.locator('#documents li[data-document]').nth(1).waitFor({ state: 'detached' });
    await expect(text(page.locator('#documents'))).resolves.not.toContain('encrypted.pdf');
    await expect(text(page.locator('#documents'))).resolves.toContain('not-a-pdf.pdf');

    // Three photos of pages (two JPEGs and a PNG, as a phone's camera and screenshots make them)
    // become one PDF of three pages in the browser, which intake checks and reads like any other.
    const photos = await page.evaluate(async () => {
      const g = globalThis as unknown as {
        OffscreenCanvas: new (
          w: number,
          h: number,
        ) => {
          getContext(k: '2d'): {
            fillStyle: string;
            fillRect(...n: number[]): void;
            font: string;
            fillText(t: string, x: number, y: number): void;
          };
          convertToBlob(o: {
            type: string;
            quality?: number;
          }): Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>;
        };
      };
      const out: number[][] = [];
      for (const [i, type] of ['image/jpeg', 'image/jpeg', 'image/png'].entries()) {
        const canvas = new g.OffscreenCanvas(1200 + i * 900, 1600 + i * 1200);
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#f4f1ea';
        ctx.fillRect(0, 0, 3000, 4000);
        ctx.fillStyle = '#222';
        ctx.font = '48px sans-serif';
        ctx.fillText(`Referto, pagina ${i + 1}`, 100, 200);
        out.push([
          ...new Uint8Array(await (await canvas.convertToBlob({ type, quality: 0.9 })).arrayBuffer()),
        ]);
      }
      return out;
    });
    await page.locator('#files').setInputFiles([
      { name: 'IMG_2231.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photos[0]!) },
      { name: 'IMG_2232.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photos[1]!) },
      { name: 'Screenshot.png', mimeType: 'image/png', buffer: Buffer.from(photos[2]!) },
    ]);
    const withPhotos = await settledDocuments(page, 2);
    const made = withPhotos.find((t) => t.startsWith('foto-'));
    expect(made, JSON.stringify(withPhotos)).toMatch(/^foto-\d{12}\.pdf · 3 pagine/);
    await shot(page, 'it-phone-photos');

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
      await staff
        .getByLabel(/Documenti che il paziente deve inviare|Documents the patient must send/)
        .fill('Referto istologico della biopsia\nTAC torace recente');
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

  it('send the link again to a second browser, where the first one stops working', {
    timeout: 120_000,
  }, async () => {
    const first = await e2e.context({ locale: 'en-GB', viewport: DESKTOP });
    const page = await first.newPage();
    await page.goto(`${e2e.stack.endpoints.api}/`);
    const email = await fillRequest(page, 'en');
    await page.locator('#create').click();
    await page.waitForURL(/\/case\//);
    await page.locator('#reference:not(:empty)').waitFor();
    const reference = (await text(page.locator('#reference'))).trim();
    const caseUrl = page.url().split('#')[0]!;

    // On a phone without the email: the bare page offers the link again.
    const second = await e2e.context({ locale: 'it-IT', viewport: PHONE });
    const phone = await second.newPage();
    const problems = watch(phone);
    await phone.goto(caseUrl);
    await expect(text(phone.locator('#alert'))).resolves.toContain('richiede il link');
    await phone.locator('#lost-link a').click();
    await phone.waitForURL(/\/link\?lang=it$/);
    await shot(phone, 'it-phone-send-link');
    await phone.locator('#reference').fill(reference.toLowerCase());
    await phone.locator('#dateOfBirth').fill('1958-07-21');
    await phone.locator('#email').fill(email);
    await phone.getByRole('button', { name: 'Mi invii il link' }).click();
    await expect(text(phone.locator('[role=status]'))).resolves.toContain('abbiamo inviato un nuovo link');
    await shot(phone, 'it-phone-send-link-sent');

    const sent = await e2e.driver.waitForLink(email, reference, ['Open your case page'], { skip: 1 });
    expect(sent.mail.subject).toBe(`Your link to request ${reference}`);
    // Pasted into the tab of the bare page, the link opens the case (only the fragment changes).
    await phone.goto(caseUrl);
    await phone.locator('#alert:not(:empty)').waitFor();
    await phone.goto(sent.url);
    await phone.locator('#status:not(:empty)').waitFor();
    await expect(text(phone.locator('#reference'))).resolves.toBe(reference);
    // The first browser's link was rotated out.
    await page.reload();
    await expect(text(page.locator('#alert'))).resolves.toContain('could not find this case');
    expect(problems).toEqual([]);
    await first.close();
    await second.close();
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
