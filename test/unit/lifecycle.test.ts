import { describe, expect, it } from 'vitest';
import {
  CASE_EVENTS,
  CASE_STATUSES,
  type CaseEvent,
  type CaseStatus,
  canTransition,
  isBeforePayment,
  isClosed,
  isResumable,
  isTerminal,
  isUnderWay,
  isWithdrawable,
  patientAccessEnds,
  TransitionError,
  transition,
} from '#domain/lifecycle.ts';

// The lifecycle written out independently of the table under test: [from, event, to].
const ALLOWED: [CaseStatus, CaseEvent, CaseStatus][] = [
  ['draft', 'submit', 'triage'],
  ['draft', 'cancel', 'cancelled'],
  ['draft', 'expire', 'expired'],
  ['triage', 'complete', 'awaiting_payment'],
  ['triage', 'request_documents', 'documents_requested'],
  ['triage', 'reject', 'rejected'],
  ['triage', 'cancel', 'cancelled'],
  ['triage', 'time_out', 'timed_out'],
  ['triage', 'fail', 'failed'],
  ['documents_requested', 'resubmit', 'triage'],
  ['documents_requested', 'expire', 'expired'],
  ['documents_requested', 'cancel', 'cancelled'],
  ['documents_requested', 'fail', 'failed'],
  ['awaiting_payment', 'confirm_payment', 'assignment'],
  ['awaiting_payment', 'expire', 'expired'],
  ['awaiting_payment', 'cancel', 'cancelled'],
  ['awaiting_payment', 'fail', 'failed'],
  ['assignment', 'assign', 'in_report'],
  ['assignment', 'time_out', 'timed_out'],
  ['assignment', 'fail', 'failed'],
  ['assignment', 'withdraw', 'cancelled'],
  ['in_report', 'request_additional', 'awaiting_approval'],
  ['in_report', 'request_documents', 'more_documents_requested'],
  ['in_report', 'release', 'released'],
  ['in_report', 'reassign', 'in_report'],
  ['in_report', 'extend', 'in_report'],
  ['in_report', 'time_out', 'timed_out'],
  ['in_report', 'fail', 'failed'],
  ['in_report', 'withdraw', 'cancelled'],
  ['awaiting_approval', 'approve', 'awaiting_additional_payment'],
  ['awaiting_approval', 'decline', 'in_report'],
  ['awaiting_approval', 'fail', 'failed'],
  ['awaiting_approval', 'withdraw', 'cancelled'],
  ['awaiting_additional_payment', 'confirm_payment', 'in_consultation'],
  ['awaiting_additional_payment', 'defer_payment', 'in_consultation'],
  ['awaiting_additional_payment', 'decline', 'in_report'],
  ['awaiting_additional_payment', 'fail', 'failed'],
  ['awaiting_additional_payment', 'withdraw', 'cancelled'],
  ['in_consultation', 'consultations_done', 'in_report'],
  ['in_consultation', 'fail', 'failed'],
  ['in_consultation', 'withdraw', 'cancelled'],
  ['more_documents_requested', 'resubmit', 'in_report'],
  ['more_documents_requested', 'fail', 'failed'],
  ['more_documents_requested', 'withdraw', 'cancelled'],
];

const allowed = new Set(ALLOWED.map(([from, event]) => `${from}:${event}`));
const REFUSED = CASE_STATUSES.flatMap((from) =>
  CASE_EVENTS.filter((event) => !allowed.has(`${from}:${event}`)).map((event) => [from, event] as const),
);

