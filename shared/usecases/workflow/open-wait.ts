/**
 * Opens a step's wait (invoked with .waitForTaskToken).
 *
 * 1. The first time: the wait is stored with its task token, its due time and its end, audited,
 *    and the step's notices and links go out once (a retried open does not send them twice).
 *    An update priced for the previous physician is assigned to them at once, without asking.
 * 2. Re-entered after a timeout (same openedAt): only the token is swapped, so the links already
 *    sent keep working; if a decision arrived meanwhile, the execution is resumed with it here.
 */

import type { ItemId } from '#domain/ledger.ts';
import type { Step, Wait } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import type { Notifies } from '../notices.ts';
import { isCovered, loadLedger, pendingConsultationItem } from '../payments/ledger.ts';
import type { UseCaseDeps } from '../ports.ts';
import { loadCase } from './case.ts';
import { endConsultationsIfDone } from './consultations.ts';
import { decide } from './decision.ts';
import { type AnnounceNotice, announceWait } from './step-notices.ts';

export interface OpenWaitInput {
  caseId: string;
  step: Step;
  openedAt: string;
  dueAt: string;
  endsAt: string;
  reminders: number;
  taskToken: string;
}

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow'> & Notifies<AnnounceNotice>;

export async function openWait(d: Deps, input: OpenWaitInput): Promise<void> {
  const existing = await d.store.getWait(input.caseId, input.step);
  let wait: Wait;
  if (existing && existing.openedAt === input.openedAt) {
    wait = await d.store.updateWait(input.caseId, input.step, input.openedAt, { taskToken: input.taskToken });
    if (wait.decision && wait.decisionOutput) {
      await d.workflow.sendTaskSuccess(input.taskToken, wait.decisionOutput);
      return;
    }
  } else {
    wait = {
      caseId: input.caseId,
      step: input.step,
      taskToken: input.taskToken,
      openedAt: input.openedAt,
      dueAt: input.dueAt,
      endsAt: input.endsAt,
      recipients: [],
      reminders: 0,
    };
    await d.store.putWait(wait);
    await audit(d, input.caseId, 'system', 'wait_opened', { step: input.step, dueAt: input.dueAt });
  }
  if (wait.notifiedAt) return;
  const c = await loadCase(d, input.caseId);
  // Paid before the wait opened (a statement matched meanwhile, a late payment re-opened the case):
  // confirmed at once, without asking anyone to pay.
  const item: ItemId | undefined =
    wait.step === 'payment'
      ? 'case'
      : wait.step === 'additional_payment'
        ? pendingConsultationItem(c)
        : undefined;
  if (item && isCovered(await loadLedger(d, c), item)) {
    await decide(d, c.caseId, wait.step, wait.openedAt, {
      decision: 'confirm_payment',
      by: 'system',
      at: d.clock.now().toISOString(),
      values: { itemId: item, paidBeforeWait: true },
    });
    return;
  }
  // Every consultation was done before the wait opened: the report goes on at once.
  if (wait.step === 'consultations' && (await endConsultationsIfDone(d, c.caseId, 'system'))) return;
  if (wait.step === 'assignment' && c.autoAssignTo) {
    await decide(d, c.caseId, 'assignment', wait.openedAt, {
      decision: 'assign',
      by: 'system',
      at: d.clock.now().toISOString(),
      values: { specialistId: c.autoAssignTo },
    });
    return;
  }
  const recipients = await announceWait(d, c, wait);
  await d.store.updateWait(input.caseId, input.step, input.openedAt, {
    recipients,
    notifiedAt: d.clock.now().toISOString(),
  });
}
