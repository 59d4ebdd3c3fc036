/** The wait policy, row by row: due time, reminders, escalation and the end of every wait, on real calendar dates. */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, MILAN_CALENDAR } from '#domain/calendar.ts';
import { STEPS } from '#domain/model.ts';
import {
  draftAction,
  draftTiming,
  isStepDecision,
  nextStep,
  onWaitTimeout,
  type PolicyContext,
  PolicyError,
  planWaitTiming,
  stepOfStatus,
  stepStatus,
  WAIT_POLICY,
} from '#domain/wait-policy.ts';

// Different expiries, so that a step reading the other's shows.
const CTX: PolicyContext = { calendar: MILAN_CALENDAR, documentsExpiryDays: 30, paymentExpiryDays: 14 };
/** Rome end of a day: 23:59:59 CET (UTC+1) in winter, CEST (UTC+2) in summer. */
const endOf = (day: string, offset = '+01:00') => new Date(`${day}T23:59:59${offset}`);
/** Monday 2 March 2026, 10:00 in Milan. */
const MON = new Date('2026-03-02T09:00:00Z');

describe('every step', () => {
  it('has a wait rule with an end and an outcome the lifecycle allows from its status', () => {
    for (const step of STEPS) {
      const rule = WAIT_POLICY[step];
      expect(stepOfStatus(rule.status)).toBe(step);
      expect(stepStatus(step)).toBe(rule.status);
      expect(isStepDecision(step, rule.outcome)).toBe(true);
      for (const decision of rule.decisions) expect(() => nextStep(step, decision)).not.toThrow();
      expect(() => nextStep(step, rule.outcome)).not.toThrow();
    }
  });

  it('routes each decision to the step of the status it leads to, or to the end', () => {
    expect(nextStep('triage', 'complete')).toBe('payment');
    expect(nextStep('triage', 'request_documents')).toBe('documents');
    expect(nextStep('triage', 'reject')).toBe('end');
    expect(nextStep('triage', 'time_out')).toBe('end');
    expect(nextStep('documents', 'resubmit')).toBe('triage');
    expect(nextStep('documents', 'expire')).toBe('end');
    expect(nextStep('payment', 'confirm_payment')).toBe('assignment');
    expect(nextStep('assignment', 'assign')).toBe('report');
    expect(nextStep('report', 'release')).toBe('end');
    expect(nextStep('report', 'request_additional')).toBe('approval');
    expect(nextStep('report', 'request_documents')).toBe('more_documents');
    expect(nextStep('report', 'reassign')).toBe('report');
    expect(nextStep('report', 'extend')).toBe('report');
    expect(nextStep('approval', 'decline')).toBe('report');
    expect(nextStep('approval', 'approve')).toBe('additional_payment');
    expect(nextStep('additional_payment', 'confirm_payment')).toBe('consultations');
    expect(nextStep('additional_payment', 'defer_payment')).toBe('consultations');
    expect(nextStep('consultations', 'consultations_done')).toBe('report');
    expect(nextStep('additional_payment', 'decline')).toBe('report');
    expect(nextStep('more_documents', 'resubmit')).toBe('report');
    expect(isStepDecision('report', 'complete')).toBe(false);
  });

  it('is decided by the people its step asks, with the decisions their links offer', () => {
    const asked = Object.fromEntries(
      STEPS.map((s) => [s, [WAIT_POLICY[s].actor, ...WAIT_POLICY[s].decisions]]),
    );
    expect(asked).toEqual({
      triage: ['triage', 'complete', 'request_documents', 'reject'],
      documents: ['patient', 'resubmit'],
      payment: ['office', 'confirm_payment'],
      assignment: ['triage', 'assign'],
      report: ['assignee', 'release', 'request_additional', 'request_documents', 'reassign', 'extend'],
      approval: ['patient', 'approve', 'decline'],
      more_documents: ['patient', 'resubmit'],
      additional_payment: ['office', 'confirm_payment'],
      consultations: ['assignee', 'consultations_done'],
    });
    // A decision of another step, or the system's outcome of another step, does not end this one.
    expect(isStepDecision('payment', 'resubmit')).toBe(false);
    expect(isStepDecision('approval', 'time_out')).toBe(false);
    expect(isStepDecision('documents', 'expire')).toBe(true);
  });

  it('tells the patient of a delay only where a person of the service is late', () => {
    const delayed = STEPS.filter((s) => WAIT_POLICY[s].delayNotice);
    expect(delayed).toEqual(['triage', 'report']);
  });
});

