/** The emails' words by language; the Italian is typed by the English (it/emails.ts), so neither lacks a word. */
import type { Language } from '#domain/model.ts';
import { emails as en } from './en/emails.ts';
import { emails as it } from './it/emails.ts';

const WORDS: Record<Language, typeof en> = { en, it };

export function emailWords(lang: Language): typeof en {
  return WORDS[lang];
}
