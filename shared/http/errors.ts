/**
 * The edge between use cases and HTTP: each refusal code becomes its status and the API's message
 * for it; the body is `{error: {code, message, details?}}` (docs/architecture.md, Contracts).
 */
import type { RefusalCode } from '#usecases/errors.ts';

export type Status = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429;

export const STATUS: Record<RefusalCode, Status> = {
  unauthorized: 401,
  not_found: 404,
  invalid_body: 400,
  invalid_json: 400,
  json_required: 415,
  validation_failed: 400,
  conflict: 409,
  previous_case_not_found: 422,
  previous_case_not_released: 422,
  previous_case_too_old: 422,
  courier_closed: 409,
  unsupported_media_type: 415,
  empty_file: 400,
  file_too_large: 413,
  uploads_closed: 409,
  too_many_files: 422,
  case_too_large: 413,
  documents_in_progress: 409,
  no_documents: 422,
  not_waiting: 409,
  already_submitted: 409,
  cannot_cancel: 409,
  not_released: 409,
  read_only: 400,
  documents_required: 422,
  consultation_required: 422,
  reason_required: 422,
  contribution_required: 422,
  shipment_required: 422,
  disease_site_invalid: 422,
  remit_invalid: 422,
  link_not_open: 410,
  too_large: 413,
  report_missing: 422,
  report_size: 422,
  report_not_pdf: 422,
  report_empty: 422,
  report_too_large: 422,
  report_encrypted: 422,
  report_corrupt: 422,
  report_too_many_pages: 422,
  not_resumable: 409,
  specialist_unavailable: 422,
  extension_invalid: 422,
  already_extended: 409,
  amount_invalid: 422,
  value_date_invalid: 422,
  resolution_invalid: 422,
  reference_unknown: 422,
  payment_not_found: 404,
  not_withdrawable: 409,
  statement_invalid: 422,
  not_reassignable: 409,
  staff_unavailable: 422,
  not_expired: 409,
  too_many_requests: 429,
  link_expired: 410,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
