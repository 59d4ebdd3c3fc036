/**
 * The checklist a triage doctor confirms: which required documents are present or missing, and
 * the problems found, named as codes with parameters (the presentation layer puts them in plain
 * English or Italian). Pure: the documents and "now" come in.
 */

import { siteDate } from './calendar.ts';
import type { Classification } from './classifier.ts';
import type { CaseDocument } from './model.ts';
import {
  CLINICAL_TYPES,
  type DocumentType,
  ONCOLOGIST_REPORT_MAX_AGE_DAYS,
  REQUIRED_TYPES,
} from './taxonomy.ts';

export interface ChecklistItem {
  documentType: DocumentType;
  required: boolean;
  present: boolean;
  documentIds: string[];
}

export const PROBLEM_CODES = [
  'required_missing',
  'proxy_authorization_missing',
  'oncologist_report_too_old',
  'oncologist_report_undated',
  'oncologist_report_missing_sections',
  'translation_needed',
  'blood_tests_not_needed',
  'duplicate_file',
  'rejected_file',
  'failed_file',
  'needs_review',
  'still_processing',
  'declared_type_differs',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface ChecklistProblem {
  code: ProblemCode;
  documentId?: string;
  params: Record<string, string | number | string[]>;
}

export interface Checklist {
  items: ChecklistItem[];
  problems: ChecklistProblem[];
  /** Every required document is present and recognised, nothing is still being read. */
  complete: boolean;
}

/** What the checklist reads of a document; `declaredType` is what the patient said the file is. */
export type ChecklistDocument = Pick<
  CaseDocument,
  'documentId' | 'fileName' | 'state' | 'reason' | 'duplicateOf' | 'classification' | 'createdAt'
> &
  Partial<Pick<CaseDocument, 'declaredType'>>;

export interface ChecklistInput {
  /** Someone else applies for the patient: a proxy authorization is required. */
  hasRequester: boolean;
  documents: readonly ChecklistDocument[];
  now: Date;
}

const READ_STATES: readonly CaseDocument['state'][] = ['classified', 'needs_review'];
const PROCESSING_STATES: readonly CaseDocument['state'][] = ['checking', 'reading'];

function classificationOf(doc: Pick<CaseDocument, 'classification'>): Classification | undefined {
  return doc.classification as Classification | undefined;
}

function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round(
    (Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / 86_400_000,
  );
}

/**
 * An upload issued but never sent, past its window: the browser gave up, and S3 would refuse the
 * POST now. It must not hold up submitting, nor count as a document.
 */
export function isAbandonedUpload(doc: Pick<CaseDocument, 'state' | 'uploadExpiresAt'>, now: Date): boolean {
  return doc.state === 'upload_pending' && doc.uploadExpiresAt < now.toISOString();
}

export function buildChecklist(input: ChecklistInput): Checklist {
  const problems: ChecklistProblem[] = [];
  const read = input.documents.filter((d) => READ_STATES.includes(d.state) && classificationOf(d));
  const byType = new Map<DocumentType, typeof read>();
  for (const d of read) {
    // What the patient says a file is counts for the checklist; a disagreement goes to triage below.
    const type = d.declaredType ?? classificationOf(d)!.documentType;
    byType.set(type, [...(byType.get(type) ?? []), d]);
  }

  const required = new Set<DocumentType>(REQUIRED_TYPES);
  if (input.hasRequester) required.add('proxy_authorization');
  const shown: DocumentType[] = [...required, ...CLINICAL_TYPES.filter((t) => !required.has(t))];
  const items = shown.map((documentType) => {
    const docs = byType.get(documentType) ?? [];
    return {
      documentType,
      required: required.has(documentType),
      present: docs.length > 0,
      documentIds: docs.map((d) => d.documentId),
    };
  });

  for (const item of items) {
    if (!item.required || item.present) continue;
    problems.push(
      item.documentType === 'proxy_authorization'
        ? { code: 'proxy_authorization_missing', params: {} }
        : { code: 'required_missing', params: { documentType: item.documentType } },
    );
  }

  // The newest oncologist report is the one that must be recent and complete.
  const reports = [...(byType.get('oncologist_report') ?? [])].sort((a, b) =>
    (classificationOf(b)!.documentDate ?? '').localeCompare(classificationOf(a)!.documentDate ?? ''),
  );
  const newest = reports[0];
  if (newest) {
    const c = classificationOf(newest)!;
    if (!c.documentDate) {
      problems.push({
        code: 'oncologist_report_undated',
        documentId: newest.documentId,
        params: { fileName: newest.fileName },
      });
    } else {
      const ageDays = daysBetween(c.documentDate, siteDate(input.now));
      if (ageDays > ONCOLOGIST_REPORT_MAX_AGE_DAYS) {
        problems.push({
          code: 'oncologist_report_too_old',
          documentId: newest.documentId,
          params: {
            fileName: newest.fileName,
            documentDate: c.documentDate,
            ageDays,
            maxDays: ONCOLOGIST_REPORT_MAX_AGE_DAYS,
          },
        });
      }
    }
    const missing = c.oncologistSections?.missing ?? [];
    if (missing.length) {
      problems.push({
        code: 'oncologist_report_missing_sections',
        documentId: newest.documentId,
        params: { fileName: newest.fileName, sections: missing },
      });
    }
  }

  for (const d of input.documents) {
    const c = classificationOf(d);
    if (READ_STATES.includes(d.state) && c?.language === 'other') {
      problems.push({
        code: 'translation_needed',
        documentId: d.documentId,
        params: { fileName: d.fileName },
      });
    }
    if (READ_STATES.includes(d.state) && c?.documentType === 'lab_results') {
      problems.push({
        code: 'blood_tests_not_needed',
        documentId: d.documentId,
        params: { fileName: d.fileName },
      });
    }
    if (READ_STATES.includes(d.state) && c && d.declaredType && d.declaredType !== c.documentType) {
      problems.push({
        code: 'declared_type_differs',
        documentId: d.documentId,
        params: { fileName: d.fileName, declaredType: d.declaredType, documentType: c.documentType },
      });
    }
    if (d.state === 'needs_review') {
      problems.push({ code: 'needs_review', documentId: d.documentId, params: { fileName: d.fileName } });
    }
    if (d.duplicateOf && d.state !== 'rejected') {
      const original = input.documents.find((o) => o.documentId === d.duplicateOf);
      problems.push({
        code: 'duplicate_file',
        documentId: d.documentId,
        params: {
          fileName: d.fileName,
          duplicateOf: d.duplicateOf,
          originalFileName: original?.fileName ?? '',
        },
      });
    }
    if (d.state === 'rejected') {
      problems.push({
        code: 'rejected_file',
        documentId: d.documentId,
        params: { fileName: d.fileName, reason: d.reason ?? 'unknown' },
      });
    }
    if (d.state === 'failed') {
      problems.push({
        code: 'failed_file',
        documentId: d.documentId,
        params: { fileName: d.fileName, reason: d.reason ?? 'unknown' },
      });
    }
  }
  const processing = input.documents.filter((d) => PROCESSING_STATES.includes(d.state)).length;
  if (processing) problems.push({ code: 'still_processing', params: { count: processing } });

  const complete = items.every((i) => !i.required || i.present) && processing === 0;
  return { items, problems, complete };
}
