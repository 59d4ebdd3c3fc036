/**
 * Every email the service sends, in both languages: the notifier of the CLI, the local stack's tools
 * and the tests (shared/app/deps.ts). A Lambda's notifier holds only the kinds it sends (lint keeps
 * functions from importing this module). Typed by every notice kind, so a kind added without its
 * words fails typecheck.
 */
import * as emails from '#presentation/i18n/email-words.ts';
import type { NoticeKind } from '#usecases/notices.ts';
import type { EmailCatalogue } from './content.ts';

export const EVERY_EMAIL: EmailCatalogue<NoticeKind> = {
  case_created: emails.case_created,
  documents_requested: emails.documents_requested,
  documents_reminder: emails.documents_reminder,
  payment_details: emails.payment_details,
  histology_shipping: emails.histology_shipping,
  additional_payment_details: emails.additional_payment_details,
  additional_payment_reminder: emails.additional_payment_reminder,
  refund_done: emails.refund_done,
  case_withdrawn: emails.case_withdrawn,
  payment_exception: emails.payment_exception,
  statement_imported: emails.statement_imported,
  statement_refused: emails.statement_refused,
  refund_due: emails.refund_due,
  late_payment_reopened: emails.late_payment_reopened,
  payment_reminder: emails.payment_reminder,
  payment_received: emails.payment_received,
  specialist_assigned: emails.specialist_assigned,
  additional_approval: emails.additional_approval,
  approval_reminder: emails.approval_reminder,
  report_ready: emails.report_ready,
  case_rejected: emails.case_rejected,
  case_expired: emails.case_expired,
  case_cancelled: emails.case_cancelled,
  triage_request: emails.triage_request,
  payment_confirmation_request: emails.payment_confirmation_request,
  assignment_candidates: emails.assignment_candidates,
  more_documents_requested: emails.more_documents_requested,
  triage_delayed: emails.triage_delayed,
  report_delayed: emails.report_delayed,
  report_extended: emails.report_extended,
  triage_escalation: emails.triage_escalation,
  payment_expired: emails.payment_expired,
  assignment_escalation: emails.assignment_escalation,
  report_task: emails.report_task,
  report_reminder: emails.report_reminder,
  report_escalation: emails.report_escalation,
  case_rejected_office: emails.case_rejected_office,
  case_stopped: emails.case_stopped,
  treatment_request: emails.treatment_request,
  draft_reminder: emails.draft_reminder,
  task_assigned: emails.task_assigned,
  task_reminder: emails.task_reminder,
  task_escalation: emails.task_escalation,
  task_done: emails.task_done,
  courier_shipped: emails.courier_shipped,
  case_link: emails.case_link,
  daily_digest: emails.daily_digest,
};
