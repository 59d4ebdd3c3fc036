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
import { codes as en, additional as enAdditional } from './en/codes.ts';
import { codes as it, additional as itAdditional } from './it/codes.ts';

const WORDS: Record<Language, CodeWords> = { en, it };
/** Apart, so that an email's consultation names bundle no other code words (emails/code-formats.ts). */
const ADDITIONAL = { en: enAdditional, it: itAdditional };

export function codeWords(lang: Language): CodeWords {
  return WORDS[lang];
}

/** An additional consultation's name; a configured one we have no words for is shown with spaces. */
export function additionalName(code: string, lang: Language): string {
  return ADDITIONAL[lang][code] ?? code.replace(/_/g, ' ');
}
