/**
 * The clock rules of the report's decisions, on a frozen clock: a reassignment keeps the due time
 * but gives the new specialist at least 2 working days; an extension is once only; a request for
 * more documents stops the report clock and the resubmission restarts it with the working days left.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { deps } from '#app/deps.ts';
import { addWorkingDays, MILAN_CALENDAR } from '#domain/calendar.ts';
import { createDraftCase } from '#local/testbed/workflow.ts';
import type { UseCaseDeps } from '#usecases/ports.ts';
import { applyDecision } from '#usecases/workflow/apply-decision.ts';
import { useBench } from './steps.ts';

const b = useBench();
beforeEach(() => b.reset(1));

/** Tuesday 10 March 2026, 11:00 in Milan. */
const TUE = new Date('2026-03-10T10:00:00Z');
const at = (now: Date): UseCaseDeps => ({ ...deps(), clock: { now: () => now } });
const decide = (
  now: Date,
  caseId: string,
  decision: string,
  values: Record<string, unknown> = {},
  by = 'dr-spec-lead',
) =>
  applyDecision(at(now), {
    caseId,
    step: decision === 'resubmit' ? 'more_documents' : 'report',
    openedAt: 'x',
    decision: { decision, by, at: now.toISOString(), values },
  });

async function inReport(reportDue: Date) {
  return createDraftCase(b, {
    status: 'in_report',
    assigneeId: 'dr-onco',
    paidAt: TUE.toISOString(),
    deadlines: { reportDue: reportDue.toISOString() },
  });
}

describe('reassigning a report', () => {
  it('keeps the due time when at least 2 working days are left', async () => {
    const due = addWorkingDays(TUE, 4, MILAN_CALENDAR);
    const c = await inReport(due);
    expect(await decide(TUE, c.caseId, 'reassign', { specialistId: 'dr-onco2' })).toEqual({
      status: 'in_report',
      next: 'report',
    });
    const after = (await b.store.getCase(c.caseId))!;
    expect(after).toMatchObject({ assigneeId: 'dr-onco2', reportNote: 'reassigned' });
    expect(after.deadlines.reportDue).toBe(due.toISOString());
    expect(b.mailer.ofKind('report_delayed', c.caseId)).toHaveLength(0);
  });

  it('gives the new specialist 2 working days when less is left, and tells the patient the new date', async () => {
    const due = addWorkingDays(TUE, 1, MILAN_CALENDAR);
    const c = await inReport(due);
    await decide(TUE, c.caseId, 'reassign', { specialistId: 'dr-onco2' });
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.deadlines.reportDue).toBe(addWorkingDays(TUE, 2, MILAN_CALENDAR).toISOString());
    expect(b.mailer.ofKind('report_delayed', c.caseId)).toHaveLength(1);
  });

  it('refuses the same or an inactive specialist: the case stays with its specialist', async () => {
    const due = addWorkingDays(TUE, 3, MILAN_CALENDAR);
    const c = await inReport(due);
    await decide(TUE, c.caseId, 'reassign', { specialistId: 'dr-onco' });
    await b.store.putStaff({ ...(await b.store.getStaff('dr-onco2'))!, active: false });
    try {
      await decide(TUE, c.caseId, 'reassign', { specialistId: 'dr-onco2' });
    } finally {
      await b.store.putStaff({ ...(await b.store.getStaff('dr-onco2'))!, active: true });
    }
    expect((await b.store.getCase(c.caseId))!.assigneeId).toBe('dr-onco');
    const refused = (await b.store.listEvents(c.caseId)).filter((e) => e.action === 'reassign');
    expect(refused.map((e) => e.details?.refused)).toEqual(['dr-onco', 'dr-onco2']);
  });
});

describe('extending a report', () => {
  it('moves the due time by the working days chosen, from now when it has passed, once only', async () => {
    const passed = new Date('2026-03-09T22:59:59Z');
    const c = await inReport(passed);
    await decide(TUE, c.caseId, 'extend', { workingDays: 3, reason: 'complex_case' });
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.deadlines.reportDue).toBe(addWorkingDays(TUE, 3, MILAN_CALENDAR).toISOString());
    expect(after.reportExtension).toMatchObject({
      workingDays: 3,
      reason: 'complex_case',
      by: 'dr-spec-lead',
    });
    const told = b.mailer.ofKind('report_extended', c.caseId);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('richiede uno studio più approfondito');
    await decide(TUE, c.caseId, 'extend', { workingDays: 5, reason: 'complex_case' });
    expect((await b.store.getCase(c.caseId))!.deadlines.reportDue).toBe(after.deadlines.reportDue);
  });

  it('counts from the due time when it is still ahead', async () => {
    const due = addWorkingDays(TUE, 2, MILAN_CALENDAR);
    const c = await inReport(due);
    await decide(TUE, c.caseId, 'extend', { workingDays: 2, reason: 'specialist_unavailable' });
    expect((await b.store.getCase(c.caseId))!.deadlines.reportDue).toBe(
      addWorkingDays(due, 2, MILAN_CALENDAR).toISOString(),
    );
  });
});

describe('more documents during the report', () => {
  it('stops the report clock and restarts it on resubmission with the working days left', async () => {
    // Due Friday 13 March: asked on Tuesday 10, 3 working days are left (11, 12, 13).
    const due = addWorkingDays(TUE, 3, MILAN_CALENDAR);
    const c = await inReport(due);
    expect(
      await decide(TUE, c.caseId, 'request_documents', { documents: ['Recent blood tests'] }, 'dr-onco'),
    ).toEqual({ status: 'more_documents_requested', next: 'more_documents' });
    expect((await b.store.getCase(c.caseId))!.reportPause).toEqual({
      at: TUE.toISOString(),
      workingDaysLeft: 3,
    });
    // The patient sends them the next Monday, 16 March: the report is due 3 working days later.
    const monday = new Date('2026-03-16T09:00:00Z');
    expect(await decide(monday, c.caseId, 'resubmit', {}, 'patient')).toEqual({
      status: 'in_report',
      next: 'report',
    });
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.deadlines.reportDue).toBe(addWorkingDays(monday, 3, MILAN_CALENDAR).toISOString());
    expect(after.reportPause).toBeUndefined();
    expect(after.reportNote).toBe('documents_received');
  });

  it('asked on the due day gives at least one working day back', async () => {
    const due = new Date('2026-03-10T22:59:59Z');
    const c = await inReport(due);
    await decide(TUE, c.caseId, 'request_documents', { documents: ['x'] }, 'dr-onco');
    const friday = new Date('2026-03-13T09:00:00Z');
    await decide(friday, c.caseId, 'resubmit', {}, 'system');
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.deadlines.reportDue).toBe(addWorkingDays(friday, 1, MILAN_CALENDAR).toISOString());
    expect(after.reportNote).toBe('documents_not_received');
  });
});
