/**
 * Issue 13's pages in a real browser (headless Chromium) against the local stack, with axe-core (no
 * serious or critical violation), every control at least 24x24 px and no sideways scrolling on the
 * phone. Staff pages, each in its reader's language: the team contributor's page, the pathology's
 * "slides received" and revised-diagnosis pages, the office's slides-return, courier-shipment and
 * delivery pages, and triage's "complete" page of an update with its remit (the demo staff include an
 * Italian and an English contributor and pathologist; the office reads English, triage Italian); each
 * page's other language and screen size, the lead's page with the contributions and the consulting
 * doctor's page are rendered from fixtures. Patient pages, in English and Italian on a 360 px phone
 * and a 1280 px desktop: the page that approves or declines each in-depth consultation, the case
 * page's courier card (offered, asked for, refused once the report is out, shipped with its tracking
 * number; its words follow the page's language) and the released case's "further questions" button,
 * which opens the request form filled in as an update. Each form is also used in the browser (a PDF,
 * a note, a declined consultation, a shipment, the courier, the update's remit each way). One browser
 * profile per screen size serves the whole file. Screenshots land in test-results/screenshots/care-*
 * and a11y-*.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISEASE_SITES } from '#domain/model.ts';
import type { CreateCaseRequest } from '#functions/api/create-case.schema.ts';
import { caseRequest, type DriverCase } from '#local/driver.ts';
import { checkEverywhere, checkPage, unique, withLang } from './patients.ts';
import { checkFixtures, type Fixture, type Size, smallView, staffPage } from './staff.ts';
import {
  DESKTOP,
  type E2E,
  fixture,
  LINKS,
  PHONE,
  STAFF,
  startE2E,
  text,
  waitForStatus,
  watch,
  withAxe,
} from './support.ts';

const PATHOLOGY = { it: 'anna.greco@hospital.example', en: 'sara.moretti@hospital.example' };
const RADIOTHERAPIST = 'helen.smith@hospital.example';
const PDF = fixture('corpus/002-oncologist_report-en.pdf');

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  for (const ctx of contexts.values()) await ctx.close();
  await e2e?.close();
});

async function ok(p: Promise<{ status: number; body: string }>, what: string) {
  const res = await p;
  expect(res.status, `${what}: ${res.body.slice(0, 200)}`).toBe(200);
}

/** Uploads two documents to a new case, waits until they are read and submits it: triage's "complete" link. */
async function submitted(c: DriverCase): Promise<string> {
  const d = e2e.driver;
  for (const f of ['003-oncologist_report-it.pdf', '007-pathology_report-it.pdf'])
    await d.upload(c, f, readFileSync(fixture(`corpus/${f}`)));
  await d.waitForDocuments(c, 2);
  expect((await d.caseAction(c, 'submit')).status).toBe(202);
  return (await d.waitForLink(STAFF.triage, c.reference, LINKS.complete)).url;
}

/** A case submitted with two documents read, triaged and paid; `site` is the disease site triage names. */
async function paidCase(
  changes: Partial<CreateCaseRequest>,
  site: string,
): Promise<DriverCase & { email: string }> {
  const d = e2e.driver;
  const email = `care.${unique()}@example.com`;
  const c = await d.createCase(caseRequest({ firstName: 'Giovanna', lastName: 'Russo', email }, changes));
  await ok(d.postLink(await submitted(c), { diseaseSite: site }), 'triage');
  const paid = await d.waitForLink(STAFF.office, c.reference, LINKS.paymentReceived);
  await ok(d.postLink(paid.url), 'payment');
  return { ...c, email };
}

/** The lead proposes a histological review and a surgical consultation on one request. */
async function proposeTwo(c: DriverCase) {
  const ask = await e2e.driver.waitForLink(STAFF.oncologist, c.reference, LINKS.requestAdditional);
  await ok(
    e2e.driver.postLink(ask.url, [
      ['consultation', 'histology_review'],
      ['consultation', 'surgical_review'],
      ['reason', 'Diagnosi incerta.'],
    ]),
    'request additional',
  );
}

