/**
 * The POST of an action link acts once.
 *
 * 1. The link must be open; the form must carry what its decision needs.
 * 2. The link is used (conditional), then the first decision of the wait wins (conditional).
 * 3. The waiting execution is resumed with the decision; the task token never leaves the server.
 * Any lost race shows what happened instead (already answered, moved on).
 */
import { logger } from '#app/logger.ts';
import type { ActionLink, Language } from '#domain/model.ts';
import { checkReport } from '../common/report.ts';
import { Refusal } from '../errors.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';
import { type DecisionOutput, decide } from '../workflow/decision.ts';
import { type LinkState, resolveLink } from './resolve-link.ts';

/** What a link's form may carry; which fields a decision needs is checked here. */
export interface LinkForm {
  note?: string;
  /** request_documents: one document per entry. */
  documents?: string[];
  reason?: string;
  consultation?: string;
  reportId?: string;
}

export type ActResult =
  | { kind: 'done'; language: Language; reference: string; decision: string }
  | Exclude<LinkState, { kind: 'open' }>;

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow' | 'documents'>;

/** The values a decision carries; a missing required one is refused with its code. */
function decisionValues(d: Deps, link: ActionLink, form: LinkForm): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ...(link.params ?? {}),
    ...(form.note ? { note: form.note } : {}),
  };
  switch (link.decision) {
    case 'request_documents':
      if (!form.documents?.length) throw new Refusal('documents_required');
      return { ...values, documents: form.documents };
    case 'reject':
      return { ...values, reason: form.reason ?? '' };
    case 'request_additional': {
      const consultation = form.consultation ?? '';
      if (!Object.hasOwn(d.config.ADDITIONAL_PRICES, consultation))
        throw new Refusal('consultation_required');
      if (!form.reason) throw new Refusal('reason_required');
      return { ...values, consultation, reason: form.reason };
    }
    case 'release':
      return { ...values, reportId: form.reportId ?? '' };
    default:
      return values;
  }
}

async function resolveAfterConflict(d: Deps, token: string): Promise<ActResult> {
  const again = await resolveLink(d, token);
  if (again.kind === 'open') throw new ConflictError('the link changed while it was used');
  return again;
}

export async function actOnLink(d: Deps, token: string, form: LinkForm): Promise<ActResult> {
  const state = await resolveLink(d, token);
  if (state.kind !== 'open') return state;
  const { link, wait } = state;
  if (link.decision === 'documents') throw new Refusal('read_only');
  const values = decisionValues(d, link, form);
  if (link.decision === 'release') await checkReport(d, link.caseId, String(values.reportId));
  const at = d.clock.now().toISOString();
  const output: DecisionOutput = { decision: link.decision, by: link.recipient, at, values };
  try {
    await d.store.useLink(link.tokenHash, at);
    const outcome = await decide(d, link.caseId, link.step, wait.openedAt, output);
    // The wait timed out and is being re-entered: its next OpenWait sees the decision and resumes itself.
    if (outcome === 'recorded')
      logger.warn('decision recorded while its wait was re-entered', {
        caseId: link.caseId,
        step: link.step,
      });
  } catch (err) {
    if (err instanceof ConflictError) return resolveAfterConflict(d, token);
    throw err;
  }
  return { kind: 'done', language: state.language, reference: state.case.reference, decision: link.decision };
}
