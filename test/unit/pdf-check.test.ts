import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkPdf, hasPdfMagic, pageCount } from '#domain/pdf-check.ts';

const bad = (name: string) =>
  readFile(new URL(`../fixtures/bad/${name}`, import.meta.url)).then((b) => new Uint8Array(b));

async function pdfWithPages(n: number, useObjectStreams: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < n; i++) pdf.addPage();
  return pdf.save({ useObjectStreams });
}

describe('checkPdf', () => {
  it.each([
    ['empty.pdf', 'empty'],
    ['not-a-pdf.pdf', 'not_pdf'],
    ['word-document.pdf', 'not_pdf'],
    ['encrypted.pdf', 'encrypted'],
    ['corrupt-truncated.pdf', 'corrupt'],
    ['corrupt-no-pages.pdf', 'corrupt'],
  ])('rejects %s as %s', async (file, reason) => {
    expect(checkPdf(await bad(file), { maxPages: 300 })).toEqual({ ok: false, reason });
  });

  it('accepts a sound PDF and counts its pages', async () => {
    expect(checkPdf(await bad('ok.pdf'), { maxPages: 300 })).toEqual({ ok: true, pages: 1 });
  });

  it('rejects more pages than the limit, and accepts exactly the limit', async () => {
    const twelve = await bad('many-pages.pdf');
    expect(checkPdf(twelve, { maxPages: 11 })).toEqual({ ok: false, reason: 'too_many_pages', pages: 12 });
    expect(checkPdf(twelve, { maxPages: 12 })).toEqual({ ok: true, pages: 12 });
  });

  it('rejects bytes beyond maxBytes before reading them', async () => {
    expect(checkPdf(await bad('ok.pdf'), { maxPages: 10, maxBytes: 100 })).toEqual({
      ok: false,
      reason: 'too_large',
    });
  });

  it('counts pages with and without object streams', async () => {
    for (const n of [1, 7, 120]) {
      expect(pageCount(await pdfWithPages(n, true))).toBe(n);
      expect(pageCount(await pdfWithPages(n, false))).toBe(n);
    }
  });

  it('does not inflate a decompression bomb hidden in an object stream', () => {
    // A page tree that is only found by inflating 32 MB: refused, not counted.
    const bomb = deflateSync(
      Buffer.concat([
        Buffer.from('<< /Type /Pages /Kids [] /Count 3 >>'),
        Buffer.alloc(32 * 1024 * 1024, 0x20),
      ]),
    );
    const pdf = Buffer.concat([
      Buffer.from(
        `%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
        'latin1',
      ),
      bomb,
      Buffer.from('\nendstream\nendobj\nstartxref\n0\n%%EOF\n', 'latin1'),
    ]);
    expect(checkPdf(new Uint8Array(pdf), { maxPages: 10 })).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('tolerates a little junk before the header, as PDF readers do', async () => {
    const ok = await bad('ok.pdf');
    const withJunk = new Uint8Array([...new TextEncoder().encode('\r\n\r\n'), ...ok]);
    expect(hasPdfMagic(withJunk)).toBe(true);
    expect(checkPdf(withJunk, { maxPages: 10 }).ok).toBe(true);
  });
});
