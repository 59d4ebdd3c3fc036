/**
 * Hostile PDFs built in memory at a chosen size: the shapes that made the old regex check quadratic
 * or its inflation unbounded, and the page-count and encryption games a file can play. The unit
 * tests assert the verdict on each; the pdf-check benchmark times them and measures their memory up
 * to the 50 MB upload limit (here, not under test/, so the benchmark imports no tests).
 */
import { deflateSync } from 'node:zlib';

const HEADER = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
const TRAILER = 'trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n';

/** A file: the header, the parts, a trailer with startxref and %%EOF. */
export function pdf(...parts: (string | Uint8Array)[]): Buffer {
  return Buffer.concat(
    [HEADER, ...parts, TRAILER].map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)),
  );
}

/** `unit` repeated to about `bytes` bytes (at least once). */
export function repeat(unit: string | Uint8Array, bytes: number): Buffer {
  const one = typeof unit === 'string' ? Buffer.from(unit, 'latin1') : Buffer.from(unit);
  return Buffer.alloc(Math.max(1, Math.floor(bytes / one.length)) * one.length, one);
}

/** How an object stream is written, when not as a sound writer would (the tests' odd shapes). */
export interface ObjectStreamShape {
  /** The number of objects /N declares (by default, as many as there are). */
  n?: number;
  /** Entries added to the end of the stream dictionary. */
  entries?: string;
  /** The end of line after `stream` (by default `\n`). */
  eol?: string;
  /** The header's `number offset` pairs in reverse order of offset. */
  reversed?: boolean;
  /** Deflate's window (15 by default); at 10 the data begins with `(`. */
  windowBits?: number;
}