describe('case lifecycle', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, event, to) => {
    expect(canTransition(from, event)).toBe(true);
    expect(transition(from, event)).toBe(to);
  });

  it('lists every status and event of the lifecycle, and none that it never reaches or allows', () => {
    const statuses = new Set(ALLOWED.flatMap(([from, , to]) => [from, to]));
    const events = new Set(ALLOWED.map(([, event]) => event));
    expect([...CASE_STATUSES].sort()).toEqual([...statuses].sort());
    expect([...CASE_EVENTS].sort()).toEqual([...events].sort());
  });

  it('refuses every other pair with a typed error', () => {
    for (const [from, event] of REFUSED) {
      expect(canTransition(from, event)).toBe(false);
      let thrown: unknown;
      try {
        transition(from, event);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(TransitionError);
      expect(thrown).toMatchObject({ code: 'invalid_transition', from, event });
    }
  });

  it('ends in released, rejected, expired, cancelled, timed out and failed only', () => {
    expect(CASE_STATUSES.filter(isTerminal)).toEqual([
      'released',
      'rejected',
      'expired',
      'cancelled',
      'timed_out',
      'failed',
    ]);
  });

  it('lets operations resume only a case that stopped without its outcome', () => {
    expect(CASE_STATUSES.filter(isResumable)).toEqual(['expired', 'timed_out', 'failed']);
  });

  it('allows cancellation only before payment', () => {
    expect(CASE_STATUSES.filter(isBeforePayment)).toEqual([
      'draft',
      'triage',
      'documents_requested',
      'awaiting_payment',
    ]);
  });

  it('lets only the office withdraw a case once it is paid, or one the service stopped, and never one that ended', () => {
    expect(CASE_STATUSES.filter(isWithdrawable)).toEqual([
      'assignment',
      'in_report',
      'awaiting_approval',
      'awaiting_additional_payment',
      'in_consultation',
      'more_documents_requested',
      'timed_out',
      'failed',
    ]);
    expect(CASE_STATUSES.filter((s) => isWithdrawable(s) && isBeforePayment(s))).toEqual([]);
  });

  it('is under way from the draft until the report is released or the case ends or stops', () => {
    expect(CASE_STATUSES.filter(isUnderWay)).toEqual([
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
    ]);
  });

  it('cannot release a report twice or work on an unpaid case', () => {
    expect(() => transition('released', 'release')).toThrow(TransitionError);
    expect(() => transition('awaiting_payment', 'assign')).toThrow(/cannot "assign"/);
  });
});

describe('isClosed', () => {
  it('is true of the outcomes a patient sees as the end, not of a case the office must settle', () => {
    expect(['released', 'rejected', 'expired', 'cancelled'].every((s) => isClosed(s as CaseStatus))).toBe(
      true,
    );
    expect(isClosed('failed')).toBe(false);
    expect(isClosed('timed_out')).toBe(false);
    expect(isClosed('triage')).toBe(false);
  });
});

describe('patientAccessEnds', () => {
  const at = { releasedAt: '2026-03-02T10:00:00.000Z', updatedAt: '2026-03-05T08:00:00.000Z' };

  it('is the release plus the days for a released case (a later change does not extend it)', () => {
    expect(patientAccessEnds({ status: 'released', ...at }, 90)?.toISOString()).toBe(
      '2026-05-31T10:00:00.000Z',
    );
  });

  it.each(['rejected', 'expired', 'cancelled'] as const)(
    'is the last change plus the days for a %s case',
    (status) => {
      expect(patientAccessEnds({ status, ...at }, 1)?.toISOString()).toBe('2026-03-06T08:00:00.000Z');
    },
  );

  it('counts from when the case closed, where that was recorded, whatever changed after', () => {
    const closed = { ...at, closedAt: '2026-03-03T12:00:00.000Z' };
    expect(patientAccessEnds({ status: 'expired', ...closed }, 2)?.toISOString()).toBe(
      '2026-03-05T12:00:00.000Z',
    );
    expect(patientAccessEnds({ status: 'released', ...closed }, 2)?.toISOString()).toBe(
      '2026-03-05T12:00:00.000Z',
    );
  });

  it('never ends while the case is open, or stopped for the office to settle', () => {
    for (const status of CASE_STATUSES.filter(
      (s) => !['released', 'rejected', 'expired', 'cancelled'].includes(s),
    )) {
      expect(patientAccessEnds({ status, ...at }, 90), status).toBeUndefined();
    }
  });
});
