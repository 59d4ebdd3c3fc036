import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkPdf, hasPdfMagic, pageCount, STREAM_COST } from '#domain/pdf-check.ts';
import { bomb, CRAFTED, objectStream, pageTree, pdf } from '#local/testbed/crafted-pdfs.ts';

const bad = (name: string) =>
  readFile(new URL(`../fixtures/bad/${name}`, import.meta.url)).then((b) => new Uint8Array(b));

/** The verdict as one word: `ok:<pages>` or the rejection reason. */
function verdict(bytes: Uint8Array, maxPages = 300, inflateBudget?: number): string {
  const r = checkPdf(bytes, { maxPages, ...(inflateBudget ? { inflateBudget } : {}) });
  return r.ok ? `ok:${r.pages}` : r.reason;
}

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
    // A page tree that is only found by inflating twice the budget: refused, not counted. (At the
    // real budget in pdf-check-limit.test.ts.)
    const budget = 128 * 1024;
    const file = bomb(2 * budget);
    expect(checkPdf(file, { maxPages: 10, inflateBudget: budget })).toEqual({
      ok: false,
      reason: 'corrupt',
    });
    // The same file within a budget twice its size is read.
    expect(checkPdf(file, { maxPages: 10, inflateBudget: 4 * budget })).toEqual({
      ok: true,
      pages: 3,
    });
  });

  it('tolerates a little junk before the header, as PDF readers do', async () => {
    const ok = await bad('ok.pdf');
    const withJunk = new Uint8Array([...new TextEncoder().encode('\r\n\r\n'), ...ok]);
    expect(hasPdfMagic(withJunk)).toBe(true);
    expect(checkPdf(withJunk, { maxPages: 10 }).ok).toBe(true);
  });
});

