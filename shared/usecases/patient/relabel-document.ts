/**
 * The patient says what one of their files is, when the classifier read it otherwise (an ID card
 * read as a privacy consent). The choice is stored beside the classifier's reading, never over
 * it: the checklist counts the file as the patient says, and a disagreement is a finding the
 * triage doctor sees on their page. `null` withdraws the patient's word. Allowed on the files the
 * patient may change now (./patient-files.ts), once they have been read.
 */
import type { Classification } from '#domain/classifier.ts';
import type { CaseDocument } from '#domain/model.ts';
import type { DocumentType } from '#domain/taxonomy.ts';
import { audit } from '../common/audit.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { changeableDocument } from './patient-files.ts';

/** Read, so there is a reading to agree or disagree with. */
export const RELABEL_STATES: readonly CaseDocument['state'][] = ['classified', 'needs_review'];

export async function relabelDocument(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'>,
  caseId: string,
  token: string,
  documentId: string,
  declaredType: DocumentType | null,
): Promise<{ documentId: string; declaredType: DocumentType | null }> {
  const c = await authorisePatient(d, caseId, token);
  const doc = await changeableDocument(d, c, documentId);
  const read = (doc.classification as Classification | undefined)?.documentType;
  if (!RELABEL_STATES.includes(doc.state) || !read) throw new Refusal('read_only');
  // Conditional on the state and the version read: a file removed or moved meanwhile is not relabelled.
  await d.store.updateDocument(
    caseId,
    documentId,
    RELABEL_STATES,
    { declaredType: declaredType ?? undefined, updatedAt: d.clock.now().toISOString() },
    doc.updatedAt,
  );
  await audit(d, caseId, 'patient', 'document_relabelled', {
    documentId,
    documentType: read,
    declaredType,
  });
  return { documentId, declaredType };
}
