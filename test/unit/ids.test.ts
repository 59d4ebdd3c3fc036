import { describe, expect, it } from 'vitest';
import {
  CASE_REFERENCE_PATTERN,
  formatRfReference,
  hashToken,
  hasMod97Check,
  isValidRfReference,
  newCaseId,
  newCaseReference,
  newSecretToken,
  normaliseCaseReference,
  paymentReference,
  rfCreditorReference,
} from '#domain/ids.ts';

// What a case reference looks like, written out here rather than taken from the module: SO, the
// year, two groups of four Crockford base32 characters (no I, L, O or U).
const REFERENCE_SHAPE = /^SO-\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('case references', () => {
  it('are readable, of the year, without look-alike letters', () => {
    for (let i = 0; i < 200; i++) {
      const ref = newCaseReference(2026);
      expect(ref).toMatch(REFERENCE_SHAPE);
      expect(ref.slice(0, 8)).toBe('SO-2026-');
      expect(ref.slice(8)).not.toMatch(/[ILOU]/);
    }
  });

  it('come from the random source, each byte taken modulo 32', () => {
    const ref = newCaseReference(2027, (n) => new Uint8Array(n).map((_, i) => i));
    expect(ref).toBe('SO-2027-0123-4567');
    const bytes = [0, 31, 32, 255, 8, 200, 17, 100];
    expect(newCaseReference(2027, () => Uint8Array.from(bytes))).toBe('SO-2027-0Z0Z-88H4');
  });

  it('are normalised from what a person typed', () => {
    expect(normaliseCaseReference(' so-2026-7k3q-xm4d ')).toBe('SO-2026-7K3Q-XM4D');
    expect(normaliseCaseReference('SO - 2026 - 7K3Q - XM4D')).toBe('SO-2026-7K3Q-XM4D');
    expect(normaliseCaseReference('SO-2026-7K3O-XM4I')).toBe('SO-2026-7K30-XM41');
    expect(normaliseCaseReference('so-2026-l0o1-xm4d')).toBe('SO-2026-1001-XM4D');
    expect(normaliseCaseReference('S0-2026-7K3Q-XM4D')).toBe('SO-2026-7K3Q-XM4D');
  });

  it('are told apart from anything else by the pattern the API checks them with', () => {
    for (const ref of ['SO-2026-0AJK-MNPV', 'SO-2031-MNPV-0AJK', 'SO-2026-9HTZ-BRSX']) {
      expect(ref, ref).toMatch(CASE_REFERENCE_PATTERN);
    }
    for (const notRef of [
      'SO-2026-7K3Q-XM4I',
      'SO-2026-7K3L-XM4D',
      'SO-2026-7K3O-XM4D',
      'SO-2026-7K3U-XM4D',
      'SO-2026-7k3q-xm4d',
      'SO-2026-7K3Q-XM4',
      'SO-2026-7K3Q-XM4DD',
      'SO-2026-7K3QX-M4D',
      'XSO-2026-7K3Q-XM4D',
      'SO-26-7K3Q-XM4D',
      'SO-2026-7K3Q-XM4D\n',
      'SO20267K3QXM4D',
    ]) {
      expect(notRef, notRef).not.toMatch(CASE_REFERENCE_PATTERN);
    }
  });
});

// Check digits computed independently (Python: 98 - int(digits) % 97, letters as 10-35).
describe('ISO 11649 RF creditor references', () => {
  it('match the standard example', () => {
    expect(rfCreditorReference('539007547034')).toBe('RF18539007547034');
    expect(isValidRfReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidRfReference('rf18 5390 0754 7034')).toBe(true);
    expect(formatRfReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(formatRfReference('RF741')).toBe('RF74 1');
  });

  it('are made from the case reference and validate', () => {
    const rf = paymentReference('SO-2026-7K3Q-XM4D');
    expect(rf).toBe('RF61SO20267K3QXM4D');
    expect(isValidRfReference(rf)).toBe(true);
  });

  it('write check digits under 10 with a leading zero', () => {
    const cases: [string, string][] = [
      ['SO-2026-7K3Q-XM0K', 'RF02SO20267K3QXM0K'],
      ['SO-2026-7K3Q-XM94', 'RF03SO20267K3QXM94'],
      ['SO-2026-7K3Q-XM58', 'RF05SO20267K3QXM58'],
      ['SO-2026-7K3Q-XM83', 'RF09SO20267K3QXM83'],
    ];
    for (const [ref, rf] of cases) {
      expect(paymentReference(ref)).toBe(rf);
      expect(isValidRfReference(rf)).toBe(true);
    }
  });

  it('take any letters or digits, in either case, and ignore the rest', () => {
    expect(rfCreditorReference('1')).toBe('RF741');
    expect(rfCreditorReference('A'.repeat(21))).toBe(`RF47${'A'.repeat(21)}`);
    expect(rfCreditorReference('so-2026-7k3q-xm4d')).toBe('RF61SO20267K3QXM4D');
  });

  it('detect a mistyped character or swapped neighbours', () => {
    const rf = 'RF61SO20267K3QXM4D';
    expect(isValidRfReference('RF61SO20267K3QXM4E')).toBe(false);
    expect(isValidRfReference('RF61SO20268K3QXM4D')).toBe(false);
    expect(isValidRfReference('RF61SO2026K73QXM4D')).toBe(false);
    expect(isValidRfReference('RF16SO20267K3QXM4D')).toBe(false);
    expect(isValidRfReference(rf.replace('RF', 'FR'))).toBe(false);
    expect(isValidRfReference('RF00ABC')).toBe(false);
    expect(isValidRfReference('not a reference')).toBe(false);
  });

  it('refuse what is not shaped as an RF reference even when its digits happen to check', () => {
    // Each of these passes the mod-97 check on its own.
    expect(isValidRfReference(`RF57${'A'.repeat(22)}`)).toBe(false); // 22 characters after the check digits
    expect(isValidRfReference('PAYRF07SO20267K3QXM4D')).toBe(false); // something before RF
    expect(isValidRfReference('RF4SSO20267K3QXM4E')).toBe(false); // a letter for a check digit
  });

  it('refuse a body that is empty or longer than 21 characters', () => {
    expect(() => rfCreditorReference('A'.repeat(22))).toThrow(
      new RangeError('an RF reference holds 1 to 21 letters or digits, got 22'),
    );
    expect(() => rfCreditorReference(' - ')).toThrow(RangeError);
  });
});

describe('the ISO 7064 mod-97 check of IBANs and RF references', () => {
  it('holds for valid codes and fails for a changed digit, swapped digits or swapped check digits', () => {
    for (const code of ['IT60X0542811101000000123456', 'GB29NWBK60161331926819', 'RF18539007547034']) {
      expect(hasMod97Check(code)).toBe(true);
    }
    expect(hasMod97Check('IT60X0542811101000000123457')).toBe(false);
    expect(hasMod97Check('GB29NWBK61061331926819')).toBe(false);
    expect(hasMod97Check('GB92NWBK60161331926819')).toBe(false);
    // The check runs over the code with its first four characters moved to the end, not as written.
    expect(hasMod97Check('NWBK60161331926819GB29')).toBe(false);
  });
});

describe('case ids', () => {
  it('are random UUIDs', () => {
    const id = newCaseId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newCaseId()).not.toBe(id);
  });
});

describe('secret tokens', () => {
  it('carry 256 bits and are stored only as a SHA-256', () => {
    const token = newSecretToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(newSecretToken()).not.toBe(token);
  });
});
