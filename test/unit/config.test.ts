import { describe, expect, it } from 'vitest';
import { ConfigError, parseCalendar, parseConfig } from '#app/config.ts';
import { VALID_ENV } from '#local/testbed/env.ts';

describe('config', () => {
  it('parses a valid environment with defaults', () => {
    const c = parseConfig(VALID_ENV);
    expect(c.PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(c.MAX_UPLOAD_BYTES).toBe(50 * 1024 * 1024);
    expect(c.PATRON_DAYS).toEqual(['12-07']);
    expect(c.CLOSURE_DAYS).toEqual([]);
    expect(c.ADDITIONAL_PRICES).toEqual({
      histology_review: 30_000,
      surgical_review: 25_000,
      oncological_review: 25_000,
      cardio_oncological_review: 25_000,
      radiotherapy_review: 25_000,
    });
  });

  it('names every missing variable', () => {
    const { TABLE_NAME: _t, SENDER_EMAIL: _s, ...rest } = VALID_ENV;
    expect(() => parseConfig(rest)).toThrow(ConfigError);
    expect(() => parseConfig(rest)).toThrow(/TABLE_NAME is missing.*SENDER_EMAIL is missing/);
  });

  it('names a malformed variable', () => {
    expect(() => parseConfig({ ...VALID_ENV, MAX_UPLOAD_BYTES: 'lots' })).toThrow(/MAX_UPLOAD_BYTES/);
    expect(() => parseConfig({ ...VALID_ENV, ADDITIONAL_PRICES: '{oops' })).toThrow(
      /ADDITIONAL_PRICES.*JSON/,
    );
    expect(() => parseConfig({ ...VALID_ENV, CLOSURE_DAYS: '2026-13-01' })).toThrow(/CLOSURE_DAYS/);
    expect(() => parseConfig({ ...VALID_ENV, BANK_IBAN: 'IT60 X054' })).toThrow(/BANK_IBAN/);
  });

  it('parses the site calendar on its own', () => {
    expect(parseCalendar({ CLOSURE_DAYS: '2026-08-14, 2026-12-24', PATRON_DAYS: '06-29' })).toEqual({
      patronDays: ['06-29'],
      closureDays: ['2026-08-14', '2026-12-24'],
    });
    expect(parseCalendar({})).toEqual({ patronDays: ['12-07'], closureDays: [] });
  });
});
