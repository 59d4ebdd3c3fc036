import { describe, expect, it } from 'vitest';
import { buildChecklist, PROBLEM_CODES } from '#domain/checklist.ts';
import { CASE_STATUSES } from '#domain/lifecycle.ts';
import { type CaseDocument, CONSULTATION_TYPES, DOCUMENT_REASONS } from '#domain/model.ts';
import { pickLanguage } from '#http/language.ts';
import { fill } from '#presentation/formats.ts';
import { PAGE_DOCUMENT_STATES } from '#presentation/i18n/codes.ts';
import { additionalName, dictionary } from '#presentation/i18n/index.ts';
import { CASE_SCRIPT, clientDictionary } from '#presentation/web/case-page.ts';
import { REQUEST_SCRIPT, requestPage } from '#presentation/web/request-page.ts';
import { NEXT_STEPS } from '#usecases/patient/views.ts';

const LANGS = ['en', 'it'] as const;

/** Every code the API can return has words in both languages (the tests walk these lists). */
const KNOWN_CODES = {
  statuses: CASE_STATUSES,
  documentStates: PAGE_DOCUMENT_STATES,
  next: NEXT_STEPS,
  problems: PROBLEM_CODES,
  consultationTypes: CONSULTATION_TYPES,
  reasons: DOCUMENT_REASONS,
} as const;
const codes = (lang: 'en' | 'it') => dictionary(lang).codes;
const ui = (lang: 'en' | 'it') => dictionary(lang).patient;

describe('page language', () => {
  it('takes ?lang= first, then the best Accept-Language we speak, then English', () => {
    expect(pickLanguage('it', 'en-GB,en;q=0.9')).toBe('it');
    expect(pickLanguage(undefined, 'it-IT,it;q=0.9,en;q=0.8')).toBe('it');
    expect(pickLanguage(undefined, 'fr-FR,fr;q=0.9,it;q=0.5,en;q=0.4')).toBe('it');
    expect(pickLanguage(undefined, 'en;q=0.2,it;q=0.7')).toBe('it');
    expect(pickLanguage(undefined, 'it;q=0,en')).toBe('en');
    expect(pickLanguage(undefined, 'de-DE')).toBe('en');
    expect(pickLanguage('fr', 'it')).toBe('it');
    expect(pickLanguage(undefined, undefined)).toBe('en');
    expect(pickLanguage(undefined, ';;,q=,')).toBe('en');
  });
});

