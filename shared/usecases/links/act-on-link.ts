/**
 * The POST of an action link acts once.
 *
 * 1. The link must be open; the form must carry what its decision needs (a refusal names what is
 *    missing, and the link stays unused).
 * 2. A wait's decision: the link is used (conditional), then the first decision of the wait wins
 *    (conditional), and the waiting execution is resumed with it; the task token never leaves the
 *    server. A task's link completes the task once (./complete-task.ts). A case action (re-open an
 *    unpaid case) is carried out once.
 * Any lost race shows what happened instead (already answered, moved on).
 */
import { logger } from '#app/logger.ts';
import { siteDate } from '#domain/calendar.ts';
import { proposed } from '#domain/consultations.ts';
import { parseEuros } from '#domain/ledger.ts';
import { type ActionLink, DISEASE_SITES, type Language, UPDATE_REMITS } from '#domain/model.ts';
import { checkReport } from '../common/report.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import { resumeCase } from '../operations/resume-case.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';
import { type DecisionOutput, decide } from '../workflow/decision.ts';
import { extensionOf } from '../workflow/decision-values.ts';
import { teamOptions } from '../workflow/specialists.ts';
import { type CompleteTaskNotice, completeTask } from './complete-task.ts';
import type { LinkForm } from './link-form.ts';
import { type LinkState, resolveLink } from './resolve-link.ts';

export type ActResult =
  | { kind: 'done'; language: Language; reference: string; decision: string }
  | Exclude<LinkState, { kind: 'open' }>;

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow' | 'documents'> &
  Notifies<CompleteTaskNotice>;

/** The values a decision carries; a missing or wrong one is refused with its code. */
async function decisionValues(d: Deps, state: Extract<LinkState, { kind: 'open' }>, form: LinkForm) {
  const link = state.link;
  const values: Record<string, unknown> = {
    ...(link.params ?? {}),
    ...(form.note ? { note: form.note } : {}),
  };
  switch (link.decision) {
    case 'complete': {
      if (form.diseaseSite && !(DISEASE_SITES as readonly string[]).includes(form.diseaseSite))
        throw new Refusal('disease_site_invalid');
      // An update: triage's answer on the previous physician's remit (none: the proposal stands).
      if (form.remit && !(UPDATE_REMITS as readonly string[]).includes(form.remit))
        throw new Refusal('remit_invalid');
      return {
        ...values,
        ...(form.diseaseSite ? { diseaseSite: form.diseaseSite } : {}),
        ...(form.remit ? { remit: form.remit } : {}),
      };
    }
    case 'request_documents':
      if (!form.documents?.length) throw new Refusal('documents_required');
      return { ...values, documents: form.documents };
    case 'reject':
      return { ...values, reason: form.reason ?? '' };
    case 'request_additional': {
      const consultations = form.consultations ?? (form.consultation ? [form.consultation] : []);
      if (!consultations.length || !consultations.every((c) => Object.hasOwn(d.config.ADDITIONAL_PRICES, c)))
        throw new Refusal('consultation_required');
      if (!form.reason) throw new Refusal('reason_required');
      return { ...values, consultations, reason: form.reason };
    }
    case 'approve':
      // Only answers about consultations proposed count; one left out is approved (the link's decision).
      return {
        ...values,
        answers: Object.fromEntries(
          proposed(state.case.consultations).map((x) => [x.code, form.answers?.[x.code] ?? 'approve']),
        ),
      };
    case 'release':
      await checkReport(d, link.caseId, form.reportId ?? '');
      return { ...values, reportId: form.reportId ?? '' };
    case 'assign':
    case 'reassign': {
      const s = await d.store.getStaff(String(values.specialistId ?? ''));
      if (!s?.active || !s.roles.includes('specialist')) throw new Refusal('specialist_unavailable');
      if (link.decision === 'reassign') return values;
      // The team: one contributor (or none) for each type the lead does not cover, among those offered.
      const contributors: Record<string, string> = {};
      for (const slot of await teamOptions(d, state.case, s.staffId)) {
        const chosen = form.contributors?.[slot.consultationType];
        if (!chosen) continue;
        if (!slot.options.some((o) => o.staffId === chosen)) throw new Refusal('specialist_unavailable');
        contributors[slot.consultationType] = chosen;
      }
      return { ...values, contributors };
    }
    case 'extend': {
      if (state.case.reportExtension) throw new Refusal('already_extended');
      const extension = extensionOf({ workingDays: form.workingDays, reason: form.reason });
      if (!extension) throw new Refusal('extension_invalid');
      return { ...values, ...extension };
    }
    case 'confirm_payment': {
      // Left empty (an older page), the payment is recorded as the amount asked, valued today.
      const amountCents = form.amount ? parseEuros(form.amount) : undefined;
      if (form.amount && amountCents === undefined) throw new Refusal('amount_invalid');
      const today = siteDate(d.clock.now());
      if (form.valueDate && (!/^\d{4}-\d{2}-\d{2}$/.test(form.valueDate) || form.valueDate > today))
        throw new Refusal('value_date_invalid');
      return {
        ...values,
        ...(amountCents !== undefined ? { amountCents } : {}),
        ...(form.valueDate ? { valueDate: form.valueDate } : {}),
      };
    }
    default:
      return values;
  }
}

async function resolveAfterConflict(d: Deps, token: string): Promise<ActResult> {
  const again = await resolveLink(d, token);
  if (again.kind === 'open') throw new ConflictError('the link changed while it was used');
  return again;
}

/** Marks the link used; false when it was used meanwhile. */
async function use(d: Deps, link: ActionLink, at: string): Promise<boolean> {
  try {
    await d.store.useLink(link.tokenHash, at);
    return true;
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
}

export async function actOnLink(d: Deps, token: string, form: LinkForm): Promise<ActResult> {
  const state = await resolveLink(d, token);
  if (state.kind !== 'open') return state;
  const { link, wait } = state;
  const done: ActResult = {
    kind: 'done',
    language: state.language,
    reference: state.case.reference,
    decision: link.decision,
  };
  if (state.task) {
    try {
      await completeTask(d, { ...state, task: state.task }, form);
    } catch (err) {
      if (err instanceof ConflictError) return resolveAfterConflict(d, token);
      throw err;
    }
    return done;
  }
  const at = d.clock.now().toISOString();
  if (link.decision === 'reopen') {
    if (!(await use(d, link, at))) return resolveAfterConflict(d, token);
    await resumeCase(d, link.caseId, link.recipient, 'payment');
    return done;
  }
  if (!link.step || !wait || link.decision === 'documents') throw new Refusal('read_only');
  const values = await decisionValues(d, state, form);
  // Every proposed consultation declined from the approve page is the wait's decline.
  const answers = Object.values((values.answers ?? {}) as Record<string, string>);
  const decision =
    link.decision === 'approve' && answers.length && answers.every((a) => a === 'decline')
      ? 'decline'
      : link.decision;
  const output: DecisionOutput = { decision, by: link.recipient, at, values };
  try {
    if (!(await use(d, link, at))) return resolveAfterConflict(d, token);
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
  return done;
}
