/**
 * The office cancels a paid case (the patient asked, or a late payment is to be refunded rather
 * than going on): the case is cancelled (a conditional write the lifecycle allows), its execution
 * stopped, what is still owed is no longer owed, a refund task is opened for everything received,
 * and the patient is told. A patient cancels an unpaid case themselves (cancel-case.ts).
 */

import type { RefundReason } from '#domain/ledger.ts';
import { refundableCents } from '#domain/ledger.ts';
import { isWithdrawable, transition } from '#domain/lifecycle.ts';
import { audit } from '../common/audit.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { refundWhatWasPaid } from './refunds.ts';

export async function withdrawCase(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'notifier' | 'workflow'>,
  caseId: string,
  by: string,
  reason: Extract<RefundReason, 'cancelled' | 'late_payment'> = 'cancelled',
): Promise<{ status: 'cancelled'; refundCents: number }> {
  const c = await d.store.getCase(caseId);
  if (!c) throw new Refusal('not_found');
  if (!isWithdrawable(c.status)) throw new Refusal('not_withdrawable');
  const at = d.clock.now().toISOString();
  await d.store.updateCase(caseId, c.version, {
    status: transition(c.status, 'withdraw'),
    deadlines: c.deadlines,
    reason: 'cancelled_by_office',
    updatedAt: at,
  });
  await audit(d, caseId, by, 'withdraw', { from: c.status, reason });
  try {
    await d.workflow.stop(c.execution ?? caseId, 'cancelled by the office');
  } catch (err) {
    if ((err as Error).name !== 'ExecutionDoesNotExist') throw err;
  }
  const ledger = await d.store.getLedger(caseId);
  for (const due of ledger.dues) {
    if (!due.cancelledAt) await d.store.updateDue(caseId, due.itemId, { cancelledAt: at });
  }
  const refundCents = refundableCents(ledger.payments, ledger.refunds);
  await refundWhatWasPaid(d, c, reason, by);
  await tellApplicants(d, c, 'case_withdrawn', () => ({ reference: c.reference, amountCents: refundCents }));
  return { status: 'cancelled', refundCents };
}
