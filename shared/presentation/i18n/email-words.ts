/**
 * The emails' words by language; the Italian signature is typed by the English (it/emails.ts), and
 * every kind's template by its notice's data (emails/content.ts), so neither language lacks one.
 *
 * Each kind below is its template in both languages (a notice goes out in its reader's language),
 * one export per kind: a function's notifier is given the kinds it sends
 * (`email({ case_link })`, shared/app/wiring/email.ts) and its bundle carries those words alone.
 * Every kind at once is emails/every-email.ts (the CLI, the local stack's tools, tests).
 */
import type { Language } from '#domain/model.ts';
import type { EmailTemplate, EmailWords } from '#presentation/emails/content.ts';
import type { NoticeKind } from '#usecases/notices.ts';
import * as en from './en/emails.ts';
import * as it from './it/emails.ts';

const WORDS: Record<Language, EmailWords> = { en: en.emails, it: it.emails };

/** What every email says beside its own words: greeting, signature, contact, note. */
export function emailWords(lang: Language): EmailWords {
  return WORDS[lang];
}

type Both<K extends NoticeKind> = Record<Language, EmailTemplate<K>>;

export const case_created: Both<'case_created'> = { en: en.case_created, it: it.case_created };
export const documents_requested: Both<'documents_requested'> = {
  en: en.documents_requested,
  it: it.documents_requested,
};
export const documents_reminder: Both<'documents_reminder'> = {
  en: en.documents_reminder,
  it: it.documents_reminder,
};
export const payment_details: Both<'payment_details'> = { en: en.payment_details, it: it.payment_details };
export const histology_shipping: Both<'histology_shipping'> = {
  en: en.histology_shipping,
  it: it.histology_shipping,
};
export const additional_payment_details: Both<'additional_payment_details'> = {
  en: en.additional_payment_details,
  it: it.additional_payment_details,
};
export const additional_payment_reminder: Both<'additional_payment_reminder'> = {
  en: en.additional_payment_reminder,
  it: it.additional_payment_reminder,
};
export const refund_done: Both<'refund_done'> = { en: en.refund_done, it: it.refund_done };
export const case_withdrawn: Both<'case_withdrawn'> = { en: en.case_withdrawn, it: it.case_withdrawn };
export const payment_exception: Both<'payment_exception'> = {
  en: en.payment_exception,
  it: it.payment_exception,
};
export const statement_imported: Both<'statement_imported'> = {
  en: en.statement_imported,
  it: it.statement_imported,
};
export const statement_refused: Both<'statement_refused'> = {
  en: en.statement_refused,
  it: it.statement_refused,
};
export const refund_due: Both<'refund_due'> = { en: en.refund_due, it: it.refund_due };
export const late_payment_reopened: Both<'late_payment_reopened'> = {
  en: en.late_payment_reopened,
  it: it.late_payment_reopened,
};
export const payment_reminder: Both<'payment_reminder'> = {
  en: en.payment_reminder,
  it: it.payment_reminder,
};
export const payment_received: Both<'payment_received'> = {
  en: en.payment_received,
  it: it.payment_received,
};
export const specialist_assigned: Both<'specialist_assigned'> = {
  en: en.specialist_assigned,
  it: it.specialist_assigned,
};
export const additional_approval: Both<'additional_approval'> = {
  en: en.additional_approval,
  it: it.additional_approval,
};
export const approval_reminder: Both<'approval_reminder'> = {
  en: en.approval_reminder,
  it: it.approval_reminder,
};
export const report_ready: Both<'report_ready'> = { en: en.report_ready, it: it.report_ready };
export const case_rejected: Both<'case_rejected'> = { en: en.case_rejected, it: it.case_rejected };
export const case_expired: Both<'case_expired'> = { en: en.case_expired, it: it.case_expired };
export const case_cancelled: Both<'case_cancelled'> = { en: en.case_cancelled, it: it.case_cancelled };
export const triage_request: Both<'triage_request'> = { en: en.triage_request, it: it.triage_request };
export const payment_confirmation_request: Both<'payment_confirmation_request'> = {
  en: en.payment_confirmation_request,
  it: it.payment_confirmation_request,
};
export const assignment_candidates: Both<'assignment_candidates'> = {
  en: en.assignment_candidates,
  it: it.assignment_candidates,
};
export const more_documents_requested: Both<'more_documents_requested'> = {
  en: en.more_documents_requested,
  it: it.more_documents_requested,
};
export const triage_delayed: Both<'triage_delayed'> = { en: en.triage_delayed, it: it.triage_delayed };
export const report_delayed: Both<'report_delayed'> = { en: en.report_delayed, it: it.report_delayed };
export const report_extended: Both<'report_extended'> = { en: en.report_extended, it: it.report_extended };
export const triage_escalation: Both<'triage_escalation'> = {
  en: en.triage_escalation,
  it: it.triage_escalation,
};
export const payment_expired: Both<'payment_expired'> = { en: en.payment_expired, it: it.payment_expired };
export const assignment_escalation: Both<'assignment_escalation'> = {
  en: en.assignment_escalation,
  it: it.assignment_escalation,
};
export const report_task: Both<'report_task'> = { en: en.report_task, it: it.report_task };
export const report_reminder: Both<'report_reminder'> = { en: en.report_reminder, it: it.report_reminder };
export const report_escalation: Both<'report_escalation'> = {
  en: en.report_escalation,
  it: it.report_escalation,
};
export const case_rejected_office: Both<'case_rejected_office'> = {
  en: en.case_rejected_office,
  it: it.case_rejected_office,
};
export const case_stopped: Both<'case_stopped'> = { en: en.case_stopped, it: it.case_stopped };
export const treatment_request: Both<'treatment_request'> = {
  en: en.treatment_request,
  it: it.treatment_request,
};
export const draft_reminder: Both<'draft_reminder'> = { en: en.draft_reminder, it: it.draft_reminder };
export const task_assigned: Both<'task_assigned'> = { en: en.task_assigned, it: it.task_assigned };
export const task_reminder: Both<'task_reminder'> = { en: en.task_reminder, it: it.task_reminder };
export const task_escalation: Both<'task_escalation'> = { en: en.task_escalation, it: it.task_escalation };
export const task_done: Both<'task_done'> = { en: en.task_done, it: it.task_done };
export const courier_shipped: Both<'courier_shipped'> = { en: en.courier_shipped, it: it.courier_shipped };
export const case_link: Both<'case_link'> = { en: en.case_link, it: it.case_link };
export const daily_digest: Both<'daily_digest'> = { en: en.daily_digest, it: it.daily_digest };
