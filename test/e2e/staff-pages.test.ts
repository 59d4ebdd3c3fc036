/**
 * The staff pages in a real browser (headless Chromium) against the local stack: the triage doctor
 * reads the case on a desktop and opens every document (a PDF from the bucket, through the link's
 * audited redirect); the office, the triage doctor and the specialist read theirs on a 360 px phone,
 * top to bottom, the decision last. Every page passes axe-core with no serious or critical
 * violation and, on the phone, fits the screen's width. The pages of the steps a test cannot reach
 * quickly (the leads' reassign and extend, the office's view and re-opening) are rendered from a
 * fixture in the same browser. Screenshots land in test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn } from '#domain/age.ts';
import { buildChecklist } from '#domain/checklist.ts';
import { VALID_SITE } from '#local/testbed/env.ts';
import { PRIVACY_NOTICE_VERSION } from '#presentation/i18n/privacy.ts';
import { confirmPage } from '#presentation/web/action-page.ts';
import type { StaffCaseView } from '#usecases/links/staff-view.ts';
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
    await check(page, 'staff-desktop-01-triage-complete');

    // Each "Apra" opens the document in a new tab: the browser gets the PDF from the bucket.
    const s3 = e2e.stack.endpoints.s3;
    const opens = page.locator('#documents a', { hasText: 'Apra' });
    await expect(opens.count()).resolves.toBe(3);
    for (let i = 0; i < 3; i++) {
      const [response] = await Promise.all([
        desktop.waitForEvent('response', (r) => r.url().startsWith(s3)),
        opens.nth(i).click(),
      ]);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      const bytes = Buffer.from(await (await fetch(response.url())).arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    for (const tab of desktop.pages()) if (tab !== page) await tab.close();
    // The openings are in the case's timeline, by the doctor's name.
    await page.reload();
    await expect(page.locator('#timeline tr', { hasText: 'File aperto' }).count()).resolves.toBe(3);
    await expect(text(page.locator('#timeline'))).resolves.toContain('Dr Giulia Rossi');

    // The other triage links show the same case above their own form.
    for (const [label, name] of [
      [LINKS.requestDocuments, 'staff-desktop-02-triage-request-documents'],
      [['Rifiuti la richiesta', 'Reject'], 'staff-desktop-03-triage-reject'],
    ] as const) {
      const link = await d.waitForLink(STAFF.triage, c.reference, [...label]);
      const other = await openStaffPage(desktop, link.url);
      await expectCaseThenForm(other.page);
      await check(other.page, name);
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
    await desktop.close();

    // The office reads English and alone sees how to reach the patient and the applicant.
    const office = await staffContext('en-GB', PHONE);
    const paid = await d.waitForLink(STAFF.office, c.reference, LINKS.paymentReceived);
    const pay = await openStaffPage(office, paid.url);
    await expectCaseThenForm(pay.page);
    const contacts = await text(pay.page.locator('#patient-heading').locator('..'));
    expect(contacts).toContain('Contact details');
    expect(contacts).toContain('+39 333 765 4321');
    expect(contacts).toContain('Applying for the patient (figlio)');
    await expect(text(pay.page.locator('#findings'))).resolves.toContain('proxy authorization');
    await check(pay.page, 'staff-phone-04-office-payment');
    await pay.page.locator('form[method=post] button[type=submit]').click();
    await pay.page.locator('h1', { hasText: 'Thank you' }).waitFor();
    expect(pay.problems).toEqual([]);
    await office.close();

    const phone = await staffContext('it-IT', PHONE);
    const candidate = await d.waitForLink(STAFF.triage, c.reference, (l) => l.startsWith('Dr Laura Ferrari'));
    const assign = await openStaffPage(phone, candidate.url);
    await expectCaseThenForm(assign.page);
    await expect(assign.page.getByText('giovanna.', { exact: false }).count()).resolves.toBe(0);
    await check(assign.page, 'staff-phone-05-assignment');
    await assign.page.locator('form[method=post] button[type=submit]').click();
    await assign.page.locator('h1', { hasText: 'Grazie' }).waitFor();
    expect(assign.problems).toEqual([]);

    const pages: [labels: string[], name: string, readOnly: boolean][] = [
      [['Apra i documenti', 'Open the documents'], 'staff-phone-06-report-documents', true],
      [LINKS.release, 'staff-phone-07-report-release', false],
      [LINKS.requestAdditional, 'staff-phone-08-report-additional', false],
      [
        ['Chieda altri documenti al paziente', 'Ask the patient for more documents'],
        'staff-phone-09-report-more-documents',
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
      await check(p.page, name);
      expect(p.problems).toEqual([]);
      await p.page.close();
    }
    await phone.close();
  });

  it('render every other staff page accessibly, on a desktop and on a phone', {
    timeout: 120_000,
  }, async () => {
    const view = fixtureView();
    const pages: [decision: string, lang: 'en' | 'it', office: boolean][] = [
      ['reassign', 'it', false],
      ['extend', 'en', false],
      ['view', 'en', true],
      ['reopen', 'en', true],
    ];
    for (const viewport of [DESKTOP, PHONE]) {
      const ctx = await staffContext('en-GB', viewport);
      const page = await ctx.newPage();
      for (const [decision, lang, office] of pages) {
        const summary = {
          reference: view.reference,
          consultationTypes: view.consultationTypes,
          ...(decision === 'reassign' ? { candidate: 'Dr Paolo Esposito' } : {}),
        };
        const staff = {
          view: office ? view : { ...view, patient: { ...view.patient, contacts: undefined } },
          linkUrl: 'http://localhost/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        };
        await page.setContent(confirmPage(lang, decision, summary, VALID_SITE, { staff }).body);
        const name = `staff-${viewport === PHONE ? 'phone' : 'desktop'}-fixture-${decision}`;
        if (decision === 'view') await expect(page.locator('form').count()).resolves.toBe(0);
        else await expectCaseThenForm(page);
        await expect(page.locator('#previous-heading').count()).resolves.toBe(1);
        // Contacts, and the bounced email, on the office's pages only.
        const address = page.getByText('giovanna.esposito.long.address@example.com');
        await expect(address.count()).resolves.toBe(office ? 1 : 0);
        await expect(page.locator('.alert').count()).resolves.toBe(office ? 1 : 0);
        await check(page, name);
      }
      await ctx.close();
    }
  });
});

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
