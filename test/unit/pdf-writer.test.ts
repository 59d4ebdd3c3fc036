/** The service's own PDFs: readable by pdf-lib and by the text reader, and accepted by intake's check. */
import { PDFDocument } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { checkPdf } from '#domain/pdf-check.ts';
import { jpegPdf, textPdf, textWidth, wrap } from '#presentation/pdf/writer.ts';

/** The smallest valid JPEG we can write by hand: 1 x 1 grey pixel (baseline, from a real encoder). */
const PIXEL = Uint8Array.from(
  Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
    'base64',
  ),
);

async function textOf(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

describe('textPdf', () => {
  it('writes pages of text that intake accepts and a reader reads back, accents and euro sign included', async () => {
    const bytes = textPdf(
      [
        { text: 'Richiesta di secondo parere', size: 16, bold: true },
        { text: 'Città: Forlì — importo 500,00 €, “Lei” è già qui', before: 8 },
      ],
      'Richiesta',
    );
    expect(checkPdf(bytes, { maxPages: 10 })).toEqual({ ok: true, pages: 1 });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Richiesta');
    const text = await textOf(bytes);
    expect(text).toContain('Richiesta di secondo parere');
    expect(text).toContain('Città: Forlì — importo 500,00 €, “Lei” è già qui');
  });

  it('flows long text onto more pages and wraps lines within the margins', async () => {
    const line = 'parola '.repeat(400);
    const bytes = textPdf([{ text: line }, { text: line }, { text: line }], 'Long');
    const pages = checkPdf(bytes, { maxPages: 10 });
    expect(pages.ok && pages.pages).toBeGreaterThan(1);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(pages.ok ? pages.pages : -1);
    for (const part of wrap(line, 11, 483)) expect(textWidth(part, 11)).toBeLessThanOrEqual(483);
  });

  it('cuts a word wider than the line, and shows a character Helvetica lacks as "?"', async () => {
    const parts = wrap('x'.repeat(200), 11, 100);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe('x'.repeat(200));
    expect(await textOf(textPdf([{ text: 'Łódź 😀' }], 't'))).toContain('?ód? ?');
  });
});

describe('textPdf with a value column', () => {
  it("sets each value on its label's line at its column, wrapping a long one within the column", async () => {
    const long = 'Revisione dei preparati istologici e delle immagini radiologiche 300,00 €';
    const bytes = textPdf(
      [
        { text: 'Ricevuta n.', bold: true, value: { text: 'SO-2026-7K3Q-XM4D/2', at: 190 } },
        { text: 'Prestazione', bold: true, value: { text: long, at: 190 } },
        { text: 'Importo', bold: true, value: { text: '300,00 €', at: 190 } },
      ],
      'Ricevuta',
    );
    const page = await (await getDocumentProxy(bytes)).getPage(1);
    const items = (await page.getTextContent()).items.flatMap((i) =>
      'str' in i && i.str.trim()
        ? [{ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number }]
        : [],
    );
    const at = (s: string) => items.find((i) => i.str.startsWith(s))!;
    expect(at('SO-2026').y).toBe(at('Ricevuta').y);
    expect(at('SO-2026').x).toBeCloseTo(56 + 190);
    expect(at('Ricevuta').x).toBeCloseTo(56);
    const valueLines = items.filter((i) => i.x > 200 && i.y <= at('Prestazione').y && i.y > at('Importo').y);
    expect(valueLines.length).toBeGreaterThan(1);
    expect(valueLines[0]!.y).toBe(at('Prestazione').y);
    expect(valueLines.map((i) => i.str).join(' ')).toBe(long);
    for (const l of valueLines) expect(textWidth(l.str, 11)).toBeLessThanOrEqual(595.28 - 2 * 56 - 190);
  });

  it('records the author and the language for readers and screen readers', async () => {
    const bytes = textPdf([{ text: 'Ricevuta' }], 'Ricevuta 1', { author: 'Ospedale', language: 'it' });
    const { info } = await (await getDocumentProxy(bytes)).getMetadata();
    expect({ ...info }).toMatchObject({ Title: 'Ricevuta 1', Author: 'Ospedale', Language: 'it' });
    const untold: Record<string, unknown> = {
      ...(await (await getDocumentProxy(textPdf([{ text: 'x' }], 'x'))).getMetadata()).info,
    };
    expect(untold.Author).toBeUndefined();
    expect(untold.Language).toBeFalsy();
  });
});

describe('jpegPdf', () => {
  it('makes one page per photo, in the order given', async () => {
    const bytes = jpegPdf(
      [
        { jpeg: PIXEL, width: 1, height: 1 },
        { jpeg: PIXEL, width: 1, height: 1 },
        { jpeg: PIXEL, width: 1, height: 1 },
      ],
      'Photos',
    );
    expect(checkPdf(bytes, { maxPages: 10 })).toEqual({ ok: true, pages: 3 });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(3);
    expect(() => jpegPdf([], 'none')).toThrow(RangeError);
  });
});
