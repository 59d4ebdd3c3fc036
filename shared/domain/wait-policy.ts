/**
 * The wait policy: every step a case can wait on, in one table, and every wait has an end. For
 * each step: the case status while it waits, the decisions that end it, who is asked, when it is
 * due, the reminders before that, what happens at the due time (escalate to a lead, remind) and
 * how often after it, when the wait ends without a decision and the outcome the system then takes.
 * Where the case goes after a decision follows from the lifecycle: the step of its new status.
 * Pure: "now" and the calendar come in.
 */
import { addWorkingDays, type CalendarConfig, subtractWorkingDays } from './calendar.ts';
import { type CaseEvent, type CaseStatus, isTerminal, transition } from './lifecycle.ts';
import { STEPS, type StaffRole, type Step } from './model.ts';

/** Patients are reminded of the documents and the payment they owe this often. */
export const PATIENT_REMINDER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Who a step's links and emails go to. */
export type WaitActor = 'triage' | 'patient' | 'office' | 'assignee';

/** What a timeout before the end does. */
export type TimeoutAction =
  /** Remind whoever is asked, with fresh links. */
  | { kind: 'remind' }
  /** Ask the leads of `to` too (the members of `fallback` where a site has no lead), with links that act. */
  | { kind: 'escalate'; to: StaffRole; fallback: StaffRole };

/** Durations: working days of the site calendar, or calendar days from the configuration. */
export type Due =
  | { workingDays: number }
  | { configDays: 'documents' | 'payment' }
  /** The case's report due time (5 working days after payment, moved by paused time). */
  | { caseDue: 'report' };

export interface WaitRule {
  /** The case's status while the step waits; a link whose case has left it is closed. */
  status: CaseStatus;
  /** The lifecycle events people decide the step with. */
  decisions: readonly CaseEvent[];
  actor: WaitActor;
  due: Due;
  /** A reminder before the due time (working days before it). */
  remindBeforeDue?: { workingDays: number };
  /** Reminders until the due time (patients who owe something). */
  remindEvery?: { days: number };
  /** What happens at the due time, and again every `repeatAfterDue` until the end. */
  atDue?: TimeoutAction;
  repeatAfterDue?: { workingDays: number };
  /** When the wait ends without a decision: at the due time, or working days after it. */
  end: 'at_due' | { workingDaysAfterDue: number };
  /** The decision the system takes when the wait ends (by "system"). */
  outcome: CaseEvent;
  /** The patient is told with an apology and the new expected date when the step passes its due time. */
  delayNotice?: boolean;
}