describe('triage', () => {
  const t = planWaitTiming('triage', MON, CTX);

  it('is due in 2 working days, escalates to the triage leads then each working day, and times out 2 working days later', () => {
    expect(t.due).toEqual(endOf('2026-03-04'));
    expect(t.firstTimeout).toEqual(t.due);
    expect(t.end).toEqual(endOf('2026-03-06'));
    const atDue = onWaitTimeout('triage', t.due, t.due, t.end, CTX);
    expect(atDue).toEqual({
      kind: 'act',
      action: { kind: 'escalate', to: 'triage_lead', fallback: 'triage' },
      pastDue: true,
      next: endOf('2026-03-05'),
    });
    const again = onWaitTimeout('triage', endOf('2026-03-05'), t.due, t.end, CTX);
    expect(again).toMatchObject({ kind: 'act', next: t.end });
    expect(onWaitTimeout('triage', t.end, t.due, t.end, CTX)).toEqual({ kind: 'end', decision: 'time_out' });
    expect(WAIT_POLICY.triage.delayNotice).toBe(true);
  });

  it('counts working days across a weekend and a holiday', () => {
    // Friday 24 April 2026: Saturday, Sunday, Liberation Day (Saturday 25th) and 1 May (Friday).
    const friday = new Date('2026-04-24T08:00:00Z');
    const timing = planWaitTiming('triage', friday, CTX);
    expect(timing.due).toEqual(endOf('2026-04-28', '+02:00'));
    expect(timing.end).toEqual(endOf('2026-04-30', '+02:00'));
  });
});

describe('documents and more documents', () => {
  it('remind the patient every 7 days and end at the due time: documents expire, more documents go on', () => {
    for (const step of ['documents', 'more_documents'] as const) {
      const t = planWaitTiming(step, MON, CTX);
      expect(t.due).toEqual(new Date(MON.getTime() + 30 * 86_400_000));
      expect(t.end).toEqual(t.due);
      expect(t.firstTimeout).toEqual(new Date(MON.getTime() + 7 * 86_400_000));
      const week = onWaitTimeout(step, t.firstTimeout, t.due, t.end, CTX);
      expect(week).toEqual({
        kind: 'act',
        action: { kind: 'remind' },
        pastDue: false,
        next: new Date(MON.getTime() + 14 * 86_400_000),
      });
      // The last reminder stops at the due time, not a week later.
      const late = new Date(MON.getTime() + 28 * 86_400_000);
      expect(onWaitTimeout(step, late, t.due, t.end, CTX)).toMatchObject({ next: t.due });
    }
    const d = planWaitTiming('documents', MON, CTX);
    expect(onWaitTimeout('documents', d.due, d.due, d.end, CTX)).toEqual({ kind: 'end', decision: 'expire' });
    expect(onWaitTimeout('more_documents', d.due, d.due, d.end, CTX)).toEqual({
      kind: 'end',
      decision: 'resubmit',
    });
  });
});

describe('payment', () => {
  it('reminds every 7 days for the configured days, then expires', () => {
    const t = planWaitTiming('payment', MON, { ...CTX, paymentExpiryDays: 10 });
    expect(t.due).toEqual(new Date(MON.getTime() + 10 * 86_400_000));
    expect(t.firstTimeout).toEqual(new Date(MON.getTime() + 7 * 86_400_000));
    expect(onWaitTimeout('payment', t.firstTimeout, t.due, t.end, CTX)).toMatchObject({ next: t.due });
    expect(onWaitTimeout('payment', t.due, t.due, t.end, CTX)).toEqual({ kind: 'end', decision: 'expire' });
  });
});

