/** The task policy: due times inside the report's clock, and what the daily sweep does on real calendar dates. */
import { describe, expect, it } from 'vitest';
import { MILAN_CALENDAR } from '#domain/calendar.ts';
import {
  type CaseTask,
  holdsReport,
  isTaskAction,
  TASK_ACTIONS,
  TASK_KINDS,
  TASK_POLICY,
  taskDue,
  taskSweepAction,
} from '#domain/tasks.ts';

const cal = MILAN_CALENDAR;
/** Rome end of a day: 23:59:59 CET (UTC+1) in winter, CEST (UTC+2) in summer. */
const endOf = (day: string, offset = '+01:00') => new Date(`${day}T23:59:59${offset}`);
/** The daily round's time, 07:00 in Milan. */
const round = (day: string, offset = '+01:00') => new Date(`${day}T07:00:00${offset}`);
/** Monday 2 March 2026, 10:00 in Milan. */
const MON = new Date('2026-03-02T09:00:00Z');

function task(kind: CaseTask['kind'], dueAt: Date, changes: Partial<CaseTask> = {}): CaseTask {
  return {
    caseId: 'c1',
    taskId: 't1',
    kind,
    assignee: 'dr-surg',
    status: 'open',
    createdAt: MON.toISOString(),
    dueAt: dueAt.toISOString(),
    updatedAt: MON.toISOString(),
    ...changes,
  };
}

describe('the task policy', () => {
  it('has one distinct action per kind, and chains only to kinds with an assignee of their own', () => {
    expect(TASK_KINDS.map((k) => TASK_POLICY[k].action).sort()).toEqual([...TASK_ACTIONS].sort());
    for (const k of TASK_KINDS) {
      const next = TASK_POLICY[k].next;
      if (next) expect(TASK_POLICY[next].assignee, `${k} → ${next}`).toBeDefined();
    }
    expect(isTaskAction('contribute')).toBe(true);
    expect(isTaskAction('release')).toBe(false);
  });

  it('chains the histological review and the courier as the hospital describes them', () => {
    expect(TASK_POLICY.slides_receipt.next).toBe('pathology_result');
    expect(TASK_POLICY.pathology_result.next).toBe('slides_return');
    expect(TASK_POLICY.slides_return.next).toBeUndefined();
    expect(TASK_POLICY.courier_shipment.next).toBe('courier_delivery');
    expect(TASK_POLICY.pathology_result.form).toBe('document');
    expect(TASK_POLICY.courier_shipment.tell).toBe('patient');
  });
});

describe('taskDue', () => {
  it('puts a contribution 2 working days before the report is due', () => {
    // Report due Monday 9 March: the contribution by Thursday 5 March.
    expect(taskDue('contribution', MON, cal, endOf('2026-03-09'))).toEqual(endOf('2026-03-05'));
  });

  it('gives a contributor at least 1 working day when the report is due sooner', () => {
    // Report due Wednesday 4 March: 2 working days before is Monday, past; so Tuesday 3 March.
    expect(taskDue('contribution', MON, cal, endOf('2026-03-04'))).toEqual(endOf('2026-03-03'));
    // Over a weekend: from Friday 6 March, the next working day is Monday 9 March.
    expect(taskDue('contribution', new Date('2026-03-06T15:00:00Z'), cal, endOf('2026-03-09'))).toEqual(
      endOf('2026-03-09'),
    );
  });

  it('counts working days from now for the other kinds, skipping holidays', () => {
    // Thursday 30 April 2026 + 5 working days: 1 May is a holiday, so Friday 8 May.
    expect(taskDue('consultation', new Date('2026-04-30T08:00:00Z'), cal)).toEqual(
      endOf('2026-05-08', '+02:00'),
    );
    expect(taskDue('courier_shipment', MON, cal)).toEqual(endOf('2026-03-04'));
  });

  it('refuses a contribution without the report due time', () => {
    expect(() => taskDue('contribution', MON, cal)).toThrow(
      new RangeError("a contribution task needs the case's report due time"),
    );
  });
});