const contexts = new Map<Size, BrowserContext>();
/** One browser profile per screen size for the whole file (axe-core let in): pages are cheap, profiles are not. */
async function context(size: Size): Promise<BrowserContext> {
  let ctx = contexts.get(size);
  if (!ctx) {
    ctx = await e2e.context({ locale: 'en-GB', viewport: size === 'phone' ? PHONE : DESKTOP });
    await withAxe(ctx);
    contexts.set(size, ctx);
  }
  return ctx;
}

/** Opens an emailed page in its reader's language and checks it (axe-core, targets, width). */
async function open(url: string, lang: 'en' | 'it', name: string, size: Size) {
  const page = await (await context(size)).newPage();
  const problems = watch(page);
  expect((await page.goto(url))?.status()).toBe(200);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
  await page.locator('form[method=post]').waitFor();
  await checkPage(page, `care-${name}-${lang}-${size}`);
  return { page, problems };
}

/** Checks a page and closes it. */
async function check(url: string, lang: 'en' | 'it', name: string, size: Size): Promise<void> {
  const { page, problems } = await open(url, lang, name, size);
  expect(problems).toEqual([]);
  await page.close();
}

/** Checks a page, then uses its form as a person would and waits for the thanks. */
async function act(
  url: string,
  lang: 'en' | 'it',
  name: string,
  size: Size,
  fill: (page: Page) => Promise<void>,
): Promise<void> {
  const { page, problems } = await open(url, lang, name, size);
  await fill(page);
  await page.locator('form[method=post] button[type=submit]').click();
  await page.locator('h1', { hasText: lang === 'it' ? 'Grazie' : 'Thank you' }).waitFor({ timeout: 30_000 });
  expect(problems).toEqual([]);
  await page.close();
}

