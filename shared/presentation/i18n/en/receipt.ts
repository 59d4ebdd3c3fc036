/** The words of a payment receipt (PDF). */
export const receipt = {
  title: 'Receipt',
  number: 'Receipt no.',
  vatNumber: 'VAT number',
  received: 'Received from',
  taxCode: 'Tax code (codice fiscale)',
  service: 'Service',
  amount: 'Amount paid',
  valueDate: 'Date of payment',
  caseReference: 'Request reference',
  paymentReference: 'Payment reference',
  note: 'Please keep this receipt for your tax return.',
  fileName: 'receipt',
};
