import {
  additional_approval,
  additional_payment_details,
  assignment_candidates,
  documents_requested,
  more_documents_requested,
  payment_confirmation_request,
  payment_details,
  report_task,
  triage_request,
} from '#presentation/i18n/email-words.ts';

/** The emails that carry a step's links: sent when its wait opens, and again by a reminder. */
export const stepLinkEmails = {
  triage_request,
  documents_requested,
  more_documents_requested,
  payment_details,
  payment_confirmation_request,
  additional_payment_details,
  assignment_candidates,
  report_task,
  additional_approval,
};