describe('checkPdf on crafted files', () => {
  it('reads the page count of a tree whose root holds nested dictionaries', () => {
    const file = pdf(
      '2 0 obj\n<< /Type /Pages /Resources << /Font << /F1 5 0 R >> >> /Kids [3 0 R] /Count 4 >>\nendobj\n',
    );
    expect(verdict(file)).toBe('ok:4');
  });

  it('takes the largest count of every page-tree node, in plain sight or in object streams', () => {
    expect(verdict(pdf(pageTree(500, [250, 250])))).toBe('too_many_pages');
    expect(pageCount(pdf(pageTree(500, [250, 250])))).toBe(500);
    // A decoy root in plain sight does not hide a larger tree in an object stream.
    const decoy = pdf(pageTree(1), objectStream(30, [[31, '<< /Type /Pages /Kids [] /Count 400 >>']]));
    expect(checkPdf(decoy, { maxPages: 300 })).toEqual({ ok: false, reason: 'too_many_pages', pages: 400 });
  });

  const countGames: [string, string, string | Uint8Array, string][] = [
    ['a negative count', '/Count -5', '', 'corrupt'],
    ['a zero count', '/Count 0', '', 'corrupt'],
    ['a real count', '/Count 2.5', '', 'corrupt'],
    ['a string count', '/Count (5)', '', 'corrupt'],
    ['a huge count', '/Count 99999999999999999999999', '', 'too_many_pages'],
    ['a count given twice', '/Count 1 /Count 500', '', 'too_many_pages'],
    // Names may be written with #xx escapes: /C#6funt is /Count.
    ['an escaped name', '/Count 1 /C#6funt 500', '', 'too_many_pages'],
    ['an escaped name in upper-case hex', '/Count 1 /C#6Funt 500', '', 'too_many_pages'],
    // An integer may carry its sign (7.3.3).
    ['a count with a plus sign', '/Count +5', '', 'ok:5'],
    // A count given by reference is the integer object it names, in plain sight or in an object stream...
    ['a reference to an integer', '/Count 7 0 R', '7 0 obj\n400\nendobj\n', 'too_many_pages'],
    ['a reference to a small integer', '/Count 7 0 R', '7 0 obj 12 endobj\n', 'ok:12'],
    [
      'a reference into an object stream',
      '/Count 7 0 R',
      objectStream(30, [
        [6, '<< /A 1 >>'],
        [7, '400'],
        [8, '[1 2]'],
      ]),
      'too_many_pages',
    ],
    [
      'a small reference into an object stream',
      '/Count 7 0 R',
      objectStream(30, [
        [7, '9'],
        [8, '<< >>'],
      ]),
      'ok:9',
    ],
    // ...and one that leads nowhere, or to something else than an integer, is not guessed.
    ['a dangling reference', '/Count 7 0 R', '', 'corrupt'],
    ['a reference to a dictionary', '/Count 7 0 R', '7 0 obj\n<< /N 400 >>\nendobj\n', 'corrupt'],
    ['a reference to an array', '/Count 7 0 R', objectStream(30, [[7, '[400]']]), 'corrupt'],
  ];

  it.each(countGames)('plays no /Count games: %s', (_game, entries, objects, expected) => {
    const file = pdf(`2 0 obj\n<< /Type /Pag#65s /Kids [] ${entries} >>\nendobj\n`, objects);
    expect(verdict(file)).toBe(expected);
  });

  it('reads names escaped with any hex digit, in either case, and a lone # as itself', () => {
    // #79 is y, #70 p, #50 P: the digits 0 to 9.
    expect(verdict(pdf('2 0 obj\n<< /T#79#70e /#50ages /Kids [] /Count 5 >>\nendobj\n'))).toBe('ok:5');
    // #6A and #6a are j: the letters A to F and a to f.
    const stream = objectStream(30, [[31, '<< /Type /Pages /Kids [] /Count 6 >>']]).toString('latin1');
    for (const objStm of ['/Ob#6AStm', '/Ob#6aStm'])
      expect(verdict(pdf(Buffer.from(stream.replace('/ObjStm', objStm), 'latin1'))), objStm).toBe('ok:6');
    // A # not followed by two hex digits stands for itself: /Pages#zz is another name.
    expect(verdict(pdf('2 0 obj\n<< /Type /Pages#zz /Kids [] /Count 5 >>\nendobj\n'))).toBe('corrupt');
  });

  it('finds /Encrypt by reference or inline, in a trailer or a cross-reference stream, and nowhere else', () => {
    const encrypted = (trailer: string) =>
      Buffer.concat([pdf(pageTree(1)).subarray(0, -40), Buffer.from(`${trailer}\nstartxref\n0\n%%EOF\n`)]);
    expect(verdict(encrypted('trailer << /Root 1 0 R /Encrypt 12 0 R >>'))).toBe('encrypted');
    expect(verdict(encrypted('trailer << /Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 >> >>'))).toBe(
      'encrypted',
    );
    expect(
      verdict(pdf(pageTree(1), '9 0 obj\n<< /Type /XRef /Encrypt 8 0 R /Length 0 >>\nstream\n\nendstream\n')),
    ).toBe('encrypted');
    // Words in a string or a comment, or data in a stream, are not an encryption dictionary.
    expect(verdict(pdf(pageTree(1), '9 0 obj\n(/Encrypt 12 0 R) % /Encrypt << >>\nendobj\n'))).toBe('ok:1');
    expect(verdict(pdf(pageTree(1), '9 0 obj\n<< /Length 15 >>\nstream\n/Encrypt 12 0 R\nendstream\n'))).toBe(
      'ok:1',
    );
    expect(verdict(pdf(pageTree(1), '9 0 obj\n<< /Encrypt null >>\nendobj\n'))).toBe('ok:1');
  });

  it('skips stream data by its /Length, or up to endstream when the /Length is wrong or indirect', () => {
    const data = '(( << /Type /Pages /Count 999 >> <';
    for (const length of [String(data.length), '3', '99999', '8 0 R']) {
      const file = pdf(`9 0 obj\n<< /Length ${length} >>\nstream\n${data}\nendstream\nendobj\n`, pageTree(2));
      expect(verdict(file), length).toBe('ok:2');
    }
  });

  it('inflates object streams with /Filter as a name or a one-element array, and no other', () => {
    const stream = (filter: string) =>
      objectStream(30, [[31, '<< /Type /Pages /Kids [] /Count 6 >>']])
        .toString('latin1')
        .replace('/Filter /FlateDecode', filter);
    expect(verdict(pdf(Buffer.from(stream('/Filter [/FlateDecode]'), 'latin1')))).toBe('ok:6');
    expect(verdict(pdf(Buffer.from(stream('/Filter [/FlateDecode /FlateDecode]'), 'latin1')))).toBe(
      'corrupt',
    );
    expect(verdict(pdf(Buffer.from(stream('/Filter /LZWDecode'), 'latin1')))).toBe('corrupt');
  });

  it('inflates object streams up to the budget of the file, and calls a file past it corrupt', () => {
    // Each stream inflates to 96 KB and costs 16 KB more: four fit in a 512 KB budget, five do not.
    // (At the real budget in pdf-check-limit.test.ts.)
    const budget = 512 * 1024;
    const quarter = budget / 4 - 2 * STREAM_COST;
    const stream = objectStream(30, [[31, '<< /Type /Pages /Kids [] /Count 2 >>']], quarter);
    expect(verdict(pdf(pageTree(2), ...Array(4).fill(stream)), 300, budget)).toBe('ok:2');
    expect(verdict(pdf(pageTree(2), ...Array(5).fill(stream)), 300, budget)).toBe('corrupt');
  });

  it('nests dictionaries and arrays as deep as real files do, and no deeper', () => {
    const nested = (depth: number) =>
      pdf(pageTree(2), `9 0 obj\n${'[<< /A '.repeat(depth)}${' >>]'.repeat(depth)}\nendobj\n`);
    expect(verdict(nested(100))).toBe('ok:2');
    expect(verdict(nested(200))).toBe('corrupt');
  });

  it('opens 255 dictionaries and arrays one inside another, and no more', () => {
    const nested = (depth: number) =>
      pdf(pageTree(2), `9 0 obj\n${'['.repeat(depth)}${']'.repeat(depth)}\nendobj\n`);
    expect(verdict(nested(255))).toBe('ok:2');
    expect(verdict(nested(256))).toBe('corrupt');
  });

  it('charges each object stream inflated against the budget, so that many tiny ones add up', () => {
    // A 1 MB budget pays for 64 streams of STREAM_COST (16 KB) and what they inflate to: 63 fit.
    const tiny = objectStream(30, [[31, '<< /Type /Pages /Kids [] /Count 2 >>']]);
    expect(verdict(pdf(pageTree(2), ...Array(63).fill(tiny)), 300, 1024 * 1024)).toBe('ok:2');
    expect(verdict(pdf(pageTree(2), ...Array(64).fill(tiny)), 300, 1024 * 1024)).toBe('corrupt');
  });
});

