/**
 * The task policy row by row, on real calendar dates (March 2026 in Milan, no holidays): who does
 * each kind of task, when it is due, the reminder before that, what the daily sweep does past the due
 * time and how often again, what its form asks for and who is told it is done.
 */
import { describe, expect, it } from 'vitest';
import { MILAN_CALENDAR } from '#domain/calendar.ts';
import type { StaffRole } from '#domain/model.ts';
import { type CaseTask, TASK_POLICY, type TaskKind, taskDue, taskSweepAction } from '#domain/tasks.ts';

const cal = MILAN_CALENDAR;
/** Rome end of a day, in winter time (UTC+1). */
const endOf = (day: string) => new Date(`2026-03-${day}T23:59:59+01:00`);
/** The daily round's time, 07:00 in Milan. */
const round = (day: string) => new Date(`2026-03-${day}T07:00:00+01:00`);
/** Created Monday 2 March 2026, 10:00 in Milan. */
const MON = new Date('2026-03-02T09:00:00Z');

function task(kind: TaskKind, dueAt: Date, changes: Partial<CaseTask> = {}): CaseTask {
  return {
    caseId: 'c1',
    taskId: 't1',
    kind,
    assignee: 'someone',
    status: 'open',
    createdAt: MON.toISOString(),
    dueAt: dueAt.toISOString(),
    updatedAt: MON.toISOString(),
    ...changes,
  };
}

const LEAD = { kind: 'escalate', to: 'specialist_lead' as StaffRole, fallback: 'specialist' as StaffRole };
const REMIND = { kind: 'remind', pastDue: true };

/**
 * Kind, who does it, due day (March), the reminder's day or none, the first round past due, the
 * last quiet day after it and the day it acts again, the action, the form, who is told.
 */
const ROWS: [
  TaskKind,
  string | undefined,
  string,
  string | null,
  string,
  string | null,
  string,
  object,
  string,
  string,
][] = [
  ['consultation', undefined, '09', '06', '10', null, '11', LEAD, 'document_or_note', 'lead'],
  ['slides_receipt', 'pathology', '16', null, '17', '19', '20', REMIND, 'confirm', 'nobody'],
  ['pathology_result', 'pathology', '09', '06', '10', null, '11', LEAD, 'document', 'lead'],
  ['slides_return', 'office', '09', null, '10', '11', '12', REMIND, 'shipment', 'nobody'],
  ['courier_shipment', 'office', '04', null, '05', null, '06', REMIND, 'shipment', 'patient'],
  ['courier_delivery', 'office', '16', null, '17', '23', '24', REMIND, 'confirm', 'nobody'],
];

describe('every kind of task', () => {
  it.each(ROWS)(
    '%s: done by %s, due on the %sth, reminded on the %sth, chased from the %sth',
    (kind, assignee, due, remindOn, late, quiet, again, action, form, tell) => {
      const rule = TASK_POLICY[kind];
      expect(rule.assignee).toBe(assignee);
      expect(taskDue(kind, MON, cal)).toEqual(endOf(due));

      // Before the due time: one reminder on its day (none the working day before it), or none at all,
      // not even on the due day's morning.
      const ahead = (day: string) => taskSweepAction(task(kind, endOf(due)), round(day), cal);
      if (remindOn) {
        expect(ahead(remindOn)).toEqual({ kind: 'remind', pastDue: false });
        expect(ahead(String(Number(remindOn) - 1).padStart(2, '0'))).toEqual({ kind: 'none' });
      } else expect(ahead(due)).toEqual({ kind: 'none' });

      // At the due time itself, and the first round after it: the policy's action.
      const open = task(kind, endOf(due), { reminders: remindOn ? 1 : 0 });
      expect(taskSweepAction(open, endOf(due), cal)).toEqual(action);
      expect(taskSweepAction(open, round(late), cal)).toEqual(action);
      // Then quiet (the same day, the working days in between) until repeatAfterDue working days have passed.
      const chased = { ...open, escalations: 1, escalatedAt: round(late).toISOString() };
      expect(taskSweepAction(chased, new Date(round(late).getTime() + 8 * 3_600_000), cal)).toEqual({
        kind: 'none',
      });
      if (quiet) expect(taskSweepAction(chased, round(quiet), cal)).toEqual({ kind: 'none' });
      expect(taskSweepAction(chased, round(again), cal)).toEqual(action);

      // What the task's page asks for, and who hears that it is done.
      expect(rule.form).toBe(form);
      expect(rule.tell).toBe(tell);
    },
  );

  it('gives a contribution a document or a note, which the lead hears of', () => {
    expect(TASK_POLICY.contribution.assignee).toBeUndefined();
    expect(TASK_POLICY.contribution.form).toBe('document_or_note');
    expect(TASK_POLICY.contribution.tell).toBe('lead');
  });
});
