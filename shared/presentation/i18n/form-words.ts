/** The words of the PDFs the service makes (the request form, the proxy authorization) by language; the Italian is typed by the English (it/forms.ts), so neither lacks a word. */
import type { Language } from '#domain/model.ts';
import { forms as en } from './en/forms.ts';
import { forms as it } from './it/forms.ts';

const WORDS: Record<Language, typeof en> = { en, it };

export function formWords(lang: Language): typeof en {
  return WORDS[lang];
}
