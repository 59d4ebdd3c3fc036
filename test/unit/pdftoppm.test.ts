/**
 * The page previews adapter against Debian's poppler: a real PDF's first page becomes a small PNG,
 * and whatever a file or the program does wrong (hostile bytes that pass the check, a hang, too
 * much output, not a PNG, no pdftoppm at all) is "no preview", never an exception.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdftoppmPreviews } from '#adapters/pdftoppm.ts';
import { checkPdf } from '#domain/pdf-check.ts';
import { CRAFTED } from '#local/testbed/crafted-pdfs.ts';
import { PREVIEW_PX } from '#usecases/ports.ts';

const corpus = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

/** A PNG's signature and its IHDR width and height, read here rather than by the adapter's own code. */
function png(bytes: Uint8Array | undefined): { width: number; height: number } {
  const b = Buffer.from(bytes ?? []);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function renderer(o: { command?: string; timeoutMs?: number; maxBytes?: number } = {}) {
  const warnings: string[] = [];
  return { warnings, previews: new PdftoppmPreviews({ ...o, warn: (m) => warnings.push(m) }) };
}

async function page(width: number, height: number, pages = 1): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++) pdf.addPage([width, height]);
  return pdf.save();
}

describe('PdftoppmPreviews', () => {
  it('draws the first page of a corpus PDF as a PNG at most PREVIEW_PX on its longer side', async () => {
    const { previews, warnings } = renderer();
    const size = png(await previews.render(corpus('corpus/002-oncologist_report-en.pdf')));
    // A4 portrait: the height is the cap, the width in proportion.
    expect(size).toEqual({ width: Math.ceil((PREVIEW_PX * 595) / 842), height: PREVIEW_PX });
    expect(warnings).toEqual([]);
  });

  it('keeps a landscape page, and a page far larger than any paper, within the cap', async () => {
    const { previews } = renderer();
    expect(png(await previews.render(await page(842, 595)))).toEqual({
      width: PREVIEW_PX,
      height: Math.ceil((PREVIEW_PX * 595) / 842),
    });
    // 14400 pt square (200 inches, PDF's largest page), and a second page that is never drawn.
    expect(png(await previews.render(await page(14_400, 14_400, 2)))).toEqual({
      width: PREVIEW_PX,
      height: PREVIEW_PX,
    });
  });

  it('gives no preview, without throwing, of files it cannot draw, even ones that pass the structural check', async () => {
    const { previews, warnings } = renderer();
    const hostile = ['unterminated-objects', 'many-objects', 'strings-and-comments'].map((name) =>
      CRAFTED[name]!.build(100_000),
    );
    for (const bytes of hostile)
      expect(checkPdf(bytes, { maxPages: 300, maxBytes: 1_000_000 }).ok).toBe(true);
    for (const bytes of [...hostile, corpus('bad/corrupt-truncated.pdf'), corpus('bad/not-a-pdf.pdf')])
      await expect(previews.render(bytes)).resolves.toBeUndefined();
    expect(warnings).toHaveLength(5);
    expect(new Set(warnings)).toEqual(new Set(['pdftoppm could not draw the first page: no preview']));
  });

  it('kills a renderer that hangs or writes too much, and refuses what is not a PNG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-pdftoppm-'));
    /** A stand-in for pdftoppm that runs `script` whatever it is asked. */
    const program = (name: string, script: string) => {
      writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
      chmodSync(join(dir, name), 0o755);
      return join(dir, name);
    };
    const pdf = corpus('bad/ok.pdf');
    const slow = renderer({ command: program('hang', 'exec sleep 30'), timeoutMs: 200 });
    await expect(slow.previews.render(pdf)).resolves.toBeUndefined();
    expect(slow.warnings).toEqual(['pdftoppm took too long: no preview']);
    const loud = renderer({ command: program('loud', 'exec yes preview'), maxBytes: 10_000 });
    await expect(loud.previews.render(pdf)).resolves.toBeUndefined();
    expect(loud.warnings).toEqual(['pdftoppm wrote too much: no preview']);
    const text = renderer({ command: program('text', 'echo "a page, in words"') });
    await expect(text.previews.render(pdf)).resolves.toBeUndefined();
    expect(text.warnings).toEqual(['pdftoppm wrote something other than a preview']);
  });

  it('says once that pdftoppm is missing, and then renders nothing', async () => {
    const { previews, warnings } = renderer({ command: 'pdftoppm-not-installed' });
    const pdf = corpus('bad/ok.pdf');
    await expect(previews.render(pdf)).resolves.toBeUndefined();
    await expect(previews.render(pdf)).resolves.toBeUndefined();
    expect(warnings).toEqual([
      'pdftoppm-not-installed is not installed (poppler-utils): documents get no preview',
    ]);
  });
});