describe('the pages of teams, in-depth consultations and the histological review', () => {
  it('a team of three: each contributor’s page in their language; the English patient answers each consultation; the pathology’s and the office’s pages', {
    timeout: 420_000,
  }, async () => {
    const d = e2e.driver;
    const c = await paidCase(
      { language: 'en', consultationTypes: ['oncological', 'surgical', 'radiotherapy'] },
      'breast',
    );
    const lead = await d.waitForLink(STAFF.triage, c.reference, (l) => l.startsWith('Dr Laura Ferrari'));
    await ok(
      d.postLink(lead.url, {
        contributor_surgical: 'surg-esposito',
        contributor_radiotherapy: 'radio-smith',
      }),
      'assignment',
    );

    // The contributors: the surgeon reads Italian and sends a PDF, the radiotherapist English and a note.
    const surgeon = await d.waitForLink(STAFF.surgeon, c.reference, LINKS.task);
    const radio = await d.waitForLink(RADIOTHERAPIST, c.reference, LINKS.task);
    await check(surgeon.url, 'it', 'contribution', 'desktop');
    await act(surgeon.url, 'it', 'contribution', 'phone', async (page) => {
      await page.locator('#report').setInputFiles(PDF);
    });
    await check(radio.url, 'en', 'contribution', 'phone');
    await act(radio.url, 'en', 'contribution', 'desktop', async (page) => {
      await page.locator('#note').fill('Radiotherapy after surgery: 50 Gy in 25 fractions.');
    });
    // Both reach the lead's page.
    const release = await d.waitForLink(STAFF.oncologist, c.reference, LINKS.release);
    const leadPage = (await d.getLink(release.url)).body;
    expect(leadPage).toContain('<strong>Dr Paolo Esposito</strong> (Chirurgico): ricevuto');
    expect(leadPage).toContain('<strong>Dr Helen Smith</strong> (Radioterapico): ricevuto');

    // The English patient answers each proposed consultation on one page: the surgical one declined.
    await proposeTwo(c);
    const approve = await d.waitForLink(c.email, c.reference, LINKS.approve);
    await check(approve.url, 'en', 'approve-each', 'desktop');
    await act(approve.url, 'en', 'approve-each', 'phone', async (page) => {
      await page.locator('input[name=answer_surgical_review][value=decline]').check();
    });
    const awaiting = await d.waitForStatus(c, 'awaiting_additional_payment');
    expect((awaiting.ledger as { toPay: { outstandingCents: number } }).toPay.outstandingCents).toBe(30_000);
    const paid = await d.waitForLink(STAFF.office, c.reference, LINKS.paymentReceived, { skip: 1 });
    await ok(d.postLink(paid.url), 'review payment');

    // Each pathologist gets a link in their language; the Italian one confirms the slides.
    const received = {
      it: await d.waitForLink(PATHOLOGY.it, c.reference, LINKS.task),
      en: await d.waitForLink(PATHOLOGY.en, c.reference, LINKS.task),
    };
    await check(received.en.url, 'en', 'slides-received', 'phone');
    await act(received.it.url, 'it', 'slides-received', 'desktop', async () => {});
    // Then the revised diagnosis: the English one uploads it.
    const result = {
      it: await d.waitForLink(PATHOLOGY.it, c.reference, LINKS.task, { skip: 1 }),
      en: await d.waitForLink(PATHOLOGY.en, c.reference, LINKS.task, { skip: 1 }),
    };
    await check(result.it.url, 'it', 'pathology-result', 'desktop');
    await act(result.en.url, 'en', 'pathology-result', 'phone', async (page) => {
      await page.locator('#report').setInputFiles(PDF);
    });
    await d.waitForStatus(c, 'in_report');

    // The office records the slides sent back.
    const back = await d.waitForLink(STAFF.office, c.reference, LINKS.task);
    await check(back.url, 'en', 'slides-return', 'desktop');
    await act(back.url, 'en', 'slides-return', 'phone', async (page) => {
      await page.locator('#carrier').fill('BRT');
      await page.locator('#tracking').fill('0123 4567 8901');
    });
  });

  it('the Italian patient’s page answering each consultation', { timeout: 240_000 }, async () => {
    const d = e2e.driver;
    const c = await paidCase({ language: 'it' }, 'lung');
    const lead = await d.waitForLink(STAFF.triage, c.reference, (l) => l.startsWith('Dr Laura Ferrari'));
    await ok(d.postLink(lead.url), 'assignment');
    await proposeTwo(c);
    const approve = await d.waitForLink(c.email, c.reference, LINKS.approve);
    await check(approve.url, 'it', 'approve-each', 'phone');
    await act(approve.url, 'it', 'approve-each', 'desktop', async (page) => {
      await page.locator('input[name=answer_histology_review][value=decline]').check();
    });
    const awaiting = await d.waitForStatus(c, 'awaiting_additional_payment');
    expect((awaiting.ledger as { toPay: { outstandingCents: number } }).toPay.outstandingCents).toBe(25_000);
  });

  it('the courier card offered, asked for, refused once the report is out and shipped, in the page’s language; the further-questions button; an update kept with its physician, and one moved', {
    timeout: 300_000,
  }, async () => {
    const d = e2e.driver;
    // The Italian patient's case, with Dr Laura Ferrari writing the report.
    const c = await paidCase({ language: 'it' }, 'breast');
    const lead = await d.waitForLink(STAFF.triage, c.reference, (l) => l.startsWith('Dr Laura Ferrari'));
    await ok(d.postLink(lead.url), 'assignment');
    const caseUrl = `${e2e.stack.endpoints.api}/case/${c.caseId}#token=${c.patientToken}`;

    // The link opens the page in the case's language, here not the browser's (English): the card's
    // labels and countries are in Italian too. Switched to English, the card's words follow.
    const main = await (await context('desktop')).newPage();
    const problems = watch(main);
    await main.goto(caseUrl);
    await main.locator('#courier-form:not([hidden])').waitFor();
    await expect(main.locator('html').getAttribute('lang')).resolves.toBe('it');
    await expectCardIn(main, 'it');
    await main.locator('#switch').click();
    await main.waitForURL(/\?lang=en$/);
    await main.locator('#courier-form:not([hidden])').waitFor();
    await expectCardIn(main, 'en');
    await checkEverywhere(e2e, caseUrl, 'case-courier-offered', '#courier-form:not([hidden])', {
      act: (page) => expectCardIn(page),
      context,
    });

    // Another tab, left open, keeps the offer: its polls are answered with the case as it is now.
    const stale = await (await context('phone')).newPage();
    const staleProblems = watch(stale);
    const first = stale.waitForResponse((r) => r.url().endsWith(`/cases/${c.caseId}`));
    await stale.goto(withLang(caseUrl, 'it'));
    const asItWas = await (await first).text();
    await stale.route(`**/cases/${c.caseId}`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: asItWas }),
    );
    await fillCourier(stale);

    // Asked for after pricing: EUR 18 of its own, to pay from the page; the card says what follows.
    await fillCourier(main);
    await main.locator('#courier-send').click();
    await main.locator('#courier-asked:not([hidden])').waitFor();
    await expect(main.locator('#courier-form').isHidden()).resolves.toBe(true);
    await expect(text(main.locator('#payment-facts'))).resolves.toContain('€18.00');
    await checkEverywhere(e2e, caseUrl, 'case-courier-asked', '#courier-asked:not([hidden])', { context });

    const release = await d.waitForLink(STAFF.oncologist, c.reference, LINKS.release);
    const reportId = await d.uploadReport(release.url, readFileSync(PDF));
    await ok(d.postLink(release.url, { reportId }), 'release');
    await d.waitForStatus(c, 'released');
    // An update of it from the patient's other device gets ready meanwhile (triage's link at the end).
    const moved = (async () => {
      const u = await d.createCase(
        caseRequest(
          { firstName: 'Giovanna', lastName: 'Russo', email: c.email },
          { language: 'it', previousReference: c.reference },
        ),
      );
      return { u, url: await submitted(u) };
    })();

    // Released: the tab that still offers the courier is refused (409 courier_closed) and says why.
    await stale.locator('#courier-send').click();
    await stale.locator('#alert', { hasText: 'Non è più possibile richiedere il corriere' }).waitFor();
    await stale.unroute(`**/cases/${c.caseId}`);
    await waitForStatus(stale, 'released');
    await expect(stale.locator('#courier-form').isHidden()).resolves.toBe(true);
    expect(staleProblems).toEqual([]);
    await stale.close();

    // Until the office ships it, the card says it comes; then the carrier and the tracking number.
    await waitForStatus(main, 'released');
    await expect(main.locator('#courier-asked').isVisible()).resolves.toBe(true);
    const ship = await d.waitForLink(STAFF.office, c.reference, LINKS.task);
    await act(ship.url, 'en', 'courier-shipment', 'phone', async (page) => {
      await expect(text(page.locator('table.facts').first())).resolves.toContain('Via Roma 1, 10100 Torino');
      await page.locator('#carrier').fill('BRT');
      await page.locator('#tracking').fill('0123 4567 8901');
    });
    await main.reload();
    await main.locator('#courier-shipped:not([hidden])').waitFor();
    await expect(text(main.locator('#courier-carrier'))).resolves.toBe('BRT');
    await expect(text(main.locator('#courier-tracking'))).resolves.toBe('0123 4567 8901');
    await expect(main.locator('#courier-asked').isHidden()).resolves.toBe(true);
    await checkEverywhere(e2e, caseUrl, 'case-courier-shipped', '#courier-shipped:not([hidden])', {
      act: async (page) => {
        const lang = (await page.locator('html').getAttribute('lang')) as 'en' | 'it';
        await expect(text(page.locator('#courier-shipped'))).resolves.toMatch(SHIPPED[lang]);
      },
      context,
    });
    const delivered = await d.waitForLink(STAFF.office, c.reference, LINKS.task, { skip: 1 });
    await act(delivered.url, 'en', 'courier-delivery', 'phone', async () => {});

    // "Further questions" opens the request form as an update of this case, filled in.
    await checkEverywhere(e2e, caseUrl, 'update-request', '#further', {
      act: (page) => expectUpdateForm(page, c),
      context,
    });
    // Sent from the English page: the new request is in English, and waits for triage.
    await expectUpdateForm(main, c);
    await main.locator('#type-oncological').check();
    await main.locator('#consent').check();
    await main.locator('#create').click();
    // The case page of the new request, its token kept in the tab.
    await main.waitForURL(/\/case\/[0-9a-f-]+/);
    await main.locator('#reference:not(:empty)').waitFor();
    const caseId = new URL(main.url()).pathname.split('/').pop()!;
    const kept: DriverCase = {
      caseId,
      reference: (await text(main.locator('#reference'))).trim(),
      patientToken: await main.evaluate(
        (key) => (globalThis as unknown as { sessionStorage: Storage }).sessionStorage.getItem(key) ?? '',
        `so.token.${caseId}`,
      ),
      caseUrl: main.url(),
    };
    expect(await d.getCase(kept)).toMatchObject({ previousReference: c.reference, language: 'en' });

    // Triage names the previous physician and keeps the update with her: EUR 350, which the patient's
    // page and the office's then ask for.
    await act(await submitted(kept), 'it', 'triage-update', 'desktop', async (page) => {
      await expect(text(page.locator('fieldset.choice'))).resolves.toContain(
        'Rientra nella competenza di Dr Laura Ferrari',
      );
      await page.selectOption('#diseaseSite', 'breast');
      await page.locator('input[name=remit][value=same_physician]').check();
    });
    await waitForStatus(main, 'awaiting_payment');
    await expect(text(main.locator('#payment-facts'))).resolves.toContain('€350.00');
    await expectAmount(kept, '€350.00');
    expect(problems).toEqual([]);
    await main.close();

    // The other update goes to another doctor: EUR 500.
    const other = await moved;
    await act(other.url, 'it', 'triage-update', 'phone', async (page) => {
      await page.selectOption('#diseaseSite', 'breast');
      await page.locator('input[name=remit][value=other_physician]').check();
    });
    await expectAmount(other.u, '€500.00');
  });

  it('each staff page in the languages and on the screens the tests above do not show it (from fixtures)', {
    timeout: 60_000,
  }, async () => {
    const released = smallView('released', { office: true });
    const address = {
      name: 'Giovanna Russo',
      line1: 'Via Roma 1',
      city: 'Torino',
      postalCode: '10100',
      country: 'IT',
    };
    // Each page's variants the stack's pages above leave out (the office reads English, triage and
    // the lead Italian; the pathologists one each); the lead's page and the consultation's are not
    // opened in the browser above.
    const fixtures: Fixture[] = [
      {
        name: 'slides-received',
        langs: { phone: ['it'], desktop: ['en'] },
        html: (lang) =>
          staffPage(lang, 'slides_received', smallView('in_consultation'), {
            task: { kind: 'slides_receipt', consultation: 'histology_review' },
          }),
      },
      {
        name: 'pathology-result',
        langs: { phone: ['it'], desktop: ['en'] },
        html: (lang) =>
          staffPage(lang, 'pathology_result', smallView('in_consultation'), {
            task: { kind: 'pathology_result', consultation: 'histology_review' },
          }),
      },
      {
        name: 'slides-return',
        langs: ['it'],
        html: (lang) =>
          staffPage(lang, 'slides_returned', released, {
            task: { kind: 'slides_return', consultation: 'histology_review' },
          }),
      },
      {
        name: 'courier-shipment',
        langs: { phone: ['it'], desktop: ['en', 'it'] },
        html: (lang) =>
          staffPage(lang, 'shipped', released, {
            task: { kind: 'courier_shipment' },
            courierAddress: address,
          }),
      },
      {
        name: 'courier-delivery',
        langs: { phone: ['it'], desktop: ['en', 'it'] },
        html: (lang) => staffPage(lang, 'delivered', released, { task: { kind: 'courier_delivery' } }),
      },
      {
        name: 'triage-update',
        langs: ['en'],
        html: (lang) =>
          staffPage(
            lang,
            'complete',
            {
              ...smallView('triage', { step: 'triage' }),
              previous: { reference: 'SO-2025-ABCD-EFGH', released: true },
            },
            {
              diseaseSites: DISEASE_SITES,
              update: {
                previousReference: 'SO-2025-ABCD-EFGH',
                physicianName: 'Dr Laura Ferrari',
                eligible: true,
              },
            },
          ),
      },
      {
        name: 'lead-release',
        langs: ['en', 'it'],
        html: (lang) =>
          staffPage(lang, 'release', smallView('in_report', { step: 'report' }), {
            contributions: [
              {
                consultationType: 'surgical',
                name: 'Dr Paolo Esposito',
                status: 'done',
                dueAt: '2026-03-05T16:00:00.000Z',
                taskId: 'contribution-surgical',
                hasPdf: true,
              },
              {
                consultationType: 'radiotherapy',
                name: 'Dr Helen Smith',
                status: 'open',
                dueAt: '2026-03-05T16:00:00.000Z',
                taskId: 'contribution-radiotherapy',
              },
            ],
          }),
      },
      {
        name: 'consultation',
        langs: ['en', 'it'],
        html: (lang) =>
          staffPage(lang, 'consult', smallView('in_consultation'), {
            task: { kind: 'consultation', consultation: 'surgical_review' },
          }),
      },
    ];
    for (const size of ['phone', 'desktop'] as const) {
      const page = await (await context(size)).newPage();
      await checkFixtures(page, size, 'care', fixtures, checkPage);
      await page.close();
    }
  });
});

