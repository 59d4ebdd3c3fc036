/**
 * Checks on the bytes of an uploaded PDF, before anything reads it for real: the `%PDF-` magic, no
 * encryption, a readable structure and a page count within the limit. Pure (no I/O); inflating
 * compressed object streams uses node:zlib, which is computation only. Used by the upload-received
 * Lambda for patient documents and by the workflow for the specialist's report.
 *
 * Anyone can upload, so the check must cost the same for a hostile file as for an honest one: one
 * pass of a tokenizer over the bytes that never looks back (PDF 32000-1, 7.2-7.3: comments,
 * strings, names with #xx escapes, numbers, dictionaries, arrays), stream data skipped by its
 * /Length (or the next `endstream`), a bounded stack of open containers and bounded tables. The
 * only bytes read twice are the two tokens after a /Count, /Length or /Encrypt, to tell `5` from
 * `5 0 R`. Compressed object streams (PDF 1.5+) are inflated and scanned the same way, all of them
 * together within INFLATE_BUDGET bytes, each also costing STREAM_COST, so their number is bounded too.
 *
 * The page count is the largest /Count of a /Type /Pages dictionary (the root's is the largest; a
 * decoy tree with a smaller count changes nothing). A /Count given by reference is resolved to the
 * integer object it names; one that cannot be resolved makes the file corrupt rather than guessed.
 * A full PDF parser would not fit the Lambda bundle, and follows the cross-reference table, which a
 * hostile file can make disagree with what is in plain sight.
 */
import { inflateSync } from 'node:zlib';
import {
  ARRAY_CLOSE,
  ARRAY_OPEN,
  CLASS,
  CONTAINER,
  DICT_CLOSE,
  DICT_OPEN,
  END,
  ENDOBJ,
  ENDSTREAM_BYTES,
  FLATE,
  INT,
  KEYWORD,
  Lexer,
  lookup,
  NAME,
  OBJ,
  OBJSTM,
  PAGES,
  SPACE,
  STREAM,
  T_COUNT,
  T_DICT,
  T_ENCRYPT,
  T_FILTER,
  T_FIRST,
  T_INT,
  T_LENGTH,
  T_N,
  T_OBJ,
  T_TYPE,
  tag,
} from './pdf-lexer.ts';

export type PdfRejection = 'empty' | 'not_pdf' | 'encrypted' | 'corrupt' | 'too_many_pages' | 'too_large';

export type PdfCheck = { ok: true; pages: number } | { ok: false; reason: PdfRejection; pages?: number };

export interface PdfLimits {
  maxPages: number;
  /** When given, bytes beyond it are rejected as too_large. */
  maxBytes?: number;
  /** Inflated bytes the file may cost (INFLATE_BUDGET unless given: tests of the budget use less). */
  inflateBudget?: number;
  /** Integer objects remembered (MAX_INTEGER_OBJECTS unless given: tests of the table use fewer). */
  maxIntegerObjects?: number;
  /** /Count references resolved (MAX_COUNT_REFS unless given: tests of the table use fewer). */
  maxCountRefs?: number;
}

const MAGIC = '%PDF-';
/** The header may follow a little garbage (the PDF spec tolerates up to 1024 bytes). */
const MAGIC_WINDOW = 1024;
const TAIL_WINDOW = 2048;
/** Inflated object-stream bytes a file may cost in all; past it the file is a decompression bomb. */
export const INFLATE_BUDGET = 32 * 1024 * 1024;
/** What starting one inflation costs against the budget, so thousands of tiny streams cannot add up. */
export const STREAM_COST = 16 * 1024;
/** Deflate's largest expansion: what a stream that fails to inflate may have cost. */
const DEFLATE_MAX_RATIO = 1032;
/** Nesting of dictionaries and arrays; real files stay below 20. */
const MAX_DEPTH = 256;
/** Integer objects remembered to resolve /Count references. */
const MAX_INTEGER_OBJECTS = 65_536;
/** /Count references to resolve; a few per page-tree node of a real file. */
const MAX_COUNT_REFS = 4096;
/** Objects of one object stream whose offsets are read to find integer objects. */
const MAX_STREAM_OBJECTS = 65_536;

