/**
 * What the document use cases share: their dependencies, the document keys they accept, and the
 * error that sends a notification back to its queue to be retried later.
 */
import type { Deps } from '#app/deps.ts';

export type UploadDeps = Pick<Deps, 'config' | 'clock' | 'store' | 'documents' | 'textDetector'>;

const DOCUMENT_KEY = /^cases\/([0-9a-f-]{36})\/documents\/([0-9a-f-]{36})\.pdf$/;

/** The notification came before the state it acts on: retry it later through the queue. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
}

export function parseDocumentKey(key: string): { caseId: string; documentId: string } | undefined {
  const m = DOCUMENT_KEY.exec(key);
  return m ? { caseId: m[1]!, documentId: m[2]! } : undefined;
}
