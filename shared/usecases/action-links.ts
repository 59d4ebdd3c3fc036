/**
 * Action links (DESIGN.md section 2). The link holds a random token; the table holds its hash with
 * the case, step, decision, recipient and expiry. GET only shows; POST acts once: the link is used
 * (conditional), the first decision of the wait wins (conditional), then the waiting execution is
 * resumed with it. The task token never leaves the server.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { Deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { hashToken } from '#domain/ids.ts';
import type { ActionLink, Case, Language, Wait } from '#domain/model.ts';
import { formatCents } from '#domain/pricing.ts';
import { AppError } from '#http/errors.ts';
import { ConflictError } from './ports.ts';
import { checkReport, reportKey } from './report-check.ts';
import { type DecisionOutput, STEP_STATUS, siteTime } from './workflow.ts';

export type LinkDeps = Pick<Deps, 'config' | 'clock' | 'store' | 'workflow' | 'documents'>;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type LinkState =
  | { kind: 'invalid' }
  | { kind: 'expired'; language: Language }
  | { kind: 'closed'; language: Language; reference: string }
  | { kind: 'decided'; language: Language; reference: string; by: string; decision: string; at: string }
  | { kind: 'open'; language: Language; link: ActionLink; case: Case; wait: Wait };

/** Who a link's recipient is, as a name on a page (never an email address). */
async function displayName(d: LinkDeps, who: string, language: Language): Promise<string> {
  if (who === 'patient') return language === 'it' ? 'il paziente' : 'the patient';
  if (who === 'office') return language === 'it' ? "l'ufficio" : 'the office';
  if (who === 'system') return language === 'it' ? 'il sistema' : 'the system';
  return (await d.store.getStaff(who))?.name ?? who;
}

async function languageOf(d: LinkDeps, link: ActionLink, c: Case | undefined): Promise<Language> {
  if (link.recipient === 'patient') return c?.language ?? 'en';
  if (link.recipient === 'office') return 'en';
  return (await d.store.getStaff(link.recipient))?.languages[0] ?? 'en';
}

/** What a link can do now; reading changes nothing. */
export async function resolveLink(d: LinkDeps, token: string): Promise<LinkState> {
  if (!TOKEN.test(token)) return { kind: 'invalid' };
  const link = await d.store.getLink(hashToken(token));
  if (!link) return { kind: 'invalid' };
  const c = await d.store.getCase(link.caseId);
  const language = await languageOf(d, link, c);
  // dynalite has no TTL: expiry is checked on every read.
  if (d.clock.now().toISOString() > link.expiresAt) return { kind: 'expired', language };
  if (!c) return { kind: 'invalid' };
  const wait = await d.store.getWait(link.caseId, link.step);
  const sameWait = wait?.openedAt === link.waitOpenedAt;
  if (sameWait && wait?.decision) {
    return {
      kind: 'decided',
      language,
      reference: c.reference,
      by: await displayName(d, wait.decidedBy ?? '', language),
      decision: wait.decision,
      at: wait.decidedAt ?? '',
    };
  }
  if (link.usedAt) {
    return {
      kind: 'decided',
      language,
      reference: c.reference,
      by: await displayName(d, link.recipient, language),
      decision: link.decision,
      at: link.usedAt,
    };
  }
  if (!wait || !sameWait || c.status !== STEP_STATUS[link.step])
    return { kind: 'closed', language, reference: c.reference };
  return { kind: 'open', language, link, case: c, wait };
}

const text = z.string().max(4000).optional().default('');

/** The form of each decision; unknown fields are ignored, missing required ones are a 422. */
function formValues(d: LinkDeps, link: ActionLink, form: URLSearchParams): Record<string, unknown> {
  const note = text.parse(form.get('note') ?? undefined).trim();
  const values: Record<string, unknown> = { ...(link.params ?? {}), ...(note ? { note } : {}) };
  switch (link.decision) {
    case 'request_documents': {
      const documents = (form.get('documents') ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim().slice(0, 300))
        .filter(Boolean)
        .slice(0, 30);
      if (!documents.length)
        throw new AppError(
          422,
          'documents_required',
          'Please list the documents the patient must send, one per line.',
        );
      return { ...values, documents };
    }
    case 'reject':
      return { ...values, reason: text.parse(form.get('reason') ?? undefined).trim() };
    case 'request_additional': {
      const consultation = form.get('consultation') ?? '';
      if (!Object.hasOwn(d.config.ADDITIONAL_PRICES, consultation)) {
        throw new AppError(422, 'consultation_required', 'Please choose the additional consultation.');
      }
      const reason = text.parse(form.get('reason') ?? undefined).trim();
      if (!reason)
        throw new AppError(422, 'reason_required', 'Please write the reason the patient will read.');
      return { ...values, consultation, reason };
    }
    case 'release':
      return { ...values, reportId: form.get('reportId') ?? '' };
    default:
      return values;
  }
}