describe('taskSweepAction', () => {
  // A contribution due Thursday 5 March 2026.
  const due = endOf('2026-03-05');

  it('reminds once, on the working day before the due day', () => {
    expect(taskSweepAction(task('contribution', due), round('2026-03-03'), cal)).toEqual({ kind: 'none' });
    expect(taskSweepAction(task('contribution', due), round('2026-03-04'), cal)).toEqual({
      kind: 'remind',
      pastDue: false,
    });
    const reminded = task('contribution', due, { reminders: 1 });
    expect(taskSweepAction(reminded, round('2026-03-04'), cal)).toEqual({ kind: 'none' });
    expect(taskSweepAction(reminded, round('2026-03-05'), cal)).toEqual({ kind: 'none' });
    // Opened on the due day itself: reminded that morning.
    expect(taskSweepAction(task('contribution', due), round('2026-03-05'), cal)).toEqual({
      kind: 'remind',
      pastDue: false,
    });
  });

  it('escalates to the specialist lead past the due time, then once a working day, never on a weekend', () => {
    const late = task('contribution', due, { reminders: 1 });
    expect(taskSweepAction(late, round('2026-03-06'), cal)).toEqual({
      kind: 'escalate',
      to: 'specialist_lead',
      fallback: 'specialist',
    });
    const escalated = { ...late, escalations: 1, escalatedAt: round('2026-03-06').toISOString() };
    expect(taskSweepAction(escalated, new Date('2026-03-06T15:00:00Z'), cal)).toEqual({ kind: 'none' });
    expect(taskSweepAction(escalated, round('2026-03-07'), cal)).toEqual({ kind: 'none' });
    expect(taskSweepAction(escalated, round('2026-03-08'), cal)).toEqual({ kind: 'none' });
    expect(taskSweepAction(escalated, round('2026-03-09'), cal).kind).toBe('escalate');
  });

  it('reminds the assignee again past the due time where the policy escalates to nobody', () => {
    const shipment = task('courier_shipment', endOf('2026-03-04'), { assignee: 'office' });
    // No reminder before its due time.
    expect(taskSweepAction(shipment, round('2026-03-04'), cal)).toEqual({ kind: 'none' });
    expect(taskSweepAction(shipment, round('2026-03-05'), cal)).toEqual({ kind: 'remind', pastDue: true });
  });

  it('does nothing with a task done or cancelled', () => {
    for (const status of ['done', 'cancelled'] as const)
      expect(taskSweepAction(task('contribution', due, { status }), round('2026-03-09'), cal)).toEqual({
        kind: 'none',
      });
  });
});

describe('the report held by the work of consultations', () => {
  const t = (kind: CaseTask['kind'], status: CaseTask['status'], createdAt: string) => ({
    kind,
    status,
    consultation: 'histology_review',
    createdAt,
  });
  it('is held while a consultation, the slides or the revised diagnosis are open; not by the slides going back', () => {
    expect(holdsReport([t('consultation', 'open', '2026-03-02')])).toBe(true);
    expect(holdsReport([t('slides_receipt', 'open', '2026-03-02')])).toBe(true);
    expect(holdsReport([t('contribution', 'open', '2026-03-02')])).toBe(false);
    expect(
      holdsReport([t('consultation', 'done', '2026-03-02'), t('slides_return', 'open', '2026-03-03')]),
    ).toBe(false);
    expect(holdsReport([t('consultation', 'cancelled', '2026-03-02')])).toBe(false);
    expect(holdsReport([])).toBe(false);
  });

  it('is held by slides received whose revised diagnosis is not opened yet (between the two writes)', () => {
    expect(holdsReport([t('slides_receipt', 'done', '2026-03-02')])).toBe(true);
    expect(
      holdsReport([t('slides_receipt', 'done', '2026-03-02'), t('pathology_result', 'done', '2026-03-03')]),
    ).toBe(false);
    // The revised diagnosis of an earlier review does not count for a later one.
    expect(
      holdsReport([t('pathology_result', 'done', '2026-03-01'), t('slides_receipt', 'done', '2026-03-02')]),
    ).toBe(true);
    // Opened in the same instant as the slides were received (one clock reading for both writes).
    expect(
      holdsReport([t('slides_receipt', 'done', '2026-03-02'), t('pathology_result', 'open', '2026-03-02')]),
    ).toBe(true);
    expect(
      holdsReport([t('slides_receipt', 'done', '2026-03-02'), t('pathology_result', 'done', '2026-03-02')]),
    ).toBe(false);
    // Another kind of task opened later is not the revised diagnosis; cancelled slides hold nothing.
    expect(
      holdsReport([t('slides_receipt', 'done', '2026-03-02'), t('slides_return', 'done', '2026-03-03')]),
    ).toBe(true);
    expect(holdsReport([t('slides_receipt', 'cancelled', '2026-03-02')])).toBe(false);
    // Nor is the revised diagnosis of another consultation.
    const other = { ...t('pathology_result', 'done', '2026-03-03'), consultation: 'molecular_review' };
    expect(holdsReport([t('slides_receipt', 'done', '2026-03-02'), other])).toBe(true);
    // A done revised diagnosis opens the slides' return, which does not hold the report.
    expect(holdsReport([t('pathology_result', 'done', '2026-03-03')])).toBe(false);
  });
});