/** The courier card's words in the page's language (or `lang`): its labels and its countries. */
async function expectCardIn(page: Page, lang?: 'en' | 'it'): Promise<void> {
  const l = lang ?? ((await page.locator('html').getAttribute('lang')) as 'en' | 'it');
  await expect(page.locator('label[for=courier-name]').textContent()).resolves.toMatch(CARD[l].name);
  await expect(page.locator('#courier-title').textContent()).resolves.toBe(CARD[l].title);
  await expect(page.locator('#courier-country option[value=DE]').textContent()).resolves.toBe(
    CARD[l].germany,
  );
}

const CARD = {
  en: { title: 'The printed report by courier', name: /^Recipient name \*$/, germany: 'Germany' },
  it: { title: 'La relazione stampata tramite corriere', name: /^Destinatario \*$/, germany: 'Germania' },
};
const SHIPPED = {
  en: /^We sent the printed copy of your report by courier on \d+ \w+ 20\d\d\.\s+Courier\s+BRT\s+Tracking number\s+0123 4567 8901$/,
  it: /^Abbiamo spedito con corriere la copia stampata della Sua relazione il \d+ \w+ 20\d\d\.\s+Corriere\s+BRT\s+Numero di spedizione\s+0123 4567 8901$/,
};

async function fillCourier(page: Page): Promise<void> {
  await page.locator('#courier-name').fill('Giovanna Russo');
  await page.locator('#courier-line1').fill('Via Roma 1');
  await page.locator('#courier-city').fill('Torino');
  await page.locator('#courier-postalCode').fill('10100');
  await page.locator('#courier-country').selectOption('IT');
}

