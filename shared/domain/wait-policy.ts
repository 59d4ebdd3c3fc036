/**
 * The wait policy: every step a case can wait on, in one table. For each step: the case status
 * while it waits, the decisions that end it, who is asked, when it is due, and what each timeout
 * does (remind whoever is asked, escalate to a lead, or end the wait) and when the next one fires.
 * Pure: the clock's "now" and the calendar come in.
 */
import { addWorkingDays, type CalendarConfig, subtractWorkingDays } from './calendar.ts';
import type { CaseEvent, CaseStatus } from './lifecycle.ts';
import type { StaffRole, Step } from './model.ts';

/** Patients are reminded of the documents and the payment they owe this often. */
export const PATIENT_REMINDER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Who a step's links and emails go to. */
export type WaitActor = 'triage' | 'patient' | 'office' | 'assignee';

/** What a timeout of a wait does. */
export type TimeoutAction =
  /** Remind whoever is asked; the same links keep working. */
  | { kind: 'remind' }
  /** Tell the leads of `to` (the members of `fallback` where a site has no lead). */
  | { kind: 'escalate'; to: StaffRole; fallback: StaffRole }
  /** The wait ends without a decision: the case expires. */
  | { kind: 'expire' };

/** Durations: working days of the site calendar, or calendar days from the configuration. */
export type Due =
  | { workingDays: number }
  | { configDays: 'documents' | 'payment' }
  /** The case's report due time (5 working days after payment, moved by paused time). */
  | { caseDue: 'report' };

export interface WaitRule {
  /** The case's status while the step waits; a link whose case has left it is closed. */
  status: CaseStatus;
  /** The lifecycle events that decide the step. */
  decisions: readonly CaseEvent[];
  actor: WaitActor;
  due: Due;
  /** A reminder before the due time (working days before it), when the step has one. */
  remindBeforeDue?: { workingDays: number };
  /** Reminders while the wait is not yet due (patients who owe something). */
  remindEvery?: { days: number } | { workingDays: number };
  /** What happens at the due time and after it. */
  atDue: TimeoutAction;
  /** How often the action at due repeats after the due time. */
  repeatAfterDue?: { workingDays: number };
}

export const WAIT_POLICY: Readonly<Record<Step, WaitRule>> = {
  triage: {
    status: 'triage',
    decisions: ['complete', 'request_documents', 'reject'],
    actor: 'triage',
    due: { workingDays: 2 },
    atDue: { kind: 'escalate', to: 'triage_lead', fallback: 'triage' },
    repeatAfterDue: { workingDays: 1 },
  },
  documents: {
    status: 'documents_requested',
    decisions: ['resubmit'],
    actor: 'patient',
    due: { configDays: 'documents' },
    remindEvery: { days: PATIENT_REMINDER_DAYS },
    atDue: { kind: 'expire' },
  },
  payment: {
    status: 'awaiting_payment',
    decisions: ['confirm_payment'],
    actor: 'office',
    due: { configDays: 'payment' },
    remindEvery: { days: PATIENT_REMINDER_DAYS },
    atDue: { kind: 'expire' },
  },
  assignment: {
    status: 'assignment',
    decisions: ['assign'],
    actor: 'triage',
    due: { workingDays: 1 },
    atDue: { kind: 'escalate', to: 'triage_lead', fallback: 'triage' },
    repeatAfterDue: { workingDays: 1 },
  },
  report: {
    status: 'in_report',
    decisions: ['release', 'request_additional'],
    actor: 'assignee',
    due: { caseDue: 'report' },
    remindBeforeDue: { workingDays: 1 },
    atDue: { kind: 'escalate', to: 'specialist_lead', fallback: 'specialist' },
    repeatAfterDue: { workingDays: 1 },
  },
  approval: {
    status: 'awaiting_approval',
    decisions: ['approve', 'decline'],
    actor: 'patient',
    due: { workingDays: 3 },
    atDue: { kind: 'remind' },
    repeatAfterDue: { workingDays: 3 },
  },
};

/** The status a case has while each step waits. */
export function stepStatus(step: Step): CaseStatus {
  return WAIT_POLICY[step].status;
}

/** Whether a decision belongs to a step. */
export function isStepDecision(step: Step, decision: string): decision is CaseEvent {
  return (WAIT_POLICY[step].decisions as readonly string[]).includes(decision);
}

export interface PolicyContext {
  calendar: CalendarConfig;
  documentsExpiryDays: number;
  paymentExpiryDays: number;
  /** The case's report due time, for the report step. */
  reportDue?: Date;
}

export class PolicyError extends Error {
  readonly code = 'no_report_due';
}

function dueOf(rule: WaitRule, now: Date, ctx: PolicyContext): Date {
  const due = rule.due;
  if ('workingDays' in due) return addWorkingDays(now, due.workingDays, ctx.calendar);
  if ('configDays' in due) {
    const days = due.configDays === 'documents' ? ctx.documentsExpiryDays : ctx.paymentExpiryDays;
    return new Date(now.getTime() + days * DAY_MS);
  }
  if (!ctx.reportDue) throw new PolicyError('the case has no report due time');
  return ctx.reportDue;
}

function after(now: Date, every: { days: number } | { workingDays: number }, ctx: PolicyContext): Date {
  return 'days' in every
    ? new Date(now.getTime() + every.days * DAY_MS)
    : addWorkingDays(now, every.workingDays, ctx.calendar);
}

/** The next timeout at or before the due time: a reminder, or the due time itself. */
function nextBeforeDue(rule: WaitRule, now: Date, due: Date, ctx: PolicyContext): Date {
  if (rule.remindEvery) return new Date(Math.min(due.getTime(), after(now, rule.remindEvery, ctx).getTime()));
  if (rule.remindBeforeDue) {
    const reminderAt = subtractWorkingDays(due, rule.remindBeforeDue.workingDays, ctx.calendar);
    return reminderAt > now ? reminderAt : due;
  }
  return due;
}

/** When a wait opened now is due, and when its first timeout fires. */
export function planWaitTiming(step: Step, now: Date, ctx: PolicyContext): { due: Date; firstTimeout: Date } {
  const rule = WAIT_POLICY[step];
  const due = dueOf(rule, now, ctx);
  return { due, firstTimeout: nextBeforeDue(rule, now, due, ctx) };
}

/** A timeout fired at `now`: what it does, and when the next one fires. */
export function onWaitTimeout(
  step: Step,
  now: Date,
  due: Date,
  ctx: PolicyContext,
): { action: TimeoutAction; next: Date } {
  const rule = WAIT_POLICY[step];
  // A timer may fire a moment early: within a second of the due time counts as due. A step with
  // no reminder before its due time times out only at or after it.
  const isDue = now.getTime() >= due.getTime() - 1000 || (!rule.remindEvery && !rule.remindBeforeDue);
  if (!isDue) {
    return { action: { kind: 'remind' }, next: rule.remindEvery ? nextBeforeDue(rule, now, due, ctx) : due };
  }
  const next = rule.repeatAfterDue ? after(now, rule.repeatAfterDue, ctx) : now;
  return { action: rule.atDue, next };
}
