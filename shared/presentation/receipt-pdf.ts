/**
 * A payment receipt as a one-page A4 PDF (pdf-lib, the standard Helvetica: its WinAnsi encoding
 * has the euro sign and Italian accents), in the patient's language, amounts and dates through
 * the one formatter. The text is real text, so a screen reader (and a test) can read it back.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { ReceiptData } from '#usecases/payments/receipt.ts';
import { money, siteDay } from './formats.ts';
import { dictionary } from './i18n/index.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/** Spaces Helvetica's WinAnsi cannot draw (narrow no-break ones Intl uses) become plain ones. */
const drawable = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

export async function receiptPdf(r: ReceiptData): Promise<Uint8Array> {
  const t = dictionary(r.language).receipt;
  const codes = dictionary(r.language).codes;
  const doc = await PDFDocument.create();
  doc.setTitle(`${t.title} ${r.number}`);
  doc.setAuthor(r.hospital.name);
  doc.setLanguage(r.language);
  const page = doc.addPage(A4);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let y = A4[1] - MARGIN;
  const text = (s: string, size = 11, font = regular, x = MARGIN) => {
    page.drawText(drawable(s), { x, y, size, font });
  };
  const next = (gap = 16) => {
    y -= gap;
  };
  const row = (label: string, value: string) => {
    text(label, 11, bold);
    text(value, 11, regular, MARGIN + 190);
    next();
  };
  text(r.hospital.name, 14, bold);
  next(18);
  text(r.hospital.address);
  next();
  text(`${t.vatNumber}: ${r.hospital.vatNumber}`);
  next(40);
  text(`${t.title}`, 20, bold);
  next(28);
  row(t.number, r.number);
  row(t.valueDate, siteDay(`${r.valueDate}T12:00:00Z`, r.language));
  next(12);
  row(t.received, r.patient.name);
  if (r.patient.taxCode) row(t.taxCode, r.patient.taxCode);
  next(12);
  for (const l of r.lines) {
    const [code, name] = l.code.split(':');
    const words =
      code === 'additional'
        ? codes.quoteLines.additional.replace('{name}', codes.additional[name ?? ''] ?? name ?? '')
        : (codes.quoteLines[code as keyof typeof codes.quoteLines] ?? l.code);
    row(t.service, `${words}  ${money(l.amountCents, r.language)}`);
  }
  row(t.amount, money(r.amountCents, r.language));
  row(t.caseReference, r.caseReference);
  row(t.paymentReference, r.paymentReference);
  next(24);
  text(t.note, 10);
  return doc.save();
}
