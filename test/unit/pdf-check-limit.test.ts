/**
 * The PDF check on crafted files at the 50 MB upload limit: the same verdicts as at 1 MB. How long
 * they take and how much memory is measured by `npm run bench pdf-check`, not here.
 */
import { describe, expect, it } from 'vitest';
import { checkPdf } from '#domain/pdf-check.ts';
import { CRAFTED } from '#local/testbed/crafted-pdfs.ts';

const LIMIT = 50 * 1024 * 1024;

describe('checkPdf at the upload limit', () => {
  it.each(Object.entries(CRAFTED))('gives %s its verdict at 50 MB', { timeout: 120_000 }, (_name, shape) => {
    const bytes = shape.build(LIMIT - 64 * 1024);
    expect(bytes.length).toBeGreaterThan(LIMIT * 0.95);
    const r = checkPdf(bytes, { maxPages: 300, maxBytes: LIMIT });
    expect(r.ok ? `ok:${r.pages}` : r.reason).toBe(shape.expect);
  });
});
