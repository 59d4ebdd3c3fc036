/**
 * What the server writes into a page for its script (the JSON island), typed once for both
 * sides. No DOM here: the server's type check reads this file too.
 */
import type { Language } from '#domain/model.ts';
import type { patient } from '#presentation/i18n/en/patient.ts';
import type { CaseWords } from './words.ts';

export interface BankDetails {
  beneficiary: string;
  iban: string;
  bic: string;
}

/** Where the case page hands the patient's details to the request form of an update (sessionStorage, this tab). */
export const PREFILL_KEY = 'so.request.prefill';

/** The case page's data and its script's words (both languages: the case's language wins). */
export interface CaseIsland {
  caseId: string;
  lang: Language;
  words: Record<Language, CaseWords>;
  bank: BankDetails;
  /** The courier's price, in cents. */
  courierCents: number;
}

/** The request page's words its script needs, in the page's language only. */
export const REQUEST_STRING_KEYS = [
  'errorSummary',
  'errRequired',
  'errEmail',
  'errPhone',
  'errDate',
  'errTaxCodeNeeded',
  'errTaxCode',
  'errTaxCodeBirth',
  'errTypes',
  'errConsent',
  'errReference',
  'errServerField',
  'errNotFoundReference',
  'errPreviousNotReleased',
  'errPreviousTooOld',
  'errTooMany',
  'errNetwork',
  'errServer',
  'creating',
] as const satisfies readonly (keyof typeof patient)[];

export type RequestStrings = Record<(typeof REQUEST_STRING_KEYS)[number], string>;
