/**
 * Every word the service shows, by language: one dictionary per language, the Italian typed by
 * the English so neither can lack what the other has. Areas: `codes` (statuses, states, types,
 * problems), `patient` (the patient's pages), `staff` (the action-link pages), `emails`, `receipt`; `api`
 * holds the JSON API's messages (English only: clients act on codes).
 */
import type { Language } from '#domain/model.ts';
import { api } from './en/api.ts';
import { codes as enCodes } from './en/codes.ts';
import { emails as enEmails } from './en/emails.ts';
import { forms as enForms } from './en/forms.ts';
import { patient as enPatient } from './en/patient.ts';
import { receipt as enReceipt } from './en/receipt.ts';
import { site as enSite } from './en/site.ts';
import { staff as enStaff } from './en/staff.ts';
import { codes as itCodes } from './it/codes.ts';
import { emails as itEmails } from './it/emails.ts';
import { forms as itForms } from './it/forms.ts';
import { patient as itPatient } from './it/patient.ts';
import { receipt as itReceipt } from './it/receipt.ts';
import { site as itSite } from './it/site.ts';
import { staff as itStaff } from './it/staff.ts';

const en = {
  codes: enCodes,
  patient: enPatient,
  staff: enStaff,
  emails: enEmails,
  site: enSite,
  receipt: enReceipt,
  forms: enForms,
};
export type Dictionary = typeof en;
const it: Dictionary = {
  codes: itCodes,
  patient: itPatient,
  staff: itStaff,
  emails: itEmails,
  site: itSite,
  receipt: itReceipt,
  forms: itForms,
};

const DICTIONARIES: Record<Language, Dictionary> = { en, it };

export function dictionary(lang: Language): Dictionary {
  return DICTIONARIES[lang];
}

export { api };

/** An additional consultation's name; a configured one we have no words for is shown with spaces. */
export function additionalName(code: string, lang: Language): string {
  return DICTIONARIES[lang].codes.additional[code] ?? code.replace(/_/g, ' ');
}
