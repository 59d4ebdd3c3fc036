/** The words of every page's footer by language; the Italian is typed by the English (it/site.ts), so neither lacks a word. */
import type { Language } from '#domain/model.ts';
import { site as en } from './en/site.ts';
import { site as it } from './it/site.ts';

const WORDS: Record<Language, typeof en> = { en, it };

export function siteWords(lang: Language): typeof en {
  return WORDS[lang];
}
