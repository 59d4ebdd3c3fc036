/** GET /cases/{caseId}/payments/{paymentId}/receipt (Bearer patient token): a payment's receipt, as a PDF. */
import { composeDeps } from '#app/compose.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import { bearerToken, download, httpHandler } from '#http/handler.ts';
import { receiptWords } from '#presentation/i18n/receipt-words.ts';
import { receiptPdf } from '#presentation/receipt-pdf.ts';
import { Refusal } from '#usecases/errors.ts';
import { receiptData } from '#usecases/payments/receipt.ts';
import { caseIdSchema } from './create-upload.schema.ts';

const deps = composeDeps({ ...store });

const paymentIdSchema = z.string().check(z.regex(/^[A-Z]-[0-9a-f]{20}$/));

export const handler = httpHandler(async (event) => {
  const token = bearerToken(event);
  const caseId = caseIdSchema.safeParse(event.pathParameters?.caseId);
  if (!caseId.success) throw new Refusal('unauthorized');
  const paymentId = paymentIdSchema.safeParse(event.pathParameters?.paymentId);
  if (!paymentId.success) throw new Refusal('payment_not_found');
  const data = await receiptData(deps(), caseId.data, token, paymentId.data);
  const pdf = receiptPdf(data);
  const name = `${receiptWords(data.language).fileName}-${data.number.replace(/\//g, '-')}.pdf`;
  return download(pdf, 'application/pdf', name);
});
