import { readFile } from 'node:fs/promises';
import { extractPdfText } from '#adapters/pdf-text.ts';
import { classify } from '#domain/classifier.ts';
import { checkPdf } from '#domain/pdf-check.ts';
import { type Io, options } from '../io.ts';

/**
 * `so classify FILE...`: one JSON line per file, with the service's classifier, from the PDF's text
 * layer and, for a page without one (a scan), OCR by tesseract; without tesseract such a page reads
 * as empty and one line on standard error says so.
 */
export async function run(args: string[], io: Io): Promise<number> {
  const { positionals, values } = options(args, { explain: { type: 'boolean' } });
  if (!positionals.length) {
    io.err('so classify: give one or more PDF files, e.g. so classify report.pdf');
    return 2;
  }
  let failed = 0;
  let toldOcr = false;
  for (const file of positionals) {
    try {
      const bytes = new Uint8Array(await readFile(file));
      const check = checkPdf(bytes, { maxPages: Number.MAX_SAFE_INTEGER });
      if (!check.ok) {
        failed += 1;
        io.out(JSON.stringify({ file, error: check.reason }));
        continue;
      }
      const { pages, ocrUnavailable } = await extractPdfText(bytes);
      if (ocrUnavailable && !toldOcr) {
        toldOcr = true;
        io.err(`so classify: ${ocrUnavailable}`);
      }
      const c = classify(pages);
      io.out(
        JSON.stringify({
          file,
          documentType: c.documentType,
          confidence: c.confidence,
          language: c.language,
          pages: pages.length,
          documentDate: c.documentDate ?? null,
          ...(values.explain
            ? { needsReview: c.needsReview, oncologistSections: c.oncologistSections, signals: c.signals }
            : {}),
        }),
      );
    } catch (err) {
      failed += 1;
      io.out(
        JSON.stringify({
          file,
          error: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not_found' : 'unreadable',
        }),
      );
    }
  }
  return failed ? 1 : 0;
}
