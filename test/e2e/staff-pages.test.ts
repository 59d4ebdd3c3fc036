/**
 * The staff pages in a real browser (headless Chromium) against the local stack: the triage doctor
 * reads the case on a desktop and opens every document (a PDF from the bucket, through the link's
 * audited redirect); the office, the triage doctor and the specialist read theirs on a 360 px phone,
 * top to bottom, the decision last. Every page passes axe-core with no serious or critical
 * violation and, on the phone, fits the screen's width. A staff member reads their pages in their own
 * language, so each page's other language and other screen size, the pages of the steps a test
 * cannot reach quickly (the leads' reassign and extend, the office's view, re-opening and ledger
 * links) and the pages of a link that no longer acts are rendered from fixtures in the same browser:
 * every staff page in both languages on both screens. Screenshots land in
 * test-results/screenshots/staff-<page>-<lang>-<size>[-fixture].png.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn } from '#domain/age.ts';
import { buildChecklist } from '#domain/checklist.ts';
import { DISEASE_SITES, type Language } from '#domain/model.ts';
import { VALID_SITE } from '#local/testbed/env.ts';
import { PRIVACY_NOTICE_VERSION } from '#presentation/i18n/privacy.ts';
import { confirmPage, resultPage, unavailablePage } from '#presentation/web/action-page.ts';
import { officeLinkPage, officeResultPage } from '#presentation/web/office-page.ts';
import type { ActResult } from '#usecases/links/act-on-link.ts';
import type { StaffCaseView } from '#usecases/links/staff-view.ts';
import { checkFixtures, type Fixture, LINK_URL, smallView, staffPage } from './staff.ts';
import {
  DESKTOP,
  type E2E,
  fixture,
  LINKS,
  PHONE,
  STAFF,
  seriousViolations,
  shot,
  startE2E,
  text,
  watch,
  withAxe,
} from './support.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

async function staffContext(locale: string, viewport: { width: number; height: number }) {
  const ctx = await e2e.context({ locale, viewport });
  await withAxe(ctx);
  return ctx;
}

/** A case applied for by the patient's son, with an oncologist's and a pathology report (no identity document), in triage. */
async function caseInTriage() {
  const d = e2e.driver;
  const n = `${process.pid}.${Date.now()}`;
  const c = await d.createCase({
    patient: {
      firstName: 'Giovanna',
      lastName: 'Esposito',
      email: `giovanna.${n}@example.com`,
      phone: '+39 333 765 4321',
      dateOfBirth: '1958-07-21',
      country: 'IT',
      taxCode: 'SPSGNN58L61F839B',
    },
    requester: {
      firstName: 'Paolo',
      lastName: 'Esposito',
      email: `paolo.${n}@example.com`,
      phone: '+39 347 111 2222',
      relationship: 'figlio',
    },
    language: 'it',
    consultationTypes: ['oncological'],
    consent: { version: PRIVACY_NOTICE_VERSION, accepted: true },
  });
  const files = ['003-oncologist_report-it.pdf', '007-pathology_report-it.pdf'];
  for (const f of files) await d.upload(c, f, readFileSync(fixture(`corpus/${f}`)));
  await d.waitForDocuments(c, files.length);
  await d.waitForPreviews(c, files.length);
  expect((await d.caseAction(c, 'submit')).status).toBe(202);
  return { ...c, files };
}

/** The page is accessible (axe-core), ends with how to reach the office, fits a phone, and is saved as a screenshot. */
async function check(page: Page, name: string) {
  await expect(page.locator('footer.site a[href^="tel:"]').count(), name).resolves.toBe(1);
  // A label, a skip link or a test that finds an element by its id must find one.
  const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
  expect(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    `${name}: ids used twice`,
  ).toEqual([]);
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  await shot(page, name);
}

