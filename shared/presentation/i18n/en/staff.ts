/**
 * The words of the action-link pages: what a link asks (title, explanation, button), the form's
 * fields, the refusals (invalid, expired, moved on, already answered) and form problems.
 */
export const staff = {
  reference: 'Case reference',
  types: 'Consultation types',
  documents: 'Documents',
  due: 'Due',
  amount: 'Amount',
  amountReceived: 'Amount received (EUR)',
  valueDate: 'Value date of the transfer',
  note: 'Note (optional)',
  unclassified: 'not yet classified',
  invalid: [
    'This link is not valid',
    'Please check that you opened the whole link from the email. If it still does not work, the link may have been mistyped.',
  ],
  expired: [
    'This link has expired',
    'Links in our emails work for a limited time. If something is still needed from you, you will receive a new email.',
  ],
  closed: [
    'This request has moved on',
    'The case is no longer waiting for this answer, so the link cannot be used any more. Nothing else is needed from you here.',
  ],
  superseded: [
    'A newer email has this link',
    'We sent you this request again in a newer email, with new links; this one no longer works. Please use the links in the newest email.',
  ],
  decided: (by: string, what: string, at: string) => [
    'Already answered',
    `This request was already answered: ${by} chose "${what}" on ${at}. Only the first answer counts.`,
  ],
  roles: { patient: 'the patient', office: 'the office', system: 'the system' },
  done: ['Thank you', 'Your answer has been recorded. You can close this page.'],
  problem: 'Please correct this and try again:',
  decisions: {
    complete: [
      'Documentation complete',
      'Confirm that the documentation is complete and correct. The patient then receives the payment details.',
      'Confirm: complete',
    ],
    request_documents: [
      'Request documents',
      'List what the patient must still send (one per line). The patient receives the list.',
      'Send the request',
    ],
    reject: [
      'Reject the request',
      'The request will not go forward and the patient is told; nothing is charged. The reason is kept for the office.',
      'Confirm rejection',
    ],
    confirm_payment: [
      'Payment received',
      'Confirm that the bank transfer with this reference has arrived. The case then goes to a specialist.',
      'Confirm payment received',
    ],
    assign: ['Assign the specialist', 'Confirm this specialist for the case.', 'Assign'],
    release: [
      'Upload and release the report',
      'Choose the report (PDF). It is uploaded, checked, and released to the patient when you confirm.',
      'Release the report',
    ],
    request_additional: [
      'Request an additional consultation',
      'The patient is asked to approve it and its price before it is done. The report time is paused meanwhile.',
      'Ask the patient',
    ],
    approve: [
      'Approve the additional consultation',
      'You agree to the additional consultation and its price.',
      'I approve',
    ],
    decline: [
      'Decline the additional consultation',
      'The specialist writes the report without it.',
      'I decline',
    ],
    reassign: [
      'Give the report to another specialist',
      'The case goes to this specialist, who keeps the due time with at least 2 working days; the patient is told if it moves.',
      'Reassign',
    ],
    extend: [
      'Extend the due time',
      'Once only: the report is due later by the working days you choose, and the patient is told the new date and the reason you choose.',
      'Extend',
    ],
    reopen: [
      'Re-open for payment',
      'The request closed because the payment did not arrive in time. Re-open it when the transfer has arrived late: the case goes on as if it had been waiting.',
      'Re-open',
    ],
    view: ['The case', 'What we know of the case.', ''],
    documents: ['Case documents', 'The documents of the case. Each link works for a few minutes.', ''],
  } as Record<string, [title: string, intro: string, button: string]>,
  documentsToList: 'Documents the patient must send',
  reason: 'Reason',
  reasonForPatient: 'Reason (the patient reads it)',
  workingDays: 'By how many working days',
  extensionReason: 'Why (the patient is told)',
  consultation: 'Consultation',
  candidate: 'Specialist',
  file: 'Report (PDF)',
  uploading: 'Uploading…',
  uploadFailed: 'The upload failed. Please try again.',
  proposed: 'Proposed consultation',
  /** The office's ledger links: a statement credit to decide, a refund to record, a late payment to refund. */
  office: {
    titles: {
      exception: 'A bank transfer to check',
      refund: 'A refund to make',
      withdraw: 'Refund the late payment instead',
    },
    intros: {
      exception: 'This credit on the bank statement could not be matched exactly. Choose what to do with it.',
      refund: 'Send this amount back to the payer, then record the transfer here. The patient is told.',
      withdraw:
        'The payment arrived after the request expired and the request was re-opened. If the hospital prefers to return the money, cancel the request here: a refund task follows and the patient is told.',
    },
    why: 'Why',
    valueDate: 'Value date',
    payer: 'Payer',
    payerAccount: "Payer's account",
    remittance: 'What the payer wrote',
    resolutions: {
      accept: 'Accept as paid in full',
      assign: 'It belongs to this request',
      refund: 'Refund it to the payer',
      dismiss: 'Leave it as it is (handled elsewhere)',
    },
    assignTo: 'Case reference (for "It belongs to this request")',
    bankReference: 'Bank reference of the refund (optional)',
    buttons: { exception: 'Confirm', refund: 'Refund made', withdraw: 'Cancel and refund' },
    done: ['Recorded', 'Thank you: this is recorded. You can close this page.'],
    used: ['Already done', 'This was already decided or recorded; only the first answer counts.'],
  },
  problems: {
    resolution_invalid: 'Please choose what to do with this payment.',
    reference_unknown: 'No request has this reference. Please check it.',
    amount_invalid: 'Please enter the amount received in euros, for example 500,00.',
    value_date_invalid: 'Please enter the value date of the transfer (not in the future).',
    documents_required: 'Please list the documents the patient must send, one per line.',
    consultation_required: 'Please choose the additional consultation.',
    reason_required: 'Please write the reason the patient will read.',
    report_missing: 'The report has not arrived. Please choose the file again.',
    report_size: 'The report file is empty or too large.',
    report_pdf: 'The report must be a readable PDF, not password-protected.',
    unknown: 'Something in the form is not right. Please check it and try again.',
  } as Record<string, string>,
};
