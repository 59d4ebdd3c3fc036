import { describe, expect, it } from 'vitest';
import { buildChecklist, type ChecklistInput, isAbandonedUpload } from '#domain/checklist.ts';
import type { Classification } from '#domain/classifier.ts';
import type { DocumentType } from '#domain/taxonomy.ts';
import { describeProblem } from '#presentation/problems.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
let n = 0;

function doc(
  documentType: DocumentType,
  extra: Partial<Classification> = {},
  state: ChecklistInput['documents'][number]['state'] = 'classified',
): ChecklistInput['documents'][number] {
  n += 1;
  const classification: Classification = {
    documentType,
    confidence: 0.9,
    language: 'it',
    signals: [],
    needsReview: false,
    ...(documentType === 'oncologist_report'
      ? { documentDate: '2026-11-10', oncologistSections: { present: [], missing: [] } }
      : {}),
    ...extra,
  };
  return {
    documentId: `d${n}`,
    fileName: `file${n}.pdf`,
    state,
    classification,
    createdAt: `2026-11-19T10:00:${String(n).padStart(2, '0')}Z`,
  };
}

const complete = () => [
  doc('oncologist_report'),
  doc('pathology_report'),
  doc('request_form'),
  doc('privacy_consent'),
  doc('identity_document'),
];

describe('buildChecklist', () => {
  it('is complete with every required document and no problems', () => {
    const c = buildChecklist({ hasRequester: false, documents: complete(), now: NOW });
    expect(c.complete).toBe(true);
    expect(c.problems).toEqual([]);
    expect(c.items.filter((i) => i.required).map((i) => i.documentType)).toEqual([
      'oncologist_report',
      'pathology_report',
      'request_form',
      'privacy_consent',
      'identity_document',
    ]);
  });

  it('names missing documents, and the proxy authorization when someone applies for the patient', () => {
    const c = buildChecklist({ hasRequester: true, documents: complete().slice(0, 3), now: NOW });
    expect(c.complete).toBe(false);
    expect(c.problems.map((p) => [p.code, p.params.documentType])).toEqual([
      ['required_missing', 'privacy_consent'],
      ['required_missing', 'identity_document'],
      ['proxy_authorization_missing', undefined],
    ]);
  });

  it('flags an oncologist report older than 30 days and its missing sections (the newest report counts)', () => {
    const old = doc('oncologist_report', {
      documentDate: '2026-10-01',
      oncologistSections: { present: ['diagnosis'], missing: ['stage', 'clinical_question'] },
    });
    const c = buildChecklist({ hasRequester: false, documents: [...complete().slice(1), old], now: NOW });
    const problems = c.problems.filter((p) => p.code.startsWith('oncologist'));
    expect(problems).toEqual([
      {
        code: 'oncologist_report_too_old',
        documentId: old.documentId,
        params: expect.objectContaining({ ageDays: 50, maxDays: 30 }),
      },
      {
        code: 'oncologist_report_missing_sections',
        documentId: old.documentId,
        params: expect.objectContaining({ sections: ['stage', 'clinical_question'] }),
      },
    ]);
    // A newer, complete report replaces it.
    const fresh = buildChecklist({ hasRequester: false, documents: [...complete(), old], now: NOW });
    expect(fresh.problems.filter((p) => p.code.startsWith('oncologist'))).toEqual([]);
  });

  it('accepts a report exactly 30 days old and flags one of 31', () => {
    const at30 = buildChecklist({
      hasRequester: false,
      documents: [...complete().slice(1), doc('oncologist_report', { documentDate: '2026-10-21' })],
      now: NOW,
    });
    const at31 = buildChecklist({
      hasRequester: false,
      documents: [...complete().slice(1), doc('oncologist_report', { documentDate: '2026-10-20' })],
      now: NOW,
    });
    expect(at30.problems.some((p) => p.code === 'oncologist_report_too_old')).toBe(false);
    expect(at31.problems.some((p) => p.code === 'oncologist_report_too_old')).toBe(true);
  });

  it('asks for a translation, says blood tests are not needed, names duplicates, rejected and failed files', () => {
    const foreign = doc('pathology_report', { language: 'other' });
    const blood = doc('lab_results');
    const first = complete();
    const dup = { ...doc('request_form'), duplicateOf: first[2]!.documentId };
    const rejected = { ...doc('other', {}, 'rejected'), classification: undefined, reason: 'encrypted' };
    const failed = {
      ...doc('other', {}, 'failed'),
      classification: undefined,
      reason: 'text_detection_failed',
    };
    const c = buildChecklist({
      hasRequester: false,
      documents: [...first, foreign, blood, dup, rejected, failed],
      now: NOW,
    });
    expect(c.problems.map((p) => [p.code, p.documentId])).toEqual([
      ['translation_needed', foreign.documentId],
      ['blood_tests_not_needed', blood.documentId],
      ['duplicate_file', dup.documentId],
      ['rejected_file', rejected.documentId],
      ['failed_file', failed.documentId],
    ]);
    expect(c.complete).toBe(true);
  });

  it('is not complete while files are still being read, and a needs-review file is named', () => {
    const reading = { ...doc('other', {}, 'reading'), classification: undefined };
    const unsure = doc('imaging_report', { needsReview: true, confidence: 0.3 }, 'needs_review');
    const c = buildChecklist({ hasRequester: false, documents: [...complete(), reading, unsure], now: NOW });
    expect(c.complete).toBe(false);
    expect(c.problems.map((p) => p.code)).toEqual(['needs_review', 'still_processing']);
  });
});

describe('describeProblem', () => {
  it('puts every problem in plain English and Italian', () => {
    const old = doc('oncologist_report', {
      documentDate: '2026-09-01',
      oncologistSections: { present: [], missing: ['stage'] },
    });
    const c = buildChecklist({
      hasRequester: true,
      documents: [
        old,
        doc('lab_results'),
        { ...doc('other', {}, 'rejected'), classification: undefined, reason: 'encrypted' },
      ],
      now: NOW,
    });
    for (const p of c.problems) {
      const en = describeProblem(p, 'en');
      const it = describeProblem(p, 'it');
      expect(en.length).toBeGreaterThan(10);
      expect(it).not.toEqual(en);
    }
    const encrypted = c.problems.find((p) => p.code === 'rejected_file')!;
    expect(describeProblem(encrypted, 'en')).toContain('protected by a password');
    expect(describeProblem(encrypted, 'it')).toContain('protetto da password');
    const sections = c.problems.find((p) => p.code === 'oncologist_report_missing_sections')!;
    expect(describeProblem(sections, 'it')).toContain('stadio');
  });
});

describe('isAbandonedUpload', () => {
  it('is an upload still pending after its window, and nothing else', () => {
    const at = '2026-11-20T09:15:00.000Z';
    expect(
      isAbandonedUpload({ state: 'upload_pending', uploadExpiresAt: at }, new Date('2026-11-20T09:15:01Z')),
    ).toBe(true);
    expect(
      isAbandonedUpload({ state: 'upload_pending', uploadExpiresAt: at }, new Date('2026-11-20T09:14:59Z')),
    ).toBe(false);
    expect(
      isAbandonedUpload({ state: 'checking', uploadExpiresAt: at }, new Date('2026-11-21T00:00:00Z')),
    ).toBe(false);
  });
});