/**
 * An open dictionary or array, with the last four tokens seen directly in it. Every frame keeps every
 * field; what only a dictionary means (/Type, /Count, /Filter) is read when a dictionary closes, what
 * only a /Filter array means when that array closes.
 */
class Frame {
  // Stryker disable BooleanLiteral,UnaryOperator: reset() sets every field before a frame is used
  dict = false;
  h1 = 0;
  h2 = 0;
  h3 = 0;
  h4 = 0;
  v1 = 0;
  v2 = 0;
  v3 = 0;
  v4 = 0;
  pages = false;
  objStm = false;
  flate = false;
  /** Largest direct /Count, -1 when none. */
  count = -1;
  /** Object number of a /Count reference, -1 when none. */
  countRef = -1;
  /** A direct /Length, -1 when none or indirect. */
  length = -1;
  n = -1;
  first = -1;
  /** An array that is the value of /Filter, its items, and whether its last name is /FlateDecode. */
  filterArray = false;
  items = 0;
  lastFlate = false;
  // Stryker restore BooleanLiteral,UnaryOperator

  reset(dict: boolean): void {
    this.dict = dict;
    this.h1 = this.h2 = this.h3 = this.h4 = 0;
    this.v1 = this.v2 = this.v3 = this.v4 = 0;
    this.pages = this.objStm = this.flate = this.filterArray = this.lastFlate = false;
    this.count = this.countRef = this.length = this.n = this.first = -1;
    this.items = 0;
  }

  push(t: number, v: number): void {
    this.h4 = this.h3;
    this.h3 = this.h2;
    this.h2 = this.h1;
    this.h1 = t;
    this.v4 = this.v3;
    this.v3 = this.v2;
    this.v2 = this.v1;
    this.v1 = v;
  }
}

/** The stream dictionary a `stream` keyword belongs to. */
interface StreamDict {
  objStm: boolean;
  flate: boolean;
  length: number;
  n: number;
  first: number;
}

/** What one pass found; the verdict is drawn from it. */
class Scan {
  constructor(
    public budget: number,
    private readonly maxIntegers: number,
    private readonly maxCountRefs: number,
  ) {}

  encrypted = false;
  /** A structure no honest file has: nesting too deep, too many references, a decompression bomb. */
  broken = false;
  maxCount = -1;
  readonly countRefs = new Set<number>();
  readonly integers = new Map<number, number>();
  /** Open containers of the file, and of the object stream being scanned inside it. */
  private readonly fileFrames = [new Frame()];
  private readonly streamFrames = [new Frame()];

  /** The file itself: objects in plain sight, streams skipped or (object streams) inflated and scanned. */
  file(bytes: Uint8Array): void {
    this.tokens(new Lexer(bytes, 0, bytes.length), true);
  }

  private integer(objectNumber: number, value: number): void {
    // A full table forgets the rest: a /Count naming one of them leads nowhere.
    if (this.integers.size >= this.maxIntegers && !this.integers.has(objectNumber)) return;
    // A later revision may redefine an object: the larger value is the safe one.
    this.integers.set(objectNumber, Math.max(value, this.integers.get(objectNumber) ?? value));
  }