describe('assignment', () => {
  it('is due the next working day, escalates to the triage leads, and times out 2 working days later', () => {
    const friday = new Date('2026-03-06T15:00:00Z');
    const t = planWaitTiming('assignment', friday, CTX);
    expect(t.due).toEqual(endOf('2026-03-09'));
    expect(t.end).toEqual(endOf('2026-03-11'));
    expect(onWaitTimeout('assignment', t.due, t.due, t.end, CTX)).toEqual({
      kind: 'act',
      action: { kind: 'escalate', to: 'triage_lead', fallback: 'triage' },
      pastDue: true,
      next: endOf('2026-03-10'),
    });
    expect(onWaitTimeout('assignment', t.end, t.due, t.end, CTX)).toEqual({
      kind: 'end',
      decision: 'time_out',
    });
  });
});

describe('report', () => {
  const reportDue = endOf('2026-03-09');
  const ctx = { ...CTX, reportDue };
  const t = planWaitTiming('report', MON, ctx);

  it('reminds the specialist a working day before, escalates to the specialist leads each working day, and times out 3 working days after', () => {
    expect(t.due).toEqual(reportDue);
    expect(t.firstTimeout).toEqual(endOf('2026-03-06'));
    expect(onWaitTimeout('report', t.firstTimeout, t.due, t.end, ctx)).toEqual({
      kind: 'act',
      action: { kind: 'remind' },
      pastDue: false,
      next: reportDue,
    });
    expect(onWaitTimeout('report', reportDue, t.due, t.end, ctx)).toEqual({
      kind: 'act',
      action: { kind: 'escalate', to: 'specialist_lead', fallback: 'specialist' },
      pastDue: true,
      next: endOf('2026-03-10'),
    });
    expect(t.end).toEqual(endOf('2026-03-12'));
    expect(onWaitTimeout('report', t.end, t.due, t.end, ctx)).toEqual({ kind: 'end', decision: 'time_out' });
  });

  it('opened after the reminder time goes straight to the due time', () => {
    const late = planWaitTiming('report', new Date('2026-03-09T09:00:00Z'), ctx);
    expect(late.firstTimeout).toEqual(reportDue);
  });

  it('opened exactly at the reminder time goes straight to the due time', () => {
    const atReminder = planWaitTiming('report', endOf('2026-03-06'), ctx);
    expect(atReminder.firstTimeout).toEqual(reportDue);
  });

  it('cannot be planned without a due time', () => {
    expect(() => planWaitTiming('report', MON, CTX)).toThrow(
      expect.objectContaining({ code: 'no_report_due', message: 'the case has no report due time' }),
    );
    expect(() => planWaitTiming('report', MON, CTX)).toThrow(PolicyError);
  });
});

describe('approval', () => {
  it('reminds the patient at 3 working days and ends 2 working days later: the report goes on without it', () => {
    const t = planWaitTiming('approval', MON, CTX);
    expect(t.due).toEqual(endOf('2026-03-05'));
    expect(t.end).toEqual(endOf('2026-03-09'));
    expect(onWaitTimeout('approval', t.due, t.due, t.end, CTX)).toEqual({
      kind: 'act',
      action: { kind: 'remind' },
      pastDue: true,
      next: t.end,
    });
    expect(onWaitTimeout('approval', t.end, t.due, t.end, CTX)).toEqual({ kind: 'end', decision: 'decline' });
  });
});

