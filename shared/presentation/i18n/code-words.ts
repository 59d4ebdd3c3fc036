/**
 * The words for every code the service stores or the API returns (statuses, states, types,
 * problems, reasons...), by language; both languages are typed by CodeWords (codes.ts).
 *
 * The dictionaries are split by area, each with a module like this one (code-, email-, patient-,
 * staff-, site-, form-, receipt-words.ts), so that a function bundles only the words of what it
 * shows: a function that sends no page carries no page's words. The JSON API's messages are
 * English only (en/api.ts): clients act on codes.
 */
import type { Language } from '#domain/model.ts';
import type { CodeWords } from './codes.ts';
import { codes as en } from './en/codes.ts';
import { codes as it } from './it/codes.ts';

const WORDS: Record<Language, CodeWords> = { en, it };

export function codeWords(lang: Language): CodeWords {
  return WORDS[lang];
}

/** An additional consultation's name; a configured one we have no words for is shown with spaces. */
export function additionalName(code: string, lang: Language): string {
  return WORDS[lang].additional[code] ?? code.replace(/_/g, ' ');
}
