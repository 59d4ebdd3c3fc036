/**
 * Every patient page is usable by everyone (WCAG 2.2 AA as axe-core checks it, no serious or
 * critical violation; every control at least 24x24 CSS px; no sideways scrolling on a phone), in
 * English and in Italian, on a 360 px phone and on a 1280 px desktop: the request page (empty and
 * with its errors), "send me my link" (asked and answered), the case page without its link and with
 * a wrong one, a draft with a document read and one refused, a cancelled case, and the link of a
 * case closed long ago (410, said plainly). The case in its
 * later states is checked along the journeys (patient-journey.test.ts). Screenshots of each land in
 * test-results/screenshots/a11y-*.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '#presentation/i18n/privacy.ts';
import { checkEverywhere, unique } from './patients.ts';
import { type E2E, fixture, focusedId, startE2E, text } from './support.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('every patient page, in both languages, on a phone and a desktop', () => {
  it('the request page, empty and with the errors of an empty form', { timeout: 120_000 }, async () => {
    const url = `${e2e.stack.endpoints.api}/`;
    await checkEverywhere(e2e, url, 'request', '#create');
    await checkEverywhere(e2e, url, 'request-errors', '#create', {
      act: async (page) => {
        await page.locator('#create').click();
        await page.locator('#error-summary li').first().waitFor();
        // The focus is on the first field in error, which names its error.
        await expect(focusedId(page)).resolves.toBe('patient-firstName');
        await expect(page.locator('#patient-firstName').getAttribute('aria-describedby')).resolves.toBe(
          'patient-firstName-error',
        );
      },
    });
  });

  it('"send me my link", asked and answered', { timeout: 120_000 }, async () => {
    const url = `${e2e.stack.endpoints.api}/link`;
    let sent = 0;
    await checkEverywhere(e2e, url, 'link', '#reference');
    await checkEverywhere(e2e, url, 'link-sent', '#reference', {
      act: async (page) => {
        // A reference of its own each time: a reference is asked for at most 3 times an hour.
        sent += 1;
        await page.locator('#reference').fill(`SO-2026-AAAA-${'BCDF'[sent % 4]!.repeat(4)}`);
        await page.locator('#dateOfBirth').fill('1958-07-21');
        await page.locator('#email').fill(`nobody.${unique()}@example.com`);
        await page.locator('form button[type=submit]').click();
        await page.locator('[role=status]').waitFor({ timeout: 60_000 });
      },
    });
  });

  it('the case page without its link, and with a wrong one', { timeout: 120_000 }, async () => {
    const url = `${e2e.stack.endpoints.api}/case/2f0b0db4-ad21-42e3-8e16-158b781cb040`;
    await checkEverywhere(e2e, url, 'case-no-link', '#lost-link:not([hidden])');
    await checkEverywhere(
      e2e,
      `${url}#token=${'x'.repeat(40)}`,
      'case-wrong-link',
      '#lost-link:not([hidden])',
    );
  });

  it('a draft with a document read and one refused, then cancelled', { timeout: 180_000 }, async () => {
    const d = e2e.driver;
    const c = await d.createCase({
      patient: {
        firstName: 'Giovanna',
        lastName: 'Russo',
        email: `giovanna.${unique()}@example.com`,
        phone: '+39 333 765 4321',
        dateOfBirth: '1958-07-21',
        country: 'IT',
        taxCode: 'RSSGNN58L61F205B',
      },
      language: 'it',
      consultationTypes: ['oncological'],
      consent: { version: PRIVACY_NOTICE_VERSION, accepted: true },
    });
    await d.upload(
      c,
      '003-oncologist_report-it.pdf',
      readFileSync(fixture('corpus/003-oncologist_report-it.pdf')),
    );
    await d.upload(c, 'not-a-pdf.pdf', readFileSync(fixture('bad/not-a-pdf.pdf')));
    await d.waitForDocuments(c, 2);
    await d.waitForPreviews(c, 1);
    const url = `${e2e.stack.endpoints.api}/case/${c.caseId}#token=${c.patientToken}`;
    await checkEverywhere(e2e, url, 'case-draft', '#documents li[data-state=rejected]', {
      // The file read shows its first page, loaded, within its card; the refused one says it has none.
      act: async (page) => {
        const it = (await page.locator('html').getAttribute('lang')) === 'it';
        const thumb = page.locator('#documents img.thumb');
        await thumb.scrollIntoViewIfNeeded();
        await expect
          .poll(() => thumb.evaluate((i) => (i as unknown as { naturalHeight: number }).naturalHeight), {
            timeout: 10_000,
          })
          .toBe(360);
        await expect(thumb.getAttribute('alt')).resolves.toBe(
          `${it ? 'Prima pagina di' : 'First page of'} "003-oncologist_report-it.pdf"`,
        );
        await expect(text(page.locator('#documents li[data-state=rejected] .thumb'))).resolves.toBe(
          it ? 'Anteprima non disponibile' : 'No preview available',
        );
        const [img, card] = await Promise.all([
          thumb.boundingBox(),
          page.locator('#documents-box').boundingBox(),
        ]);
        expect(img!.x + img!.width).toBeLessThanOrEqual(card!.x + card!.width);
      },
    });
    expect((await d.caseAction(c, 'cancel')).status).toBe(200);
    await checkEverywhere(e2e, url, 'case-cancelled', '#status[data-status=cancelled]');
  });

  it('the link of a case closed long ago: a friendly page that says so (410)', {
    timeout: 120_000,
  }, async () => {
    const d = e2e.driver;
    const c = await d.createCase({
      patient: {
        firstName: 'Paolo',
        lastName: 'Conti',
        email: `paolo.${unique()}@example.com`,
        phone: '+39 333 123 4567',
        dateOfBirth: '1961-04-12',
        country: 'GB',
      },
      language: 'it',
      consultationTypes: ['oncological'],
      consent: { version: PRIVACY_NOTICE_VERSION, accepted: true },
    });
    expect((await d.caseAction(c, 'cancel')).status).toBe(200);
    // Closed more than PATIENT_ACCESS_DAYS ago: moved back in the table rather than waiting 90 days.
    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: e2e.stack.endpoints.dynamodb,
        region: 'eu-south-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    await db.send(
      new UpdateCommand({
        TableName: e2e.stack.env.TABLE_NAME,
        Key: { pk: `CASE#${c.caseId}`, sk: 'CASE' },
        UpdateExpression: 'SET closedAt = :at',
        ExpressionAttributeValues: { ':at': '2025-01-10T09:00:00.000Z' },
      }),
    );
    db.destroy();
    const url = `${e2e.stack.endpoints.api}/case/${c.caseId}#token=${c.patientToken}`;
    const expired = { en: 'This link no longer works', it: 'Questo link non è più valido' };
    await checkEverywhere(e2e, url, 'case-link-expired', '#lost-link:not([hidden])', {
      act: async (page) => {
        const lang = (await page.locator('html').getAttribute('lang')) as 'en' | 'it';
        await page.locator('#alert', { hasText: expired[lang] }).waitFor();
        // The way on: ask for the link again, or the office (in the footer).
        await page.locator('#lost-link a[href*="/link"]').waitFor();
      },
    });
  });
});