/**
 * Presses "further questions" on the released case's page: the request form opens in the page's
 * language as an update of the case, the patient's details filled in from the tab's storage (taken
 * once); the address holds the language and the reference only.
 */
async function expectUpdateForm(page: Page, c: DriverCase & { email: string }): Promise<void> {
  const lang = await page.locator('html').getAttribute('lang');
  await page.locator('#further').click();
  await page.waitForURL(/\/\?lang=\w+&update=/);
  await page.locator('#create').waitFor();
  const url = new URL(page.url());
  expect([...url.searchParams]).toEqual([
    ['lang', lang],
    ['update', c.reference],
  ]);
  expect(url.hash).toBe('');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
  const filled = {
    firstName: 'Giovanna',
    lastName: 'Russo',
    email: c.email,
    phone: '+39 333 1234567',
    dateOfBirth: '1961-04-12',
    taxCode: 'RSSMRA61D12H501D',
    country: 'IT',
  };
  for (const [field, value] of Object.entries(filled)) {
    await expect(page.locator(`#patient-${field}`).inputValue(), field).resolves.toBe(value);
    if (field !== 'country') expect(decodeURIComponent(page.url())).not.toContain(value);
  }
  await expect(page.locator('#update').isChecked()).resolves.toBe(true);
  await expect(page.locator('#update-section').isVisible()).resolves.toBe(true);
  await expect(page.locator('#previousReference').inputValue()).resolves.toBe(c.reference);
  // The tab keeps the case's token only: the details were taken from its storage.
  await expect(
    page.evaluate(() => Object.keys((globalThis as unknown as { sessionStorage: object }).sessionStorage)),
  ).resolves.toEqual([`so.token.${c.caseId}`]);
}

/** The office's "payment received" page of `c` asks for `amount` (the page itself is checked in staff-pages). */
async function expectAmount(c: DriverCase, amount: string): Promise<void> {
  const paid = await e2e.driver.waitForLink(STAFF.office, c.reference, LINKS.paymentReceived);
  expect((await e2e.driver.getLink(paid.url)).body).toContain(
    `<th scope="row">Amount</th><td>${amount}</td>`,
  );
}
