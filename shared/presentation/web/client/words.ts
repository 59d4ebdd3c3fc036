/**
 * The words of the case page's script: the code words and the patient pages' words, in both
 * languages (the case's language wins over the page's). Imported from the dictionaries, so a key
 * the script asks for and no dictionary has fails the type check; no staff or email words.
 */
import type { Language } from '#domain/model.ts';
import { codes as enCodes } from '#presentation/i18n/en/codes.ts';
import { patient as enPatient } from '#presentation/i18n/en/patient.ts';
import { codes as itCodes } from '#presentation/i18n/it/codes.ts';
import { patient as itPatient } from '#presentation/i18n/it/patient.ts';

function words(codes: typeof enCodes, ui: typeof enPatient) {
  return { ...codes, ui };
}
export type CaseWords = ReturnType<typeof words>;

export const CASE_WORDS: Record<Language, CaseWords> = {
  en: words(enCodes, enPatient),
  it: words(itCodes, itPatient),
};

/** A code's entry in a table of words, or undefined for a code the table does not know. */
export function lookup<T extends object>(table: T, code: string | null | undefined): T[keyof T] | undefined {
  return code === null || code === undefined
    ? undefined
    : (table as Record<string, T[keyof T] | undefined>)[code];
}
