/** The receipt PDF, read back as text (unpdf): every fact the patient needs, in their language. */
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { checkPdf } from '#domain/pdf-check.ts';
import { receiptPdf } from '#presentation/receipt-pdf.ts';
import type { ReceiptData } from '#usecases/payments/receipt.ts';

const DATA: ReceiptData = {
  number: 'SO-2026-7K3Q-XM4D/2',
  caseReference: 'SO-2026-7K3Q-XM4D',
  language: 'it',
  hospital: {
    name: 'Ospedale Oncologico di Milano',
    address: 'Via Ripamonti 435, 20141 Milano',
    vatNumber: 'IT12345678903',
  },
  patient: { name: 'Niccolò Bianchi', taxCode: 'BNCNCC80A01F205W' },
  lines: [{ code: 'additional:histology_review', amountCents: 30_000 }],
  amountCents: 30_000,
  valueDate: '2026-03-04',
  paymentReference: 'RF33SO20267K3QXM4DA1',
};

async function textOf(pdf: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

describe('the receipt PDF', () => {
  it('names the hospital, its VAT number, the patient and codice fiscale, the service, amount, date and references, in Italian', async () => {
    const text = await textOf(receiptPdf(DATA));
    for (const fact of [
      'Ospedale Oncologico di Milano',
      'Via Ripamonti 435, 20141 Milano',
      'Partita IVA: IT12345678903',
      'Ricevuta n.',
      'SO-2026-7K3Q-XM4D/2',
      'Niccolò Bianchi',
      'BNCNCC80A01F205W',
      'Revisione',
      '300,00 €',
      '4 marzo 2026',
      'RF33SO20267K3QXM4DA1',
    ]) {
      expect(text).toContain(fact);
    }
  });

  it('is in English for an English-speaking patient, without a tax code when none was given', async () => {
    const { taxCode: _, ...patient } = DATA.patient;
    const text = await textOf(receiptPdf({ ...DATA, language: 'en', patient }));
    expect(text).toContain('Receipt no.');
    expect(text).toContain('€300.00');
    expect(text).toContain('4 March 2026');
    expect(text).not.toContain('Tax code');
  });

  it("is one page that intake accepts, titled with its number, by the hospital, in the patient's language", async () => {
    const bytes = receiptPdf(DATA);
    expect(checkPdf(bytes, { maxPages: 10 })).toEqual({ ok: true, pages: 1 });
    const { info } = await (await getDocumentProxy(bytes)).getMetadata();
    expect({ ...info }).toMatchObject({
      Title: 'Ricevuta SO-2026-7K3Q-XM4D/2',
      Author: 'Ospedale Oncologico di Milano',
      Language: 'it',
    });
  });
});
