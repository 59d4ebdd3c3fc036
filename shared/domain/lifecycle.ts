/**
 * The case lifecycle: every status and every allowed transition, in one table.
 * The state machine decides when; this table decides whether.
 */
export const CASE_STATUSES = [
  'draft',
  'triage',
  'documents_requested',
  'awaiting_payment',
  'assignment',
  'in_report',
  'awaiting_approval',
  'awaiting_additional_payment',
  'in_consultation',
  'more_documents_requested',
  'released',
  'rejected',
  'expired',
  'cancelled',
  'timed_out',
  'failed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_EVENTS = [
  'submit',
  'complete',
  'request_documents',
  'reject',
  'resubmit',
  'confirm_payment',
  'assign',
  'request_additional',
  'approve',
  'decline',
  'release',
  'reassign',
  'extend',
  'expire',
  'cancel',
  'time_out',
  'fail',
  /** The stage invoices additional consultations later: the work starts without waiting for the money. */
  'defer_payment',
  /** The office cancels a paid case (the patient asked, or a late payment is refunded): a refund follows. */
  'withdraw',
  /** Every approved consultation is done (or their wait ended): back to the report. */
  'consultations_done',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export const TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseEvent, CaseStatus>>>> = {
  draft: { submit: 'triage', cancel: 'cancelled', expire: 'expired' },
  triage: {
    complete: 'awaiting_payment',
    request_documents: 'documents_requested',
    reject: 'rejected',
    cancel: 'cancelled',
    time_out: 'timed_out',
    fail: 'failed',
  },
  documents_requested: { resubmit: 'triage', expire: 'expired', cancel: 'cancelled', fail: 'failed' },
  awaiting_payment: { confirm_payment: 'assignment', expire: 'expired', cancel: 'cancelled', fail: 'failed' },
  assignment: { assign: 'in_report', time_out: 'timed_out', fail: 'failed', withdraw: 'cancelled' },
  in_report: {
    request_additional: 'awaiting_approval',
    request_documents: 'more_documents_requested',
    release: 'released',
    reassign: 'in_report',
    extend: 'in_report',
    time_out: 'timed_out',
    fail: 'failed',
    withdraw: 'cancelled',
  },
  awaiting_approval: {
    approve: 'awaiting_additional_payment',
    decline: 'in_report',
    fail: 'failed',
    withdraw: 'cancelled',
  },
  // Approved: the work starts when it is paid (or at once when the hospital invoices later); unpaid
  // by the end of the wait, the report goes on without it.
  awaiting_additional_payment: {
    confirm_payment: 'in_consultation',
    defer_payment: 'in_consultation',
    decline: 'in_report',
    fail: 'failed',
    withdraw: 'cancelled',
  },
  // The consulting doctors (or the pathology) work; the report clock stands still until they are done.
  in_consultation: { consultations_done: 'in_report', fail: 'failed', withdraw: 'cancelled' },
  more_documents_requested: { resubmit: 'in_report', fail: 'failed', withdraw: 'cancelled' },
  released: {},
  rejected: {},
  expired: {},
  cancelled: {},
  timed_out: {},
  failed: {},
};

export class TransitionError extends Error {
  readonly code = 'invalid_transition';
  constructor(
    readonly from: CaseStatus,
    readonly event: CaseEvent,
  ) {
    super(`a case in status "${from}" cannot "${event}"`);
  }
}

export function canTransition(from: CaseStatus, event: CaseEvent): boolean {
  return TRANSITIONS[from][event] !== undefined;
}

/** The status after `event`; throws TransitionError when the lifecycle does not allow it. */
export function transition(from: CaseStatus, event: CaseEvent): CaseStatus {
  const to = TRANSITIONS[from][event];
  if (to === undefined) throw new TransitionError(from, event);
  return to;
}

export function isTerminal(status: CaseStatus): boolean {
  return Object.keys(TRANSITIONS[status]).length === 0;
}

/** A case that stopped without its outcome: operations can resume it at the step where it stopped. */
export const RESUMABLE: readonly CaseStatus[] = ['failed', 'timed_out', 'expired'];

export function isResumable(status: CaseStatus): boolean {
  return RESUMABLE.includes(status);
}

/**
 * Stopped without its outcome by the service (a failure, staff who never answered): the office
 * settles it, resuming it where it stopped or withdrawing it with a refund. Like a resume, that is
 * the office's move after the workflow ended, not an event of the workflow's table.
 */
export const STOPPED: readonly CaseStatus[] = ['failed', 'timed_out'];

export function isStopped(status: CaseStatus): boolean {
  return STOPPED.includes(status);
}

/** After payment only the office cancels a case, and the money is refunded; a stopped case too. */
export function isWithdrawable(status: CaseStatus): boolean {
  return canTransition(status, 'withdraw') || isStopped(status);
}

/**
 * When a patient's links stop opening the case: `days` after it closed (when it was recorded;
 * else its release, or the last change of a case closed otherwise); undefined while it is open.
 */
export function patientAccessEnds(
  c: { status: CaseStatus; closedAt?: string | undefined; releasedAt?: string; updatedAt: string },
  days: number,
): Date | undefined {
  if (!CLOSED.includes(c.status)) return undefined;
  const closedAt = c.closedAt ?? (c.status === 'released' && c.releasedAt ? c.releasedAt : c.updatedAt);
  return new Date(Date.parse(closedAt) + days * 86_400_000);
}

/** Before payment a patient may still cancel and nothing has been charged. */
export function isBeforePayment(status: CaseStatus): boolean {
  return canTransition(status, 'cancel');
}

/**
 * Closed for the patient: the case reached its outcome or ended; nothing more will happen on it
 * (failed and timed_out are the office's to settle: not closed).
 */
export const CLOSED: readonly CaseStatus[] = ['released', 'rejected', 'expired', 'cancelled'];

export function isClosed(status: CaseStatus): boolean {
  return CLOSED.includes(status);
}

/** Under way: neither closed nor stopped, so what the patient asks for (a courier) still reaches the case. */
export function isUnderWay(status: CaseStatus): boolean {
  return !isClosed(status) && !isStopped(status);
}
