/** The words of the patient's pages (request form, case page, link page) by language; the Italian is typed by the English (it/patient.ts), so neither lacks a word. */
import type { Language } from '#domain/model.ts';
import { patient as en } from './en/patient.ts';
import { patient as it } from './it/patient.ts';

const WORDS: Record<Language, typeof en> = { en, it };

export function patientWords(lang: Language): typeof en {
  return WORDS[lang];
}
