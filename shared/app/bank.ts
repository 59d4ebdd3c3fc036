/**
 * The bank details patients pay to, checked where they are configured (the Lambda environment and
 * the CDK stage): an IBAN with its country's length and its ISO 7064 mod-97 check digits, a BIC of
 * the ISO 9362 format with a real country. A typo here would send patients' money to another account.
 */
import { hasMod97Check } from '#domain/ids.ts';
import * as z from './zod.ts';

/** IBAN lengths by country, from the SWIFT IBAN registry (as ibantools 4.5.4 carried it, 2026). */
// biome-ignore format: a table reads better in rows
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AX: 18, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18,
  FR: 27, GB: 22, GE: 22, GF: 27, GI: 23, GL: 18, GP: 27, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MF: 27, MK: 19, MN: 20, MQ: 27, MR: 27, MT: 31, MU: 30,
  NC: 27, NI: 28, NL: 18, NO: 15, OM: 23, PF: 27, PK: 24, PL: 28, PM: 27, PS: 29, PT: 25, QA: 29,
  RE: 27, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23,
  ST: 25, SV: 28, TF: 27, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, WF: 27, XK: 20, YE: 30,
  YT: 27,
};

/** A region code Intl knows by name ("DE": Germany; "XX": none). */
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

export const ibanSchema = z.string().check(
  z.regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'is not an IBAN (capitals, no spaces)'),
  z.refine(
    (iban) => IBAN_LENGTHS[iban.slice(0, 2)] === iban.length && hasMod97Check(iban),
    'is not a valid IBAN (its length, format or check digits are wrong)',
  ),
);

export const bicSchema = z.string().check(
  z.regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'is not a BIC (capitals, 8 or 11 characters)'),
  z.refine(
    (bic) => /^[A-Z]{6}/.test(bic) && regions.of(bic.slice(4, 6)) !== undefined,
    'is not a BIC (4 bank letters, 2 country letters, 2 location characters, optional 3 branch characters)',
  ),
);
