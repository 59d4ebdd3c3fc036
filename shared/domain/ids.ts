import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a reference read over the phone is not misheard. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type RandomBytes = (n: number) => Uint8Array;

export function newCaseId(): string {
  return randomUUID();
}

/** A human case reference, printed on emails and bank transfers: SO-2026-7K3Q-XM4D. */
export function newCaseReference(year: number, random: RandomBytes = randomBytes): string {
  const bytes = random(8);
  const chars = Array.from(bytes, (b) => CROCKFORD[b % 32]).join('');
  return `SO-${year}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export const CASE_REFERENCE_PATTERN = /^SO-\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Normalises what a person typed (case, spaces, look-alike letters) to a case reference. */
export function normaliseCaseReference(input: string): string {
  // Two equivalent mutants survive here, as a disable comment would also skip mutants the tests
  // kill (.toUpperCase(), \S+): removing .trim() (the \s+ replace drops the edge spaces too) and
  // \s+ -> \s (a global replace removes every space either way).
  return input.trim().toUpperCase().replace(/\s+/g, '').replace(/[O]/g, '0').replace(/[IL]/g, '1').replace(
    // Stryker disable next-line Regex: a string with S0- other than at its start is no reference either way
    /^S0-/,
    'SO-',
  );
}

function mod97(digits: string): number {
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + Number(ch)) % 97;
  return rest;
}

function lettersToDigits(s: string): string {
  return Array.from(s, (ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
}

/**
 * ISO 7064 MOD 97-10 over a code of capitals and digits that starts with two letters and two
 * check digits (an RF reference, an IBAN): moved to the end, letters as numbers, the rest is 1.
 */
export function hasMod97Check(code: string): boolean {
  return mod97(lettersToDigits(`${code.slice(4)}${code.slice(0, 4)}`)) === 1;
}

/** ISO 11649 structured creditor reference (RF + 2 check digits + up to 21 characters). */
export function rfCreditorReference(body: string): string {
  const clean = body.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (clean.length < 1 || clean.length > 21) {
    throw new RangeError(`an RF reference holds 1 to 21 letters or digits, got ${clean.length}`);
  }
  const check = 98 - mod97(lettersToDigits(`${clean}RF00`));
  return `RF${String(check).padStart(2, '0')}${clean}`;
}

/** Whether an RF creditor reference (spaces allowed) has valid check digits. */
export function isValidRfReference(input: string): boolean {
  // \s+ -> \s survives, equivalent: a global replace removes every space either way (a disable
  // comment would also skip \S+, which the tests kill).
  const s = input.toUpperCase().replace(/\s+/g, '');
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(s)) return false;
  return hasMod97Check(s);
}

/** The payment reference of a case: its case reference, with RF check digits. */
export function paymentReference(caseReference: string): string {
  // Stryker disable next-line Regex: a case reference's first SO- is its start
  return rfCreditorReference(caseReference.replace(/^SO-/, 'SO'));
}

/** An RF reference in groups of four, as banks print it. */
export function formatRfReference(rf: string): string {
  return rf.replace(/(.{4})/g, '$1 ').trim();
}

/** A secret for a link or a patient: 256 random bits, URL-safe. */
export function newSecretToken(random: RandomBytes = randomBytes): string {
  return Buffer.from(random(32)).toString('base64url');
}

/** What is stored instead of a secret token. */
export function hashToken(token: string): string {
  return createHash('sha256')
    .update(
      token,
      // Stryker disable next-line StringLiteral: utf8 is Node's encoding for a string anyway; named for the reader
      'utf8',
    )
    .digest('hex');
}
