/**
 * The messages of the JSON API's errors, by code, in English: API clients act on codes, and the
 * pages put codes in the reader's language themselves.
 */
import type { RefusalCode } from '#usecases/errors.ts';

const reportPdf = 'The report must be a readable PDF, not password-protected.';

export const api = {
  unauthorized: 'A valid access token is required.',
  not_found: 'Not found.',
  invalid_body: 'The request needs a JSON body.',
  invalid_json: 'The request body is not valid JSON.',
  json_required: 'The request body must be JSON, sent with the content type application/json.',
  validation_failed: 'Some fields are missing or not valid.',
  conflict: 'The case changed while this request was handled. Please try again.',
  previous_case_not_found:
    'We could not find a previous request with this reference for this patient. Please check the reference in our earlier email.',
  previous_case_not_released:
    'An update can only follow a request whose report was released. Please check the reference, or send a new request.',
  previous_case_too_old:
    'An update must be requested within 12 months of the earlier request. Please send a new request.',
  courier_closed: 'The courier can no longer be requested: the report was already released.',
  unsupported_media_type: 'Only PDF files can be uploaded.',
  empty_file: 'The file is empty.',
  file_too_large: 'A file is too large.',
  uploads_closed: 'Documents cannot be added to this case any more.',
  too_many_files: 'This case holds as many files as it can.',
  case_too_large: 'The files of this case are too large in total.',
  documents_in_progress:
    'Some documents are still uploading or being checked. Please wait a moment and try again.',
  no_documents: 'Please upload at least one PDF document before sending.',
  not_waiting: 'Your case is not waiting for documents right now.',
  already_submitted: 'Your documents were already sent. We will write to you by email.',
  cannot_cancel:
    'This case can no longer be cancelled online because the payment has been received. Please contact the office.',
  not_released: 'Your report is not ready yet.',
  read_only: 'This link only shows the documents.',
  documents_required: 'Please list the documents the patient must send, one per line.',
  consultation_required: 'Please choose the additional consultation.',
  reason_required: 'Please write the reason the patient will read.',
  contribution_required: 'Please upload a PDF or write a short note.',
  shipment_required: 'Please give the carrier and the tracking number.',
  disease_site_invalid: 'Please choose the disease site from the list.',
  remit_invalid: 'Please say whether the update falls within the remit of the previous physician.',
  link_not_open: 'This link can no longer be used to upload a report.',
  too_large: 'The report file is too large.',
  report_missing: 'The report has not arrived yet. Please upload it again.',
  report_size: 'The report file is empty or too large.',
  report_not_pdf: reportPdf,
  report_empty: reportPdf,
  report_too_large: reportPdf,
  report_encrypted: reportPdf,
  report_corrupt: reportPdf,
  report_too_many_pages: reportPdf,
  not_resumable: 'This case is not stopped, so there is nothing to resume.',
  specialist_unavailable: 'This specialist is no longer available. Please choose another.',
  extension_invalid: 'Please choose by how many working days (1 to 5) and why.',
  already_extended: 'This report was already extended once.',
  amount_invalid: 'Please enter the amount received in euros, for example 500,00.',
  value_date_invalid: 'Please enter the value date of the transfer (not in the future).',
  resolution_invalid: 'Please choose what to do with this payment.',
  reference_unknown: 'No request has this reference or payment reference.',
  payment_not_found: 'There is no such payment on this request.',
  not_withdrawable: 'This request cannot be cancelled with a refund in its current state.',
  statement_invalid: 'The file is not a camt.053 bank statement we can read.',
  not_reassignable:
    'This step is answered by the patient or the office: it cannot be given to a staff member.',
  staff_unavailable: 'This staff member is not active or cannot decide this step.',
  not_expired: 'This case has not expired, so there is nothing to re-open.',
  too_many_requests:
    'Too many requests were opened from here or for this email address. Please try again later.',
  link_expired: 'This link has expired: the case closed some time ago. Please contact the office.',
  internal: 'Something went wrong on our side. Please try again later.',
} satisfies Record<RefusalCode | 'internal', string>;
