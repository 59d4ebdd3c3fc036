import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkPdf, hasPdfMagic, pageCount, STREAM_COST } from '#domain/pdf-check.ts';
import {
  ARRAY_CLOSE,
  ARRAY_OPEN,
  COUNT,
  DICT_CLOSE,
  DICT_OPEN,
  END,
  ENDOBJ,
  FIRST,
  FLATE,
  INT,
  KEYWORD,
  LENGTH,
  Lexer,
  N,
  NAME,
  OBJ,
  OBJSTM,
  OTHER,
  PAGES,
  REAL,
  REF,
  STREAM,
  STRING,
  TYPE,
} from '#domain/pdf-lexer.ts';
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
    ['a reference to a name', '/Count 7 0 R', objectStream(30, [[7, '/N']]), 'corrupt'],
    ['a reference to two integers', '/Count 7 0 R', objectStream(30, [[7, '400 5']]), 'corrupt'],
    // An object stream's objects are where its header says, in whatever order it lists them...
    [
      'a reference into an object stream listing its objects backwards',
      '/Count 7 0 R',
      objectStream(
        30,
        [
          [7, '400'],
          [8, '<< >>'],
        ],
        0,
        { reversed: true },
      ),
      'too_many_pages',
    ],
    // ...that extends another (/Extends after /First changes neither)...
    [
      'a reference into an object stream that extends another',
      '/Count 7 0 R',
      objectStream(
        30,
        [
          [6, '<< >>'],
          [7, '9'],
        ],
        0,
        { entries: '/Extends 40 0 R' },
      ),
      'ok:9',
    ],
    // ...for as many objects as /N says, and an empty object borrows nothing from the next.
    [
      'a reference to an object stream past its /N',
      '/Count 7 0 R',
      objectStream(
        30,
        [
          [6, '<< >>'],
          [7, '400'],
        ],
        0,
        { n: 1 },
      ),
      'corrupt',
    ],
    [
      'a reference to an empty object',
      '/Count 7 0 R',
      objectStream(30, [
        [7, ''],
        [8, '400'],
      ]),
      'corrupt',
    ],
    // A header shorter than /N ends at /First: what follows is objects, not offsets.
    [
      'a reference to an object stream whose /N exceeds its header',
      '/Count 6 0 R',
      objectStream(
        30,
        [
          [6, '5 1'],
          [7, '400'],
        ],
        0,
        { n: 3 },
      ),
      'corrupt',
    ],
    // Object 0 is a number like any other; an object header needs two integers, one object one integer.
    ['a reference to object 0', '/Count 0 0 R', '0 0 obj 5 endobj\n', 'ok:5'],
    ['an object numbered by a string', '/Count 0 0 R', '(0) 0 obj 400 endobj\n', 'corrupt'],
    ['an object header without a generation', '/Count 7 0 R', '7 /G obj 400 endobj\n', 'corrupt'],
    ['an object of several integers', '/Count 7 0 R', '5 0 obj 7 1 2 400 endobj\n', 'corrupt'],
    // An object left open ends where the next `n g obj` begins.
    [
      'an integer object after an unclosed one',
      '/Count 7 0 R',
      '5 0 obj\n[ 1 2\n7 0 obj\n400\nendobj\n',
      'too_many_pages',
    ],
    ['stray obj keywords inside the node', '/Count 5 /A 3 obj /B 4 /C obj', '', 'ok:5'],
  ];

  it.each(countGames)('plays no /Count games: %s', (_game, entries, objects, expected) => {
    const file = pdf(`2 0 obj\n<< /Type /Pag#65s /Kids [] ${entries} >>\nendobj\n`, objects);
    expect(verdict(file)).toBe(expected);
  });

  it('reports a count of any length as a number that survives JSON', () => {
    // 400 digits overflow a double to Infinity, which JSON writes as null.
    const file = pdf(`2 0 obj\n<< /Type /Pages /Kids [] /Count ${'9'.repeat(400)} >>\nendobj\n`);
    const result = JSON.parse(JSON.stringify(checkPdf(file, { maxPages: 300 })));
    expect(result).toEqual({ ok: false, reason: 'too_many_pages', pages: expect.any(Number) });
  });

  it('reads names escaped with any hex digit, in either case, and a lone # as itself', () => {
    // #79 is y, #70 p, #50 P: the digits 0 to 9.
    expect(verdict(pdf('2 0 obj\n<< /T#79#70e /#50ages /Kids [] /Count 5 >>\nendobj\n'))).toBe('ok:5');
    // #6A and #6a are j: the letters A to F and a to f.
    const stream = objectStream(30, [[31, '<< /Type /Pages /Kids [] /Count 6 >>']]).toString('latin1');
    for (const objStm of ['/Ob#6AStm', '/Ob#6aStm'])
      expect(verdict(pdf(Buffer.from(stream.replace('/ObjStm', objStm), 'latin1'))), objStm).toBe('ok:6');
    // A # not followed by two hex digits stands for itself: /Pages#zz is another name, and so are these
    // (: ; W g z are no hex digits).
    for (const [type, pages] of [
      ['/Type', '/Pages#zz'],
      ['/#5;ype', '/Pages'],
      ['/Type', '/#4gages'],
      ['/Type', '/#5Wages'],
      ['/Type', '/P#6zges'],
      ['/Type', '/Page'],
    ] as const)
      expect(verdict(pdf(`2 0 obj\n<< ${type} ${pages} /Kids [] /Count 5 >>\nendobj\n`)), type + pages).toBe(
        'corrupt',
      );
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
    // Nor is an integer, an array, a key outside any dictionary, or an /Encrypt inside an object stream
    // (the trailer and cross-reference streams, where encryption is declared, are never in one).
    for (const object of [
      '<< /Encrypt 12 >>',
      '<< /Encrypt [12 0 R] >>',
      '[/Encrypt 12 0 R]',
      '/Encrypt 12 0 R',
    ])
      expect(verdict(pdf(pageTree(1), `9 0 obj\n${object}\nendobj\n`)), object).toBe('ok:1');
    const inStream = objectStream(30, [
      [31, '<< /Encrypt 12 0 R >>'],
      [32, '<< /Encrypt << /Filter /Standard >> >>'],
    ]);
    expect(verdict(pdf(pageTree(1), inStream))).toBe('ok:1');
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
    // A chain of filters, or another filter, is not inflated: the page tree inside is not read.
    for (const filter of [
      '/Filter [/FlateDecode /FlateDecode]',
      '/Filter [/FlateDecode 5]',
      '/Filter [/FlateDecode (x)]',
      '/Filter [/FlateDecode []]',
      '/Filter [5 [] /FlateDecode]',
      '/Filter [(x) [] /FlateDecode]',
      '/Filter [/LZWDecode]',
      '/Filter /LZWDecode',
      '/Filter /LZWDecode /X /FlateDecode',
      '/Filter /LZWDecode /X [/FlateDecode]',
    ])
      expect(verdict(pdf(Buffer.from(stream(filter), 'latin1'))), filter).toBe('corrupt');
    // Only an object stream is inflated: the pages of an embedded file are not this file's.
    const embedded = stream('/Filter /FlateDecode').replace('/Type /ObjStm', '/Type /EmbeddedFile');
    expect(verdict(pdf(pageTree(2), Buffer.from(embedded, 'latin1')))).toBe('ok:2');
  });

  it('reads an object stream after any end of line, and none', () => {
    const tree: [number, string][] = [[31, '<< /Type /Pages /Kids [] /Count 6 >>']];
    for (const eol of ['\n', '\r\n', '\r'])
      expect(verdict(pdf(objectStream(30, tree, 0, { eol }))), JSON.stringify(eol)).toBe('ok:6');
    // With no end of line (malformed), the data begins right after `stream`: here with a `(`.
    const bare = objectStream(30, tree, 0, { eol: '', windowBits: 10 });
    expect(bare.toString('latin1')).toContain('stream(');
    expect(verdict(pdf(bare))).toBe('ok:6');
  });

  it('does not follow a stream inside an object stream, which holds none', () => {
    const inner = objectStream(40, [[41, '<< /Type /Pages /Kids [] /Count 6 >>']]).toString('latin1');
    expect(verdict(pdf(objectStream(30, [[31, inner]])))).toBe('corrupt');
  });

  it('skips stream data holding the word endstream by its /Length, when endstream follows it', () => {
    // Binary data may hold any bytes, `endstream` too: what follows it there is not the file's.
    const data = '\nx\x00endstream\n2 0 obj << /Type /Pages /Kids [] /Count 999 >> endobj\n';
    const file = (length: number, before: string) =>
      pdf(pageTree(2), `9 0 obj\n<< /Length ${length} >>\nstream\n${data}${before}endstream\nendobj\n`);
    expect(verdict(file(data.length, '\n'))).toBe('ok:2');
    // The data begins after the end of line that follows `stream`, here with a line feed of its own.
    expect(verdict(file(data.length, ''))).toBe('ok:2');
    // Up to four white-space bytes may stand between the data and endstream...
    expect(verdict(file(data.length, ' \t\r\n'))).toBe('ok:2');
    // ...but five, or a /Length that stops short, are not trusted: the data is searched for endstream.
    expect(verdict(file(data.length, ' \t\r\n '))).toBe('too_many_pages');
    expect(verdict(file(data.length - 3, '\n'))).toBe('too_many_pages');
  });

  it('never moves back for a negative /Length', () => {
    // Trusted, -51 would land on the endstream of the stream before, and read this one again forever.
    const first = '9 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\n';
    const second = '10 0 obj\n<< /Length -51 >>\nstream\nabc\nendstream\nendobj\n';
    const file = pdf(pageTree(2), first, second);
    const at = file.indexOf('abc', file.indexOf('10 0 obj'));
    expect(file.toString('latin1', at - 51, at - 42)).toBe('endstream');
    expect(verdict(file)).toBe('ok:2');
  });

  it('reads what follows a stream keyword that is no stream, and an incremental update', () => {
    const fake = '<< /Type /Pages /Kids [] /Count 900 >>';
    const stale = '8 0 obj\n<< /Length 500 >>\nendobj\n';
    // `stream` after no dictionary, or inside an array, hides nothing from the check.
    expect(verdict(pdf(pageTree(2), stale, `9 0 obj\n[1] stream\n${fake}\nendstream\nendobj\n`))).toBe(
      'too_many_pages',
    );
    expect(verdict(pdf(pageTree(2), stale, `9 0 obj\n[<< >> stream\n${fake}\nendstream]\nendobj\n`))).toBe(
      'too_many_pages',
    );
    // An update after the first trailer (PDF 32000-1, 7.5.6) may enlarge the page tree.
    const update = 'trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n';
    expect(verdict(pdf(pageTree(1), update, pageTree(400)))).toBe('too_many_pages');
  });

  it('ignores a closer with nothing open, and counts pages only in page-tree nodes', () => {
    expect(verdict(pdf(pageTree(2), '9 0 obj\n] >> ]\nendobj\n'))).toBe('ok:2');
    // A catalog names /Pages as a value; a /Count there is not a page count.
    expect(verdict(pdf(pageTree(2), '5 0 obj\n<< /Type /Catalog /Pages 2 0 R /Count 900 >>\nendobj\n'))).toBe(
      'ok:2',
    );
  });

  it('ends a comment at a carriage return as at a line feed', () => {
    expect(verdict(pdf('2 0 obj\r<< /Type /Pages % the root\r/Kids [] /Count 5 >>\rendobj\r'))).toBe('ok:5');
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

  it('charges each object stream its cost before inflating it, and one that does not inflate what it may have cost', () => {
    // Two empty object streams (one byte each, inflated) fit in twice STREAM_COST and a byte, not in twice STREAM_COST.
    const empty = objectStream(30, []);
    expect(verdict(pdf(pageTree(2), empty, empty), 300, 2 * STREAM_COST + 1)).toBe('ok:2');
    expect(verdict(pdf(pageTree(2), empty, empty), 300, 2 * STREAM_COST)).toBe('corrupt');
    // A stream that does not inflate is skipped (the rest of the file decides) but costs 1032 times
    // its bytes, deflate's largest expansion: what is left pays for the next stream, or not.
    const broken = `40 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 100 >>\nstream\n${'A'.repeat(100)}\nendstream\nendobj\n`;
    const tiny = objectStream(30, [[31, '<< /Type /Pages /Kids [] /Count 2 >>']]);
    const cost = 2 * STREAM_COST + 100 * 1032;
    expect(verdict(pdf(pageTree(2), broken, tiny), 300, cost + 1000)).toBe('ok:2');
    expect(verdict(pdf(pageTree(2), broken, tiny), 300, cost - 1000)).toBe('corrupt');
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

describe('checkPdf at its edges', () => {
  it('reads the header within the first 1024 bytes, and no further', () => {
    const file = pdf(pageTree(1));
    const behind = (junk: number) => Buffer.concat([Buffer.alloc(junk, 0x20), file]);
    expect(hasPdfMagic(behind(1024))).toBe(true);
    expect(verdict(behind(1024))).toBe('ok:1');
    expect(hasPdfMagic(behind(1025))).toBe(false);
  });

  it('takes a file of exactly maxBytes, and not one byte more', () => {
    const file = pdf(pageTree(1));
    expect(checkPdf(file, { maxPages: 10, maxBytes: file.length })).toEqual({ ok: true, pages: 1 });
    expect(checkPdf(file, { maxPages: 10, maxBytes: file.length - 1 })).toEqual({
      ok: false,
      reason: 'too_large',
    });
  });

  it('calls a file without %%EOF, or without startxref, at its end corrupt', () => {
    const file = pdf(pageTree(1)).toString('latin1');
    expect(verdict(Buffer.from(file, 'latin1'))).toBe('ok:1');
    expect(verdict(Buffer.from(file.replace('%%EOF', '%%EO'), 'latin1'))).toBe('corrupt');
    expect(verdict(Buffer.from(file.replace('startxref', 'startxre'), 'latin1'))).toBe('corrupt');
  });

  it('tells a file without a page tree from one whose tree is empty', () => {
    expect(pageCount(pdf('1 0 obj\n<< /Type /Catalog >>\nendobj\n'))).toBeUndefined();
    expect(pageCount(pdf(pageTree(0)))).toBe(0);
    expect(verdict(pdf(pageTree(0)))).toBe('corrupt');
  });

  it('resolves as many /Count references as its table holds, and calls a file with more corrupt', () => {
    // With a table of 16 (MAX_COUNT_REFS, 4096, in real use).
    const verdict16 = (file: Uint8Array) => {
      const r = checkPdf(file, { maxPages: 300, maxCountRefs: 16 });
      return r.ok ? `ok:${r.pages}` : r.reason;
    };
    const nodes = (n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `${1000 + i} 0 obj << /Type /Pages /Kids [] /Count ${9000 + i} 0 R >> endobj ${9000 + i} 0 obj 1 endobj\n`,
      ).join('');
    expect(verdict16(pdf(pageTree(2), nodes(16)))).toBe('ok:2');
    expect(verdict16(pdf(pageTree(2), nodes(17)))).toBe('corrupt');
  });
});

const KINDS = new Map([
  [INT, 'int'],
  [REAL, 'real'],
  [NAME, 'name'],
  [KEYWORD, 'keyword'],
  [DICT_OPEN, '<<'],
  [DICT_CLOSE, '>>'],
  [ARRAY_OPEN, '['],
  [ARRAY_CLOSE, ']'],
  [STRING, 'string'],
  [OTHER, 'other'],
]);

/** The tokens of bytes[0, end) as `kind` or `kind:value` for numbers, names and keywords, with where each starts and where the lexer stops. */
function tokens(bytes: Uint8Array, end = bytes.length): string[] {
  const lx = new Lexer(bytes, 0, end);
  const out: string[] = [];
  // A bound, so that a lexer that stops moving fails rather than hangs.
  for (let kind = lx.next(); kind !== END && out.length < 100; kind = lx.next()) {
    const label = KINDS.get(kind)!;
    out.push(
      kind === INT || kind === NAME || kind === KEYWORD
        ? `${label}:${lx.value}@${lx.start}`
        : `${label}@${lx.start}`,
    );
  }
  out.push(`end@${lx.start}-${lx.pos}`);
  return out;
}
const words = (text: string) =>
  tokens(Buffer.from(text, 'latin1'))
    .slice(0, -1)
    .map((t) => t.replace(/@.*/, ''));

describe('Lexer', () => {
  it('reads integers with their sign, reals, and the rest as keywords', () => {
    expect(words('12 -5 +7 0 2.5 -.5 4. 1.0 1.9 . 1.2.3 2.x 3.- 1-2 -')).toEqual([
      'int:12',
      'int:-5',
      'int:7',
      'int:0',
      'real',
      'real',
      'real',
      'real',
      'real',
      'keyword:0',
      'keyword:0',
      'keyword:0',
      'keyword:0',
      'keyword:0',
      'keyword:0',
    ]);
    expect(words('obj endobj stream R ob o endobjx null')).toEqual([
      `keyword:${OBJ}`,
      `keyword:${ENDOBJ}`,
      `keyword:${STREAM}`,
      `keyword:${REF}`,
      'keyword:0',
      'keyword:0',
      'keyword:0',
      'keyword:0',
    ]);
  });

  it('knows the names that matter, #xx escapes decoded, and no other', () => {
    const names =
      '/Type /Pages /P#61ges /#50ages /Count /C#6Funt /ObjStm /Ob#6aStm /Length /Filter /FlateDecode';
    expect(words(`${names} /N /First /Page /Pagesx /Pages#zz /#4:ount /FlateDecodeFlateDecode /`)).toEqual(
      [
        TYPE,
        PAGES,
        PAGES,
        PAGES,
        COUNT,
        COUNT,
        OBJSTM,
        OBJSTM,
        LENGTH,
        6,
        FLATE,
        N,
        FIRST,
        0,
        0,
        0,
        0,
        0,
        0,
      ].map((id) => `name:${id}`),
    );
  });

  it('reads strings with nested parentheses and escapes, hex strings, dictionaries and delimiters', () => {
    const text = String.raw`(a\) b) (a (b) c) (\() <41> <</A 1>><4142> [ ] > >5 { } ) <4`;
    expect(words(text)).toEqual([
      'string',
      'string',
      'string',
      'string',
      '<<',
      'name:0',
      'int:1',
      '>>',
      'string',
      '[',
      ']',
      'other',
      'other',
      'int:5',
      'other',
      'other',
      'other',
      'string',
    ]);
    // A comment runs to the end of its line, whichever ends it.
    expect(words('1 % two\r3 % four\n5 %')).toEqual(['int:1', 'int:3', 'int:5']);
  });

  it('reads a window of the bytes as it reads the bytes cut there', () => {
    // (An object stream's header is read as such a window: the bytes up to /First.)
    const text = Buffer.from(
      String.raw`12 -3 2.55 1.0 (a\) (b)) % note` + '\n/Name <41> [true] 7 0 R ',
      'latin1',
    );
    for (let end = 0; end <= text.length; end++)
      expect(tokens(text, end), String(end)).toEqual(tokens(text.subarray(0, end)));
  });

  it('tells a reference from other integers that follow one, and comes back', () => {
    for (const [text, reference] of [
      ['5 0 R', true],
      ['5 R', false],
      ['5 0 obj', false],
      ['5 6', false],
      ['5 0 /R', false],
      ['5 /ObjStm', false],
    ] as const) {
      const bytes = Buffer.from(`/Count ${text}`, 'latin1');
      const lx = new Lexer(bytes, 0, bytes.length);
      lx.next();
      lx.next();
      expect(lx.referenceFollows(), text).toBe(reference);
      expect([lx.value, lx.start, lx.pos], text).toEqual([5, 7, 8]);
      expect(tokens(bytes).length, text).toBe(text.split(' ').length + 2);
    }
  });
});
