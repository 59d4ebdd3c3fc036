/**
 * The checklist a triage doctor confirms: which required documents are present or missing, and
 * the problems found, named as codes with parameters (the pages and emails put them in plain
 * English or Italian with `describeProblem`). Pure: the documents and "now" come in.
 */

import { siteDate } from './calendar.ts';
import type { Classification } from './classifier.ts';
import type { CaseDocument, Language } from './model.ts';
import {
  CLINICAL_TYPES,
  DOCUMENT_TYPE_LABELS,
  type DocumentType,
  ONCOLOGIST_REPORT_MAX_AGE_DAYS,
  ONCOLOGIST_SECTION_LABELS,
  type OncologistSection,
  REQUIRED_TYPES,
} from './taxonomy.ts';

export interface ChecklistItem {
  documentType: DocumentType;
  required: boolean;
  present: boolean;
  documentIds: string[];
}

export type ProblemCode =
  | 'required_missing'
  | 'proxy_authorization_missing'
  | 'oncologist_report_too_old'
  | 'oncologist_report_undated'
  | 'oncologist_report_missing_sections'
  | 'translation_needed'
  | 'blood_tests_not_needed'
  | 'duplicate_file'
  | 'rejected_file'
  | 'failed_file'
  | 'needs_review'
  | 'still_processing';

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

export interface ChecklistInput {
  /** Someone else applies for the patient: a proxy authorization is required. */
  hasRequester: boolean;
  documents: readonly Pick<
    CaseDocument,
    'documentId' | 'fileName' | 'state' | 'reason' | 'duplicateOf' | 'classification' | 'createdAt'
  >[];
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
    const type = classificationOf(d)!.documentType;
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

const REASONS: Record<string, Record<Language, string>> = {
  not_pdf: { en: 'it is not a PDF file', it: 'non è un file PDF' },
  empty: { en: 'the file is empty', it: 'il file è vuoto' },
  too_large: { en: 'the file is too large', it: 'il file è troppo grande' },
  encrypted: { en: 'it is protected by a password', it: 'è protetto da password' },
  corrupt: { en: 'the file is damaged and cannot be opened', it: 'il file è danneggiato e non si apre' },
  too_many_pages: { en: 'it has too many pages', it: 'ha troppe pagine' },
  text_detection_failed: { en: 'we could not read it', it: 'non siamo riusciti a leggerlo' },
  check_failed: {
    en: 'our check of the file could not be completed',
    it: 'non è stato possibile completare il controllo del file',
  },
  not_received: { en: 'the file never arrived', it: 'il file non è mai arrivato' },
  no_text: {
    en: 'no text could be read (is it a photo?)',
    it: 'non è stato possibile leggere il testo (è una foto?)',
  },
  unknown: { en: 'of a problem on our side', it: 'di un problema tecnico' },
};

/** A problem's reason code in plain words. */
export function describeReason(reason: string, language: Language): string {
  return (REASONS[reason] ?? REASONS.unknown!)[language];
}

function label(type: string, language: Language): string {
  return DOCUMENT_TYPE_LABELS[type as DocumentType]?.[language] ?? type;
}

/** A checklist problem in plain words, for a patient or a doctor, in English or Italian. */
export function describeProblem(p: ChecklistProblem, language: Language): string {
  const f = String(p.params.fileName ?? '');
  const en = language === 'en';
  switch (p.code) {
    case 'required_missing':
      return en
        ? `Missing: ${label(String(p.params.documentType), 'en')}.`
        : `Manca: ${label(String(p.params.documentType), 'it').toLowerCase()}.`;
    case 'proxy_authorization_missing':
      return en
        ? 'Missing: a proxy authorization signed by the patient, because someone else is applying for them.'
        : "Manca la delega firmata dal paziente, perché la richiesta è presentata da un'altra persona.";
    case 'oncologist_report_too_old':
      return en
        ? `The oncologist's report "${f}" is ${p.params.ageDays} days old; it must be at most ${p.params.maxDays} days old.`
        : `La relazione dell'oncologo "${f}" risale a ${p.params.ageDays} giorni fa; non deve superare i ${p.params.maxDays} giorni.`;
    case 'oncologist_report_undated':
      return en
        ? `We could not find the date of the oncologist's report "${f}".`
        : `Non abbiamo trovato la data della relazione dell'oncologo "${f}".`;
    case 'oncologist_report_missing_sections': {
      const sections = (p.params.sections as OncologistSection[])
        .map((s) => ONCOLOGIST_SECTION_LABELS[s][language])
        .join(', ');
      return en
        ? `The oncologist's report "${f}" seems to lack: ${sections}.`
        : `Nella relazione dell'oncologo "${f}" sembrano mancare: ${sections}.`;
    }
    case 'translation_needed':
      return en
        ? `"${f}" is not in English or Italian: please send an official translation.`
        : `"${f}" non è in italiano né in inglese: invii una traduzione ufficiale.`;
    case 'blood_tests_not_needed':
      return en
        ? `"${f}" looks like blood tests: these are not needed unless a doctor asks for them.`
        : `"${f}" sembrano esami del sangue: non servono, salvo richiesta del medico.`;
    case 'duplicate_file':
      return en
        ? `"${f}" is the same file as "${p.params.originalFileName}".`
        : `"${f}" è lo stesso file di "${p.params.originalFileName}".`;
    case 'rejected_file':
      return en
        ? `"${f}" was not accepted because ${describeReason(String(p.params.reason), 'en')}. Please upload it again as a PDF.`
        : `"${f}" non è stato accettato perché ${describeReason(String(p.params.reason), 'it')}. Lo carichi di nuovo in PDF.`;
    case 'failed_file':
      return en
        ? `"${f}" could not be processed because ${describeReason(String(p.params.reason), 'en')}. Our staff will check it.`
        : `"${f}" non è stato elaborato perché ${describeReason(String(p.params.reason), 'it')}. Il nostro personale lo verificherà.`;
    case 'needs_review':
      return en
        ? `"${f}" will be checked by a doctor: we could not recognise it with certainty.`
        : `"${f}" sarà controllato da un medico: non siamo riusciti a riconoscerlo con certezza.`;
    case 'still_processing':
      return en
        ? `${p.params.count} file(s) are still being read. This takes a few minutes.`
        : `${p.params.count} file in lettura. Servono pochi minuti.`;
  }
}
