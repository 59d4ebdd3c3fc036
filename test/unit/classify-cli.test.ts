import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
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

  it('says in one line that OCR is not installed, and still classifies the scans as empty pages', {
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'so-classify-'));
    try {
      const pdf = await PDFDocument.create();
      pdf.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 300 });
      const scans = [join(dir, 'scan1.pdf'), join(dir, 'scan2.pdf')];
      for (const f of scans) await writeFile(f, await pdf.save());
      // No tesseract on this PATH: only node itself is found, by its full path.
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [fileURLToPath(new URL('../../bin/so.mjs', import.meta.url)), 'classify', ...scans],
        { env: { ...process.env, PATH: dir } },
      );
      expect(stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^so classify: OCR is not installed/),
      ]);
      expect(
        stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ).toEqual(
        scans.map((file) =>
          expect.objectContaining({ file, documentType: 'other', pages: 1, confidence: 0 }),
        ),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
