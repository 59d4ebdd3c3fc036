/**
 * The words of the staff pages (action links, the office page, the case panel) by language; the
 * Italian is typed by the English (it/staff.ts), so neither lacks a word. The office's ledger pages
 * have words of their own besides (`officeWords`), which the action links' function does not carry.
 */
import type { Language } from '#domain/model.ts';
import { staff as en, office as enOffice } from './en/staff.ts';
import { staff as it, office as itOffice } from './it/staff.ts';

const WORDS: Record<Language, typeof en> = { en, it };
const OFFICE: Record<Language, typeof enOffice> = { en: enOffice, it: itOffice };

export function staffWords(lang: Language): typeof en {
  return WORDS[lang];
}

/** The office's ledger links: a statement credit to decide, a refund to record, a late payment to refund. */
export function officeWords(lang: Language): typeof enOffice {
  return OFFICE[lang];
}
