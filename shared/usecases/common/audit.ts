/** The audit trail: every use case that changes a case appends who did what, when. */
import type { UseCaseDeps } from '../ports.ts';

/** "patient", "office", "system" or a staff id. */
export type Actor = string;

export async function audit(
  d: Pick<UseCaseDeps, 'store' | 'clock'>,
  caseId: string,
  actor: Actor,
  action: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await d.store.appendEvent({
    caseId,
    at: d.clock.now().toISOString(),
    actor,
    action,
    ...(details ? { details } : {}),
  });
}
