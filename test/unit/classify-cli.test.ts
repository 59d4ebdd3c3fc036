import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/so.ts';

const path = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));

async function so(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.map((l) => JSON.parse(l) as Record<string, unknown>), err };
}

describe('so classify', () => {
  it('prints one JSON line per file with type, confidence, language, pages and date', async () => {
    const files = [path('corpus/003-oncologist_report-it.pdf'), path('corpus/001-scan0001.pdf')];
    const res = await so(['classify', ...files]);
    expect(res.code).toBe(0);
    expect(res.out).toEqual([
      {
        file: files[0],
        documentType: 'oncologist_report',
        confidence: expect.any(Number),
        language: 'it',
        pages: 2,
        documentDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
      {
        file: files[1],
        documentType: 'oncologist_report',
        confidence: expect.any(Number),
        language: 'en',
        pages: 2,
        documentDate: expect.any(String),
      },
    ]);
  });

  it('says why a file could not be classified, and exits 1', async () => {
    const res = await so([
      'classify',
      path('bad/encrypted.pdf'),
      path('bad/nope.pdf'),
      path('corpus/005-pathology_report-en.pdf'),
    ]);
    expect(res.code).toBe(1);
    expect(res.out.map((o) => o.error ?? o.documentType)).toEqual([
      'encrypted',
      'not_found',
      'pathology_report',
    ]);
  });

  it('explains its decision on request', async () => {
    const res = await so(['classify', '--explain', path('corpus/005-pathology_report-en.pdf')]);
    expect(res.out[0]!.signals).toEqual(
      expect.arrayContaining([expect.objectContaining({ for: 'pathology_report' })]),
    );
  });

  it('needs at least one file', async () => {
    const res = await so(['classify']);
    expect(res.code).toBe(2);
    expect(res.err.join('\n')).toContain('PDF');
  });
});
