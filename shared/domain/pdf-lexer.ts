/**
 * The PDF tokenizer of the upload check (PDF 32000-1, 7.2-7.3): character classes, token kinds,
 * the few names and keywords that matter, and a lexer that reads one token per call, moving
 * forward only, so a hostile file costs one pass. See ./pdf-check.ts for what is built on it.
 */
// Character classes (7.2.2): regular, white-space, delimiter.
export const SPACE = 1;
const DELIMITER = 2;
export const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = SPACE;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIMITER;

// Token kinds.
export const END = 0;
export const INT = 1;
export const REAL = 2;
export const NAME = 3;
export const KEYWORD = 4;
export const DICT_OPEN = 5;
export const DICT_CLOSE = 6;
export const ARRAY_OPEN = 7;
export const ARRAY_CLOSE = 8;
export const STRING = 9;
export const OTHER = 10;
/** What a closed container leaves in its parent's history. */
export const CONTAINER = 11;

// Names and keywords that matter, by id (0: any other).
const NAMES = [
  'Type',
  'Pages',
  'Count',
  'ObjStm',
  'Length',
  'Filter',
  'FlateDecode',
  'Encrypt',
  'N',
  'First',
];
export const [TYPE, PAGES, COUNT, OBJSTM, LENGTH, FILTER, FLATE, ENCRYPT, N, FIRST] = NAMES.map(
  (_, i) => i + 1,
);
const KEYWORDS = ['obj', 'endobj', 'stream', 'R'];
export const [OBJ, ENDOBJ, STREAM, REF] = KEYWORDS.map((_, i) => i + 1);
const MAX_NAME = 16;
/** Past it an integer's exact value no longer matters: it is far beyond any limit (2^53 / 10). */
// Stryker disable next-line ArithmeticOperator: at LARGE * 10 the value stays far beyond any limit too
const LARGE = Number.MAX_SAFE_INTEGER / 10;
const ascii = (words: string[]) => words.map((w) => Uint8Array.from(w, (c) => c.charCodeAt(0)));
const NAME_BYTES = ascii(NAMES);
const KEYWORD_BYTES = ascii(KEYWORDS);
export const ENDSTREAM_BYTES = Buffer.from('endstream');

/** History tags: a token kind, or for names and keywords 16 * id + kind, so one compare says both. */
export const tag = (kind: number, id = 0) => (id << 4) | kind;
export const T_INT = tag(INT);
export const T_TYPE = tag(NAME, TYPE);
export const T_COUNT = tag(NAME, COUNT);
export const T_LENGTH = tag(NAME, LENGTH);
export const T_FILTER = tag(NAME, FILTER);
export const T_ENCRYPT = tag(NAME, ENCRYPT);
export const T_N = tag(NAME, N);
export const T_FIRST = tag(NAME, FIRST);
export const T_OBJ = tag(KEYWORD, OBJ);
export const T_DICT = tag(CONTAINER, 1);

/** Each byte's value as a hex digit, -1 when it is none. */
const HEX = new Int8Array(256).fill(-1);
for (const digit of '0123456789abcdef') {
  const value = Number.parseInt(digit, 16);
  HEX[digit.charCodeAt(0)] = value;
  HEX[digit.toUpperCase().charCodeAt(0)] = value;
}

export function lookup(table: Uint8Array[], bytes: Uint8Array, start: number, length: number): number {
  outer: for (let i = 0; i < table.length; i++) {
    const word = table[i]!;
    if (word.length !== length) continue;
    for (let j = 0; j < length; j++) if (word[j] !== bytes[start + j]) continue outer;
    return i + 1;
  }
  return 0;
}

