/**
 * What a payment's receipt says (the patient downloads one per payment): the hospital's name,
 * address and VAT number, the patient's name and codice fiscale when given, the service paid for,
 * the amount, its value date and the case reference. Data only; the PDF is drawn in presentation.
 */
import type { Language } from '#domain/model.ts';
import type { QuoteLine } from '#domain/pricing.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import { loadLedger } from './ledger.ts';

export interface ReceiptData {
  /** The case reference and the payment's place among its payments: SO-2026-7K3Q-XM4D/1. */
  number: string;
  caseReference: string;
  language: Language;
  hospital: { name: string; address: string; vatNumber: string };
  patient: { name: string; taxCode?: string };
  /** The service the amount paid for (the amount due's lines). */
  lines: QuoteLine[];
  amountCents: number;
  valueDate: string;
  paymentReference: string;
}

export async function receiptData(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'>,
  caseId: string,
  token: string,
  paymentId: string,
): Promise<ReceiptData> {
  const c = await authorisePatient(d, caseId, token);
  const ledger = await loadLedger(d, c);
  const index = ledger.payments.findIndex((p) => p.paymentId === paymentId);
  const payment = ledger.payments[index];
  const due = payment && ledger.dues.find((x) => x.itemId === payment.itemId);
  if (!payment || !due) throw new Refusal('payment_not_found');
  return {
    number: `${c.reference}/${index + 1}`,
    caseReference: c.reference,
    language: c.language,
    hospital: {
      name: d.config.HOSPITAL_NAME,
      address: d.config.OFFICE_ADDRESS,
      vatNumber: d.config.HOSPITAL_VAT_NUMBER,
    },
    patient: {
      name: `${c.patient.firstName} ${c.patient.lastName}`,
      ...(c.patient.taxCode ? { taxCode: c.patient.taxCode } : {}),
    },
    lines: due.lines,
    amountCents: payment.amountCents,
    valueDate: payment.valueDate,
    paymentReference: due.reference,
  };
}
