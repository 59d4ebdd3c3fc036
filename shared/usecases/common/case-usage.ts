/**
 * A case's file count, bytes and pages sent to Textract, kept on the case so the limits hold across
 * concurrent uploads.
 */
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

/**
 * Counts `pages` against the case's Textract pages if they fit under `cap`; false (nothing counted)
 * when they do not. The document then records that it was counted, so a check retried after a
 * throttled Textract start does not count it again.
 */
export async function reserveTextractPages(
  d: Pick<UseCaseDeps, 'store' | 'clock'>,
  caseId: string,
  pages: number,
  cap: number,
): Promise<boolean> {
  return retryOnConflict({ attempts: ATTEMPTS, jitterMs: JITTER_MS }, async () => {
    const c = await d.store.getCase(caseId);
    if (!c) throw new Error(`case ${caseId} not found`);
    const used = c.textractPages ?? 0;
    if (used + pages > cap) return false;
    await d.store.updateCase(caseId, c.version, {
      textractPages: used + pages,
      updatedAt: d.clock.now().toISOString(),
    });
    return true;
  });
}
