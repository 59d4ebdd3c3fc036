/**
 * Floors under the classifier's figures on the test part of the independent evaluation corpus
 * (documents nobody tuning the classifier has read), so that they cannot fall back unnoticed.
 * Aggregate figures only, as `npm run bench classifier` prints them: a failure names a figure,
 * never a document; the floors themselves live beside the scoring (score.ts), shared with the
 * bench. The scanned floor reads a fixed sixteenth of the test part (13 documents) by OCR and runs where
 * tesseract and ImageMagick are installed (CI installs them): about a minute of CPU on a first run,
 * then nothing, as the scans and their OCR text are cached in .cache/.
 */
import { describe, expect, it } from 'vitest';
import { tesseractOcr } from '#adapters/pdf-text.ts';
import { classify } from '#domain/classifier.ts';
import { scanToolsMissing } from '#local/testbed/eval-corpus/scan.ts';
import { FLOORS, readPart, SCANNED_SAMPLE, score } from '#local/testbed/eval-corpus/score.ts';

const ocrReady = !(await scanToolsMissing()) && !(await tesseractOcr().unavailable());

describe('classifier on the test part of the independent evaluation corpus', () => {
  // Renders and reads 198 PDFs: half a minute on a quiet machine, more on a busy one.
  it('keeps type, language, main date and section accuracy on the rendered documents', {
    timeout: 300_000,
  }, async () => {
    const f = score(await readPart('test', 'text'), classify);
    expect(f.documents).toBe(198);
    const floor = FLOORS.text;
    expect(f.typeAccuracy).toBeGreaterThanOrEqual(floor.type);
    expect(f.languageAccuracy).toBeGreaterThanOrEqual(floor.language);
    expect(f.dateAccuracy).toBeGreaterThanOrEqual(floor.date);
    expect(f.sectionAccuracy).toBeGreaterThanOrEqual(floor.sections);
    expect(f.wrongAboveThreshold).toBeLessThanOrEqual(floor.wrongAboveThreshold);
  });

  it.runIf(ocrReady)(
    'keeps type accuracy on scanned variants read by OCR',
    { timeout: 900_000 },
    async () => {
      const f = score(await readPart('test', 'scan', SCANNED_SAMPLE), classify);
      expect(f.documents).toBe(13);
      expect(f.typeAccuracy).toBeGreaterThanOrEqual(FLOORS.scanned.type);
      expect(f.languageAccuracy).toBeGreaterThanOrEqual(FLOORS.scanned.language);
      expect(f.dateAccuracy).toBeGreaterThanOrEqual(FLOORS.scanned.date);
    },
  );
});
