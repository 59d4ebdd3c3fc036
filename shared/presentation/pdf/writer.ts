/**
 * A small PDF writer for the kinds of file the service makes itself: pages of text in Helvetica
 * (the request form from the web form, the blank proxy authorization, a payment receipt) and pages
 * that are each one JPEG (photos assembled in the browser). Runs on Node and in the browser (bytes
 * and strings only). Not pdf-lib: it adds about 430 KB to a bundle, twice the 200 KB goal of a
 * Lambda (bench/bundles.ts), and the browser would download it with every photo; these layouts need
 * no more than a hundred and fifty lines. The files pass the intake's own PDF check and pdf-lib reads them
 * (test/unit/pdf-writer.test.ts).
 */

/** A line of a text page; a long one wraps at the page's width. */
export interface TextLine {
  text: string;
  /** Points; 11 unless set. */
  size?: number;
  bold?: boolean;
  /** Space before the line, in points (0 unless set). */
  before?: number;
  /** A second column on the same line (a label's value), starting `at` points right of the margin; each column wraps within its own width. */
  value?: { text: string; at: number; bold?: boolean };
}

/** What a PDF reader shows about a text file besides its pages and title; the language is for screen readers. */
export interface TextMeta {
  author?: string;
  /** BCP 47 language of the text (the catalog's /Lang). */
  language?: string;
}

/** A JPEG and its size in pixels, drawn to fill an A4 page's width or height. */
export interface JpegPage {
  jpeg: Uint8Array;
  width: number;
  height: number;
}

const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 56;
/** The least space between a line's first column and its value. */
const COLUMN_GAP = 12;

/** Helvetica's advance widths (per 1000 of the size) for the characters 32 to 126. */
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
  556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** The WinAnsi codes (Windows-1252) of the characters above 126 that are not Latin-1's own. */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '™': 0x99,
  Œ: 0x8c,
  œ: 0x9c,
  Š: 0x8a,
  š: 0x9a,
  Ž: 0x8e,
  ž: 0x9e,
  Ÿ: 0x9f,
  // The narrow no-break space Intl puts in some formats: WinAnsi's no-break space.
  '\u202f': 0xa0,
};

/** A character's WinAnsi code; one Helvetica cannot show becomes "?". */
function winAnsi(ch: string): number {
  const code = ch.codePointAt(0) ?? 63;
  if ((code >= 32 && code <= 126) || (code >= 0xa0 && code <= 0xff)) return code;
  return WIN_ANSI[ch] ?? 63;
}

function charWidth(ch: string, bold: boolean): number {
  const base = ch.normalize('NFD')[0] ?? ch;
  const code = base.codePointAt(0) ?? 0;
  const w = code >= 32 && code <= 126 ? WIDTHS[code - 32]! : 556;
  return bold ? w * 1.06 : w;
}

export function textWidth(text: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch, bold);
  return (w * size) / 1000;
}

/** Splits a line into lines no wider than `width`, at spaces (a word longer than that is cut). */
export function wrap(text: string, size: number, width: number, bold = false): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size, bold) <= width) {
      line = next;
      continue;
    }
    if (line) out.push(line);
    line = word;
    while (textWidth(line, size, bold) > width) {
      let cut = line.length - 1;
      while (cut > 1 && textWidth(line.slice(0, cut), size, bold) > width) cut--;
      out.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line || !out.length) out.push(line);
  return out;
}

const encoder = new TextEncoder();

