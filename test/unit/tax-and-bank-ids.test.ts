/**
 * Identifiers money depends on: the codice fiscale on receipts (check character, omocodia, the
 * date it holds), the hospital's VAT number, and the IBAN and BIC patients pay to, refused in the
 * Lambda environment and in a stage's configuration (so synth fails) when wrong.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '#app/config.ts';
import {
  codiceFiscaleBirth,
  codiceFiscaleMatchesBirthDate,
  isValidCodiceFiscale,
  isValidPartitaIva,
  normaliseCodiceFiscale,
} from '#domain/codice-fiscale.ts';
import { StageError, stageConfig } from '#infra/stages.ts';
import { VALID_ENV } from '#local/testbed/env.ts';

describe('codice fiscale', () => {
  it('accepts valid codes, written in any case and spacing', () => {
    // The first is the Agenzia delle Entrate's own example (Matteo Moretti, Milan, 9 April 1925).
    for (const code of ['MRTMTT25D09F205Z', 'RSSMRA85T10A562S', 'BNCGLI90A41H501E', 'VRDLGU72E55L219I']) {
      expect(isValidCodiceFiscale(code)).toBe(true);
    }
    expect(isValidCodiceFiscale('rssmra85t10a562s')).toBe(true);
    expect(isValidCodiceFiscale(' RSS MRA 85T10 A562S ')).toBe(true);
    expect(normaliseCodiceFiscale(' rss mra 85t10 a562s')).toBe('RSSMRA85T10A562S');
  });

  it('accepts omocodia: digits replaced from the right by L M N P Q R S T U V, the check character recomputed', () => {
    for (const code of [
      'RSSMRA85T10A56NH',
      'RSSMRA85T10A5SNT',
      'RSSMRA85T10ARSNO',
      'MRTMTT25D09FNLRU',
      'RSSMRAURTMLARSNL',
    ]) {
      expect(isValidCodiceFiscale(code)).toBe(true);
    }
    // The fully omocodic code holds the same date as the original.
    expect(codiceFiscaleBirth('RSSMRAURTMLARSNL')).toEqual({ yy: 85, month: 12, day: 10, sex: 'M' });
  });

  it('refuses a wrong check character, shape, month or day', () => {
    expect(isValidCodiceFiscale('RSSMRA85T10A562T')).toBe(false);
    expect(isValidCodiceFiscale('MRTMTT25D09F205A')).toBe(false);
    // An omocodic code whose check character was not recomputed.
    expect(isValidCodiceFiscale('RSSMRA85T10A56NS')).toBe(false);
    // A letter that is not an omocodia letter where a digit belongs.
    expect(isValidCodiceFiscale('RSSMRA85T10A56AH')).toBe(false);
    expect(isValidCodiceFiscale('RSSMRA85T10A562')).toBe(false);
    expect(isValidCodiceFiscale('RSSMRA85T10A562SS')).toBe(false);
    expect(isValidCodiceFiscale('12345678901')).toBe(false);
    // Month Z, 30 February, day 32: their check characters are right, their dates are not.
    expect(isValidCodiceFiscale('RSSMRA85Z10A562B')).toBe(false);
    expect(isValidCodiceFiscale('RSSMRA85B30A562G')).toBe(false);
    expect(isValidCodiceFiscale('RSSMRA85T32A562Y')).toBe(false);
    expect(isValidCodiceFiscale('RSSMRA85T30A562U')).toBe(true);
  });

  it('holds the date of birth and sex (women add 40 to the day)', () => {
    expect(codiceFiscaleBirth('BNCGLI90A41H501E')).toEqual({ yy: 90, month: 1, day: 1, sex: 'F' });
    expect(codiceFiscaleBirth('VRDLGU72E55L219I')).toEqual({ yy: 72, month: 5, day: 15, sex: 'F' });
    expect(codiceFiscaleMatchesBirthDate('RSSMRA85T10A562S', '1985-12-10')).toBe(true);
    expect(codiceFiscaleMatchesBirthDate('RSSMRA85T10A562S', '1985-12-11')).toBe(false);
    expect(codiceFiscaleMatchesBirthDate('RSSMRA85T10A562S', '1984-12-10')).toBe(false);
    expect(codiceFiscaleMatchesBirthDate('RSSMRA85T10A562T', '1985-12-10')).toBe(false);
  });
});

describe('partita IVA', () => {
  it('checks its last digit', () => {
    expect(isValidPartitaIva('12345678903')).toBe(true);
    expect(isValidPartitaIva('IT12345678903')).toBe(true);
    expect(isValidPartitaIva('01234567897')).toBe(true);
    expect(isValidPartitaIva('12345678904')).toBe(false);
    expect(isValidPartitaIva('1234567890')).toBe(false);
  });
});

describe('the bank details patients pay to', () => {
  const withBank = (env: Partial<Record<string, string>>) => () => parseConfig({ ...VALID_ENV, ...env });

  it('accept valid IBANs of any SEPA country and BICs of 8 or 11 characters', () => {
    for (const iban of [
      'IT60X0542811101000000123456',
      'DE89370400440532013000',
      'CH9300762011623852957',
      // The registry's shortest and longest.
      'NO9386011117947',
      'LC55HEMM000100010012001200023015',
    ]) {
      expect(withBank({ BANK_IBAN: iban })().BANK_IBAN).toBe(iban);
    }
    for (const bic of ['BPPIITRRXXX', 'DEUTDEFF', 'UNCRITMM']) {
      expect(withBank({ BANK_BIC: bic })().BANK_BIC).toBe(bic);
    }
  });

  it('refuse an IBAN with a wrong check digit, a wrong length or spaces, and a malformed BIC', () => {
    expect(withBank({ BANK_IBAN: 'IT60X0542811101000000123457' })).toThrow(/BANK_IBAN is not a valid IBAN/);
    expect(withBank({ BANK_IBAN: 'IT61X0542811101000000123456' })).toThrow(/BANK_IBAN/);
    expect(withBank({ BANK_IBAN: 'IT60X054281110100000012345' })).toThrow(/BANK_IBAN/);
    expect(withBank({ BANK_IBAN: 'IT60 X054 2811 1010 0000 0123 456' })).toThrow(/BANK_IBAN/);
    // Check digits right, but one character short of an Italian IBAN; a country with no IBANs.
    expect(withBank({ BANK_IBAN: 'IT90X054281110100000012345' })).toThrow(/BANK_IBAN is not a valid IBAN/);
    expect(withBank({ BANK_IBAN: 'XX10X0542811101000000123456' })).toThrow(/BANK_IBAN is not a valid IBAN/);
    expect(withBank({ BANK_BIC: 'DEUTDEF' })).toThrow(/BANK_BIC/);
    expect(withBank({ BANK_BIC: 'DEUT1EFF' })).toThrow(/BANK_BIC/);
    expect(withBank({ BANK_BIC: 'deutdeff' })).toThrow(/BANK_BIC/);
    expect(withBank({ BANK_BIC: 'DE1TDEFF' })).toThrow(/BANK_BIC is not a BIC \(4 bank letters/);
    // No country XX.
    expect(withBank({ BANK_BIC: 'DEUTXXFF' })).toThrow(/BANK_BIC is not a BIC \(4 bank letters/);
    expect(withBank({ HOSPITAL_VAT_NUMBER: '12345678904' })).toThrow(/HOSPITAL_VAT_NUMBER/);
  });

  it('fail a stage (and so its synth) with a bad IBAN, BIC or VAT number', () => {
    expect(stageConfig('dev', {}).bank.iban).toBe('IT60X0542811101000000123456');
    const bad = (overrides: Parameters<typeof stageConfig>[2]) => () => stageConfig('prod', {}, overrides);
    const bank = stageConfig('prod', {}).bank;
    expect(bad({ bank: { ...bank, iban: 'IT60X0542811101000000123457' } })).toThrow(StageError);
    expect(bad({ bank: { ...bank, iban: 'IT60X0542811101000000123457' } })).toThrow(/bank\.iban/);
    expect(bad({ bank: { ...bank, bic: 'BPPIIT' } })).toThrow(/bank\.bic/);
    const hospital = stageConfig('prod', {}).hospital;
    expect(bad({ hospital: { ...hospital, vatNumber: '12345678900' } })).toThrow(/hospital\.vatNumber/);
  });
});
