/**
 * The words for every code the service stores or the API returns: case statuses, document states
 * and types, next steps, checklist problems, reasons, consultation types, quote lines. Shared by
 * the pages (server and browser), the emails and the staff pages. The areas the emails put in words
 * are exports of their own, so that a function's emails bundle only those they read
 * (emails/code-formats.ts); `codes` holds every area.
 */
import type { CodeWords } from '../codes.ts';

export const consultationTypes: CodeWords['consultationTypes'] = {
  surgical: 'Surgical',
  oncological: 'Oncological',
  cardio_oncological: 'Cardio-oncological',
  radiotherapy: 'Radiotherapy',
};

/** Additional consultations the configuration may price (ADDITIONAL_PRICES keys). */
export const additional: CodeWords['additional'] = {
  histology_review: 'Histology review (re-reading the slides)',
  surgical_review: 'Surgical consultation',
  oncological_review: 'Oncological consultation',
  cardio_oncological_review: 'Cardio-oncological consultation',
  radiotherapy_review: 'Radiotherapy consultation',
};

export const steps: CodeWords['steps'] = {
  triage: 'triage',
  documents: 'the documents requested at triage',
  payment: 'payment',
  assignment: 'the choice of the specialist',
  report: 'the report',
  approval: "the patient's approval of an additional consultation",
  additional_payment: 'the payment of an additional consultation',
  consultations: 'the in-depth consultations approved',
  more_documents: 'the documents the specialist asked for',
};

export const caseReasons: CodeWords['caseReasons'] = {
  cancelled_by_patient: 'cancelled by the patient',
  rejected_at_triage: 'not accepted after the documents were checked',
  no_answer_from_patient: 'no answer from the patient in time',
  no_decision_from_staff: 'no decision from our staff in time',
  processing_error: 'a technical problem',
  cancelled_by_office: 'cancelled by our office; the payment is refunded',
};

export const extensionReasons: CodeWords['extensionReasons'] = {
  complex_case: 'your case needs a more thorough study',
  specialist_consultation: 'the specialist is consulting a colleague on your case',
  specialist_unavailable: 'the specialist was unexpectedly unavailable',
};

export const reportNotes: CodeWords['reportNotes'] = {
  additional_approved: 'The patient approved the additional consultation ({consultation}).',
  additional_declined: 'The patient declined the additional consultation ({consultation}).',
  additional_lapsed:
    'The patient did not answer about the additional consultation ({consultation}): please go on without it.',
  additional_unpaid:
    'The additional consultation ({consultation}) was approved but not paid in time: please go on without it.',
  consultations_done:
    'All in-depth consultations are done ({consultation}): their outcomes are on the report page.',
  consultations_lapsed:
    'Not every in-depth consultation was done in time ({consultation}): please go on with the outcomes on the report page.',
  documents_received: 'The patient sent the documents you asked for: the report clock runs again.',
  documents_not_received:
    'The patient did not send the documents you asked for in time: please go on with what you have.',
  reassigned: 'This report has been given to you by the specialist lead.',
  extended: 'The specialist lead extended the due time.',
};

export const exceptionKinds: CodeWords['exceptionKinds'] = {
  underpayment: 'less than the amount due',
  overpayment: 'more than the amount due',
  unknown_reference: 'no payment reference of ours',
  wrong_check_digit: 'a payment reference whose check digits are wrong',
  duplicate_line: 'a second payment of an amount already paid',
  closed_case: 'a payment for a request that is closed',
};

export const refundReasons: CodeWords['refundReasons'] = {
  cancelled: 'the request was cancelled',
  failed: 'the request could not be completed',
  overpayment: 'more was paid than was due',
  duplicate: 'the same amount was paid twice',
  closed_case: 'the payment arrived for a closed request',
  late_payment: 'the payment arrived late and is returned',
  unknown_payer: 'the payment could not be matched to a request',
};

export const candidate: CodeWords['candidate'] = '{name} ({types}; {languages}; {open} open cases)';

export const tasks: CodeWords['tasks'] = {
  contribution: 'a contribution to the report',
  consultation: 'an in-depth consultation',
  slides_receipt: 'the receipt of the slides',
  pathology_result: 'the revised diagnosis of the slides',
  slides_return: 'the return of the slides',
  courier_shipment: 'the shipment of the report by courier',
  courier_delivery: 'the delivery of the report by courier',
};

export const taskWho: CodeWords['taskWho'] = { office: 'the office', pathology: 'the Pathological Anatomy' };

export const languageNames: CodeWords['languageNames'] = { en: 'English', it: 'Italiano' };