describe('consultations', () => {
  it('bound the pause with 20 working days and no reminders of their own; at the end the report goes on', () => {
    const t = planWaitTiming('consultations', MON, CTX);
    expect(t.firstTimeout).toEqual(t.due);
    expect(t.end).toEqual(t.due);
    expect(t.due).toEqual(addWorkingDays(MON, 20, CTX.calendar));
    expect(onWaitTimeout('consultations', t.end, t.due, t.end, CTX)).toEqual({
      kind: 'end',
      decision: 'consultations_done',
    });
  });
});

describe('additional payment', () => {
  it('is due in 5 working days, reminds 2 working days before and at the due time, and ends 3 working days later: the report goes on without it', () => {
    const t = planWaitTiming('additional_payment', MON, CTX);
    expect(t.due).toEqual(endOf('2026-03-09'));
    expect(t.firstTimeout).toEqual(endOf('2026-03-05'));
    expect(t.end).toEqual(endOf('2026-03-12'));
    expect(onWaitTimeout('additional_payment', t.firstTimeout, t.due, t.end, CTX)).toEqual({
      kind: 'act',
      action: { kind: 'remind' },
      pastDue: false,
      next: t.due,
    });
    expect(onWaitTimeout('additional_payment', t.due, t.due, t.end, CTX)).toEqual({
      kind: 'act',
      action: { kind: 'remind' },
      pastDue: true,
      next: t.end,
    });
    expect(onWaitTimeout('additional_payment', t.end, t.due, t.end, CTX)).toEqual({
      kind: 'end',
      decision: 'decline',
    });
    expect(WAIT_POLICY.additional_payment.actor).toBe('office');
  });
});

describe('timers', () => {
  it('count a timeout a second early as on time', () => {
    const t = planWaitTiming('triage', MON, CTX);
    expect(onWaitTimeout('triage', new Date(t.end.getTime() - 999), t.due, t.end, CTX).kind).toBe('end');
    expect(onWaitTimeout('triage', new Date(t.end.getTime() - 1000), t.due, t.end, CTX).kind).toBe('end');
    expect(onWaitTimeout('triage', new Date(t.end.getTime() - 1001), t.due, t.end, CTX).kind).toBe('act');
    expect(onWaitTimeout('triage', new Date(t.due.getTime() - 1000), t.due, t.end, CTX)).toMatchObject({
      pastDue: true,
    });
    expect(onWaitTimeout('triage', new Date(t.due.getTime() - 1001), t.due, t.end, CTX)).toMatchObject({
      pastDue: false,
    });
  });
});

describe('a draft never sent', () => {
  const POLICY = { reminderDays: 7, expiryDays: 30 };
  const DAY = 86_400_000;
  const at = (days: number, ms = 0) => new Date(MON.getTime() + days * DAY + ms);

  it('is reminded once 7 days after it was created and closes 30 days after', () => {
    const t = draftTiming(MON, undefined, POLICY);
    expect(t).toEqual({ remindAt: at(7), due: at(30) });
    expect(draftAction(t, at(7, -1), false)).toBe('none');
    expect(draftAction(t, at(7), false)).toBe('remind');
    expect(draftAction(t, at(8), true)).toBe('none');
    expect(draftAction(t, at(30, -1), true)).toBe('none');
    expect(draftAction(t, at(30), true)).toBe('close');
    // A round that missed the reminder (the service was down) still closes on time.
    expect(draftAction(t, at(31), false)).toBe('close');
  });

  it('starts its clock again when operations re-open it', () => {
    const t = draftTiming(MON, at(45), POLICY);
    expect(t).toEqual({ remindAt: at(22), due: at(45) });
    expect(draftAction(t, at(21), false)).toBe('none');
    expect(draftAction(t, at(31), false)).toBe('remind');
  });

  it('sends no reminder that would fall on or after the closing', () => {
    const t = draftTiming(MON, undefined, { reminderDays: 30, expiryDays: 30 });
    expect(draftAction(t, at(29), false)).toBe('none');
    expect(draftAction(t, at(30), false)).toBe('close');
  });
});
