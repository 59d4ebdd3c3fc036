/**
 * The office cancels a paid case (the patient asked, a late payment is refunded rather than going
 * on, or the service stopped it and it will not be resumed): the case is cancelled (a conditional
 * write the lifecycle allows), its execution stopped, what is still owed is no longer owed, a
 * refund task is opened for everything received, and the patient is told. A patient cancels an
 * unpaid case themselves (cancel-case.ts).
 */

import type { RefundReason } from '#domain/ledger.ts';
import { refundableCents } from '#domain/ledger.ts';
import { isStopped, isWithdrawable, transition } from '#domain/lifecycle.ts';
import { audit } from '../common/audit.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';
import { refundWhatWasPaid } from './refunds.ts';

export type WithdrawReason = Extract<RefundReason, 'cancelled' | 'late_payment' | 'failed'>;

export async function withdrawCase(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow'> & Notifies<'case_withdrawn' | 'refund_due'>,
  caseId: string,
  by: string,
  reason: WithdrawReason = 'cancelled',
): Promise<{ status: 'cancelled'; refundCents: number }> {
  const c = await d.store.getCase(caseId);
  if (!c) throw new Refusal('not_found');
  if (!isWithdrawable(c.status)) throw new Refusal('not_withdrawable');
  // A case the service stopped has no running execution, and its money goes back because we failed.
  const stopped = isStopped(c.status);
  const why: WithdrawReason = stopped ? 'failed' : reason;
  const at = d.clock.now().toISOString();
  await d.store.updateCase(caseId, c.version, {
    status: stopped ? 'cancelled' : transition(c.status, 'withdraw'),
    deadlines: c.deadlines,
    reason: 'cancelled_by_office',
    closedAt: at,
    updatedAt: at,
  });
  await audit(d, caseId, by, 'withdraw', { from: c.status, reason: why });
  if (!stopped) {
    try {
      await d.workflow.stop(c.execution ?? caseId, 'cancelled by the office');
    } catch (err) {
      if ((err as Error).name !== 'ExecutionDoesNotExist') throw err;
    }
  }
  const ledger = await d.store.getLedger(caseId);
  for (const due of ledger.dues) {
    if (!due.cancelledAt) await d.store.updateDue(caseId, due.itemId, { cancelledAt: at });
  }
  const refundCents = refundableCents(ledger.payments, ledger.refunds);
  await refundWhatWasPaid(d, c, why, by);
  await tellApplicants(d, c, 'case_withdrawn', () => ({
    reference: c.reference,
    amountCents: refundCents,
    reason: why,
  }));
  return { status: 'cancelled', refundCents };
}
