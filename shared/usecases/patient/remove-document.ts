/**
 * The patient removes a wrong, duplicate or unneeded file (./patient-files.ts says which and when):
 * the object is deleted, the record goes, the file's place on the case is freed, and the audit
 * keeps the fact (the document's id, state and type, no file name).
 */
import { authorisePatient } from '../common/patient-auth.ts';
import type { UseCaseDeps } from '../ports.ts';
import { changeableDocument, discardDocument } from './patient-files.ts';

export async function removeDocument(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  caseId: string,
  token: string,
  documentId: string,
): Promise<{ removed: string }> {
  const c = await authorisePatient(d, caseId, token);
  const doc = await changeableDocument(d, c, documentId);
  await discardDocument(d, doc, 'document_removed');
  return { removed: documentId };
}
