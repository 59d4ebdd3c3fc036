/**
 * The emails' words by language; the Italian signature is typed by the English (it/emails.ts), and
 * every kind's template by its notice's data (emails/content.ts), so neither language lacks one.
 *
 * Each kind below is its template in both languages (a notice goes out in its reader's language)
 * with the code formats its words use, one export per kind: a function's notifier is given the
 * kinds it sends (`email({ case_link })`, shared/app/wiring/email.ts) and its bundle carries those
 * words alone, and only the code words they put in words.
 * Every kind at once is emails/every-email.ts (the CLI, the local stack's tools, tests).
 */
import type { Language } from '#domain/model.ts';
import * as codes from '#presentation/emails/code-formats.ts';
import type { EmailEntry, EmailWords } from '#presentation/emails/content.ts';
import * as en from './en/emails.ts';
import * as it from './it/emails.ts';

const WORDS: Record<Language, EmailWords> = { en: en.emails, it: it.emails };

/** What every email says beside its own words: greeting, signature, contact, note. */
export function emailWords(lang: Language): EmailWords {
  return WORDS[lang];
}

export const case_created: EmailEntry<'case_created'> = { en: en.case_created, it: it.case_created };
export const documents_requested: EmailEntry<'documents_requested'> = {
  en: en.documents_requested,
  it: it.documents_requested,
};
export const documents_reminder: EmailEntry<'documents_reminder'> = {
  en: en.documents_reminder,
  it: it.documents_reminder,
};
export const payment_details: EmailEntry<'payment_details'> = {
  en: en.payment_details,
  it: it.payment_details,
};
export const histology_shipping: EmailEntry<'histology_shipping'> = {
  en: en.histology_shipping,
  it: it.histology_shipping,
};
export const additional_payment_details: EmailEntry<'additional_payment_details', 'additional'> = {
  en: en.additional_payment_details,
  it: it.additional_payment_details,
  codes: { additional: codes.additional },
};
export const additional_payment_reminder: EmailEntry<'additional_payment_reminder', 'additional'> = {
  en: en.additional_payment_reminder,
  it: it.additional_payment_reminder,
  codes: { additional: codes.additional },
};
export const refund_done: EmailEntry<'refund_done'> = { en: en.refund_done, it: it.refund_done };
export const case_withdrawn: EmailEntry<'case_withdrawn'> = { en: en.case_withdrawn, it: it.case_withdrawn };
export const payment_exception: EmailEntry<'payment_exception', 'exceptionKind'> = {
  en: en.payment_exception,
  it: it.payment_exception,
  codes: { exceptionKind: codes.exceptionKind },
};
export const statement_imported: EmailEntry<'statement_imported'> = {
  en: en.statement_imported,
  it: it.statement_imported,
};
export const statement_refused: EmailEntry<'statement_refused'> = {
  en: en.statement_refused,
  it: it.statement_refused,
};
export const refund_due: EmailEntry<'refund_due', 'refundReason'> = {
  en: en.refund_due,
  it: it.refund_due,
  codes: { refundReason: codes.refundReason },
};
export const late_payment_reopened: EmailEntry<'late_payment_reopened'> = {
  en: en.late_payment_reopened,
  it: it.late_payment_reopened,
};
export const payment_reminder: EmailEntry<'payment_reminder'> = {
  en: en.payment_reminder,
  it: it.payment_reminder,
};
export const payment_received: EmailEntry<'payment_received'> = {
  en: en.payment_received,
  it: it.payment_received,
};
export const specialist_assigned: EmailEntry<'specialist_assigned'> = {
  en: en.specialist_assigned,
  it: it.specialist_assigned,
};
export const additional_approval: EmailEntry<'additional_approval', 'additional'> = {
  en: en.additional_approval,
  it: it.additional_approval,
  codes: { additional: codes.additional },
};
export const approval_reminder: EmailEntry<'approval_reminder', 'additional'> = {
  en: en.approval_reminder,
  it: it.approval_reminder,
  codes: { additional: codes.additional },
};
export const report_ready: EmailEntry<'report_ready'> = { en: en.report_ready, it: it.report_ready };
export const case_rejected: EmailEntry<'case_rejected'> = { en: en.case_rejected, it: it.case_rejected };
export const case_expired: EmailEntry<'case_expired'> = { en: en.case_expired, it: it.case_expired };
export const case_cancelled: EmailEntry<'case_cancelled'> = { en: en.case_cancelled, it: it.case_cancelled };
export const triage_request: EmailEntry<'triage_request'> = { en: en.triage_request, it: it.triage_request };
export const payment_confirmation_request: EmailEntry<'payment_confirmation_request', 'additional'> = {
  en: en.payment_confirmation_request,
  it: it.payment_confirmation_request,
  codes: { additional: codes.additional },
};
export const assignment_candidates: EmailEntry<'assignment_candidates', 'candidate'> = {
  en: en.assignment_candidates,
  it: it.assignment_candidates,
  codes: { candidate: codes.candidate },
};
export const more_documents_requested: EmailEntry<'more_documents_requested'> = {
  en: en.more_documents_requested,
  it: it.more_documents_requested,
};
export const triage_delayed: EmailEntry<'triage_delayed'> = { en: en.triage_delayed, it: it.triage_delayed };
export const report_delayed: EmailEntry<'report_delayed'> = { en: en.report_delayed, it: it.report_delayed };
export const report_extended: EmailEntry<'report_extended', 'extensionReason'> = {
  en: en.report_extended,
  it: it.report_extended,
  codes: { extensionReason: codes.extensionReason },
};
export const triage_escalation: EmailEntry<'triage_escalation'> = {
  en: en.triage_escalation,
  it: it.triage_escalation,
};
export const payment_expired: EmailEntry<'payment_expired'> = {
  en: en.payment_expired,
  it: it.payment_expired,
};
export const assignment_escalation: EmailEntry<'assignment_escalation', 'candidate'> = {
  en: en.assignment_escalation,
  it: it.assignment_escalation,
  codes: { candidate: codes.candidate },
};
export const report_task: EmailEntry<'report_task', 'reportNote'> = {
  en: en.report_task,
  it: it.report_task,
  codes: { reportNote: codes.reportNote },
};
export const report_reminder: EmailEntry<'report_reminder'> = {
  en: en.report_reminder,
  it: it.report_reminder,
};
export const report_escalation: EmailEntry<'report_escalation', 'candidate'> = {
  en: en.report_escalation,
  it: it.report_escalation,
  codes: { candidate: codes.candidate },
};
export const case_rejected_office: EmailEntry<'case_rejected_office'> = {
  en: en.case_rejected_office,
  it: it.case_rejected_office,
};
export const case_stopped: EmailEntry<'case_stopped', 'step' | 'caseReason'> = {
  en: en.case_stopped,
  it: it.case_stopped,
  codes: { step: codes.step, caseReason: codes.caseReason },
};
export const treatment_request: EmailEntry<'treatment_request', 'languageName'> = {
  en: en.treatment_request,
  it: it.treatment_request,
  codes: { languageName: codes.languageName },
};
export const draft_reminder: EmailEntry<'draft_reminder'> = { en: en.draft_reminder, it: it.draft_reminder };
export const task_assigned: EmailEntry<'task_assigned', 'task'> = {
  en: en.task_assigned,
  it: it.task_assigned,
  codes: { task: codes.task },
};
export const task_reminder: EmailEntry<'task_reminder', 'task'> = {
  en: en.task_reminder,
  it: it.task_reminder,
  codes: { task: codes.task },
};
export const task_escalation: EmailEntry<'task_escalation', 'task' | 'taskWho'> = {
  en: en.task_escalation,
  it: it.task_escalation,
  codes: { task: codes.task, taskWho: codes.taskWho },
};
export const task_done: EmailEntry<'task_done', 'task' | 'taskWho'> = {
  en: en.task_done,
  it: it.task_done,
  codes: { task: codes.task, taskWho: codes.taskWho },
};
export const courier_shipped: EmailEntry<'courier_shipped'> = {
  en: en.courier_shipped,
  it: it.courier_shipped,
};
export const case_link: EmailEntry<'case_link'> = { en: en.case_link, it: it.case_link };
export const daily_digest: EmailEntry<'daily_digest', 'step' | 'caseReason'> = {
  en: en.daily_digest,
  it: it.daily_digest,
  codes: { step: codes.step, caseReason: codes.caseReason },
};