/** An object stream holding `objects` (number and text), FlateDecode-compressed, as object `number`. */
export function objectStream(
  number: number,
  objects: [number, string][],
  padding = 0,
  shape: ObjectStreamShape = {},
): Buffer {
  let offset = 0;
  const header: string[] = [];
  for (const [n, text] of objects) {
    header.push(`${n} ${offset}`);
    offset += text.length + 1;
  }
  if (shape.reversed) header.reverse();
  const head = `${header.join(' ')} `;
  const body = Buffer.concat([
    Buffer.from(head + objects.map(([, t]) => `${t}\n`).join(''), 'latin1'),
    Buffer.alloc(padding, 0x20),
  ]);
  const data = deflateSync(body, { windowBits: shape.windowBits ?? 15 });
  const entries = shape.entries ? ` ${shape.entries}` : '';
  return Buffer.concat([
    Buffer.from(
      `${number} 0 obj\n<< /Type /ObjStm /N ${shape.n ?? objects.length} /First ${head.length} /Filter /FlateDecode /Length ${data.length}${entries} >>\nstream${shape.eol ?? '\n'}`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

/** A decompression bomb: a file whose only page tree (3 pages) is in an object stream, followed there by `spaces` spaces. */
export function bomb(spaces: number): Buffer {
  return pdf(objectStream(1, [[2, '<< /Type /Pages /Kids [] /Count 3 >>']], spaces));
}

/** A plain page tree: a root of `count` pages and, when asked, kids that split it. */
export function pageTree(count: number, kids: number[] = []): string {
  const refs = kids.map((_, i) => `${10 + i} 0 R`).join(' ');
  return [
    `1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n`,
    `2 0 obj\n<< /Type /Pages /Kids [${refs}] /Count ${count} >>\nendobj\n`,
    ...kids.map((k, i) => `${10 + i} 0 obj\n<< /Type /Pages /Parent 2 0 R /Kids [] /Count ${k} >>\nendobj\n`),
  ].join('');
}

/** Bytes that look like anything: an image stream's data, with every delimiter in it. */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 0x9e3779b9;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * The shapes, each at about `bytes` bytes (some need a floor to be what they are), with the verdict
 * a sound check gives them at maxPages 300: `ok:<pages>` or the rejection reason. The first is the
 * issue's: a dictionary of /Type /Pages entries that never closes.
 */
export const CRAFTED: Record<string, { build(bytes: number): Buffer; expect: string }> = {
  'unclosed-pages-dictionary': {
    build: (bytes) => pdf('1 0 obj\n<< ', repeat('/Type /Pages /Count 7 ', bytes), '\n'),
    expect: 'corrupt',
  },
  'nested-dictionaries': {
    build: (bytes) => pdf(pageTree(3), '9 0 obj\n', repeat('<< /Type /Pages /Count 9 /A ', bytes), '\n'),
    expect: 'corrupt',
  },
  'nested-arrays': {
    build: (bytes) => pdf(pageTree(3), '9 0 obj\n', repeat('[', bytes), '\nendobj\n'),
    expect: 'corrupt',
  },
  'unterminated-objects': {
    // Each object opens a page-tree dictionary and an array and closes neither; only the last tree is whole.
    build: (bytes) => pdf(repeat('7 0 obj\n<< /Type /Pages /Count 900 /Kids [ 3 0 R\n', bytes), pageTree(4)),
    expect: 'ok:4',
  },
  'deep-page-tree': {
    // A chain of page-tree nodes by reference, each one level below the last: the root's count stands.
    build: (bytes) => {
      const node = (i: number) =>
        `${i} 0 obj\n<< /Type /Pages /Parent ${i - 1} 0 R /Kids [${i + 1} 0 R] /Count 3 >>\nendobj\n`;
      const chain = Array.from({ length: 10_000 }, (_, i) => node(100_000 + i)).join('');
      return pdf(pageTree(3), repeat(chain, bytes));
    },
    expect: 'ok:3',
  },
  'many-objects': {
    build: (bytes) =>
      pdf(
        pageTree(3),
        repeat('12 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n', bytes),
      ),
    expect: 'ok:3',
  },
  'many-integer-objects': {
    // More integer objects than the check remembers before the one the root's /Count names.
    build: (bytes) => {
      const objects = Array.from({ length: 70_000 }, (_, i) => `${100 + i} 0 obj 5 endobj\n`).join('');
      return pdf(
        '2 0 obj\n<< /Type /Pages /Kids [] /Count 99 0 R >>\nendobj\n',
        repeat(objects, bytes - 200),
        '99 0 obj 3 endobj\n',
      );
    },
    expect: 'corrupt',
  },
  'strings-and-comments': {
    build: (bytes) =>
      pdf(
        pageTree(2),
        '9 0 obj\n[',
        repeat('(a (nested\\) <</Type /Pages /Count 999>>) <3C3C> % <</Type /Pages /Count 999>>\n', bytes),
        ']\nendobj\n',
      ),
    expect: 'ok:2',
  },
  'unterminated-string': {
    build: (bytes) => pdf(pageTree(2), '9 0 obj\n(', repeat('<< /Type /Pages /Count 999 >> ', bytes), '\n'),
    expect: 'ok:2',
  },
  'stream-without-endstream': {
    build: (bytes) =>
      pdf(
        pageTree(2),
        repeat('9 0 obj\n<< /Length 9 0 R >>\nstream\n<< /Type /Pages /Count 999 >>\n', bytes),
      ),
    expect: 'ok:2',
  },
  'large-image-stream': {
    // An honest file's shape: a small page tree and one big binary stream.
    build: (bytes) => {
      const data = noise(Math.max(1, bytes - 400));
      return pdf(
        pageTree(3),
        `9 0 obj\n<< /Type /XObject /Subtype /Image /Length ${data.length} >>\nstream\n`,
        data,
        '\nendstream\nendobj\n',
      );
    },
    expect: 'ok:3',
  },
  'many-object-streams': {
    // Small object streams past any real file's number: their cost alone exhausts the budget.
    build: (bytes) => {
      const one = objectStream(20, [[21, '<< /Type /Pages /Kids [] /Count 2 >>']]);
      return pdf(pageTree(2), repeat(one, Math.max(2100 * one.length, bytes)));
    },
    expect: 'corrupt',
  },
  'object-stream-bombs': {
    // The issue's: object streams that each inflate to 16 MB, as many as fit.
    build: (bytes) => {
      const one = objectStream(20, [[21, '<< /Type /Pages /Kids [] /Count 2 >>']], 16 * 1024 * 1024);
      return pdf(pageTree(2), repeat(one, Math.max(3 * one.length, bytes)));
    },
    expect: 'corrupt',
  },
};
