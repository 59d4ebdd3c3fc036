/**
 * A staff member opens a document of the case from a link's page (GET /a/{token}/documents/{id},
 * GET /a/{token}/previous-report, GET /a/{token}/previous-documents/{id}, and a contribution's or
 * consultation's PDF, GET /a/{token}/contributions/{taskId}):
 *
 * 1. The link must be open (a wait link not yet decided, superseded or expired; a view link) and
 *    not the patient's: the patient's links never open staff documents.
 * 2. The document must belong to the link's case and have passed the upload check; the previous
 *    report, and the previous case's documents, only once that case is released.
 * 3. Each click is audited on the case (who, which document, when) and gets its own presigned GET,
 *    valid a minute, that opens inline under the file's name.
 *
 * A document's first-page image (GET /a/{token}/previews/{id}) is part of the page, which the
 * browser loads with it: the same link rules and a one-minute GET, but no audit entry, as opening
 * the page itself has none (a mail scanner that follows the link would otherwise write the trail).
 */
import type { Language } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import { PREVIEW_URL_SECONDS, type UseCaseDeps } from '../ports.ts';
import { type LinkState, resolveLink } from './resolve-link.ts';
import { OPENABLE_STATES } from './staff-view.ts';

/** Long enough to follow the redirect, too short to pass the address around. */
export const OPEN_URL_SECONDS = 60;

export type OpenedDocument =
  | { kind: 'url'; url: string }
  /** The link is not open: its own page says why (expired, moved on, already answered). */
  | { kind: 'link'; state: Exclude<LinkState, { kind: 'open' }> }
  /** No such document for this link, or a link that may not open one. */
  | { kind: 'unavailable'; language: Language };

type Deps = Pick<UseCaseDeps, 'clock' | 'store' | 'documents'>;

async function staffLink(
  d: Deps,
  token: string,
): Promise<{ open: Extract<LinkState, { kind: 'open' }> } | { refused: OpenedDocument }> {
  const state = await resolveLink(d, token);
  if (state.kind !== 'open') return { refused: { kind: 'link', state } };
  if (state.link.recipient === 'patient')
    return { refused: { kind: 'unavailable', language: state.language } };
  return { open: state };
}

export async function openDocument(d: Deps, token: string, documentId: string): Promise<OpenedDocument> {
  const s = await staffLink(d, token);
  if ('refused' in s) return s.refused;
  const { link, language } = s.open;
  const doc = await d.store.getDocument(link.caseId, documentId);
  if (!doc || !OPENABLE_STATES.includes(doc.state)) return { kind: 'unavailable', language };
  await audit(d, link.caseId, link.recipient, 'document_opened', {
    documentId,
    ...(link.step ? { step: link.step } : {}),
  });
  return { kind: 'url', url: await d.documents.presignDownload(doc.key, OPEN_URL_SECONDS, doc.fileName) };
}

/** The image of a document's first page, shown beside it on the page. */
export async function openPreview(d: Deps, token: string, documentId: string): Promise<OpenedDocument> {
  const s = await staffLink(d, token);
  if ('refused' in s) return s.refused;
  const { link, language } = s.open;
  const preview = (await d.store.getDocument(link.caseId, documentId))?.preview;
  if (!preview) return { kind: 'unavailable', language };
  return {
    kind: 'url',
    url: await d.documents.presignPreview(preview.key, PREVIEW_URL_SECONDS, preview.versionId),
  };
}

/** The released report of the case an update follows. */
export async function openPreviousReport(d: Deps, token: string): Promise<OpenedDocument> {
  const s = await staffLink(d, token);
  if ('refused' in s) return s.refused;
  const { link, language, case: c } = s.open;
  const prev = c.previousCaseId ? await d.store.getCase(c.previousCaseId) : undefined;
  if (prev?.status !== 'released' || !prev.reportKey) return { kind: 'unavailable', language };
  await audit(d, link.caseId, link.recipient, 'previous_report_opened', {
    previousCaseId: prev.caseId,
    previousReference: prev.reference,
    ...(link.step ? { step: link.step } : {}),
  });
  return {
    kind: 'url',
    url: await d.documents.presignDownload(
      prev.reportKey,
      OPEN_URL_SECONDS,
      `${prev.reference}-report.pdf`,
      prev.reportVersionId,
    ),
  };
}

/** A document of the case an update follows, once that case is released. */
export async function openPreviousDocument(
  d: Deps,
  token: string,
  documentId: string,
): Promise<OpenedDocument> {
  const s = await staffLink(d, token);
  if ('refused' in s) return s.refused;
  const { link, language, case: c } = s.open;
  const prev = c.previousCaseId ? await d.store.getCase(c.previousCaseId) : undefined;
  const doc = prev?.status === 'released' ? await d.store.getDocument(prev.caseId, documentId) : undefined;
  if (!prev || !doc || !OPENABLE_STATES.includes(doc.state)) return { kind: 'unavailable', language };
  // Not `documentId`: the timeline names that one among this case's own files.
  await audit(d, link.caseId, link.recipient, 'previous_document_opened', {
    previousCaseId: prev.caseId,
    previousDocumentId: documentId,
    ...(link.step ? { step: link.step } : {}),
  });
  return { kind: 'url', url: await d.documents.presignDownload(doc.key, OPEN_URL_SECONDS, doc.fileName) };
}

/** The PDF a contributor, consulting doctor or pathologist attached to a task of the case. */
export async function openContribution(d: Deps, token: string, taskId: string): Promise<OpenedDocument> {
  const s = await staffLink(d, token);
  if ('refused' in s) return s.refused;
  const { link, language, case: c } = s.open;
  const task = await d.store.getTask(link.caseId, taskId);
  const key = task?.result?.documentKey;
  if (!key) return { kind: 'unavailable', language };
  await audit(d, link.caseId, link.recipient, 'contribution_opened', {
    taskId,
    ...(link.step ? { step: link.step } : {}),
  });
  return {
    kind: 'url',
    url: await d.documents.presignDownload(key, OPEN_URL_SECONDS, `${c.reference}-${taskId}.pdf`),
  };
}