// The shapes whose smallest form is large (a long chain of page-tree nodes, more integer objects or
// object streams than the check remembers or pays for) are pdf-check-limit.test.ts's, at 50 MB; the
// tables and the budget they fill are tested here at a small size.
const LARGE = new Set([
  'deep-page-tree',
  'many-integer-objects',
  'many-object-streams',
  'object-stream-bombs',
]);

describe('checkPdf on the crafted shapes', () => {
  it.each(Object.entries(CRAFTED).filter(([name]) => !LARGE.has(name)))(
    'gives %s its verdict',
    (_name, shape) => {
      // At 16 KB (at 50 MB in pdf-check-limit.test.ts), so that mutation testing stays quick.
      expect(verdict(shape.build(16 * 1024))).toBe(shape.expect);
    },
  );
});

describe('checkPdf past its table of integer objects', () => {
  // With a table of 16 (MAX_INTEGER_OBJECTS, 65,536, in pdf-check-limit.test.ts's crafted shape at 50 MB).
  const verdict16 = (file: Uint8Array) => {
    const r = checkPdf(file, { maxPages: 300, maxIntegerObjects: 16 });
    return r.ok ? `ok:${r.pages}` : r.reason;
  };
  const fillers = (n: number) => Array.from({ length: n }, (_, i) => `${100 + i} 0 obj 5 endobj\n`).join('');
  const root = '2 0 obj\n<< /Type /Pages /Kids [] /Count 99 0 R >>\nendobj\n';

  it('remembers as many integer objects as its table holds: a /Count naming one past them is corrupt, not guessed', () => {
    expect(verdict16(pdf(root, fillers(15), '99 0 obj 3 endobj\n'))).toBe('ok:3');
    expect(verdict16(pdf(root, fillers(16), '99 0 obj 3 endobj\n'))).toBe('corrupt');
  });

  it('still takes the larger value of an integer object it remembers, redefined when the table is full', () => {
    expect(verdict16(pdf(root, '99 0 obj 3 endobj\n', fillers(15), '99 0 obj 400 endobj\n'))).toBe(
      'too_many_pages',
    );
  });
});
