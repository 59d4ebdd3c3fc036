/**
 * What a use case refuses, by code. The HTTP edge (shared/http/errors.ts) maps each code to a
 * status and a message; the pages put codes in the reader's language. Task errors of the state
 * machine are WorkflowErrors, named by code so the ASL's Catch can match them.
 */
export const REFUSAL_CODES = [
  'unauthorized',
  'not_found',
  'invalid_body',
  'invalid_json',
  'json_required',
  'validation_failed',
  'conflict',
  'previous_case_not_found',
  'previous_case_not_released',
  'previous_case_too_old',
  'courier_closed',
  'unsupported_media_type',
  'empty_file',
  'file_too_large',
  'uploads_closed',
  'too_many_files',
  'case_too_large',
  'documents_in_progress',
  'no_documents',
  'not_waiting',
  'already_submitted',
  'cannot_cancel',
  'not_released',
  'read_only',
  'documents_required',
  'consultation_required',
  'reason_required',
  'contribution_required',
  'shipment_required',
  'disease_site_invalid',
  'remit_invalid',
  'link_not_open',
  'too_large',
  'report_missing',
  'report_size',
  'report_not_pdf',
  'report_empty',
  'report_too_large',
  'report_encrypted',
  'report_corrupt',
  'report_too_many_pages',
  'not_resumable',
  'specialist_unavailable',
  'extension_invalid',
  'already_extended',
  'amount_invalid',
  'value_date_invalid',
  'resolution_invalid',
  'reference_unknown',
  'payment_not_found',
  'not_withdrawable',
  'statement_invalid',
  'not_reassignable',
  'staff_unavailable',
  'not_expired',
  'too_many_requests',
  'link_expired',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** A request the use case will not carry out, and why (details are data: limits, fields). */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly code: RefusalCode,
    readonly details?: unknown,
  ) {
    super(code);
  }
}

/** A state machine task that cannot go on; its name is its code. */
export class WorkflowError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowError';
  }
}
