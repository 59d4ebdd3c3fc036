/**
 * The document taxonomy: what a patient's file can be, which kinds the service requires, and the
 * sections a treating oncologist's report must hold. Names here are the codes stored on documents
 * and sent to the pages; their words are in shared/presentation/i18n.
 */

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

/**
 * Required for every case; a proxy authorization is required too when someone applies for the
 * patient. The request form and the privacy consent are not uploads: the web form is rendered to
 * the request form and the consent is recorded when the case is created.
 */
export const REQUIRED_TYPES: readonly DocumentType[] = [
  'oncologist_report',
  'pathology_report',
  'identity_document',
];

/** What the treating oncologist's report must contain (docs/service-rules.md, Documents). */
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

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}
