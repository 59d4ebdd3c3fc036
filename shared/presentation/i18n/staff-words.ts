/** The words of the staff pages (action links, the office page, the case panel) by language; the Italian is typed by the English (it/staff.ts), so neither lacks a word. */
import type { Language } from '#domain/model.ts';
import { staff as en } from './en/staff.ts';
import { staff as it } from './it/staff.ts';

const WORDS: Record<Language, typeof en> = { en, it };

export function staffWords(lang: Language): typeof en {
  return WORDS[lang];
}
