/**
 * The patient pages' other paths in a real browser (headless Chromium) against the local stack: an
 * upload refused in words, a file replaced and relabelled, photos made one PDF, documents the
 * triage doctor asked for, the link
 * sent again to a second browser, a request from the keyboard alone, and the API's refusals on the
 * form's fields. The whole journey is in patient-journey.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillRequest, staffActs, unique } from './patients.ts';
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

describe('the patient pages in a browser', () => {
  it('tell the patient, in their language, why an upload was refused', { timeout: 240_000 }, async () => {
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
    await page.getByRole('button', { name: 'Rimuova "encrypted.pdf"' }).click();
    await page.locator('#documents li[data-document]').nth(1).waitFor({ state: 'detached' });
    await expect(text(page.locator('#documents'))).resolves.not.toContain('encrypted.pdf');
    await expect(text(page.locator('#documents'))).resolves.toContain('not-a-pdf.pdf');

    // The Word file is replaced by the right PDF, chosen from the file's own button: the new file
    // takes its place and is read like any other.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Sostituisca "not-a-pdf.pdf" con un altro file' }).click();
    await (await chooser).setFiles(fixture('corpus/007-pathology_report-it.pdf'));
    const replacement = '#documents li[data-state=classified]';
    await page
      .locator(replacement, { hasText: 'Riconosciuto come: Referto istologico' })
      .waitFor({ timeout: 90_000 });
    await page.locator('#documents li', { hasText: 'not-a-pdf.pdf' }).waitFor({ state: 'detached' });
    // The patient says it is an imaging report: the classifier's reading stays beside their word,
    // and the checklist tells them (and the triage doctor) the two differ.
    await page.getByLabel('Che cos’è "007-pathology_report-it.pdf"?').selectOption('imaging_report');
    await page
      .locator('#documents .declared', { hasText: 'Secondo Lei è: Referto di diagnostica per immagini' })
      .waitFor();
    await page
      .locator('#problems', {
        hasText:
          'Secondo Lei "007-pathology_report-it.pdf" è Referto di diagnostica per immagini; a noi risulta Referto istologico.',
      })
      .waitFor();
    await expect(text(page.locator(replacement))).resolves.toContain('Referto istologico');
    await shot(page, 'it-phone-relabelled');

    // Three photos of pages (two JPEGs and a PNG, as a phone's camera and screenshots make them),
    // put in order by the patient, become one PDF of three pages in the browser, which intake
    // checks and reads like any other.
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
        // Each a width of its own (the last scaled down to 1500 x 2000), to tell the pages apart in the PDF.
        const [w, h] = (
          [
            [1200, 1600],
            [1300, 1700],
            [3000, 4000],
          ] as const
        )[i]!;
        const canvas = new g.OffscreenCanvas(w, h);
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
    // The patient puts the screenshot first: up once with a tap, once more from the keyboard (the
    // moved photo keeps the focus), then makes the document.
    await page.locator('#photo-pages li', { hasText: 'Screenshot.png' }).waitFor();
    await page.getByRole('button', { name: 'Sposti "Screenshot.png" in su' }).click();
    await page.keyboard.press('Enter');
    await page.locator('#photo-pages li').first().filter({ hasText: 'Pagina 1: Screenshot.png' }).waitFor();
    await expect(page.locator('#photo-pages li').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('Pagina 1: Screenshot.png'),
      expect.stringContaining('Pagina 2: IMG_2231.jpg'),
      expect.stringContaining('Pagina 3: IMG_2232.jpg'),
    ]);
    await shot(page, 'it-phone-photo-order');
    // The PDF the page sends, kept as it leaves (the browser does not show a file's bytes in the
    // request): its images, in page order, carry the photos' widths.
    await page.evaluate(() => {
      const g = globalThis as unknown as { sentPdf?: Blob };
      const XHR = (globalThis as unknown as { XMLHttpRequest: { prototype: { send(body?: unknown): void } } })
        .XMLHttpRequest;
      const send = XHR.prototype.send;
      XHR.prototype.send = function (body?: unknown) {
        const file = body instanceof FormData ? body.get('file') : null;
        if (file instanceof Blob) g.sentPdf = file;
        return send.call(this, body);
      };
    });
    await page.locator('#photos-done').click();
    await page.waitForFunction(() => Boolean((globalThis as unknown as { sentPdf?: Blob }).sentPdf));
    const widths = await page.evaluate(async () => {
      const pdf = (globalThis as unknown as { sentPdf: Blob }).sentPdf;
      const text = new TextDecoder('latin1').decode(await pdf.arrayBuffer());
      return [...text.matchAll(/\/Width (\d+)/g)].map((m) => Number(m[1]));
    });
    expect(widths).toEqual([1500, 1200, 1300]);
    await expect(page.locator('#photo-order').isHidden()).resolves.toBe(true);
    const withPhotos = await settledDocuments(page, 2);
    const made = withPhotos.find((t) => t.startsWith('foto-'));
    expect(made, JSON.stringify(withPhotos)).toMatch(/^foto-\d{12}\.pdf · 3 pagine/);
    // Read by the classifier like any PDF (its few words may leave it for a doctor to confirm).
    await expect(
      page.locator('#documents li', { hasText: 'foto-' }).getAttribute('data-state'),
    ).resolves.toMatch(/^(classified|needs_review)$/);
    await shot(page, 'it-phone-photos');

    // The switch reloads the page in English; the token kept in this tab still opens the case.
    await page.locator('#switch').click();
    await page.waitForURL(/\?lang=en$/);
    await page.locator('#status:not(:empty)').waitFor();
    await expect(text(page.locator('#status'))).resolves.toBe('Waiting for your documents');
    await page.locator('#documents .declared', { hasText: 'You said it is: Imaging report' }).waitFor();
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
    await staffActs(e2e, 'it-desktop-staff-request-documents', ask.url, async (staff) => {
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
    // The page asks the API after loading: wait for its answer rather than read the alert at once.
    await page.locator('#alert', { hasText: 'could not find this case' }).waitFor();
    expect(problems).toEqual([]);
    await first.close();
    await second.close();
  });

  it('take a request from a keyboard alone', { timeout: 60_000 }, async () => {
    const ctx = await e2e.context({ locale: 'en-GB', viewport: PHONE });
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${e2e.stack.endpoints.api}/`);
    // What to do when the focus reaches each control, pressing Tab from the top of the page.
    const plan: Record<string, () => Promise<void>> = {
      'patient-firstName': () => page.keyboard.type('Ada'),
      'patient-lastName': () => page.keyboard.type('Keys'),
      'patient-email': () => page.keyboard.type(`ada.${unique()}@example.com`),
      'patient-phone': () => page.keyboard.type('+39 02 1234 5678'),
      'patient-dateOfBirth': () => page.keyboard.type('03041955'),
      'patient-country': () => page.keyboard.type('Italy'),
      // The date field takes 03041955 month first (4 March 1955): the code holds that date.
      'patient-taxCode': () => page.keyboard.type('KYSDAA55C44F205X'),
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
    await expect(focusedId(page)).resolves.toBe('previousReference');
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
