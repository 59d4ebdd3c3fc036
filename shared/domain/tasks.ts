/**
 * Case tasks: work by other people alongside the case's step (a team member's contribution, a
 * consulting doctor's consultation, the pathology's slides and revised diagnosis, the office's
 * slide return and courier). A task is not a wait: the workflow does not stop on it, its assignee
 * completes it once from a link, and a scheduled sweep (not the ASL) reminds and escalates it per
 * the task policy below. Pure: "now" and the calendar come in.
 */
import {
  addWorkingDays,
  type CalendarConfig,
  isWorkingDay,
  siteDate,
  subtractWorkingDays,
  workingDaysBetween,
} from './calendar.ts';
import type { ConsultationType, StaffRole } from './model.ts';

export const TASK_KINDS = [
  'contribution',
  'consultation',
  'slides_receipt',
  'pathology_result',
  'slides_return',
  'courier_shipment',
  'courier_delivery',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** What a task's link does: the decision name its link carries, one per kind. */
export const TASK_ACTIONS = [
  'contribute',
  'consult',
  'slides_received',
  'pathology_result',
  'slides_returned',
  'shipped',
  'delivered',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export type TaskStatus = 'open' | 'done' | 'cancelled';

/** Who does a task: a staff id, the office mailbox, or every active member of the pathology role. */
export type TaskAssignee = string;
export const OFFICE_ASSIGNEE = 'office';
export const PATHOLOGY_ASSIGNEE = 'pathology';

/** What completing a task recorded. */
export interface TaskResult {
  /** A staff id, or "office". */
  by: string;
  at: string;
  /** A short structured note, in the author's words (staff only ever read it). */
  note?: string;
  /** An uploaded PDF (a contribution, a consultation's outcome, the revised diagnosis). */
  documentKey?: string;
  carrier?: string;
  tracking?: string;
}

export interface CaseTask {
  caseId: string;
  taskId: string;
  kind: TaskKind;
  assignee: TaskAssignee;
  /** The consultation type a team contributor covers. */
  consultationType?: ConsultationType;
  /** The in-depth consultation (its code) the task does. */
  consultation?: string;
  status: TaskStatus;
  createdAt: string;
  dueAt: string;
  /** Reminders sent before the due time (at most one). */
  reminders?: number;
  /** Escalations (or reminders, where the policy escalates to nobody) at or after the due time, and when the last went. */
  escalations?: number;
  escalatedAt?: string;
  result?: TaskResult;
  updatedAt: string;
}

/** When a task is due. */
export type TaskDue =
  /** Working days after the task is created. */
  | { workingDays: number }
  /** Working days before the case's report due time, but at least `atLeast` working days from now. */
  | { beforeReportDue: number; atLeast: number };

/** What the task's form asks for. */
export type TaskForm =
  /** A PDF, or a short note, or both (a contribution, a consultation's outcome). */
  | 'document_or_note'
  /** A PDF (the revised diagnosis). */
  | 'document'
  /** A confirmation, with an optional note. */
  | 'confirm'
  /** The carrier and the tracking number. */
  | 'shipment';

/** Who is told that a task is done. */
export type TaskTell = 'lead' | 'patient' | 'nobody';

export interface TaskRule {
  action: TaskAction;
  /** Who does it, where that is a role of the service rather than someone chosen for the case. */
  assignee?: typeof OFFICE_ASSIGNEE | typeof PATHOLOGY_ASSIGNEE;
  due: TaskDue;
  /** A reminder to the assignee before the due time: on the working day this many working days before the due day. */
  remindBeforeDue?: { workingDays: number };
  /** At the due time, and every `repeatAfterDue` after it: escalate to the leads of a role (its members where there is none), or remind the assignee again. */
  atDue: { kind: 'escalate'; to: StaffRole; fallback: StaffRole } | { kind: 'remind' };
  repeatAfterDue: { workingDays: number };
  form: TaskForm;
  tell: TaskTell;
  /** The task its completion opens. */
  next?: TaskKind;
  /** The report clock stands still while it is open (the work of an approved in-depth consultation). */
  holdsReport?: boolean;
}

export const TASK_POLICY: Readonly<Record<TaskKind, TaskRule>> = {
  contribution: {
    action: 'contribute',
    // Inside the report's 5 working days, with time for the lead to read it.
    due: { beforeReportDue: 2, atLeast: 1 },
    remindBeforeDue: { workingDays: 1 },
    atDue: { kind: 'escalate', to: 'specialist_lead', fallback: 'specialist' },
    repeatAfterDue: { workingDays: 1 },
    form: 'document_or_note',
    tell: 'lead',
  },
  consultation: {
    action: 'consult',
    due: { workingDays: 5 },
    remindBeforeDue: { workingDays: 1 },
    atDue: { kind: 'escalate', to: 'specialist_lead', fallback: 'specialist' },
    repeatAfterDue: { workingDays: 1 },
    form: 'document_or_note',
    tell: 'lead',
    holdsReport: true,
  },
  slides_receipt: {
    action: 'slides_received',
    assignee: PATHOLOGY_ASSIGNEE,
    // The patient ships the slides: the pathology is reminded to look for them after two weeks.
    due: { workingDays: 10 },
    // Stryker disable next-line ObjectLiteral,StringLiteral: what does not escalate reminds
    atDue: { kind: 'remind' },
    repeatAfterDue: { workingDays: 3 },
    form: 'confirm',
    tell: 'nobody',
    next: 'pathology_result',
    holdsReport: true,
  },
  pathology_result: {
    action: 'pathology_result',
    assignee: PATHOLOGY_ASSIGNEE,
    due: { workingDays: 5 },
    remindBeforeDue: { workingDays: 1 },
    atDue: { kind: 'escalate', to: 'specialist_lead', fallback: 'specialist' },
    repeatAfterDue: { workingDays: 1 },
    form: 'document',
    tell: 'lead',
    next: 'slides_return',
    holdsReport: true,
  },
  slides_return: {
    action: 'slides_returned',
    assignee: OFFICE_ASSIGNEE,
    due: { workingDays: 5 },
    // Stryker disable next-line ObjectLiteral,StringLiteral: what does not escalate reminds
    atDue: { kind: 'remind' },
    repeatAfterDue: { workingDays: 2 },
    form: 'shipment',
    tell: 'nobody',
  },
  courier_shipment: {
    action: 'shipped',
    assignee: OFFICE_ASSIGNEE,
    due: { workingDays: 2 },
    // Stryker disable next-line ObjectLiteral,StringLiteral: what does not escalate reminds
    atDue: { kind: 'remind' },
    repeatAfterDue: { workingDays: 1 },
    form: 'shipment',
    tell: 'patient',
    next: 'courier_delivery',
  },
  courier_delivery: {
    action: 'delivered',
    assignee: OFFICE_ASSIGNEE,
    due: { workingDays: 10 },
    // Stryker disable next-line ObjectLiteral,StringLiteral: what does not escalate reminds
    atDue: { kind: 'remind' },
    repeatAfterDue: { workingDays: 5 },
    form: 'confirm',
    tell: 'nobody',
  },
};

/**
 * Whether the report still waits on the case's tasks: one that holds it is open, or one is done
 * whose next task holds it but is not there yet (its completion opens it right after: a reader
 * between the two writes must not think the work is over).
 */
export function holdsReport(
  tasks: readonly Pick<CaseTask, 'kind' | 'status' | 'consultation' | 'createdAt'>[],
): boolean {
  return tasks.some((t) => {
    const rule = TASK_POLICY[t.kind];
    if (t.status === 'open') return rule.holdsReport === true;
    const next = rule.next;
    return (
      t.status === 'done' &&
      next !== undefined &&
      TASK_POLICY[next].holdsReport === true &&
      !tasks.some((n) => n.kind === next && n.consultation === t.consultation && n.createdAt >= t.createdAt)
    );
  });
}

export function isTaskAction(decision: string): decision is TaskAction {
  return (TASK_ACTIONS as readonly string[]).includes(decision);
}

/** When a task created at `now` is due; RangeError for a report-relative due without a report due time. */
export function taskDue(kind: TaskKind, now: Date, cal: CalendarConfig, reportDue?: Date): Date {
  const due = TASK_POLICY[kind].due;
  if ('workingDays' in due) return addWorkingDays(now, due.workingDays, cal);
  if (!reportDue) throw new RangeError(`a ${kind} task needs the case's report due time`);
  const inside = subtractWorkingDays(reportDue, due.beforeReportDue, cal);
  const floor = addWorkingDays(now, due.atLeast, cal);
  return new Date(Math.max(inside.getTime(), floor.getTime()));
}

/** What the sweep does with a task at `now`. */
export type TaskSweepAction =
  | { kind: 'none' }
  | { kind: 'remind'; pastDue: boolean }
  | { kind: 'escalate'; to: StaffRole; fallback: StaffRole };

/**
 * The sweep acts on working days only (nobody is chased on a Sunday). Before the due time: one
 * reminder, from the working day that is `remindBeforeDue` working days before the due day. Past
 * the due time: the policy's escalation (or a reminder), again once `repeatAfterDue` working days
 * have passed since the last. A sweep that runs late catches up with one action, never a burst.
 */
export function taskSweepAction(task: CaseTask, now: Date, cal: CalendarConfig): TaskSweepAction {
  if (task.status !== 'open' || !isWorkingDay(siteDate(now), cal)) return { kind: 'none' };
  const rule = TASK_POLICY[task.kind];
  const due = new Date(task.dueAt);
  if (now < due) {
    if (!rule.remindBeforeDue || (task.reminders ?? 0) > 0) return { kind: 'none' };
    return workingDaysBetween(now, due, cal) <= rule.remindBeforeDue.workingDays
      ? { kind: 'remind', pastDue: false }
      : { kind: 'none' };
  }
  if (
    task.escalatedAt &&
    workingDaysBetween(new Date(task.escalatedAt), now, cal) < rule.repeatAfterDue.workingDays
  )
    return { kind: 'none' };
  return rule.atDue.kind === 'escalate'
    ? { kind: 'escalate', to: rule.atDue.to, fallback: rule.atDue.fallback }
    : { kind: 'remind', pastDue: true };
}
