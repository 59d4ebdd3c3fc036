/**
 * The text layer of a PDF, page by page (unpdf, the serverless build of PDF.js). Used by
 * `so classify` and by the local Textract facade; in AWS, Textract reads the documents instead.
 * Scanned pages without a text layer come back empty (no OCR here).
 */
import { extractText, getDocumentProxy } from 'unpdf';

export async function extractPdfText(bytes: Uint8Array): Promise<{ pages: string[] }> {
  // PDF.js takes ownership of the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return { pages: text };
  } finally {
    await pdf.loadingTask.destroy();
  }
}
