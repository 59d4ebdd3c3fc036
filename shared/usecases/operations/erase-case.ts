/**
 * A case erased on request (a GDPR erasure the hospital accepted; docs/security.md, Data
 * retention): its workflow stopped, every object under its prefix deleted with all their versions,
 * its patient tokens and its items in the table deleted. What stays: a record that it was erased
 * (reference, when, by whom, why, how much was deleted: no name, no clinical fact), its reference
 * (never issued again, and it finds the record) and its ledger (amounts, payments and refunds, the
 * hospital's accounts, which the law makes it keep). A case still open is refused unless forced
 * with a reason. Run again after a failure, it finishes the job.
 */
import { isClosed } from '#domain/lifecycle.ts';
import type { CaseErasure } from '#domain/model.ts';
import type { UseCaseDeps } from '../ports.ts';
import { findCase } from './find-case.ts';

/** The case is still open: erasing it needs `force` and a reason. */
export class CaseOpenError extends Error {
  override readonly name = 'CaseOpenError';
}

export interface EraseRequest {
  /** Who erases it, as audited (`ops:<name>`). */
  by: string;
  /** Erase a case still open (its workflow is stopped first); needs `reason`. */
  force?: boolean;
  reason?: string;
}

export async function eraseCase(
  d: Pick<UseCaseDeps, 'clock' | 'store' | 'documents' | 'workflow'>,
  referenceOrId: string,
  request: EraseRequest,
): Promise<CaseErasure> {
  const c = await findCase(d, referenceOrId);
  const reason = request.reason?.trim();
  const open = !isClosed(c.status);
  if (open && !(request.force && reason))
    throw new CaseOpenError(
      `${c.reference} is ${c.status}, not closed: erasing it needs --force and --reason`,
    );
  const record: CaseErasure = {
    caseId: c.caseId,
    reference: c.reference,
    erasedAt: d.clock.now().toISOString(),
    by: request.by,
    status: c.status,
    ...(reason ? { reason } : {}),
    deleted: { items: 0, tokens: 0, objects: 0 },
  };
  // The record first: whatever happens next, the erasure was asked for and by whom.
  await d.store.putErasure(record);
  if (open && c.status !== 'draft') {
    try {
      await d.workflow.stop(c.execution ?? c.caseId, 'the case is erased');
    } catch (err) {
      if ((err as Error).name !== 'ExecutionDoesNotExist') throw err;
    }
  }
  const objects = await d.documents.deletePrefix(`cases/${c.caseId}/`);
  const { items, tokens } = await d.store.eraseCaseItems(c.caseId);
  const done: CaseErasure = { ...record, deleted: { items, tokens, objects } };
  await d.store.putErasure(done);
  return done;
}