  private tokens(lx: Lexer, top: boolean): void {
    const frames = top ? this.fileFrames : this.streamFrames;
    let depth = 0;
    frames[0]!.reset(false);
    let last: StreamDict | undefined;
    // A broken file is corrupt whatever follows: stop there.
    for (let kind = lx.next(); kind !== END && !this.broken; kind = lx.next()) {
      let f = frames[depth]!;
      const value = lx.value;
      switch (kind) {
        case DICT_OPEN:
        case ARRAY_OPEN: {
          if (top && f.h1 === T_ENCRYPT && kind === DICT_OPEN) this.encrypted = true;
          if (depth + 1 >= MAX_DEPTH) {
            this.broken = true;
            break;
          }
          const afterFilter = f.h1 === T_FILTER;
          depth++;
          frames[depth] ??= new Frame();
          const opened = frames[depth]!;
          opened.reset(kind === DICT_OPEN);
          opened.filterArray = afterFilter;
          continue;
        }
        case DICT_CLOSE:
        case ARRAY_CLOSE: {
          if (depth === 0) break;
          // A closer of the other kind closes what is open all the same.
          const closed = f;
          depth--;
          const parent = frames[depth]!;
          if (closed.dict) {
            if (closed.pages && closed.countRef >= 0) this.countRef(closed.countRef);
            else if (closed.pages) this.maxCount = Math.max(this.maxCount, closed.count);
            // (Mutated to `true`, this survives: the dictionary a `stream` follows closes last, after those inside it.)
            if (depth === 0) {
              last = {
                objStm: closed.objStm,
                flate: closed.flate,
                length: closed.length,
                n: closed.n,
                first: closed.first,
              };
            }
          } else if (closed.filterArray && closed.items === 1 && closed.lastFlate) parent.flate = true;
          parent.items++;
          parent.push(closed.dict ? T_DICT : tag(CONTAINER), 0);
          continue;
        }
        case NAME:
          if (f.h1 === T_TYPE) {
            if (value === PAGES) f.pages = true;
            else if (value === OBJSTM) f.objStm = true;
          }
          if (f.h1 === T_FILTER && value === FLATE) f.flate = true;
          f.items++;
          f.lastFlate = value === FLATE;
          break;
        case INT:
          if (f.dict) {
            const h = f.h1;
            if (h === T_COUNT || h === T_LENGTH || h === T_ENCRYPT) {
              const reference = lx.referenceFollows();
              if (h === T_ENCRYPT) this.encrypted ||= top && reference;
              else if (h === T_LENGTH) {
                // Stryker disable next-line UnaryOperator: a /Length of 1 ends where the search for endstream would end it
                f.length = reference ? -1 : value;
              } else if (reference) f.countRef = value;
              else f.count = Math.max(f.count, value);
            } else if (h === T_N) f.n = value;
            else if (h === T_FIRST) f.first = value;
          } else f.items++;
          break;
        case KEYWORD:
          if (!top) break;
          if (value === OBJ && f.h1 === T_INT && f.h2 === T_INT) {
            // `n g obj`: whatever the previous object left open was never closed; start afresh.
            const [n, g] = [f.v2, f.v1];
            depth = 0;
            f = frames[0]!;
            f.push(T_INT, n);
            f.push(T_INT, g);
          } else if (value === ENDOBJ) {
            // At depth 0 only: `n g obj` inside a container closes it.
            if (f.h2 === T_OBJ && f.h1 === T_INT && f.h3 === T_INT && f.h4 === T_INT)
              this.integer(f.v4, f.v1);
            depth = 0;
            f = frames[0]!;
          } else if (value === STREAM && depth === 0 && f.h1 === T_DICT && last) {
            this.stream(lx, last);
            last = undefined;
          }
          break;
        default:
          f.items++;
      }
      f.push(kind === NAME || kind === KEYWORD ? tag(kind, value) : kind, value);
    }
  }

  private countRef(objectNumber: number): void {
    if (this.countRefs.size >= this.maxCountRefs) this.broken = true;
    else this.countRefs.add(objectNumber);
  }

  /** Skips a stream's data (the lexer is just past `stream`), inflating and scanning an object stream's. */
  private stream(lx: Lexer, dict: StreamDict): void {
    const b = lx.bytes;
    let start = lx.pos;
    if (b[start] === 0x0d && b[start + 1] === 0x0a) start += 2;
    else if (b[start] === 0x0a || b[start] === 0x0d) start++;
    let end = -1;
    // Trust /Length only when `endstream` follows it (nothing follows past the end of the file), and
    // never a negative one, which would send the lexer back. (`dict.length > 0` would differ
    // only by an empty stream's end of line: at most 1032 bytes of budget if it is an object stream.)
    if (dict.length >= 0) {
      let p = start + dict.length;
      for (let i = 0; i < 4 && CLASS[b[p]!] === SPACE; i++) p++;
      if (lookup([ENDSTREAM_BYTES], b, p, ENDSTREAM_BYTES.length) === 1) end = start + dict.length;
    }
    if (end === -1) {
      // The file's own lexer: its end is that of the bytes.
      const found = Buffer.from(b.buffer, b.byteOffset, b.length).indexOf(ENDSTREAM_BYTES, start);
      end = found === -1 ? lx.end : found;
    }
    lx.pos = end;
    if (dict.objStm && dict.flate) this.objectStream(b.subarray(start, end), dict);
  }

