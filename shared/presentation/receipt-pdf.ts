/**
 * A payment receipt as a one-page A4 PDF (the service's own writer, standard Helvetica: its
 * WinAnsi encoding has the euro sign and Italian accents), in the patient's language, amounts and
 * dates through the one formatter. The text is real text, so a screen reader (and a test) can
 * read it back.
 */
import type { ReceiptData } from '#usecases/payments/receipt.ts';
import { money, siteDay } from './formats.ts';
import { codeWords } from './i18n/code-words.ts';
import { receiptWords } from './i18n/receipt-words.ts';
import { type TextLine, textPdf } from './pdf/writer.ts';

/** Where a row's value starts, right of the margin. */
const VALUE_AT = 190;

export function receiptPdf(r: ReceiptData): Uint8Array {
  const t = receiptWords(r.language);
  const codes = codeWords(r.language);
  const row = (label: string, value: string, before = 0): TextLine => ({
    text: label,
    bold: true,
    before,
    value: { text: value, at: VALUE_AT },
  });
  const lines: TextLine[] = [
    { text: r.hospital.name, size: 14, bold: true },
    { text: r.hospital.address, before: 2 },
    { text: `${t.vatNumber}: ${r.hospital.vatNumber}` },
    { text: t.title, size: 20, bold: true, before: 24 },
    row(t.number, r.number, 8),
    row(t.valueDate, siteDay(`${r.valueDate}T12:00:00Z`, r.language)),
    row(t.received, r.patient.name, 12),
  ];
  if (r.patient.taxCode) lines.push(row(t.taxCode, r.patient.taxCode));
  r.lines.forEach((l, i) => {
    const [code, name] = l.code.split(':');
    const words =
      code === 'additional'
        ? codes.quoteLines.additional.replace('{name}', codes.additional[name ?? ''] ?? name ?? '')
        : (codes.quoteLines[code as keyof typeof codes.quoteLines] ?? l.code);
    lines.push(row(t.service, `${words}  ${money(l.amountCents, r.language)}`, i === 0 ? 12 : 0));
  });
  lines.push(
    row(t.amount, money(r.amountCents, r.language)),
    row(t.caseReference, r.caseReference),
    row(t.paymentReference, r.paymentReference),
    { text: t.note, size: 10, before: 24 },
  );
  return textPdf(lines, `${t.title} ${r.number}`, { author: r.hospital.name, language: r.language });
}
