/**
 * How the single DynamoDB table stores the domain model (docs/architecture.md, Data): the key of
 * every item, the prefixes of a case's items, the indexes and the TTL attribute.
 */
import type { ItemId } from '#domain/ledger.ts';
import type { DocumentState, Step } from '#domain/model.ts';
import type { CaseTask } from '#domain/tasks.ts';

export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  document: (caseId: string, documentId: string) => ({ pk: `CASE#${caseId}`, sk: `DOC#${documentId}` }),
  event: (caseId: string, at: string, n: number) => ({
    pk: `CASE#${caseId}`,
    sk: `EVENT#${at}#${String(n).padStart(4, '0')}`,
  }),
  wait: (caseId: string, step: Step) => ({ pk: `CASE#${caseId}`, sk: `WAIT#${step}` }),
  task: (caseId: string, taskId: string) => ({ pk: `CASE#${caseId}`, sk: `TASK#${taskId}` }),
  link: (tokenHash: string) => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' }),
  patientToken: (tokenHash: string) => ({ pk: `PATIENT#${tokenHash}`, sk: 'TOKEN' }),
  /** A case's entry for one of its patient tokens: how the tokens of a case are found (expiry, erasure). */
  casePatientToken: (caseId: string, tokenHash: string) => ({
    pk: `CASE#${caseId}`,
    sk: `PTOKEN#${tokenHash}`,
  }),
  /** The record that a case was erased (shared/usecases/operations/erase-case.ts). */
  erasure: (caseId: string) => ({ pk: `ERASURE#${caseId}`, sk: 'ERASURE' }),
  reference: (reference: string) => ({ pk: `REF#${reference}`, sk: 'REF' }),
  staff: (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'STAFF' }),
  job: (jobId: string) => ({ pk: `JOB#${jobId}`, sk: 'JOB' }),
  /** The ledger of a case: amounts due, payments, refunds (a refund of money of no case stands alone). */
  due: (caseId: string, itemId: ItemId) => ({ pk: `CASE#${caseId}`, sk: `DUE#${itemId}` }),
  payment: (caseId: string, paymentId: string) => ({ pk: `CASE#${caseId}`, sk: `PAY#${paymentId}` }),
  refund: (caseId: string | undefined, refundId: string) =>
    caseId ? { pk: `CASE#${caseId}`, sk: `REFUND#${refundId}` } : { pk: `REFUND#${refundId}`, sk: 'REFUND' },
  /** A statement credit the office must look at. */
  paymentException: (exceptionId: string) => ({ pk: `PAYEXC#${exceptionId}`, sk: 'PAYEXC' }),
  /** A statement file imported (by the SHA-256 of its bytes). */
  statement: (sha256: string) => ({ pk: `STATEMENT#${sha256}`, sk: 'STATEMENT' }),
  officeLink: (tokenHash: string) => ({ pk: `OFFICELINK#${tokenHash}`, sk: 'OFFICELINK' }),
  /** Requests of one key in one fixed window (shared/adapters/dynamodb/rate-limiter.ts), gone with its TTL. */
  rate: (key: string, window: number) => ({ pk: `RATE#${key}`, sk: `WINDOW#${window}` }),
  /** A rate shared by every invocation (shared/adapters/pacer.ts): the next free slot, epoch ms. */
  pacer: (name: string) => ({ pk: `PACER#${name}`, sk: 'PACER' }),
  /** A rate limit's counter of one window (shared/domain/rate-limits.ts). */
  counter: (name: string) => ({ pk: `RATE#${name}`, sk: 'RATE' }),
} as const;

export const prefixes = {
  document: 'DOC#',
  event: 'EVENT#',
  wait: 'WAIT#',
  task: 'TASK#',
  due: 'DUE#',
  payment: 'PAY#',
  refund: 'REFUND#',
  patientToken: 'PTOKEN#',
} as const;

/** The ledger's items of a case: the hospital's accounts, kept when the case is erased. */
export const LEDGER_PREFIXES = [prefixes.due, prefixes.payment, prefixes.refund] as const;

/** Open exceptions and refunds share the by-status index with cases, under their own partition values. */
export const ledgerIndex = {
  exceptions: (open: boolean) => (open ? 'PAYEXC#open' : 'PAYEXC#resolved'),
  refunds: (open: boolean) => (open ? 'REFUNDS#open' : 'REFUNDS#closed'),
} as const;

/**
 * Global secondary indexes: cases by status ordered by due time, documents not yet settled by
 * state ordered by when they entered it (the reconciler's way to what is stuck), open tasks by
 * due time (the task sweep's), open ledger work (payment exceptions, refunds); staff by role.
 */
export const indexes = {
  byStatus: { name: 'byStatus', pk: 'gsi1pk', sk: 'gsi1sk' },
  byRole: { name: 'byRole', pk: 'gsi2pk', sk: 'gsi2sk' },
} as const;

/** Document states a notification or the reconciler still has to move on; the others leave the index. */
export const UNSETTLED_DOCUMENT_STATES: readonly DocumentState[] = ['upload_pending', 'checking', 'reading'];

/**
 * A document's by-status index entry in `state` since `since` (kept as it was when not given);
 * undefined values remove it.
 */
export function documentIndex(state: DocumentState, since?: string): Record<string, string | undefined> {
  if (!UNSETTLED_DOCUMENT_STATES.includes(state))
    return { [indexes.byStatus.pk]: undefined, [indexes.byStatus.sk]: undefined };
  return {
    [indexes.byStatus.pk]: `DOCSTATE#${state}`,
    ...(since ? { [indexes.byStatus.sk]: since } : {}),
  };
}

/** The TTL attribute (epoch seconds); dynalite has no TTL, so readers check expiry themselves. */
export const TTL_ATTRIBUTE = 'expiresAtEpoch';

/** The TTL attribute's value for an item that may be deleted after `at`. */
export function ttl(at: Date | string): Record<typeof TTL_ATTRIBUTE, number> {
  return { [TTL_ATTRIBUTE]: Math.ceil(new Date(at).getTime() / 1000) };
}

/** An open task's by-status index entry, by due time (none sorts last); a task done or cancelled leaves the index. */
export function taskIndex(task: Pick<CaseTask, 'caseId' | 'taskId' | 'status'> & { dueAt?: string }) {
  if (task.status !== 'open') return { [indexes.byStatus.pk]: undefined, [indexes.byStatus.sk]: undefined };
  return {
    [indexes.byStatus.pk]: 'TASKSTATE#open',
    [indexes.byStatus.sk]: `${task.dueAt ?? '9999'}#${task.caseId}#${task.taskId}`,
  };
}