describe('translations', () => {
  it('give every code the API returns words in both languages, different in each', () => {
    for (const group of ['statuses', 'documentStates', 'next', 'problems', 'consultationTypes'] as const) {
      for (const code of KNOWN_CODES[group]) {
        const en = (codes('en')[group] as Record<string, string>)[code];
        const itText = (codes('it')[group] as Record<string, string>)[code];
        expect(en, `${group}.${code} en`).toMatch(/\S/);
        expect(itText, `${group}.${code} it`).toMatch(/\S/);
        if (group !== 'consultationTypes') expect(itText, `${group}.${code}`).not.toBe(en);
      }
    }
    for (const lang of LANGS) {
      const d = clientDictionary(lang);
      for (const r of KNOWN_CODES.reasons) {
        expect(d.reasons[r]).toMatch(/\S/);
        // A code without words of its own would read as "a problem on our side".
        if (r !== 'unknown') expect(d.reasons[r], r).not.toBe(d.reasons.unknown);
      }
      expect(d.documentTypes.pathology_report).toBe(
        lang === 'en' ? 'Pathology (histology) report' : 'Referto istologico',
      );
    }
    expect(clientDictionary('it').reasons.not_pdf).toBe('non è un file PDF');
  });

  it('has every interface string in both languages', () => {
    const en = ui('en');
    const itStrings = ui('it');
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(itStrings[key], key).toBeTruthy();
      if (typeof en[key] === 'string') expect(String(en[key]).trim(), key).not.toBe('');
    }
  });

  it('has every string the page scripts ask for', () => {
    const d = clientDictionary('en');
    const uiKeys = new Set(Object.keys(d.ui));
    const asked = [...CASE_SCRIPT.matchAll(/D\.ui\.(\w+)/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(30);
    for (const key of asked) expect(uiKeys.has(key), `D.ui.${key}`).toBe(true);
    for (const m of CASE_SCRIPT.matchAll(/D\.(documentStates|quoteLines|next)\.(\w+)/g)) {
      expect((d[m[1] as 'next'] as Record<string, string>)[m[2]!], m[0]).toBeTruthy();
    }
    // Keys looked up by name (UPLOAD_ERRORS values, data-t attributes) exist too.
    const uploadErrors = /UPLOAD_ERRORS = \{([^}]*)\}/.exec(CASE_SCRIPT)![1]!;
    const keys = [...uploadErrors.matchAll(/: '(\w+)'/g)].map((m) => m[1]!);
    expect(keys).toContain('caseFull');
    for (const key of keys) expect(uiKeys.has(key), key).toBe(true);
    for (const lang of LANGS) {
      const page = requestPage(lang).body;
      const strings = JSON.parse(
        /<script type="application\/json" id="strings">(.*?)<\/script>/s.exec(page)![1]!,
      );
      for (const m of REQUEST_SCRIPT.matchAll(/S\.(\w+)/g)) expect(strings[m[1]!], `S.${m[1]}`).toMatch(/\S/);
    }
  });

  it('fills every checklist problem the domain produces with no placeholder left', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const doc = (id: string, over: Partial<CaseDocument>): CaseDocument =>
      ({
        caseId: 'c',
        documentId: id,
        fileName: `${id}.pdf`,
        key: `cases/c/documents/${id}.pdf`,
        sizeBytes: 100,
        state: 'classified',
        uploadExpiresAt: now.toISOString(),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        ...over,
      }) as CaseDocument;
    const checklist = buildChecklist({
      hasRequester: true,
      now,
      documents: [
        doc('old', {
          classification: {
            documentType: 'oncologist_report',
            language: 'en',
            confidence: 0.9,
            documentDate: '2026-01-10',
            oncologistSections: { present: [], missing: ['stage', 'clinical_question'] },
          },
        }),
        doc('fr', { classification: { documentType: 'imaging_report', language: 'other', confidence: 0.9 } }),
        doc('blood', { classification: { documentType: 'lab_results', language: 'it', confidence: 0.9 } }),
        doc('copy', {
          duplicateOf: 'fr',
          classification: { documentType: 'imaging_report', language: 'other', confidence: 0.9 },
        }),
        doc('bad', { state: 'rejected', reason: 'encrypted' }),
        doc('broken', { state: 'failed', reason: 'text_detection_failed' }),
        doc('unsure', {
          state: 'needs_review',
          classification: { documentType: 'other', language: 'it', confidence: 0.3 },
        }),
        doc('busy', { state: 'reading' }),
      ] as CaseDocument[],
    });
    const seen = new Set(checklist.problems.map((p) => p.code));
    expect(seen.size).toBeGreaterThanOrEqual(10);
    for (const lang of LANGS) {
      const d = clientDictionary(lang);
      for (const p of checklist.problems) {
        // What the case page script does with a problem's params.
        const params: Record<string, string | number> = {};
        for (const [k, v] of Object.entries(p.params)) params[k] = Array.isArray(v) ? v.join(', ') : v;
        if (p.params.documentType) params.documentType = d.documentTypes[p.params.documentType as 'other'];
        if (p.params.reason) params.reason = d.reasons[p.params.reason as 'unknown'];
        const text = fill(d.problems[p.code], params);
        expect(text, `${lang} ${p.code}: ${text}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('names additional consultations in both languages, and unknown ones readably', () => {
    expect(additionalName('histology_review', 'it')).toBe('Revisione istologica (rilettura dei vetrini)');
    expect(additionalName('histology_review', 'en')).toMatch(/^Histology review/);
    expect(additionalName('molecular_retest', 'en')).toBe('molecular retest');
    expect(clientDictionary('it').additional.histology_review).toBe(additionalName('histology_review', 'it'));
  });

  it('fill leaves an unknown placeholder visible', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
