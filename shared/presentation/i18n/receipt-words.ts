/** The words of a payment receipt (PDF) by language; the Italian is typed by the English (it/receipt.ts), so neither lacks a word. */
import type { Language } from '#domain/model.ts';
import { receipt as en } from './en/receipt.ts';
import { receipt as it } from './it/receipt.ts';

const WORDS: Record<Language, typeof en> = { en, it };

export function receiptWords(lang: Language): typeof en {
  return WORDS[lang];
}
