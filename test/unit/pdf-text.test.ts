import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractPdfText, OCR_MISSING, type Ocr, tesseractOcr } from '#adapters/pdf-text.ts';
import { classify } from '#domain/classifier.ts';
import { scannedVariant, scanToolsMissing } from '#local/testbed/eval-corpus/scan.ts';

/** Page 1 with a text layer, page 2 only a drawing: what a scanner app's PDF looks like inside. */
async function halfScanned(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText('DISCHARGE SUMMARY of the patient', { x: 50, y: 780, size: 12, font });
  pdf.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 300 });
  return pdf.save();
}

const fakeOcr = (): Ocr & { asked: number[][] } => {
  const asked: number[][] = [];
  return {
    asked,
    unavailable: async () => undefined,
    read: async (_pdf, pages) => {
      asked.push([...pages]);
      return pages.map((n) => `text read from the image of page ${n}`);
    },
  };
};

const ocrReady = !(await scanToolsMissing()) && !(await tesseractOcr().unavailable());

describe('extractPdfText', () => {
  it('keeps the text layer and reads by OCR only the pages without one', async () => {
    const ocr = fakeOcr();
    const text = await extractPdfText(await halfScanned(), { ocr });
    expect(text.pages[0]).toContain('DISCHARGE SUMMARY');
    expect(text.pages[1]).toBe('text read from the image of page 2');
    expect(text.ocrPages).toEqual([2]);
    expect(ocr.asked).toEqual([[2]]);
    expect(text.ocrUnavailable).toBeUndefined();
  });

  it('leaves a page without a text layer empty, saying why, when OCR is not installed', async () => {
    const text = await extractPdfText(await halfScanned(), {
      ocr: tesseractOcr({ tesseract: '/nonexistent/tesseract' }),
    });
    expect(text.pages[0]).toContain('DISCHARGE SUMMARY');
    expect(text.pages[1]!.trim()).toBe('');
    expect(text.ocrPages).toEqual([]);
    expect(text.ocrUnavailable).toBe(OCR_MISSING);
    expect(OCR_MISSING).toContain('apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-ita');
  });

  it('asks no OCR when every page has a text layer, or when told not to', async () => {
    const ocr = fakeOcr();
    const report = new Uint8Array(
      readFileSync(new URL('../fixtures/corpus/005-pathology_report-en.pdf', import.meta.url)),
    );
    expect((await extractPdfText(report, { ocr })).ocrPages).toEqual([]);
    expect((await extractPdfText(await halfScanned(), { ocr: false })).ocrUnavailable).toBeUndefined();
    expect(ocr.asked).toEqual([]);
  });

  it.runIf(ocrReady)(
    'reads a scanned report with tesseract well enough to classify it',
    { timeout: 180_000 },
    async () => {
      const report = new Uint8Array(
        readFileSync(new URL('../fixtures/corpus/005-pathology_report-en.pdf', import.meta.url)),
      );
      const scan = await scannedVariant(report, 'pdf-text-test');
      expect((await extractPdfText(scan, { ocr: false })).pages.join('').trim()).toBe('');
      const text = await extractPdfText(scan);
      expect(text.ocrPages.length).toBeGreaterThan(0);
      expect(classify(text.pages).documentType).toBe('pathology_report');
    },
  );
});