  private objectStream(data: Uint8Array, dict: StreamDict): void {
    if (this.budget < STREAM_COST) {
      this.broken = true;
      return;
    }
    this.budget -= STREAM_COST;
    let inflated: Buffer;
    try {
      inflated = inflateSync(data, { maxOutputLength: Math.max(1, this.budget) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        this.budget = 0;
        this.broken = true;
      } else {
        // A stream that does not inflate is judged by what else the file holds; what it may have cost counts.
        this.budget -= Math.min(this.budget, data.length * DEFLATE_MAX_RATIO);
      }
      return;
    }
    this.budget -= inflated.length;
    this.tokens(new Lexer(inflated, 0, inflated.length), false);
    this.streamIntegers(inflated, Math.min(dict.n, MAX_STREAM_OBJECTS), dict.first);
  }

  /**
   * Integer objects of an object stream: its header lists `number offset` pairs; an object that is one
   * integer and nothing else before the next object is one.
   */
  private streamIntegers(data: Buffer, n: number, first: number): void {
    const lx = new Lexer(data, 0, Math.min(first, data.length));
    const numbers: number[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < n; i++) {
      if (lx.next() !== INT) break;
      const number = lx.value;
      if (lx.next() !== INT) break;
      numbers.push(number);
      offsets.push(first + lx.value);
    }
    const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
    const body = new Lexer(data, 0, data.length);
    order.forEach((i, k) => {
      const at = offsets[i]!;
      const next = k + 1 < order.length ? offsets[order[k + 1]!]! : data.length;
      body.pos = at;
      // Past the data, the lexer reads END.
      if (body.next() !== INT || body.start >= next) return;
      const value = body.value;
      // The end of the data (END) starts at or after any object's end.
      body.next();
      if (body.start >= next) this.integer(numbers[i]!, value);
    });
  }

  /** The page count, or undefined when no page tree is found or a /Count reference leads nowhere. */
  pages(): number | undefined {
    if (this.broken) return undefined;
    let pages = this.maxCount;
    // A reference to no integer object makes the count NaN, which is no count.
    for (const ref of this.countRefs) pages = Math.max(pages, this.integers.get(ref) ?? Number.NaN);
    return pages >= 0 ? pages : undefined;
  }
}

function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
}

export function hasPdfMagic(bytes: Uint8Array): boolean {
  return latin1(bytes, 0, Math.min(bytes.length, MAGIC_WINDOW + MAGIC.length)).includes(MAGIC);
}

function scan(
  bytes: Uint8Array,
  budget = INFLATE_BUDGET,
  maxIntegers = MAX_INTEGER_OBJECTS,
  maxCountRefs = MAX_COUNT_REFS,
): Scan {
  const s = new Scan(budget, maxIntegers, maxCountRefs);
  s.file(bytes);
  return s;
}

/** The number of pages, from the page tree root's /Count; undefined when no page tree is found. */
export function pageCount(bytes: Uint8Array): number | undefined {
  return scan(bytes).pages();
}

/** Checks an uploaded file; the first problem found decides the rejection reason. */
export function checkPdf(bytes: Uint8Array, limits: PdfLimits): PdfCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > (limits.maxBytes ?? Number.POSITIVE_INFINITY)) return { ok: false, reason: 'too_large' };
  if (!hasPdfMagic(bytes)) return { ok: false, reason: 'not_pdf' };
  const s = scan(bytes, limits.inflateBudget, limits.maxIntegerObjects, limits.maxCountRefs);
  if (s.encrypted) return { ok: false, reason: 'encrypted' };
  const tail = latin1(bytes, Math.max(0, bytes.length - TAIL_WINDOW));
  if (!tail.includes('%%EOF') || !tail.includes('startxref')) return { ok: false, reason: 'corrupt' };
  const pages = s.pages();
  if (pages === undefined || pages < 1) return { ok: false, reason: 'corrupt' };
  if (pages > limits.maxPages) return { ok: false, reason: 'too_many_pages', pages };
  return { ok: true, pages };
}
