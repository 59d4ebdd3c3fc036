import { beforeAll, describe, expect, it } from 'vitest';
import { classify } from '#domain/classifier.ts';
import { pageCount } from '#domain/pdf-check.ts';
import { DOCUMENT_TYPES } from '#domain/taxonomy.ts';
import { type Label, loadCorpus } from './corpus.ts';

let corpus: { label: Label; bytes: Uint8Array; pages: string[] }[];

beforeAll(async () => {
  corpus = await loadCorpus();
});

describe('classifier on the labelled corpus', () => {
  it('is a corpus of at least 60 documents covering every type in English and Italian', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    for (const type of DOCUMENT_TYPES) {
      for (const language of ['en', 'it'] as const) {
        expect(
          corpus.some((c) => c.label.documentType === type && c.label.language === language),
          `${type}/${language}`,
        ).toBe(true);
      }
    }
    expect(corpus.some((c) => c.label.language === 'other')).toBe(true);
  });

  it('reaches documentType accuracy >= 0.90 and language accuracy >= 0.95', () => {
    const results = corpus.map((c) => ({ label: c.label, got: classify(c.pages) }));
    const typeOk = results.filter((r) => r.got.documentType === r.label.documentType).length / results.length;
    const langOk = results.filter((r) => r.got.language === r.label.language).length / results.length;
    const wrong = results
      .filter((r) => r.got.documentType !== r.label.documentType)
      .map((r) => `${r.label.file}: ${r.got.documentType}`);
    expect(typeOk, wrong.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(langOk).toBeGreaterThanOrEqual(0.95);
  });

  it('finds the labelled document date in most dated documents', () => {
    const dated = corpus.filter((c) => c.label.documentDate);
    const ok = dated.filter((c) => classify(c.pages).documentDate === c.label.documentDate).length;
    expect(ok / dated.length).toBeGreaterThanOrEqual(0.9);
  });

  it('reports the required sections of complete and incomplete oncologist reports', () => {
    for (const c of corpus.filter(
      (x) => x.label.documentType === 'oncologist_report' && x.label.language !== 'other',
    )) {
      const sections = classify(c.pages).oncologistSections;
      expect(sections, c.label.file).toBeDefined();
      if (c.label.note === 'missing sections') {
        expect(sections!.missing, c.label.file).toEqual(
          expect.arrayContaining(['non_cancer_history', 'treatments', 'clinical_question']),
        );
      } else {
        expect(sections!.missing, c.label.file).toEqual([]);
      }
    }
  });

  it('counts the pages of every corpus PDF (object streams) as the text layer does', () => {
    for (const c of corpus) expect(pageCount(c.bytes), c.label.file).toBe(c.pages.length);
  });
});