export type ActResult =
  | { kind: 'done'; language: Language; reference: string; decision: string }
  | Exclude<LinkState, { kind: 'open' }>;

/** The POST of a link: acts once, or says why it cannot. */
export async function actOnLink(d: LinkDeps, token: string, form: URLSearchParams): Promise<ActResult> {
  const state = await resolveLink(d, token);
  if (state.kind !== 'open') return state;
  const { link, wait } = state;
  if (link.decision === 'documents')
    throw new AppError(400, 'read_only', 'This link only shows the documents.');
  const values = formValues(d, link, form);
  if (link.decision === 'release') await checkReport(d, link.caseId, String(values.reportId));
  const at = d.clock.now().toISOString();
  const output: DecisionOutput = { decision: link.decision, by: link.recipient, at, values };
  try {
    await d.store.useLink(link.tokenHash, at);
  } catch (err) {
    if (err instanceof ConflictError) return resolveAfterConflict(d, token);
    throw err;
  }
  let decided: Wait;
  try {
    decided = await d.store.decideWait(link.caseId, link.step, {
      by: link.recipient,
      decision: link.decision,
      at,
      openedAt: wait.openedAt,
      output: output as unknown as Record<string, unknown>,
    });
  } catch (err) {
    if (err instanceof ConflictError) return resolveAfterConflict(d, token);
    throw err;
  }
  try {
    await d.workflow.sendTaskSuccess(decided.taskToken, output as unknown as Record<string, unknown>);
  } catch (err) {
    // The wait timed out and is being re-entered: the new OpenWait sees the decision and resumes itself.
    const name = (err as Error).name;
    if (name !== 'TaskTimedOut' && name !== 'TaskDoesNotExist') throw err;
    logger.warn('decision recorded while its wait was re-entered', { caseId: link.caseId, step: link.step });
  }
  return { kind: 'done', language: state.language, reference: state.case.reference, decision: link.decision };
}

async function resolveAfterConflict(d: LinkDeps, token: string): Promise<ActResult> {
  const again = await resolveLink(d, token);
  if (again.kind === 'open') throw new ConflictError('the link changed while it was used');
  return again;
}

export const reportUploadSchema = z.object({
  fileName: z.string().min(1).max(200),
  contentType: z.literal('application/pdf'),
  sizeBytes: z.number().int().positive(),
});

/** A presigned POST for the specialist's report, from a valid release link. */
export async function presignReportUpload(
  d: LinkDeps,
  token: string,
  body: z.infer<typeof reportUploadSchema>,
) {
  const state = await resolveLink(d, token);
  if (state.kind !== 'open' || state.link.decision !== 'release') {
    throw new AppError(410, 'link_not_open', 'This link can no longer be used to upload a report.');
  }
  if (body.sizeBytes > d.config.MAX_UPLOAD_BYTES) {
    throw new AppError(413, 'too_large', 'The report file is too large.');
  }
  const reportId = randomUUID();
  const upload = await d.documents.presignUpload(
    reportKey(state.link.caseId, reportId),
    d.config.MAX_UPLOAD_BYTES,
    d.config.UPLOAD_URL_SECONDS,
  );
  const expiresAt = new Date(d.clock.now().getTime() + d.config.UPLOAD_URL_SECONDS * 1000).toISOString();
  return { reportId, upload, expiresAt };
}

/** What the page summarises: no more than the person acting needs. */
export async function linkSummary(d: LinkDeps, state: Extract<LinkState, { kind: 'open' }>) {
  const c = state.case;
  const documents =
    state.link.recipient === 'patient'
      ? []
      : (await d.store.listDocuments(c.caseId))
          .filter(
            (doc) => doc.state !== 'rejected' && doc.state !== 'failed' && doc.state !== 'upload_pending',
          )
          .map((doc) => ({
            documentId: doc.documentId,
            fileName: doc.fileName,
            key: doc.key,
            documentType:
              doc.classification &&
              typeof doc.classification === 'object' &&
              'documentType' in doc.classification
                ? String((doc.classification as { documentType: unknown }).documentType)
                : undefined,
          }));
  return {
    reference: c.reference,
    consultationTypes: c.consultationTypes,
    documents,
    dueAt: siteTime(state.wait.dueAt, state.language),
    amount: c.quote ? formatCents(c.quote.totalCents) : undefined,
    additional: c.additional
      ? {
          consultation: c.additional.consultation,
          reason: c.additional.reason,
          amount: formatCents(c.additional.quote.totalCents),
        }
      : undefined,
    requestedDocuments: c.requestedDocuments,
  };
}
