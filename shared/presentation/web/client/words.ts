/**
 * The words of the case page's script: the code words and the patient pages' words, in both
 * languages (the case's language wins over the page's). The page hands them to the script in its
 * JSON island (case-page.ts), built from the dictionaries, so the script carries none itself: the
 * page's function would carry them twice (as its own words and inside the script's text). Typed by
 * the dictionaries, so a key the script asks for and no dictionary has fails the type check; no staff
 * or email words.
 */
import type { CodeWords } from '#presentation/i18n/codes.ts';
import type { patient } from '#presentation/i18n/en/patient.ts';

export type CaseWords = CodeWords & { ui: typeof patient };

/** A code's entry in a table of words, or undefined for a code the table does not know. */
export function lookup<T extends object>(table: T, code: string | null | undefined): T[keyof T] | undefined {
  return code === null || code === undefined
    ? undefined
    : (table as Record<string, T[keyof T] | undefined>)[code];
}