export const WAIT_POLICY: Readonly<Record<Step, WaitRule>> = {
  triage: {
    status: 'triage',
    decisions: ['complete', 'request_documents', 'reject'],
    actor: 'triage',
    due: { workingDays: 2 },
    atDue: { kind: 'escalate', to: 'triage_lead', fallback: 'triage' },
    repeatAfterDue: { workingDays: 1 },
    end: { workingDaysAfterDue: 2 },
    outcome: 'time_out',
    delayNotice: true,
  },
  documents: {
    status: 'documents_requested',
    decisions: ['resubmit'],
    actor: 'patient',
    due: { configDays: 'documents' },
    remindEvery: { days: PATIENT_REMINDER_DAYS },
    end: 'at_due',
    outcome: 'expire',
  },
  payment: {
    status: 'awaiting_payment',
    decisions: ['confirm_payment'],
    actor: 'office',
    due: { configDays: 'payment' },
    remindEvery: { days: PATIENT_REMINDER_DAYS },
    end: 'at_due',
    outcome: 'expire',
  },
  assignment: {
    status: 'assignment',
    decisions: ['assign'],
    actor: 'triage',
    due: { workingDays: 1 },
    atDue: { kind: 'escalate', to: 'triage_lead', fallback: 'triage' },
    repeatAfterDue: { workingDays: 1 },
    end: { workingDaysAfterDue: 2 },
    outcome: 'time_out',
  },
  report: {
    status: 'in_report',
    decisions: ['release', 'request_additional', 'request_documents', 'reassign', 'extend'],
    actor: 'assignee',
    // Stryker disable next-line ObjectLiteral,StringLiteral: the one due without working or configured days; named for the reader.
    due: { caseDue: 'report' },
    remindBeforeDue: { workingDays: 1 },
    atDue: { kind: 'escalate', to: 'specialist_lead', fallback: 'specialist' },
    repeatAfterDue: { workingDays: 1 },
    end: { workingDaysAfterDue: 3 },
    outcome: 'time_out',
    delayNotice: true,
  },
  approval: {
    status: 'awaiting_approval',
    decisions: ['approve', 'decline'],
    actor: 'patient',
    due: { workingDays: 3 },
    atDue: { kind: 'remind' },
    end: { workingDaysAfterDue: 2 },
    // Unanswered: the report goes on without the additional consultation.
    outcome: 'decline',
  },
  additional_payment: {
    status: 'awaiting_additional_payment',
    // Confirmed by a matched bank statement line or by the office's "payment received" link.
    decisions: ['confirm_payment'],
    actor: 'office',
    due: { workingDays: 5 },
    remindBeforeDue: { workingDays: 2 },
    atDue: { kind: 'remind' },
    end: { workingDaysAfterDue: 3 },
    // Unpaid: the report goes on without the additional consultation, as if declined.
    outcome: 'decline',
  },
  consultations: {
    status: 'in_consultation',
    // Decided by the completion of the last task that holds the report (shared/domain/tasks.ts).
    decisions: ['consultations_done'],
    actor: 'assignee',
    // The tasks have their own reminders (the task sweep): the wait only bounds the pause. A
    // histological review waits for slides by post (10 working days) and the pathology (5).
    due: { workingDays: 20 },
    end: 'at_due',
    // Not all done by then: the report goes on without the missing ones.
    outcome: 'consultations_done',
  },
  more_documents: {
    status: 'more_documents_requested',
    decisions: ['resubmit'],
    actor: 'patient',
    due: { configDays: 'documents' },
    remindEvery: { days: PATIENT_REMINDER_DAYS },
    end: 'at_due',
    // The patient has paid: the report goes on without the documents rather than the case closing.
    outcome: 'resubmit',
  },
};

/** The status a case has while each step waits. */
export function stepStatus(step: Step): CaseStatus {
  return WAIT_POLICY[step].status;
}

/** The step a case in `status` waits on, if any. */
export function stepOfStatus(status: CaseStatus): Step | undefined {
  return STEPS.find((s) => WAIT_POLICY[s].status === status);
}

/** Whether a decision (by a person, or the system's outcome) ends a step's wait. */
export function isStepDecision(step: Step, decision: string): decision is CaseEvent {
  const rule = WAIT_POLICY[step];
  return (rule.decisions as readonly string[]).includes(decision) || rule.outcome === decision;
}

/** Where a case goes after `event` ends its step: the next step, or the end of its workflow. */
export function nextStep(step: Step, event: CaseEvent): Step | 'end' {
  const to = transition(WAIT_POLICY[step].status, event);
  if (isTerminal(to)) return 'end';
  const next = stepOfStatus(to);
  // Stryker disable next-line all: a guard; no decision leads to a status without a step (the every-step test walks them all).
  if (!next) throw new RangeError(`no step waits in status ${to}`);
  return next;
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
    const days = { documents: ctx.documentsExpiryDays, payment: ctx.paymentExpiryDays }[due.configDays];
    return new Date(now.getTime() + days * DAY_MS);
  }
  if (!ctx.reportDue) throw new PolicyError('the case has no report due time');
  return ctx.reportDue;
}

