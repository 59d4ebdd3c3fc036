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

const complete = () => [doc('oncologist_report'), doc('pathology_report'), doc('identity_document')];

describe('buildChecklist', () => {
  it('is complete with every required document and no problems', () => {
    const c = buildChecklist({ hasRequester: false, documents: complete(), now: NOW });
    expect(c.complete).toBe(true);
    expect(c.problems).toEqual([]);
    expect(c.items.filter((i) => i.required).map((i) => i.documentType)).toEqual([
      'oncologist_report',
      'pathology_report',
      'identity_document',
    ]);
  });

  it('names missing documents, and the proxy authorization when someone applies for the patient', () => {
    const c = buildChecklist({ hasRequester: true, documents: complete().slice(0, 2), now: NOW });
    expect(c.complete).toBe(false);
    expect(c.problems.map((p) => [p.code, p.params.documentType])).toEqual([
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
    const dup = { ...doc('identity_document'), duplicateOf: first[2]!.documentId };
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

describe('buildChecklist rules', () => {
  const build = (documents: ChecklistInput['documents'], now = NOW, hasRequester = false) =>
    buildChecklist({ hasRequester, documents, now });

  it('shows the required documents first, then the other clinical ones, with the documents of each', () => {
    const docs = complete();
    const second = doc('pathology_report');
    const imaging = doc('imaging_report');
    const c = build([...docs, second, imaging], NOW, true);
    expect(c.items.map((i) => [i.documentType, i.required, i.present])).toEqual([
      ['oncologist_report', true, true],
      ['pathology_report', true, true],
      ['identity_document', true, true],
      ['proxy_authorization', true, false],
      ['imaging_report', false, true],
      ['surgical_report', false, false],
      ['discharge_letter', false, false],
      ['therapy_record', false, false],
      ['molecular_report', false, false],
      ['lab_results', false, false],
    ]);
    expect(c.items.find((i) => i.documentType === 'pathology_report')!.documentIds).toEqual([
      docs[1]!.documentId,
      second.documentId,
    ]);
    expect(c.items.find((i) => i.documentType === 'surgical_report')!.documentIds).toEqual([]);
    expect(c.problems).toEqual([{ code: 'proxy_authorization_missing', params: {} }]);
    expect(c.complete).toBe(false);
  });

  it('names a missing oncologist report like any other required document', () => {
    expect(build(complete().slice(1)).problems).toEqual([
      { code: 'required_missing', params: { documentType: 'oncologist_report' } },
    ]);
  });

  it('ignores a document marked read whose classification is missing, without failing', () => {
    const bare = { ...doc('pathology_report'), classification: undefined };
    const [onco, , id] = complete();
    const c = build([onco!, bare, id!]);
    expect(c.items.find((i) => i.documentType === 'pathology_report')!.present).toBe(false);
    expect(c.problems).toEqual([{ code: 'required_missing', params: { documentType: 'pathology_report' } }]);
  });

  it('counts a document a doctor must still review as present, and names it', () => {
    const unsure = doc('pathology_report', { needsReview: true, confidence: 0.3 }, 'needs_review');
    const [onco, , id] = complete();
    const c = build([onco!, unsure, id!]);
    expect(c.items.find((i) => i.documentType === 'pathology_report')).toMatchObject({
      present: true,
      documentIds: [unsure.documentId],
    });
    expect(c.problems).toEqual([
      { code: 'needs_review', documentId: unsure.documentId, params: { fileName: unsure.fileName } },
    ]);
  });

  it('does not count a rejected or failed document as present, whatever it was classified as', () => {
    const rejected = doc('pathology_report', { language: 'other' }, 'rejected');
    const failed = doc('lab_results', {}, 'failed');
    const [onco, , id] = complete();
    const c = build([onco!, rejected, failed, id!]);
    expect(c.items.find((i) => i.documentType === 'pathology_report')!.present).toBe(false);
    expect(c.items.find((i) => i.documentType === 'lab_results')!.present).toBe(false);
    expect(c.complete).toBe(false);
    // Named once, for what happened to it: no translation or blood-test advice about a file not taken.
    expect(c.problems).toEqual([
      { code: 'required_missing', params: { documentType: 'pathology_report' } },
      {
        code: 'rejected_file',
        documentId: rejected.documentId,
        params: { fileName: rejected.fileName, reason: 'unknown' },
      },
      {
        code: 'failed_file',
        documentId: failed.documentId,
        params: { fileName: failed.fileName, reason: 'unknown' },
      },
    ]);
  });

  it('is not complete while a file is being checked or read, and says how many', () => {
    const checking = { ...doc('other', {}, 'checking'), classification: undefined };
    const reading = { ...doc('other', {}, 'reading'), classification: undefined };
    const one = build([...complete(), checking]);
    expect(one.complete).toBe(false);
    expect(one.problems).toEqual([{ code: 'still_processing', params: { count: 1 } }]);
    expect(build([...complete(), checking, reading]).problems).toEqual([
      { code: 'still_processing', params: { count: 2 } },
    ]);
  });

  it('takes the newest oncologist report whatever the order of upload', () => {
    const old = doc('oncologist_report', {
      documentDate: '2026-10-01',
      oncologistSections: { present: [], missing: ['stage'] },
    });
    const fresh = doc('oncologist_report', { documentDate: '2026-11-10' });
    const others = complete().slice(1);
    expect(build([old, fresh, ...others]).problems).toEqual([]);
    expect(build([fresh, old, ...others]).problems).toEqual([]);
    const c = build([fresh, old, ...others]);
    expect(c.items[0]!.documentIds).toEqual([fresh.documentId, old.documentId]);
  });

  it('prefers a dated oncologist report to an undated one, and names an undated one alone', () => {
    const undated = doc('oncologist_report', { documentDate: undefined });
    const dated = doc('oncologist_report', { documentDate: '2026-11-10' });
    const others = complete().slice(1);
    expect(build([undated, dated, ...others]).problems).toEqual([]);
    expect(build([dated, undated, ...others]).problems).toEqual([]);
    expect(build([undated, ...others]).problems).toEqual([
      {
        code: 'oncologist_report_undated',
        documentId: undated.documentId,
        params: { fileName: undated.fileName },
      },
    ]);
  });

  it('names every problem of an old, incomplete oncologist report with what the words need', () => {
    const old = doc('oncologist_report', {
      documentDate: '2026-09-01',
      oncologistSections: { present: ['diagnosis'], missing: ['stage', 'treatments'] },
    });
    expect(build([old, ...complete().slice(1)]).problems).toEqual([
      {
        code: 'oncologist_report_too_old',
        documentId: old.documentId,
        params: { fileName: old.fileName, documentDate: '2026-09-01', ageDays: 80, maxDays: 30 },
      },
      {
        code: 'oncologist_report_missing_sections',
        documentId: old.documentId,
        params: { fileName: old.fileName, sections: ['stage', 'treatments'] },
      },
    ]);
  });

  it('asks nothing of a report whose sections were not analysed', () => {
    const report = doc('oncologist_report', { oncologistSections: undefined });
    expect(build([report, ...complete().slice(1)]).problems).toEqual([]);
  });

  it("measures the report's age on the Rome date of submission", () => {
    const report = doc('oncologist_report', { documentDate: '2026-10-21' });
    const documents = [report, ...complete().slice(1)];
    // 20 November 23:30 in Rome: 30 days, accepted. 21 November 00:30 in Rome (still the 20th in UTC): 31 days.
    expect(build(documents, new Date('2026-11-20T22:30:00Z')).problems).toEqual([]);
    expect(build(documents, new Date('2026-11-20T23:30:00Z')).problems).toEqual([
      {
        code: 'oncologist_report_too_old',
        documentId: report.documentId,
        params: { fileName: report.fileName, documentDate: '2026-10-21', ageDays: 31, maxDays: 30 },
      },
    ]);
  });

  it('names a foreign-language document and blood tests still under review too', () => {
    const foreign = doc('imaging_report', { language: 'other' }, 'needs_review');
    const blood = doc('lab_results', {}, 'needs_review');
    expect(build([...complete(), foreign, blood]).problems).toEqual([
      { code: 'translation_needed', documentId: foreign.documentId, params: { fileName: foreign.fileName } },
      { code: 'needs_review', documentId: foreign.documentId, params: { fileName: foreign.fileName } },
      { code: 'blood_tests_not_needed', documentId: blood.documentId, params: { fileName: blood.fileName } },
      { code: 'needs_review', documentId: blood.documentId, params: { fileName: blood.fileName } },
    ]);
  });

  it('names a duplicate with its original, and a rejected duplicate only as rejected', () => {
    const docs = complete();
    const dup = { ...doc('identity_document'), duplicateOf: docs[2]!.documentId };
    const orphan = { ...doc('imaging_report'), duplicateOf: 'gone' };
    const rejectedDup = {
      ...doc('other', {}, 'rejected'),
      classification: undefined,
      duplicateOf: docs[1]!.documentId,
      reason: 'too_large',
    };
    expect(build([...docs, dup, orphan, rejectedDup]).problems).toEqual([
      {
        code: 'duplicate_file',
        documentId: dup.documentId,
        params: {
          fileName: dup.fileName,
          duplicateOf: docs[2]!.documentId,
          originalFileName: docs[2]!.fileName,
        },
      },
      {
        code: 'duplicate_file',
        documentId: orphan.documentId,
        params: { fileName: orphan.fileName, duplicateOf: 'gone', originalFileName: '' },
      },
      {
        code: 'rejected_file',
        documentId: rejectedDup.documentId,
        params: { fileName: rejectedDup.fileName, reason: 'too_large' },
      },
    ]);
  });
});

describe('what the patient says a file is', () => {
  const build = (documents: ChecklistInput['documents']) =>
    buildChecklist({ hasRequester: true, documents, now: NOW });

  it('counts the file as what the patient said and flags the disagreement to the doctor', () => {
    // Read as a privacy consent, the patient says it is the proxy authorization.
    const relabelled = { ...doc('privacy_consent'), declaredType: 'proxy_authorization' as const };
    const c = build([...complete(), relabelled]);
    expect(c.items.find((i) => i.documentType === 'proxy_authorization')).toMatchObject({
      present: true,
      documentIds: [relabelled.documentId],
    });
    expect(c.problems).toEqual([
      {
        code: 'declared_type_differs',
        documentId: relabelled.documentId,
        params: {
          fileName: relabelled.fileName,
          declaredType: 'proxy_authorization',
          documentType: 'privacy_consent',
        },
      },
    ]);
    expect(c.complete).toBe(true);
    expect(describeProblem(c.problems[0]!, 'en')).toBe(
      'You said "' +
        relabelled.fileName +
        '" is Proxy authorization; we read it as Privacy consent. A doctor will check which is right.',
    );
    expect(describeProblem(c.problems[0]!, 'it')).toContain('Delega');
  });

  it('flags nothing when the patient agrees with the reading, nor for a file not read', () => {
    const agreed = { ...doc('pathology_report'), declaredType: 'pathology_report' as const };
    const rejected = {
      ...doc('pathology_report', {}, 'rejected'),
      reason: 'encrypted',
      declaredType: 'identity_document' as const,
    };
    const c = build([...complete(), agreed, rejected, doc('proxy_authorization')]);
    expect(c.problems.map((p) => p.code)).toEqual(['rejected_file']);
    expect(c.items.find((i) => i.documentType === 'identity_document')!.documentIds).toHaveLength(1);
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
    expect(isAbandonedUpload({ state: 'upload_pending', uploadExpiresAt: at }, new Date(at))).toBe(false);
    expect(
      isAbandonedUpload({ state: 'checking', uploadExpiresAt: at }, new Date('2026-11-21T00:00:00Z')),
    ).toBe(false);
  });
});
