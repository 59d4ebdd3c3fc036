/**
 * Italian tax identifiers. The codice fiscale of a person (16 characters), as the Agenzia delle Entrate builds it:
 * surname and name letters, year, month letter, day (plus 40 for women), the place code, and a
 * check character. Omocodia (two people with the same code) replaces digits, from the right, by
 * the letters L M N P Q R S T U V; such a code is as valid as the original. Pure.
 */

const MONTHS = 'ABCDEHLMPRST';
const OMOCODIA = 'LMNPQRSTUV';
/** The positions (0-based) that hold digits, and may hold omocodia letters instead. */
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14] as const;

/** The values of characters in odd positions (1st, 3rd... counted from 1) for the check character. */
// biome-ignore format: the table as the Agenzia delle Entrate prints it
const ODD: Record<string, number> = {
  0: 1, 1: 0, 2: 5, 3: 7, 4: 9, 5: 13, 6: 15, 7: 17, 8: 19, 9: 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function evenValue(ch: string): number {
  return /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
}

/** The check character of the first 15 characters of a code. */
export function codiceFiscaleCheck(first15: string): string {
  let total = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15[i]!;
    total += i % 2 === 0 ? ODD[ch]! : evenValue(ch);
  }
  return String.fromCharCode(65 + (total % 26));
}

/** The code as written on the card: upper case, no spaces. */
export function normaliseCodiceFiscale(input: string): string {
  return input.toUpperCase().replace(/\s+/g, '');
}

/** The code with omocodia letters turned back into digits. */
function decoded(code: string): string {
  const chars = [...code];
  for (const i of DIGIT_POSITIONS) {
    const at = OMOCODIA.indexOf(chars[i]!);
    if (at >= 0) chars[i] = String(at);
  }
  return chars.join('');
}

const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface CodiceFiscaleBirth {
  /** The last two digits of the year of birth. */
  yy: number;
  month: number;
  day: number;
  sex: 'F' | 'M';
}

/** The birth date and sex a valid code holds; undefined when the code is not valid. */
export function codiceFiscaleBirth(input: string): CodiceFiscaleBirth | undefined {
  const code = normaliseCodiceFiscale(input);
  if (!SHAPE.test(code)) return undefined;
  if (codiceFiscaleCheck(code.slice(0, 15)) !== code[15]) return undefined;
  const plain = decoded(code);
  const month = MONTHS.indexOf(plain[8]!) + 1;
  const rawDay = Number(plain.slice(9, 11));
  const sex = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  if (day < 1 || day > DAYS_IN_MONTH[month - 1]!) return undefined;
  return { yy: Number(plain.slice(6, 8)), month, day, sex };
}

/** Whether a codice fiscale is well formed with a matching check character (omocodia included). */
export function isValidCodiceFiscale(input: string): boolean {
  return codiceFiscaleBirth(input) !== undefined;
}

/** Whether a valid code's date of birth is `dateOfBirth` (YYYY-MM-DD). */
export function codiceFiscaleMatchesBirthDate(input: string, dateOfBirth: string): boolean {
  const birth = codiceFiscaleBirth(input);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!birth || !m) return false;
  return Number(m[1]) % 100 === birth.yy && Number(m[2]) === birth.month && Number(m[3]) === birth.day;
}

/** Whether an Italian VAT number (partita IVA: 11 digits, optionally after "IT") has its check digit. */
export function isValidPartitaIva(input: string): boolean {
  const digits = input.replace(/^IT/, '');
  if (!/^\d{11}$/.test(digits)) return false;
  let total = 0;
  for (let i = 0; i < 10; i++) {
    const n = Number(digits[i]);
    // The 2nd, 4th... digit is doubled, less 9 when it passes 9.
    total += i % 2 === 0 ? n : n * 2 > 9 ? n * 2 - 9 : n * 2;
  }
  return (10 - (total % 10)) % 10 === Number(digits[10]);
}
