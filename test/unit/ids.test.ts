import { describe, expect, it } from 'vitest';
import {
  CASE_REFERENCE_PATTERN,
  formatRfReference,
  hashToken,
  isValidRfReference,
  newCaseReference,
  newSecretToken,
  normaliseCaseReference,
  paymentReference,
  rfCreditorReference,
} from '#domain/ids.ts';

describe('case references', () => {
  it('are readable, of the year, without look-alike letters', () => {
    for (let i = 0; i < 200; i++) {
      const ref = newCaseReference(2026);
      expect(ref).toMatch(CASE_REFERENCE_PATTERN);
      expect(ref.slice(8)).not.toMatch(/[ILOU]/);
    }
  });

  it('come from the random source', () => {
    const ref = newCaseReference(2027, (n) => new Uint8Array(n).map((_, i) => i));
    expect(ref).toBe('SO-2027-0123-4567');
  });

  it('are normalised from what a person typed', () => {
    expect(normaliseCaseReference(' so-2026-7k3q-xm4d ')).toBe('SO-2026-7K3Q-XM4D');
    expect(normaliseCaseReference('SO-2026-7K3O-XM4I')).toBe('SO-2026-7K30-XM41');
  });
});

describe('ISO 11649 RF creditor references', () => {
  it('match the standard example', () => {
    expect(rfCreditorReference('539007547034')).toBe('RF18539007547034');
    expect(isValidRfReference('RF18 5390 0754 7034')).toBe(true);
    expect(formatRfReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });

  it('are made from the case reference and validate', () => {
    const rf = paymentReference('SO-2026-7K3Q-XM4D');
    expect(rf).toMatch(/^RF\d{2}SO20267K3QXM4D$/);
    expect(isValidRfReference(rf)).toBe(true);
  });

  it('detect a mistyped character or swapped neighbours', () => {
    const rf = paymentReference('SO-2026-7K3Q-XM4D');
    const typo = `${rf.slice(0, 8)}${rf[8] === '7' ? '8' : '7'}${rf.slice(9)}`;
    const swapped = `${rf.slice(0, 10)}${rf[11]}${rf[10]}${rf.slice(12)}`;
    expect(isValidRfReference(typo)).toBe(false);
    expect(rf[10]).not.toBe(rf[11]);
    expect(isValidRfReference(swapped)).toBe(false);
    expect(isValidRfReference('RF00ABC')).toBe(false);
    expect(isValidRfReference('not a reference')).toBe(false);
  });

  it('refuse a body longer than 21 characters', () => {
    expect(() => rfCreditorReference('A'.repeat(22))).toThrow(RangeError);
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
