/**
 * What operations see of a case (`so case show`): the case, each step's wait (open or the last
 * one) and the audit trail, and its documents by state. Task tokens stay out of it.
 */
import { type AuditEvent, type Case, type CaseDocument, STEPS, type Wait } from '#domain/model.ts';
import type { UseCaseDeps } from '../ports.ts';
import { findCase, isOpenWait } from './find-case.ts';

export type WaitRecord = Omit<Wait, 'taskToken' | 'decisionOutput'> & { open: boolean };

export interface CaseRecord {
  case: Case;
  waits: WaitRecord[];
  events: AuditEvent[];
  documents: Partial<Record<CaseDocument['state'], number>>;
}

export async function caseRecord(d: Pick<UseCaseDeps, 'store'>, referenceOrId: string): Promise<CaseRecord> {
  const c = await findCase(d, referenceOrId);
  const waits: WaitRecord[] = [];
  for (const step of STEPS) {
    const w = await d.store.getWait(c.caseId, step);
    if (!w) continue;
    const { taskToken: _t, decisionOutput: _o, ...rest } = w;
    waits.push({ ...rest, open: isOpenWait(w) });
  }
  waits.sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const documents: CaseRecord['documents'] = {};
  for (const doc of await d.store.listDocuments(c.caseId))
    documents[doc.state] = (documents[doc.state] ?? 0) + 1;
  return { case: c, waits, events: await d.store.listEvents(c.caseId), documents };
}