/** A PDF tokenizer over bytes[pos, end): each call reads one token, moving forward only. */
export class Lexer {
  /** An integer's value, or a name's or keyword's id. */
  value = 0;
  start = 0;
  private readonly name = new Uint8Array(MAX_NAME);

  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  next(): number {
    const b = this.bytes;
    const end = this.end;
    let p = this.pos;
    for (;;) {
      while (p < end && CLASS[b[p]!] === SPACE) p++;
      if (p < end && b[p] === 0x25) {
        // A comment runs to the end of its line.
        while (p < end && b[p] !== 0x0a && b[p] !== 0x0d) p++;
        continue;
      }
      break;
    }
    this.start = p;
    this.value = 0;
    if (p >= end) {
      this.pos = p;
      return END;
    }
    const c = b[p]!;
    let kind = OTHER;
    if (c === 0x28) {
      // A literal string: balanced parentheses, backslash escapes.
      let depth = 1;
      p++;
      while (p < end && depth > 0) {
        const s = b[p++];
        if (s === 0x5c) p++;
        else if (s === 0x28) depth++;
        else if (s === 0x29) depth--;
      }
      kind = STRING;
    } else if (c === 0x3c) {
      if (b[p + 1] === 0x3c) {
        p += 2;
        kind = DICT_OPEN;
      } else {
        const close = b.indexOf(0x3e, p + 1);
        p = close === -1 || close >= end ? end : close + 1;
        kind = STRING;
      }
    } else if (c === 0x3e) {
      kind = b[p + 1] === 0x3e ? DICT_CLOSE : OTHER;
      p += kind === DICT_CLOSE ? 2 : 1;
    } else if (c === 0x5b) {
      p++;
      kind = ARRAY_OPEN;
    } else if (c === 0x5d) {
      p++;
      kind = ARRAY_CLOSE;
    } else if (c === 0x2f) {
      p = this.readName(p + 1);
      kind = NAME;
    } else if (CLASS[c] === DELIMITER) {
      p++; // ')', '{', '}' on their own carry nothing here
    } else {
      const from = p;
      while (p < end && CLASS[b[p]!] === 0) p++;
      kind = this.classify(from, p);
    }
    this.pos = p;
    return kind;
  }

  /** A name after its '/', with #xx escapes decoded so `/P#61ges` is /Pages; returns the end. */
  private readName(from: number): number {
    const b = this.bytes;
    let p = from;
    let length = 0;
    while (p < this.end && CLASS[b[p]!] === 0) {
      let c = b[p]!;
      const hi = c === 0x23 ? HEX[b[p + 1] ?? 0]! : -1;
      const lo = hi === -1 ? -1 : HEX[b[p + 2] ?? 0]!;
      if (lo >= 0) {
        c = hi * 16 + lo;
        p += 3;
      } else p++;
      // A typed array drops writes past its end: a longer name keeps its first bytes, and matches no word.
      this.name[length++] = c;
    }
    this.value = lookup(NAME_BYTES, this.name, 0, length);
    return p;
  }

  /** A run of regular characters: a number, or a keyword. */
  private classify(from: number, to: number): number {
    const b = this.bytes;
    let p = from;
    const negative = b[p] === 0x2d;
    if (negative || b[p] === 0x2b) p++;
    let digits = 0;
    let value = 0;
    while (p < to && b[p]! >= 0x30 && b[p]! <= 0x39) {
      // Stryker disable next-line EqualityOperator: no integer is LARGE exactly (a fraction)
      if (value < LARGE) value = value * 10 + (b[p]! - 0x30);
      digits++;
      p++;
    }
    if (p === to && digits > 0) {
      this.value = negative ? -value : value;
      return INT;
    }
    if (b[p] === 0x2e) {
      p++;
      while (p < to && b[p]! >= 0x30 && b[p]! <= 0x39) {
        digits++;
        p++;
      }
      if (p === to && digits > 0) return REAL;
    }
    this.value = lookup(KEYWORD_BYTES, b, from, to - from);
    return KEYWORD;
  }

  /** Whether the next two tokens are `<integer> R`, the rest of a reference; reads ahead and comes back. */
  referenceFollows(): boolean {
    const { pos, value, start } = this;
    const reference = this.next() === INT && this.next() === KEYWORD && this.value === REF;
    this.pos = pos;
    this.value = value;
    this.start = start;
    return reference;
  }
}