/** A PDF file from its objects (1-based, in order): header, bodies, cross-reference table, trailer. */
function assemble(objects: (string | Uint8Array[])[], info: string): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    offset += bytes.length;
  };
  objects.forEach((body, i) => {
    offsets.push(offset);
    push(encoder.encode(`${i + 1} 0 obj\n`));
    for (const b of typeof body === 'string' ? [encoder.encode(body)] : body) push(b);
    push(encoder.encode('\nendobj\n'));
  });
  const xref = offset;
  const size = objects.length + 1;
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  push(
    encoder.encode(
      `xref\n0 ${size}\n0000000000 65535 f \n${table}trailer\n<< /Size ${size} /Root 1 0 R /Info ${info} >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  const out = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A string as a PDF hex string in WinAnsi. */
function hex(text: string): string {
  let out = '<';
  for (const ch of text) out += winAnsi(ch).toString(16).padStart(2, '0');
  return `${out}>`;
}

/** A stream object's parts: its dictionary with /Length, then its bytes. */
function stream(dict: string, bytes: Uint8Array): Uint8Array[] {
  return [
    encoder.encode(`<< ${dict} /Length ${bytes.length} >>\nstream\n`),
    bytes,
    encoder.encode('\nendstream'),
  ];
}

/** Pages of text on A4, wrapped and flowed onto as many pages as they need. */
export function textPdf(lines: readonly TextLine[], title: string, meta: TextMeta = {}): Uint8Array {
  const { author, language } = meta;
  const width = A4.width - 2 * MARGIN;
  const pages: string[][] = [[]];
  let y = A4.height - MARGIN;
  for (const line of lines) {
    const size = line.size ?? 11;
    const leading = size * 1.35;
    y -= line.before ?? 0;
    const v = line.value;
    const columns = [{ text: line.text, bold: line.bold, x: 0, width: v ? v.at - COLUMN_GAP : width }];
    if (v) columns.push({ text: v.text, bold: v.bold, x: v.at, width: width - v.at });
    const parts = columns.map((c) => wrap(c.text, size, c.width, c.bold));
    const rows = Math.max(...parts.map((p) => p.length));
    for (let row = 0; row < rows; row++) {
      if (y - leading < MARGIN) {
        pages.push([]);
        y = A4.height - MARGIN;
      }
      y -= leading;
      columns.forEach((c, i) => {
        const part = parts[i]![row];
        if (part === undefined) return;
        pages[pages.length - 1]!.push(
          `BT /${c.bold ? 'F2' : 'F1'} ${size} Tf ${MARGIN + c.x} ${y.toFixed(2)} Td ${hex(part)} Tj ET`,
        );
      });
    }
  }
  // 1 catalog, 2 pages, 3 and 4 the fonts, 5 the info, then a page and its content for each page.
  const kids = pages.map((_, i) => `${6 + 2 * i} 0 R`).join(' ');
  const lang = language ? ` /Lang ${hex(language)}` : '';
  const objects: (string | Uint8Array[])[] = [
    `<< /Type /Catalog /Pages 2 0 R${lang} >>`,
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Title ${hex(title)}${author ? ` /Author ${hex(author)}` : ''} /Producer (Second Opinion) >>`,
  ];
  pages.forEach((ops, i) => {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${7 + 2 * i} 0 R >>`,
      stream('', encoder.encode(ops.join('\n'))),
    );
  });
  return assemble(objects, '5 0 R');
}

/** One A4 page per JPEG, each scaled to fit inside the margins and centred. */
export function jpegPdf(images: readonly JpegPage[], title: string): Uint8Array {
  if (!images.length) throw new RangeError('a PDF needs at least one page');
  // 1 catalog, 2 pages, 3 the info, then a page, its content and its image for each photo.
  const kids = images.map((_, i) => `${4 + 3 * i} 0 R`).join(' ');
  const objects: (string | Uint8Array[])[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${images.length} >>`,
    `<< /Title ${hex(title)} /Producer (Second Opinion) >>`,
  ];
  images.forEach((img, i) => {
    const page = 4 + 3 * i;
    const room = { width: A4.width - 2 * MARGIN, height: A4.height - 2 * MARGIN };
    const scale = Math.min(room.width / img.width, room.height / img.height);
    const w = img.width * scale;
    const h = img.height * scale;
    const x = (A4.width - w) / 2;
    const y = (A4.height - h) / 2;
    const draw = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)} cm /Im0 Do Q`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /XObject << /Im0 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`,
      stream('', encoder.encode(draw)),
      stream(
        `/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`,
        img.jpeg,
      ),
    );
  });
  return assemble(objects, '3 0 R');
}
