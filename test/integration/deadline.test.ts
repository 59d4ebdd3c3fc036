/**
 * The report deadline on the accelerated clock: 5 working days pass in seconds; the specialist is
 * reminded before the due time with fresh links, the specialist lead is told once it is breached,
 * and the newest links still release the report afterwards.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deps } from '#app/deps.ts';
import { linksOf } from '#local/driver.ts';
import {
  caseWithDocuments,
  driveToReport,
  type Harness,
  LABELS,
  pdf,
  STAFF,
  startHarness,
} from './support.ts';

const SPEED = 40_000;
let h: Harness;
beforeAll(async () => {
  // Links stay valid for the whole simulated fortnight this test spans.
  h = await startHarness({ speed: SPEED, env: { LINK_TTL_DAYS: '120' } });
});
afterAll(() => h?.close());

it('reminds the specialist, then escalates a breached report deadline to the lead', {
  timeout: 120_000,
}, async () => {
  const d = h.driver;
  const c = await caseWithDocuments(d);
  const { release } = await driveToReport(d, c);
  const inReport = await d.getCase(c);
  expect(inReport.status).toBe('in_report');
  const due = Date.parse(inReport.deadlines.reportDue!);
  // Five working days after payment are more than five days of simulated time (seconds of real time here).
  const paidAt = Date.parse((await deps().store.getCase(c.caseId))!.paidAt!);
  expect(due - paidAt).toBeGreaterThan(5 * 86_400_000);
  expect(due).toBeGreaterThan(h.stack.clock.now().getTime());

  const reminder = await d.waitForMail(
    STAFF.oncologist,
    c.reference,
    /Relazione in scadenza|Report due soon/,
    60_000,
  );
  expect(h.stack.clock.now().getTime()).toBeLessThan(due);
  const escalation = await d.waitForMail(
    STAFF.specialistLead,
    c.reference,
    /Relazione in ritardo|Report overdue/,
    60_000,
  );
  expect(h.stack.clock.now().getTime()).toBeGreaterThan(due);
  expect(escalation.at).toBeGreaterThanOrEqual(reminder.at);
  expect((await d.getCase(c)).status).toBe('in_report');

  // The reminder's links superseded the first email's; late is still better than never: they release it.
  expect((await d.getLink(release)).status).toBe(410);
  const newest = linksOf(reminder).find((l) => LABELS.release.includes(l.label))!.url;
  const reportId = await d.uploadReport(newest, pdf('002-oncologist_report-en.pdf'));
  expect((await d.postLink(newest, { reportId })).status).toBe(200);
  await d.waitForStatus(c, 'released');
});