/** When a step's wait due at `due` ends without a decision. */
export function waitEnd(step: Step, due: Date, ctx: PolicyContext): Date {
  const rule = WAIT_POLICY[step];
  return rule.end === 'at_due' ? due : addWorkingDays(due, rule.end.workingDaysAfterDue, ctx.calendar);
}

/** The next timeout before the due time: a reminder, or the due time itself. */
function nextBeforeDue(rule: WaitRule, now: Date, due: Date, ctx: PolicyContext): Date {
  if (rule.remindEvery) {
    return new Date(Math.min(due.getTime(), now.getTime() + rule.remindEvery.days * DAY_MS));
  }
  if (rule.remindBeforeDue) {
    const reminderAt = subtractWorkingDays(due, rule.remindBeforeDue.workingDays, ctx.calendar);
    if (reminderAt > now) return reminderAt;
  }
  return due;
}

export interface WaitTiming {
  due: Date;
  /** When the wait ends without a decision. */
  end: Date;
  firstTimeout: Date;
}

/** When a wait opened now is due, when it ends, and when its first timeout fires. */
export function planWaitTiming(step: Step, now: Date, ctx: PolicyContext): WaitTiming {
  const rule = WAIT_POLICY[step];
  const due = dueOf(rule, now, ctx);
  return { due, end: waitEnd(step, due, ctx), firstTimeout: nextBeforeDue(rule, now, due, ctx) };
}

/** What a timeout does: remind or escalate (and when the next one fires), or end the wait. */
export type TimeoutOutcome =
  | { kind: 'act'; action: TimeoutAction; pastDue: boolean; next: Date }
  | { kind: 'end'; decision: CaseEvent };

/** A timeout fired at `now` (a timer may fire a moment early: within a second counts as reached). */
export function onWaitTimeout(
  step: Step,
  now: Date,
  due: Date,
  end: Date,
  ctx: PolicyContext,
): TimeoutOutcome {
  const rule = WAIT_POLICY[step];
  const reached = (at: Date) => now.getTime() >= at.getTime() - 1000;
  if (reached(end)) return { kind: 'end', decision: rule.outcome };
  if (!reached(due))
    return {
      kind: 'act',
      action: { kind: 'remind' },
      pastDue: false,
      next: nextBeforeDue(rule, now, due, ctx),
    };
  const repeat = rule.repeatAfterDue
    ? addWorkingDays(now, rule.repeatAfterDue.workingDays, ctx.calendar)
    : end;
  return {
    kind: 'act',
    // Stryker disable next-line ObjectLiteral,StringLiteral: steps without atDue end at their due time and never get here.
    action: rule.atDue ?? { kind: 'remind' },
    pastDue: true,
    next: new Date(Math.min(end.getTime(), repeat.getTime())),
  };
}

/**
 * A draft the patient never sends is not a wait (nothing runs until they submit): the daily round
 * reminds them once, `reminderDays` after its clock started, and closes it `expiryDays` after.
 * The clock starts when the draft is created, or again when operations re-open it (`draftDue`).
 */
export interface DraftPolicy {
  reminderDays: number;
  expiryDays: number;
}

export interface DraftTiming {
  remindAt: Date;
  /** When the draft closes. */
  due: Date;
}

export function draftTiming(createdAt: Date, draftDue: Date | undefined, policy: DraftPolicy): DraftTiming {
  const due = draftDue ?? new Date(createdAt.getTime() + policy.expiryDays * DAY_MS);
  const start = due.getTime() - policy.expiryDays * DAY_MS;
  return { remindAt: new Date(start + policy.reminderDays * DAY_MS), due };
}

/** What the daily round does with a draft at `now`: close it, remind the patient (once), or nothing. */
export function draftAction(t: DraftTiming, now: Date, reminded: boolean): 'close' | 'remind' | 'none' {
  if (now.getTime() >= t.due.getTime()) return 'close';
  // Closing comes first, so a reminder due at or after the closing time is never sent.
  if (!reminded && now.getTime() >= t.remindAt.getTime()) return 'remind';
  return 'none';
}
