import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildChecklist, PROBLEM_CODES } from '#domain/checklist.ts';
import { CASE_STATUSES } from '#domain/lifecycle.ts';
import { type CaseDocument, CONSULTATION_TYPES, DOCUMENT_REASONS } from '#domain/model.ts';
import { pickLanguage } from '#http/language.ts';
import { REPO_ROOT } from '#infra/constructs/bundling.ts';
import { VALID_SITE } from '#local/testbed/env.ts';
import { fill } from '#presentation/formats.ts';
import { additionalName, codeWords } from '#presentation/i18n/code-words.ts';
import { PAGE_DOCUMENT_STATES } from '#presentation/i18n/codes.ts';
import { emailWords } from '#presentation/i18n/email-words.ts';
import { patientWords } from '#presentation/i18n/patient-words.ts';
import { officeWords, staffWords } from '#presentation/i18n/staff-words.ts';
import { caseWords } from '#presentation/web/case-page.ts';
import { REQUEST_STRING_KEYS } from '#presentation/web/client/islands.ts';
import { requestPage } from '#presentation/web/request-page.ts';
import { buildPageScripts } from '#presentation/web/scripts.ts';
import { NEXT_STEPS } from '#usecases/patient/views.ts';
import { INFORMAL_ITALIAN } from './italian-register.ts';

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
const codes = (lang: 'en' | 'it') => codeWords(lang);
const ui = (lang: 'en' | 'it') => patientWords(lang);
const clientDictionary = (lang: 'en' | 'it') => caseWords(lang);
const CLIENT_DIR = path.join(REPO_ROOT, 'shared/presentation/web/client');

/** Every string in a dictionary area, however deep. */
function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

/** Type-checks the browser code with its own tsconfig (DOM lib), plus an extra in-memory module. */
function clientTypeErrors(extra: { file: string; text: string }): { file: string; message: string }[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(CLIENT_DIR, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === extra.file
      ? ts.createSourceFile(name, extra.text, language)
      : getSourceFile(name, language, ...rest);
  host.fileExists = (name) => name === extra.file || fileExists(name);
  const program = ts.createProgram({
    rootNames: [...config.fileNames, extra.file],
    options: config.options,
    host,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: path.relative(CLIENT_DIR, d.file?.fileName ?? ''),
    message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
  }));
}

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

  it('speaks to Italian patients formally ("Lei") and makes no assumption of their gender', () => {
    const c = codes('it');
    const words = [
      ...leaves(ui('it')),
      ...leaves([c.statuses, c.next, c.documentStates, c.problems, c.reasons, c.caseReasons, c.quoteLines]),
      // The patient's own decision pages (approve or decline an additional consultation).
      ...leaves([staffWords('it').decisions.approve, staffWords('it').decisions.decline]),
    ];
    expect(words.length).toBeGreaterThan(200);
    for (const w of words) expect(w).not.toMatch(INFORMAL_ITALIAN);
  });

  it('speaks to Italian staff formally ("Lei") on every staff and office page', () => {
    const t = staffWords('it');
    const words = [
      ...leaves(t),
      ...leaves(officeWords('it')),
      // The sentences built from their parts.
      ...t.decided('Dr.ssa Rossi', 'Documentazione completa', '4 marzo 2026'),
      t.contributor('Cardio-oncologia'),
      t.contributionMissing('6 marzo 2026'),
      ...leaves(codes('it')),
    ];
    expect(words.length).toBeGreaterThan(300);
    for (const w of words) expect(w).not.toMatch(INFORMAL_ITALIAN);
  });

  it('has every word the page scripts ask for: the browser code type-checks against the dictionaries and builds', () => {
    // A probe asks for words no dictionary has: the same check fails the scripts on a missing key.
    const errors = clientTypeErrors({
      file: path.join(CLIENT_DIR, 'probe.ts').split(path.sep).join('/'),
      text: [
        "import type { RequestStrings } from './islands.ts';",
        "import type { CaseWords } from './words.ts';",
        'declare const words: CaseWords;',
        'export const word: string = words.ui.noSuchWord;',
        'export const state: string = words.documentStates.lost;',
        'export const message = (s: RequestStrings): string => s.errNoSuchString;',
      ].join('\n'),
    });
    expect(errors.filter((e) => e.file !== 'probe.ts')).toEqual([]);
    expect(errors.map((e) => /'(\w+)' does not exist/.exec(e.message)?.[1])).toEqual([
      'noSuchWord',
      'lost',
      'errNoSuchString',
    ]);
    const scripts = buildPageScripts();
    // The case page's words come with the page (its island), not in its script.
    expect(scripts.case).not.toContain(ui('it').caseTitle);
    expect(scripts.case.length).toBeGreaterThan(1000);
    expect(scripts.request.length).toBeGreaterThan(1000);
    expect(scripts.reportUpload).toContain('/uploads');
    // The browser gets the patient's words only: none of the staff pages' or the emails'.
    for (const lang of LANGS) {
      const patient = new Set([...leaves(codeWords(lang)), ...leaves(patientWords(lang))]);
      const others = [
        ...leaves(staffWords(lang)),
        ...leaves(officeWords(lang)),
        ...leaves(emailWords(lang)),
      ].filter((w) => w.length > 20 && !patient.has(w));
      expect(others.length).toBeGreaterThan(20);
      expect(others.filter((w) => Object.values(scripts).some((script) => script.includes(w)))).toEqual([]);
    }
    // The request page's script reads its words from the page: each is there, in the page's language.
    for (const lang of LANGS) {
      const page = requestPage(lang, VALID_SITE).body;
      const strings = JSON.parse(
        /<script type="application\/json" id="strings">(.*?)<\/script>/s.exec(page)![1]!,
      );
      expect(Object.keys(strings).sort()).toEqual([...REQUEST_STRING_KEYS].sort());
      for (const key of REQUEST_STRING_KEYS) expect(strings[key], key).toBe(ui(lang)[key]);
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
