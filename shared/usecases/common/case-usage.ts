/** A case's file count and bytes, kept on the case so the limits hold across concurrent uploads. */
import type { Case } from '#domain/model.ts';
import type { UseCaseDeps } from '../ports.ts';
import { retryOnConflict } from './retry.ts';

/** A page uploads several files at once: the racers need room to spread their retries. */
const ATTEMPTS = 12;
const JITTER_MS = 20;

/** Changes a case's file count and bytes with the version-conditional update, re-reading on a lost race. */
export async function adjustCaseUsage(
  d: Pick<UseCaseDeps, 'store' | 'clock'>,
  caseId: string,
  files: number,
  bytes: number,
  guard?: (c: Case) => void,
): Promise<Case> {
  return retryOnConflict({ attempts: ATTEMPTS, jitterMs: JITTER_MS }, async () => {
    const c = await d.store.getCase(caseId);
    if (!c) throw new Error(`case ${caseId} not found`);
    guard?.(c);
    return d.store.updateCase(caseId, c.version, {
      documentCount: Math.max(0, c.documentCount + files),
      documentBytes: Math.max(0, c.documentBytes + bytes),
      updatedAt: d.clock.now().toISOString(),
    });
  });
}
