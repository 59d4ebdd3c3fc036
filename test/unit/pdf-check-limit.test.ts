/**
 * The PDF check at full size: crafted files at the 50 MB upload limit (the same verdicts as at
 * 64 KB) and object streams against the real INFLATE_BUDGET (pdf-check.test.ts uses a small one).
 * How long they take and how much memory is measured by `npm run bench pdf-check`, not here.
 */
import { describe, expect, it } from 'vitest';
import { checkPdf, INFLATE_BUDGET } from '#domain/pdf-check.ts';
import { bomb, CRAFTED, objectStream, pageTree, pdf } from '#local/testbed/crafted-pdfs.ts';

const LIMIT = 50 * 1024 * 1024;

describe('checkPdf at the upload limit', () => {
  it.each(Object.entries(CRAFTED))('gives %s its verdict at 50 MB', { timeout: 120_000 }, (_name, shape) => {
    const bytes = shape.build(LIMIT - 64 * 1024);
    expect(bytes.length).toBeGreaterThan(LIMIT * 0.95);
    const r = checkPdf(bytes, { maxPages: 300, maxBytes: LIMIT });
    expect(r.ok ? `ok:${r.pages}` : r.reason).toBe(shape.expect);
  });
});

describe('checkPdf against the real inflate budget', () => {
  it('does not inflate a decompression bomb of 32 MB hidden in an object stream', () => {
    const file = bomb(INFLATE_BUDGET);
    expect(checkPdf(file, { maxPages: 10 })).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('inflates object streams up to INFLATE_BUDGET, and calls a file past it corrupt', () => {
    const quarter = INFLATE_BUDGET / 4 - 64 * 1024;
    const stream = objectStream(30, [[31, '<< /Type /Pages /Kids [] /Count 2 >>']], quarter);
    const verdict = (n: number) => {
      const r = checkPdf(pdf(pageTree(2), ...Array(n).fill(stream)), { maxPages: 300 });
      return r.ok ? `ok:${r.pages}` : r.reason;
    };
    expect(verdict(4)).toBe('ok:2');
    expect(verdict(5)).toBe('corrupt');
  });
});