/** On the page the case comes before the decision: each section's top lies above the form's. */
async function expectCaseThenForm(page: Page) {
  const top = async (selector: string) => (await page.locator(selector).first().boundingBox())?.y ?? -1;
  const form = await top('form[method=post]');
  for (const id of ['#patient-heading', '#documents-heading', '#checklist-heading', '#timeline-heading']) {
    const y = await top(id);
    expect(y, id).toBeGreaterThan(0);
    expect(y, `${id} above the form`).toBeLessThan(form);
  }
}

async function openStaffPage(ctx: BrowserContext, url: string) {
  const page = await ctx.newPage();
  const problems = watch(page);
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  return { page, problems };
}

describe('the staff pages in a browser', () => {
  it('show each staff member the case before the decision: triage on a desktop, then the office, the assignment and the specialist on a 360 px phone', {
    timeout: 300_000,
  }, async () => {
    const c = await caseInTriage();
    const d = e2e.driver;
    const desktop = await staffContext('it-IT', DESKTOP);
    const phone = await staffContext('it-IT', PHONE);
    const complete = await d.waitForLink(STAFF.triage, c.reference, LINKS.complete);
    const { page, problems } = await openStaffPage(desktop, complete.url);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('it');
    await expectCaseThenForm(page);
    await expect(text(page.locator('#findings'))).resolves.toContain("Manca: Documento d'identità.");
    const age = ageOn('1958-07-21', new Date());
    await expect(text(page.locator('#patient-heading + table'))).resolves.toMatch(
      new RegExp(`Età\\s+${age} anni`),
    );
    // The two uploads and the request form the service made from the web form.
    await expect(page.locator('#documents > li').count()).resolves.toBe(3);
    // The uploads show their first page, as the patient saw it, through the link; the form has none.
    const thumbs = page.locator('#documents img.thumb');
    await expect(thumbs.evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')))).resolves.toEqual(
      c.files.map((f) => `Prima pagina di "${f}"`),
    );
    for (const img of await thumbs.all()) {
      await img.scrollIntoViewIfNeeded();
      await expect
        .poll(() => img.evaluate((i) => (i as unknown as { naturalHeight: number }).naturalHeight), {
          timeout: 10_000,
        })
        .toBe(360);
    }
    await expect(page.locator('#documents span.thumb').allInnerTexts()).resolves.toEqual([
      'Anteprima non disponibile',
    ]);
    await check(page, 'staff-triage-complete-it-desktop');

    // Each "Apra" opens the document in a new tab: the browser gets the PDF from the bucket.
    const s3 = e2e.stack.endpoints.s3;
    const opens = page.locator('#documents a', { hasText: 'Apra' });
    await expect(opens.count()).resolves.toBe(3);
    for (let i = 0; i < 3; i++) {
      const [response] = await Promise.all([
        // The new tab's document from the bucket: not a first-page image the page is loading, nor
        // what an earlier tab's PDF viewer fetches again.
        desktop.waitForEvent(
          'response',
          (r) => r.url().startsWith(s3) && r.request().resourceType() === 'document',
        ),
        opens.nth(i).click(),
      ]);
      expect(response.status()).toBe(200);
      // The type and bytes from the same address again: the browser's own record of a PDF tab's
      // response can lack its headers (CI saw content-type undefined with status 200).
      const again = await fetch(response.url());
      expect(again.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(await again.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    for (const tab of desktop.pages()) if (tab !== page) await tab.close();
    // The openings are in the case's timeline, by the doctor's name.
    await page.reload();
    await expect(page.locator('#timeline tr', { hasText: 'File aperto' }).count()).resolves.toBe(3);
    await expect(text(page.locator('#timeline'))).resolves.toContain('Dr Giulia Rossi');

    // The other triage links show the same case above their own form.
    for (const [label, name] of [
      [LINKS.requestDocuments, 'staff-triage-request-documents-it'],
      [['Rifiuti la richiesta', 'Reject'], 'staff-triage-reject-it'],
    ] as const) {
      const link = await d.waitForLink(STAFF.triage, c.reference, [...label]);
      const other = await openStaffPage(desktop, link.url);
      await expectCaseThenForm(other.page);
      await check(other.page, `${name}-desktop`);
      expect(other.problems).toEqual([]);
      await other.page.close();
    }

    // The skip link takes the keyboard to the decision; the button decides.
    await page.locator('a.skip').click();
    await expect(
      page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash),
    ).resolves.toBe('#decision');
    // Triage names the disease site: nothing is preselected, the form asks for it.
    await page.selectOption('#diseaseSite', 'gynaecological');
    await page.locator('form[method=post] button[type=submit]').click();
    await page.locator('h1', { hasText: 'Grazie' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();

    // The office reads English and alone sees how to reach the patient and the applicant.
    const paid = await d.waitForLink(STAFF.office, c.reference, LINKS.paymentReceived);
    const pay = await openStaffPage(phone, paid.url);
    await expectCaseThenForm(pay.page);
    const contacts = await text(pay.page.locator('#patient-heading').locator('..'));
    expect(contacts).toContain('Contact details');
    expect(contacts).toContain('+39 333 765 4321');
    expect(contacts).toContain('Applying for the patient (figlio)');
    await expect(text(pay.page.locator('#findings'))).resolves.toContain('proxy authorization');
    await check(pay.page, 'staff-office-payment-en-phone');
    await pay.page.locator('form[method=post] button[type=submit]').click();
    await pay.page.locator('h1', { hasText: 'Thank you' }).waitFor();
    expect(pay.problems).toEqual([]);
    await pay.page.close();

    const candidate = await d.waitForLink(STAFF.triage, c.reference, (l) => l.startsWith('Dr Laura Ferrari'));
    const assign = await openStaffPage(phone, candidate.url);
    await expectCaseThenForm(assign.page);
    await expect(assign.page.getByText('giovanna.', { exact: false }).count()).resolves.toBe(0);
    await check(assign.page, 'staff-assignment-it-phone');
    await assign.page.locator('form[method=post] button[type=submit]').click();
    await assign.page.locator('h1', { hasText: 'Grazie' }).waitFor();
    expect(assign.problems).toEqual([]);

    const pages: [labels: string[], name: string, readOnly: boolean][] = [
      [['Apra i documenti', 'Open the documents'], 'staff-report-documents-it', true],
      [LINKS.release, 'staff-report-release-it', false],
      [LINKS.requestAdditional, 'staff-report-additional-it', false],
      [
        ['Chieda altri documenti al paziente', 'Ask the patient for more documents'],
        'staff-report-more-documents-it',
        false,
      ],
    ];
    for (const [labels, name, readOnly] of pages) {
      const link = await d.waitForLink(STAFF.oncologist, c.reference, labels);
      const p = await openStaffPage(phone, link.url);
      // The documents link only shows the case; the others end with their form.
      if (readOnly) {
        await expect(p.page.locator('form').count()).resolves.toBe(0);
        // The two uploads and the request form.
        await expect(p.page.locator('#documents > li').count()).resolves.toBe(3);
      } else await expectCaseThenForm(p.page);
      await expect(text(p.page.locator('#timeline'))).resolves.toContain(
        'Specialista assegnato: Dr Laura Ferrari',
      );
      await check(p.page, `${name}-phone`);
      expect(p.problems).toEqual([]);
      await p.page.close();
    }
    await phone.close();
    await desktop.close();
  });

  it('render every staff page in both languages on a desktop and a phone, from fixtures: the steps not reached above, the language each page’s reader does not read, and a link’s other pages', {
    timeout: 180_000,
  }, async () => {
    const view = fixtureView();
    // The leads' and the office's pages of the steps the test above does not reach, on a long case
    // (in their other language on a small one, with the rest below).
    const unreached: [decision: string, lang: Language, office: boolean][] = [
      ['reassign', 'it', false],
      ['extend', 'en', false],
      ['view', 'en', true],
      ['reopen', 'en', true],
    ];
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const ctx = await staffContext('en-GB', viewport);
      const page = await ctx.newPage();
      for (const [decision, lang, office] of unreached) {
        const summary = {
          reference: view.reference,
          consultationTypes: view.consultationTypes,
          ...(decision === 'reassign' ? { candidate: 'Dr Paolo Esposito' } : {}),
        };
        const staff = {
          view: office ? view : { ...view, patient: { ...view.patient, contacts: undefined } },
          linkUrl: LINK_URL,
        };
        await page.setContent(confirmPage(lang, decision, summary, VALID_SITE, { staff }).body);
        if (decision === 'view') await expect(page.locator('form').count()).resolves.toBe(0);
        else await expectCaseThenForm(page);
        await expect(page.locator('#previous-heading').count()).resolves.toBe(1);
        // Contacts, and the bounced email, on the office's pages only.
        const address = page.getByText('giovanna.esposito.long.address@example.com');
        await expect(address.count()).resolves.toBe(office ? 1 : 0);
        await expect(page.locator('.alert').count()).resolves.toBe(office ? 1 : 0);
        await check(page, `staff-${decision}-${lang}-${size}-fixture`);
      }
      await checkFixtures(page, size, 'staff', FIXTURES, check);
      await ctx.close();
    }
  });
});

const REFERENCE = 'SO-2026-7K3Q-XM4D';
const BOTH: readonly Language[] = ['en', 'it'];
const inTriage = smallView('triage', { step: 'triage' });
const inReport = smallView('in_report', { step: 'report' });
const result = (r: ActResult) => resultPage(r, VALID_SITE).page.body;
const decidedAt = '2026-03-02T09:30:00.000Z';
/** The variants of triage's pages the first test does not show (it shows them in Italian on a desktop). */
const TRIAGE_LEFT_OUT = { phone: BOTH, desktop: ['en'] } as const;
/** Those of the office's (it shows them in English on a phone). */
const OFFICE_LEFT_OUT = { phone: ['it'], desktop: BOTH } as const;
/** Those of the assignment's and the specialist's (in Italian on a phone). */
const SPECIALIST_LEFT_OUT = { phone: ['en'], desktop: BOTH } as const;

/**
 * The pages of the first test in the languages and on the screens it does not show them (triage and
 * the specialists read Italian, the office English), the leads' and the office's pages above in their
 * other language, a link's pages once it no longer acts, and the office's ledger links.
 */
const FIXTURES: Fixture[] = [
  {
    name: 'triage-complete',
    langs: TRIAGE_LEFT_OUT,
    html: (l) => staffPage(l, 'complete', inTriage, { diseaseSites: DISEASE_SITES }),
  },
  {
    name: 'triage-request-documents',
    langs: TRIAGE_LEFT_OUT,
    html: (l) => staffPage(l, 'request_documents', inTriage),
  },
  { name: 'triage-reject', langs: TRIAGE_LEFT_OUT, html: (l) => staffPage(l, 'reject', inTriage) },
  {
    name: 'office-payment',
    langs: OFFICE_LEFT_OUT,
    html: (l) =>
      staffPage(l, 'confirm_payment', smallView('awaiting_payment', { step: 'payment', office: true }), {
        amountCents: 50_000,
        today: '2026-03-02',
      }),
  },
  {
    name: 'assignment',
    langs: SPECIALIST_LEFT_OUT,
    html: (l) =>
      staffPage(l, 'assign', smallView('assignment', { step: 'assignment' }), {
        candidate: 'Dr Laura Ferrari',
        team: [
          {
            consultationType: 'surgical',
            options: [{ staffId: 'surg-esposito', name: 'Dr Paolo Esposito' }],
          },
        ],
      }),
  },
  { name: 'report-documents', langs: SPECIALIST_LEFT_OUT, html: (l) => staffPage(l, 'documents', inReport) },
  { name: 'report-release', langs: SPECIALIST_LEFT_OUT, html: (l) => staffPage(l, 'release', inReport) },
  {
    name: 'report-additional',
    langs: SPECIALIST_LEFT_OUT,
    html: (l) =>
      staffPage(l, 'request_additional', inReport, {
        prices: { histology_review: 30_000, surgical_review: 25_000 },
      }),
  },
  {
    name: 'report-more-documents',
    langs: SPECIALIST_LEFT_OUT,
    html: (l) => staffPage(l, 'request_documents', inReport),
  },
  {
    name: 'reassign',
    langs: ['en'],
    html: (l) => staffPage(l, 'reassign', inReport, { candidate: 'Dr Paolo Esposito' }),
  },
  { name: 'extend', langs: ['it'], html: (l) => staffPage(l, 'extend', inReport) },
  {
    name: 'view',
    langs: ['it'],
    html: (l) => staffPage(l, 'view', smallView('in_report', { office: true })),
  },
  {
    name: 'reopen',
    langs: ['it'],
    html: (l) => staffPage(l, 'reopen', smallView('expired', { office: true })),
  },
  // A link's result, and the pages of a link that no longer acts (an unknown one has no language: English).
  {
    name: 'link-done',
    langs: BOTH,
    html: (l) => result({ kind: 'done', language: l, reference: REFERENCE, decision: 'complete' }),
  },
  {
    name: 'link-decided',
    langs: BOTH,
    html: (l) =>
      result({
        kind: 'decided',
        language: l,
        reference: REFERENCE,
        by: { name: 'Dr Giulia Rossi' },
        decision: 'complete',
        at: decidedAt,
      }),
  },
  {
    name: 'link-superseded',
    langs: BOTH,
    html: (l) => result({ kind: 'superseded', language: l, reference: REFERENCE }),
  },
  {
    name: 'link-closed',
    langs: BOTH,
    html: (l) => result({ kind: 'closed', language: l, reference: REFERENCE }),
  },
  { name: 'link-expired', langs: BOTH, html: (l) => result({ kind: 'expired', language: l }) },
  { name: 'link-invalid', langs: ['en'], html: () => result({ kind: 'invalid' }) },
  { name: 'document-unavailable', langs: BOTH, html: (l) => unavailablePage(l, VALID_SITE).body },
  // The office's ledger links (in the browser's language), and theirs once used.
  {
    name: 'office-exception',
    langs: BOTH,
    html: (l) =>
      officeLinkPage(l, VALID_SITE, {
        purpose: 'exception',
        reference: REFERENCE,
        amountCents: 45_000,
        valueDate: '2026-03-02',
        payerName: 'Giovanna Russo',
        payerIban: 'IT60 X054 2811 1010 0000 0123 456',
        remittance: 'RF18 SO26 7K3Q XM4D',
        exceptionKind: 'underpayment',
        resolutions: ['accept', 'refund', 'dismiss'],
      }).body,
  },
  {
    name: 'office-refund',
    langs: BOTH,
    html: (l) =>
      officeLinkPage(l, VALID_SITE, {
        purpose: 'refund',
        reference: REFERENCE,
        amountCents: 5_000,
        payerName: 'Giovanna Russo',
        payerIban: 'IT60 X054 2811 1010 0000 0123 456',
        refundReason: 'overpayment',
        resolutions: [],
      }).body,
  },
  {
    name: 'office-withdraw',
    langs: BOTH,
    html: (l) =>
      officeLinkPage(l, VALID_SITE, {
        purpose: 'withdraw',
        reference: REFERENCE,
        amountCents: 50_000,
        refundReason: 'late_payment',
        resolutions: [],
      }).body,
  },
  {
    name: 'office-link-used',
    langs: BOTH,
    html: (l) => officeResultPage(l, VALID_SITE, { kind: 'used', at: decidedAt }).page.body,
  },
  {
    name: 'office-link-done',
    langs: BOTH,
    html: (l) => officeResultPage(l, VALID_SITE, { kind: 'done' }).page.body,
  },
];

/** A case with a bit of everything: an update, a duplicate, a failed scan, a requester, a long timeline. */
function fixtureView(): StaffCaseView {
  const at = (h: number) => new Date(Date.UTC(2026, 2, 2, 8 + h)).toISOString();
  const documents = [
    { id: 'a', name: 'relazione-oncologo-2026-02.pdf', type: 'oncologist_report' as const, confidence: 0.93 },
    {
      id: 'b',
      name: 'WhatsApp Document 2026-10-02 at 10.31.22 (1).pdf',
      type: 'pathology_report' as const,
      confidence: 0.48,
    },
    { id: 'c', name: 'copia.pdf', type: 'oncologist_report' as const, confidence: 0.93 },
  ];
  const docs = documents.map((x) => ({
    documentId: x.id,
    fileName: x.name,
    state: x.confidence < 0.5 ? ('needs_review' as const) : ('classified' as const),
    classification: {
      documentType: x.type,
      confidence: x.confidence,
      language: 'it',
      documentDate: '2026-01-10',
      signals: [],
    },
    createdAt: at(0),
    ...(x.id === 'c' ? { duplicateOf: 'a' } : {}),
  }));
  return {
    reference: 'SO-2026-7K3Q-XM4D',
    status: 'in_report',
    consultationTypes: ['oncological', 'cardio_oncological'],
    documents: [
      ...docs.map((x, i) => ({
        documentId: x.documentId,
        fileName: x.fileName,
        pages: 3 + i,
        state: x.state,
        classifiedAs: {
          documentType: x.classification.documentType,
          confidence: x.classification.confidence,
        },
        ...(i === 1 ? { declaredType: 'imaging_report' as const } : {}),
        ...(x.duplicateOf ? { duplicateOf: { documentId: 'a', fileName: documents[0]!.name } } : {}),
        openable: true,
      })),
      { documentId: 'd', fileName: 'scan.pdf', pages: 1, state: 'failed', reason: 'no_text', openable: true },
    ],
    checklist: buildChecklist({ hasRequester: true, documents: docs, now: new Date(at(0)) }),
    patient: {
      language: 'it',
      age: 67,
      country: 'CH',
      hasRequester: true,
      contacts: {
        patient: {
          firstName: 'Giovanna',
          lastName: 'Esposito',
          email: 'giovanna.esposito.long.address@example.com',
          phone: '+41 79 123 45 67',
        },
        requester: {
          firstName: 'Paolo',
          lastName: 'Esposito',
          email: 'paolo@example.com',
          phone: '+39 347 111 2222',
          relationship: 'figlio',
        },
        emailBounced: true,
      },
    },
    previous: { reference: 'SO-2025-ABCD-EFGH', requestedAt: '2025-06-10T08:00:00.000Z', released: true },
    wait: { step: 'report', dueAt: at(100), endsAt: at(170) },
    timeline: [
      { at: at(0), by: { role: 'patient' }, action: 'submit' },
      {
        at: at(1),
        by: { name: 'Dr Giulia Rossi' },
        action: 'document_opened',
        step: 'triage',
        fileName: documents[1]!.name,
      },
      { at: at(2), by: { name: 'Dr Giulia Rossi' }, action: 'complete', step: 'triage' },
      { at: at(3), by: { role: 'office' }, action: 'confirm_payment', step: 'payment' },
      {
        at: at(4),
        by: { name: 'Dr Giulia Rossi' },
        action: 'assign',
        step: 'assignment',
        specialist: 'Dr Laura Ferrari',
      },
      { at: at(5), by: { role: 'system' }, action: 'escalated', step: 'report' },
      {
        at: at(6),
        by: { name: 'Dr Chiara Romano' },
        action: 'extend',
        step: 'report',
        extension: { workingDays: 2, reason: 'complex_case' },
      },
    ],
  };
}
