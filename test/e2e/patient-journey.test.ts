/**
 * The whole service in a real browser (headless Chromium) against the local stack: a patient asks
 * for a second opinion, uploads three PDFs and sees them recognised, submits; the triage doctor,
 * the office and the specialist act from the links in their emails; the patient downloads the
 * report. Once in Italian on a desktop screen, once in English on a 360 px phone, applied for by
 * the patient's daughter. On the way, the case page at each step (and the patient's own decision
 * page) is checked in both languages on a phone and a desktop (axe-core, touch targets). Every page
 * is saved under test-results/screenshots/. The patient pages' other paths are in
 * patient-pages.test.ts, the rest of the pages' accessibility in patient-a11y.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_LINK, checkEverywhere, fillRequest, fillRequester, staffActs } from './patients.ts';
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

/** What the page's copy buttons put on the clipboard. */
const clipboard = (page: Page) =>
  page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const WORDS = {
  it: {
    title: 'Richiesta di secondo parere',
    recognised: [
      /Riconosciuto come: Relazione dell'oncologo curante/,
      /Riconosciuto come: Referto istologico/,
      /Riconosciuto come: Documento d'identità/,
    ],
    locale: 'it-IT',
    amount: /500,00\s€/,
    payBy: /Da pagare entro\s+\S+ \d+ \S+ 20\d\d/,
    copyIban: "Copia l'IBAN",
    copiedIban: "L'IBAN è copiato",
    copyReference: 'Copia la causale',
    reportFile: 'relazione',
  },
  en: {
    title: 'Ask for a second opinion',
    recognised: [
      /Recognised as: Treating oncologist's report/,
      /Recognised as: Pathology \(histology\) report/,
      /Recognised as: Identity document/,
    ],
    locale: 'en-GB',
    amount: /€500\.00/,
    payBy: /Please pay by\s+\S+ \d+ \S+ 20\d\d/,
    copyIban: 'Copy the IBAN',
    copiedIban: 'The IBAN is copied',
    copyReference: 'Copy the payment reference',
    reportFile: 'report',
  },
} as const;

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

  // Sending an empty form: the error summary names each field, in the page's order, and the first
  // field in error takes the focus; each error is tied to its field.
  await page.locator('#create').click();
  await expect(focusedId(page)).resolves.toBe('patient-firstName');
  await expect(page.locator('#error-summary li').count()).resolves.toBeGreaterThanOrEqual(6);
  await expect(page.locator('#error-summary li a').first().getAttribute('href')).resolves.toBe(
    '#patient-firstName',
  );
  await expect(page.locator('#error-summary li a').last().getAttribute('href')).resolves.toBe('#consent');
  await expect(page.locator('#patient-email').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(page.locator('#patient-email').getAttribute('aria-describedby')).resolves.toBe(
    'patient-email-hint patient-email-error',
  );
  // The consent's error stands above its row, not squeezed into it.
  const consentRow = await page.locator('label.choice:has(#consent)').boundingBox();
  const consentError = await page.locator('#consent-error').boundingBox();
  expect(consentError!.y + consentError!.height).toBeLessThanOrEqual(consentRow!.y);
  await expect(page.locator('#type-oncological').getAttribute('aria-invalid')).resolves.toBe('true');
  await shot(page, `${name}-02-request-errors`);

  const email = await fillRequest(page, lang);
  const requesterEmail = forSomeoneElse ? await fillRequester(page) : undefined;
  // A bad phone number is caught before anything is sent.
  await page.locator('#patient-phone').fill('call me');
  // So is a codice fiscale whose last character does not match the others, beside its field.
  if (lang === 'it') await page.locator('#patient-taxCode').fill('rssgnn58l61f205c');
  await page.locator('#create').click();
  await expect(text(page.locator('#patient-phone-error'))).resolves.toMatch(/\S/);
  if (lang === 'it') {
    await expect(text(page.locator('#patient-taxCode-error'))).resolves.toMatch(
      /^Controlli il codice fiscale/,
    );
    await page.locator('#patient-taxCode').fill('rssgnn58l61f205b');
  }
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
  // The case page as the emailed link opens it, checked in each language and size at each step.
  const caseLink = (await e2e.driver.waitForLink(email, reference, CASE_LINK)).url;
  const everywhere = !additional;
  if (everywhere) await checkEverywhere(e2e, caseLink, 'case-triage', '#status[data-status=triage]');

  const triage = await e2e.driver.waitForLink(STAFF.triage, reference, LINKS.complete);
  await staffActs(e2e, `${name}-05-staff-triage`, triage.url, (p) =>
    p.selectOption('#diseaseSite', 'breast').then(() => undefined),
  );

  await waitForStatus(page, 'awaiting_payment');
  const rf = (await text(page.locator('#payment-reference'))).trim();
  // Printed in groups of four, as on a bank form.
  expect(rf).toMatch(/^RF\d{2}( [A-Z0-9]{1,4})+$/);
  await expect(text(page.locator('#payment-facts'))).resolves.toContain('IT60 X054');
  // The amount in the reader's money format, and the deadline on the card itself.
  await expect(text(page.locator('#payment-facts'))).resolves.toMatch(w.amount);
  await expect(text(page.locator('#payment-facts'))).resolves.toMatch(w.payBy);
  // The IBAN and the reference copy without their spaces, ready for a bank's form.
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: w.copyIban }).click();
  await page.locator('#announcer', { hasText: w.copiedIban }).waitFor();
  await expect(clipboard(page)).resolves.toBe('IT60X0542811101000000123456');
  await page.getByRole('button', { name: w.copyReference }).click();
  await expect(clipboard(page)).resolves.toBe(rf.replace(/ /g, ''));
  await shot(page, `${name}-06-case-payment`);
  if (everywhere)
    await checkEverywhere(e2e, caseLink, 'case-payment', '#status[data-status=awaiting_payment]');

  const office = await e2e.driver.waitForLink(STAFF.office, reference, LINKS.paymentReceived);
  await staffActs(e2e, `${name}-07-staff-payment`, office.url);

  const candidate = await e2e.driver.waitForLink(STAFF.triage, reference, (label) =>
    label.startsWith('Dr Laura Ferrari'),
  );
  await staffActs(e2e, `${name}-08-staff-assign`, candidate.url);

  let releaseLinks = 0;
  if (additional) {
    // The specialist asks for a surgical consultation; the patient sees it waits on them, and approves.
    const ask = await e2e.driver.waitForLink(STAFF.oncologist, reference, LINKS.requestAdditional);
    await staffActs(e2e, `${name}-09-staff-additional`, ask.url, async (staff) => {
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
    await checkEverywhere(e2e, caseLink, 'case-approval', '#status[data-status=awaiting_approval]');
    const approve = await e2e.driver.waitForLink(email, reference, LINKS.approve);
    // The patient's own decision page, in the patient's language (opening it changes nothing).
    await checkEverywhere(e2e, approve.url, 'approve', 'form[method=post]', { readersLanguage: lang });
    await staffActs(e2e, `${name}-11-patient-approve`, approve.url);
    // Approved: the page asks for its price with its own reference, and the office confirms it arrived.
    await waitForStatus(page, 'awaiting_additional_payment');
    await expect(text(page.locator('#payment-facts'))).resolves.toMatch(/250[.,]00/);
    await expect(text(page.locator('#payment-reference'))).resolves.not.toBe(rf);
    const paid = await e2e.driver.waitForLink(STAFF.office, reference, LINKS.paymentReceived, { skip: 1 });
    await staffActs(e2e, `${name}-11b-staff-additional-payment`, paid.url);
    // Paid: the surgeon is asked for the consultation; the report waits for its outcome.
    await waitForStatus(page, 'in_consultation');
    const consult = await e2e.driver.waitForLink(STAFF.surgeon, reference, LINKS.task);
    await staffActs(e2e, `${name}-11c-staff-consultation`, consult.url, async (staff) => {
      await staff.locator('#note').fill('Resecabile dopo terapia neoadiuvante.');
    });
    await waitForStatus(page, 'in_report');
    releaseLinks = 1;
  }

  // The report wait opens again after an approval, with fresh links.
  const release = await e2e.driver.waitForLink(STAFF.oncologist, reference, LINKS.release, {
    skip: releaseLinks,
  });
  await staffActs(e2e, `${name}-12-staff-report`, release.url, async (staff) => {
    await staff.locator('#report').setInputFiles(fixture('corpus/002-oncologist_report-en.pdf'));
  });

  await waitForStatus(page, 'released');
  await shot(page, `${name}-13-case-released`);
  if (everywhere) await checkEverywhere(e2e, caseLink, 'case-released', '#status[data-status=released]');
  // Too late to cancel, and nothing left to upload or send.
  for (const id of ['#cancel', '#submit', '#files'])
    await expect(page.locator(id).isVisible()).resolves.toBe(false);
  // The button asks for a short-lived link and opens it in a new tab (a view or a download): the
  // case page stays, and the PDF is named in the patient's language.
  const s3 = e2e.stack.endpoints.s3;
  const [answer, tab] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/report') && r.request().method() === 'GET'),
    page.waitForEvent('popup'),
    page.locator('#download').click(),
  ]);
  expect(answer.status()).toBe(200);
  const { url } = (await answer.json()) as { url: string };
  expect(url.startsWith(s3)).toBe(true);
  await Promise.race([
    tab.waitForURL((u) => u.href.startsWith(s3)),
    tab.waitForEvent('download').then((d) => expect(d.url()).toBe(url)),
  ]);
  expect(page.url()).toMatch(/\/case\/[0-9a-f-]+(\?lang=\w+)?$/);
  await expect(page.locator('#status').isVisible()).resolves.toBe(true);
  const pdf = await fetch(url);
  expect(pdf.headers.get('content-disposition')).toContain(
    `filename*=UTF-8''${reference}-${w.reportFile}.pdf`,
  );
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  if (requesterEmail) {
    // The daughter who applied got every email of the case, addressed to her; so did the patient,
    // whose address was given.
    const kinds = [
      `Your request ${reference} has been received`,
      `Your documents are complete: payment for ${reference}`,
      `Payment received: ${reference}`,
      `A specialist is working on ${reference}`,
      `Your report is ready: ${reference}`,
    ];
    for (const [to, greeting] of [
      [requesterEmail, 'Dear Emma'],
      [email, 'Dear Alice'],
    ] as const) {
      const mail = await e2e.driver.mailFor(to, reference);
      expect(mail.map((m) => m.subject).sort(), to).toEqual([...kinds].sort());
      for (const m of mail) expect(m.text.startsWith(greeting), `${to}: ${m.subject}`).toBe(true);
    }
  }
  expect(problems).toEqual([]);
  await ctx.close();
  return { email, reference };
}

describe('the patient pages in a browser', () => {
  it('take an Italian patient from the request to the report, with an additional consultation (desktop)', {
    timeout: 420_000,
  }, async () => {
    await journey('it', DESKTOP, 'it-desktop', false, true);
  });

  it('take an English patient, applied for by their daughter, to the report on a 360 px phone', {
    timeout: 420_000,
  }, async () => {
    await journey('en', PHONE, 'en-phone', true);
  });
});
