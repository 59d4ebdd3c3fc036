/**
 * The independent evaluation corpus as PDFs: each source document
 * (test/fixtures/eval-corpus/sources/*.json, format in its BRIEF.md) rendered with pdf-lib into a PDF with a real text layer, in its standard font, with
 * the brief's markup (title, heading, bold, letterhead, right-aligned, table, small print), long
 * lines wrapped and a page continued on the next when it overflows. Deterministic: the same source
 * gives the same bytes (fixed metadata dates), so nothing generated needs committing.
 *
 * `loadSources(part)` reads one part. The test part is only ever scored in aggregate (bench and
 * floor test); nobody tuning the classifier reads it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';
import type { DocumentLanguage, DocumentType, OncologistSection } from '#domain/taxonomy.ts';

export type Part = 'dev' | 'test';

export interface EvalLabel {
  documentType: DocumentType;
  language: DocumentLanguage;
  documentDate: string | null;
  oncologistSections: OncologistSection[] | null;
}

export interface SourceDocument {
  id: string;
  fileName: string;
  label: EvalLabel;
  font: 'Helvetica' | 'Times' | 'Courier';
  pages: string[][];
}

export const SOURCES_DIR = new URL('../../../test/fixtures/eval-corpus/sources/', import.meta.url);

/** Every document of one part, in file then array order. */
export async function loadSources(part: Part): Promise<SourceDocument[]> {
  const files = (await readdir(SOURCES_DIR)).filter((f) => f.endsWith(`.${part}.json`)).sort();
  const docs: SourceDocument[] = [];
  for (const f of files) {
    docs.push(...(JSON.parse(await readFile(new URL(f, SOURCES_DIR), 'utf8')) as SourceDocument[]));
  }
  return docs;
}

const WIDTH = 595;
const HEIGHT = 842;
const MARGIN = 56;
const TEXT_WIDTH = WIDTH - 2 * MARGIN;
const FIXED_DATE = new Date('2026-11-30T00:00:00Z');

const FONTS = {
  Helvetica: [StandardFonts.Helvetica, StandardFonts.HelveticaBold],
  Times: [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold],
  Courier: [StandardFonts.Courier, StandardFonts.CourierBold],
} as const;

type Kind = 'title' | 'heading' | 'bold' | 'letterhead' | 'right' | 'table' | 'small' | 'body' | 'blank';

const STYLE: Record<Kind, { size: number; bold: boolean; before: number }> = {
  title: { size: 15, bold: true, before: 8 },
  heading: { size: 11.5, bold: true, before: 5 },
  bold: { size: 10, bold: true, before: 0 },
  letterhead: { size: 12.5, bold: true, before: 0 },
  right: { size: 10, bold: false, before: 0 },
  table: { size: 9.5, bold: false, before: 0 },
  small: { size: 7.5, bold: false, before: 0 },
  body: { size: 10, bold: false, before: 0 },
  blank: { size: 6, bold: false, before: 0 },
};

function parse(line: string): { kind: Kind; text: string } {
  if (line.trim() === '') return { kind: 'blank', text: '' };
  const m = /^(##|#|!!|!|>>|~)\s?(.*)$/.exec(line);
  if (m) {
    const kind = (
      { '#': 'title', '##': 'heading', '!!': 'letterhead', '!': 'bold', '>>': 'right', '~': 'small' } as const
    )[m[1] as '#'];
    return { kind, text: m[2]! };
  }
  if (/^\|.*\|\s*$/.test(line)) return { kind: 'table', text: line };
  return { kind: 'body', text: line };
}

/** Characters the font cannot encode (WinAnsi) become their nearest plain look-alike, else '?'. */
function encodable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text]
    .map((ch) => {
      if (supported.has(ch.codePointAt(0)!)) return ch;
      const plain = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (plain.length === 1 && supported.has(plain.codePointAt(0)!)) return plain;
      if (/\s/.test(ch)) return ' ';
      return /[\u2010-\u2015\u2212]/.test(ch) ? '-' : '?';
    })
    .join('');
}

/** Words of `text` in lines no wider than `width`; a word longer than a line is cut. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (font.widthOfTextAtSize(w, size) > width) {
      let cut = w.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(w.slice(0, cut), size) > width) cut -= 1;
      if (line) lines.push(line);
      lines.push(w.slice(0, cut));
      line = '';
      w = w.slice(cut);
    }
    const next = line ? `${line} ${w}` : w;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

const cellsOf = (row: string) =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/** Column widths of a table block: in proportion to each column's longest cell, none under 12%. */
function columnWidths(rows: string[][], font: PDFFont, size: number): number[] {
  const n = Math.max(...rows.map((r) => r.length));
  const longest = Array.from({ length: n }, (_, i) =>
    Math.max(20, ...rows.map((r) => font.widthOfTextAtSize(r[i] ?? '', size))),
  );
  const floor = Array.from({ length: n }, (_, i) => Math.max(longest[i]!, TEXT_WIDTH * 0.12));
  const total = floor.reduce((a, b) => a + b, 0);
  return floor.map((w) => (w / total) * TEXT_WIDTH);
}

class Writer {
  private page!: PDFPage;
  private y = 0;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  newPage(): void {
    this.page = this.pdf.addPage([WIDTH, HEIGHT]);
    this.y = HEIGHT - MARGIN;
  }

  /** Moves down by `height`, continuing on a new page when the bottom margin is reached. */
  private advance(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
    this.y -= height;
  }

  line(kind: Kind, text: string): void {
    const style = STYLE[kind];
    if (kind === 'blank') {
      this.y -= style.size;
      return;
    }
    const font = style.bold ? this.bold : this.regular;
    if (style.before) this.y -= style.before;
    for (const l of wrap(encodable(font, text), font, style.size, TEXT_WIDTH)) {
      this.advance(style.size * 1.35);
      const x = kind === 'right' ? WIDTH - MARGIN - font.widthOfTextAtSize(l, style.size) : MARGIN;
      this.page.drawText(l, { x, y: this.y, size: style.size, font });
    }
  }

  table(rows: string[][]): void {
    const { size } = STYLE.table;
    const safe = rows.map((r) => r.map((c) => encodable(this.regular, c)));
    const widths = columnWidths(safe, this.regular, size);
    for (const row of safe) {
      const cells = row.map((c, i) => wrap(c, this.regular, size, widths[i]! - 6));
      const height = Math.max(...cells.map((c) => c.length));
      for (let k = 0; k < height; k++) {
        this.advance(size * 1.35);
        let x = MARGIN;
        cells.forEach((lines, i) => {
          const text = lines[k];
          if (text) this.page.drawText(text, { x, y: this.y, size, font: this.regular });
          x += widths[i]!;
        });
      }
    }
  }
}

/** The document as a PDF with a text layer: each source page starts a new PDF page. */
export async function renderDocument(doc: SourceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(doc.fileName.replace(/\.pdf$/i, ''));
  pdf.setProducer('second-opinion eval-corpus renderer');
  pdf.setCreator('second-opinion eval-corpus renderer');
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const [regularName, boldName] = FONTS[doc.font] ?? FONTS.Helvetica;
  const writer = new Writer(pdf, await pdf.embedFont(regularName), await pdf.embedFont(boldName));
  for (const page of doc.pages) {
    writer.newPage();
    let table: string[][] = [];
    for (const raw of page) {
      const { kind, text } = parse(raw);
      if (kind === 'table') {
        table.push(cellsOf(text));
        continue;
      }
      if (table.length) writer.table(table);
      table = [];
      writer.line(kind, text);
    }
    if (table.length) writer.table(table);
  }
  return pdf.save();
}
