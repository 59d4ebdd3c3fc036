/**
 * The document taxonomy: what a patient's file can be, which kinds the service requires, and the
 * sections a treating oncologist's report must hold. Names here are the codes stored on documents
 * and sent to the pages, which translate them with the labels below.
 */
import type { Language } from './model.ts';

export const DOCUMENT_TYPES = [
  'oncologist_report',
  'pathology_report',
  'imaging_report',
  'surgical_report',
  'discharge_letter',
  'therapy_record',
  'molecular_report',
  'lab_results',
  'request_form',
  'privacy_consent',
  'identity_document',
  'proxy_authorization',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The language of a document: English and Italian are accepted, anything else needs an official translation. */
export const DOCUMENT_LANGUAGES = ['en', 'it', 'other'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

export const CLINICAL_TYPES: readonly DocumentType[] = [
  'oncologist_report',
  'pathology_report',
  'imaging_report',
  'surgical_report',
  'discharge_letter',
  'therapy_record',
  'molecular_report',
  'lab_results',
];

/** Required for every case; a proxy authorization is required too when someone applies for the patient. */
export const REQUIRED_TYPES: readonly DocumentType[] = [
  'oncologist_report',
  'pathology_report',
  'request_form',
  'privacy_consent',
  'identity_document',
];

/** What the treating oncologist's report must contain (DESIGN.md section 1). */
export const ONCOLOGIST_SECTIONS = [
  'diagnosis',
  'stage',
  'non_cancer_history',
  'cancer_history',
  'treatments',
  'current_problems',
  'clinical_question',
] as const;
export type OncologistSection = (typeof ONCOLOGIST_SECTIONS)[number];

/** An oncologist report older than this many days at submission must be renewed. */
export const ONCOLOGIST_REPORT_MAX_AGE_DAYS = 30;

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, Record<Language, string>> = {
  oncologist_report: { en: "Treating oncologist's report", it: "Relazione dell'oncologo curante" },
  pathology_report: { en: 'Pathology (histology) report', it: 'Referto istologico' },
  imaging_report: { en: 'Imaging report', it: 'Referto di diagnostica per immagini' },
  surgical_report: { en: 'Surgical report', it: 'Verbale operatorio' },
  discharge_letter: { en: 'Discharge letter', it: 'Lettera di dimissione' },
  therapy_record: { en: 'Therapy record', it: 'Scheda di terapia' },
  molecular_report: { en: 'Molecular / genetic test report', it: 'Referto di biologia molecolare' },
  lab_results: { en: 'Blood tests', it: 'Esami del sangue' },
  request_form: { en: 'Signed request form', it: 'Modulo di richiesta firmato' },
  privacy_consent: { en: 'Privacy consent', it: 'Consenso al trattamento dei dati' },
  identity_document: { en: 'Identity document', it: "Documento d'identità" },
  proxy_authorization: { en: 'Proxy authorization', it: 'Delega' },
  other: { en: 'Other document', it: 'Altro documento' },
};

export const ONCOLOGIST_SECTION_LABELS: Record<OncologistSection, Record<Language, string>> = {
  diagnosis: { en: 'diagnosis', it: 'diagnosi' },
  stage: { en: 'stage', it: 'stadio' },
  non_cancer_history: { en: 'non-cancer medical history', it: 'anamnesi patologica non oncologica' },
  cancer_history: { en: 'cancer history', it: 'storia oncologica' },
  treatments: { en: 'treatments with doses', it: 'terapie con dosaggi' },
  current_problems: { en: 'current problems', it: 'problemi attuali' },
  clinical_question: { en: 'the clinical question', it: 'il quesito clinico' },
};

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}