export const codes: CodeWords = {
  locale: 'en-GB',
  statuses: {
    draft: 'Waiting for your documents',
    triage: 'A doctor is checking your documents',
    documents_requested: 'More documents needed',
    awaiting_payment: 'Waiting for payment',
    assignment: 'Payment received: choosing your specialist',
    in_report: 'The specialist is writing your report',
    awaiting_approval: 'Waiting for your answer on an additional consultation',
    awaiting_additional_payment: 'Waiting for the payment of the additional consultation',
    in_consultation: 'The consultations you approved are under way',
    more_documents_requested: 'The specialist needs more documents',
    released: 'Your report is ready',
    rejected: 'Your request could not be accepted',
    expired: 'Your request has closed',
    cancelled: 'Your request was cancelled',
    timed_out: 'Our office is looking into your request',
    failed: 'Our office is looking into your request',
  },
  documentStates: {
    uploading: 'Uploading',
    upload_failed: 'Upload failed: please try again',
    upload_pending: 'Waiting for the file',
    not_received: 'Not received: please upload it again',
    checking: 'Checking the file',
    reading: 'Reading the document',
    classified: 'Recognised as: {type}',
    needs_review: 'A doctor will check this document',
    rejected: 'Not accepted: {reason}',
    failed: 'Could not be processed: {reason}',
    duplicate: 'Same file as "{original}": you do not need to send it twice',
  },
  next: {
    upload_documents: 'Please upload your documents as PDF files.',
    wait_for_documents_check:
      'We are checking your files. This takes a few minutes; you can keep this page open.',
    submit: 'When all your documents are here, press "Send my documents to the doctor".',
    send_requested_documents:
      'The doctor asked for more documents. Upload them, then press "Send my documents to the doctor" again.',
    wait_for_triage: 'A doctor is checking that your documents are complete. You will hear from us by email.',
    pay: 'Your documents are complete. Please pay by bank transfer with the details below.',
    wait_for_report:
      'The specialist is working on your case. You will receive an email when the report is ready.',
    answer_additional_consultation:
      'The specialist proposes an additional consultation. We sent you an email with its price and the links to approve or decline it.',
    download_report: 'Your report is ready. You can download it below.',
    none: 'Nothing is needed from you right now.',
  },
  problems: {
    required_missing: 'Missing: {documentType}.',
    proxy_authorization_missing:
      'Missing: a proxy authorization signed by the patient, because someone else is applying for them.',
    oncologist_report_too_old:
      'The oncologist\'s report "{fileName}" is {ageDays} days old; it must be at most {maxDays} days old. Please ask for an updated report.',
    oncologist_report_undated: 'We could not find the date of the oncologist\'s report "{fileName}".',
    oncologist_report_missing_sections: 'The oncologist\'s report "{fileName}" seems to lack: {sections}.',
    translation_needed: '"{fileName}" is not in English or Italian: please send an official translation.',
    blood_tests_not_needed:
      '"{fileName}" looks like blood tests: these are not needed unless a doctor asks for them.',
    duplicate_file: '"{fileName}" is the same file as "{originalFileName}".',
    rejected_file: '"{fileName}" was not accepted because {reason}. Please upload it again as a PDF.',
    failed_file: '"{fileName}" could not be processed because {reason}. Our staff will check it.',
    needs_review: '"{fileName}" will be checked by a doctor: we could not recognise it with certainty.',
    still_processing: '{count} file(s) are still being read. This takes a few minutes.',
    declared_type_differs:
      'You said "{fileName}" is {declaredType}; we read it as {documentType}. A doctor will check which is right.',
  },
  consultationTypes,
  quoteLines: {
    base: 'Second opinion',
    update: 'Update of a previous second opinion',
    courier: 'Report by courier',
    additional: 'Additional consultation: {name}',
  },
  documentTypes: {
    oncologist_report: "Treating oncologist's report",
    pathology_report: 'Pathology (histology) report',
    imaging_report: 'Imaging report',
    surgical_report: 'Surgical report',
    discharge_letter: 'Discharge letter',
    therapy_record: 'Therapy record',
    molecular_report: 'Molecular / genetic test report',
    lab_results: 'Blood tests',
    request_form: 'Signed request form',
    privacy_consent: 'Privacy consent',
    identity_document: 'Identity document',
    proxy_authorization: 'Proxy authorization',
    other: 'Other document',
  },
  sections: {
    diagnosis: 'diagnosis',
    stage: 'stage',
    non_cancer_history: 'non-cancer medical history',
    cancer_history: 'cancer history',
    treatments: 'treatments with doses',
    current_problems: 'current problems',
    clinical_question: 'the clinical question',
  },
  reasons: {
    not_pdf: 'it is not a PDF file',
    empty: 'the file is empty',
    too_large: 'the file is too large',
    encrypted: 'it is protected by a password',
    corrupt: 'the file is damaged and cannot be opened',
    too_many_pages: 'it has too many pages',
    text_detection_failed: 'we could not read it',
    check_failed: 'our check of the file could not be completed',
    not_received: 'the file never arrived',
    no_text: 'no text could be read (is it a photo?)',
    page_cap: 'it is beyond the pages we read automatically for one request: a doctor will read it',
    unknown: 'of a problem on our side',
  },
  additional,
  steps,
  caseReasons,
  extensionReasons,
  reportNotes,
  exceptionKinds,
  refundReasons,
  candidate,
  diseaseSites: {
    breast: 'Breast',
    lung: 'Lung',
    gastrointestinal: 'Gastrointestinal',
    gynaecological: 'Gynaecological',
    urological: 'Urological',
    haematological: 'Haematological',
    melanoma_skin: 'Melanoma and skin',
    head_neck: 'Head and neck',
    sarcoma: 'Sarcoma',
    neuro_oncology: 'Neuro-oncology',
  },
  tasks,
  taskWho,
  languageNames,
};
