import { describe, expect, it } from 'vitest';
import { classify, detectLanguage, documentDateOf, normalise } from '#domain/classifier.ts';

describe('classify', () => {
  it('goes by what the title says, not by the reports a letter quotes', () => {
    const c = classify([
      'LETTERA DI DIMISSIONE\nData di ricovero: 02/03/2026  Data di dimissione: 09/03/2026\n' +
        "Decorso clinico: l'esame istologico e il referto istologico definitivo mostrano adenocarcinoma; la TC torace era negativa.",
    ]);
    expect(c.documentType).toBe('discharge_letter');
    expect(c.language).toBe('it');
    expect(c.documentDate).toBe('2026-03-09');
    expect(c.signals.some((s) => s.for === 'discharge_letter' && s.where === 'title')).toBe(true);
  });

  it('marks a document with nothing recognisable as other, needing review', () => {
    const c = classify([
      'Shopping list: bread, milk, eggs. See you on Sunday at the lake with the children.',
    ]);
    expect(c.documentType).toBe('other');
    expect(c.needsReview).toBe(true);
    expect(c.confidence).toBe(0);
  });

  it('classifies an empty document as other with language other', () => {
    const c = classify(['', '']);
    expect(c).toMatchObject({ documentType: 'other', language: 'other', needsReview: true });
    expect(c.documentDate).toBeUndefined();
  });

  it('lists the oncologist report sections present and missing', () => {
    const c = classify([
      'ONCOLOGY CONSULTATION\nDate: 3 November 2026\nDiagnosis: adenocarcinoma of the lung.\nStage: pT2a N2 M0.\n' +
        'Oncological history: lobectomy in 2025.\nCurrent problems: cough.',
    ]);
    expect(c.documentType).toBe('oncologist_report');
    expect(c.oncologistSections).toEqual({
      present: ['diagnosis', 'stage', 'cancer_history', 'current_problems'],
      missing: ['non_cancer_history', 'treatments', 'clinical_question'],
    });
  });

  it('keeps a low-margin decision for review', () => {
    // Two administrative kinds named once each: neither clearly wins.
    const c = classify(['Privacy form and proxy']);
    expect(c.documentType).toBe('proxy_authorization');
    expect(c.confidence).toBeLessThan(0.5);
    expect(c.needsReview).toBe(true);
    const clear = classify(['PROXY AUTHORIZATION\nI hereby authorize my son to act on my behalf.']);
    expect(clear.confidence).toBeGreaterThan(c.confidence);
    expect(clear.needsReview).toBe(false);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['The patient was admitted with pain in the left flank and the scan of the abdomen was negative.', 'en'],
    [
      'La paziente è stata ricoverata per dolore al fianco sinistro e la TC della regione era negativa.',
      'it',
    ],
    [
      "La patiente a été hospitalisée pour une douleur du flanc gauche et l'examen est normal avec des images.",
      'other',
    ],
    [
      'Die Patientin wurde mit Schmerzen in der linken Flanke aufgenommen und der Befund ist unauffällig.',
      'other',
    ],
  ])('%s -> %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });
});

describe('documentDateOf', () => {
  it('prefers the labelled date and skips the date of birth', () => {
    expect(
      documentDateOf(
        normalise('Date of birth: 12/05/1961\nDate of report: 14 October 2026\nSurgery on 01/02/2026'),
      ),
    ).toBe('2026-10-14');
  });
  it('reads Italian month names and day-first numeric dates', () => {
    expect(documentDateOf(normalise('Nata il 03/04/1970. Milano, 7 novembre 2026'))).toBe('2026-11-07');
    expect(documentDateOf(normalise('Data referto: 05.11.2026'))).toBe('2026-11-05');
  });
  it('falls back to the latest plausible date, and ignores impossible ones', () => {
    expect(documentDateOf(normalise('seen 02/03/2026, reviewed 2026-04-01, 31/02/2026'))).toBe('2026-04-01');
    expect(documentDateOf(normalise('no dates here'))).toBeUndefined();
  });
});
