/**
 * Checks on the bytes of an uploaded PDF, before anything reads it for real: the `%PDF-` magic, no
 * encryption, a readable structure and a page count within the limit. Pure (no I/O); inflating
 * compressed object streams uses node:zlib, which is computation only. Used by the upload-received
 * Lambda for patient documents and by the workflow for the specialist's report.
 *
 * The page count reads the page tree's /Count (the largest one is the root's), looking inside
 * compressed object streams (PDF 1.5+) when the page tree is not in plain sight; this keeps the
 * Lambda bundle small (a full PDF parser would not fit).
 */
import { inflateSync } from 'node:zlib';

export type PdfRejection = 'empty' | 'not_pdf' | 'encrypted' | 'corrupt' | 'too_many_pages' | 'too_large';

export type PdfCheck = { ok: true; pages: number } | { ok: false; reason: PdfRejection; pages?: number };

export interface PdfLimits {
  maxPages: number;
  /** When given, bytes beyond it are rejected as too_large. */
  maxBytes?: number;
}

const MAGIC = '%PDF-';
/** The header may follow a little garbage (the PDF spec tolerates up to 1024 bytes). */
const MAGIC_WINDOW = 1024;
const TAIL_WINDOW = 2048;
/** An object stream inflating past this is a decompression bomb, not a page tree. */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
}

export function hasPdfMagic(bytes: Uint8Array): boolean {
  return latin1(bytes, 0, Math.min(bytes.length, MAGIC_WINDOW + MAGIC.length)).includes(MAGIC);
}

/** An /Encrypt entry in a trailer or cross-reference stream dictionary. */
export function isEncrypted(text: string): boolean {
  return /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(text);
}

function pageTreeCounts(text: string): number[] {
  const counts: number[] = [];
  // A dictionary of /Type /Pages (not /Page) with its /Count, in either order.
  const re = /<<((?:(?!<<|>>)[\s\S])*?\/Type\s*\/Pages\b(?:(?!<<|>>)[\s\S])*?)>>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const count = /\/Count\s+(\d+)/.exec(m[1]!);
    if (count) counts.push(Number(count[1]));
  }
  return counts;
}

/** The decompressed contents of the FlateDecode object streams of a file. */
function objectStreams(bytes: Uint8Array, text: string): string[] {
  const out: string[] = [];
  const re = /\/Type\s*\/ObjStm\b[\s\S]*?stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const dictStart = text.lastIndexOf('<<', m.index);
    const dict = text.slice(dictStart, m.index + m[0].length);
    if (!/\/FlateDecode/.test(dict)) continue;
    const start = m.index + m[0].length;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const end = length ? start + Number(length[1]) : text.indexOf('endstream', start);
    if (end <= start || end > bytes.length) continue;
    try {
      out.push(
        inflateSync(bytes.subarray(start, end), { maxOutputLength: MAX_INFLATED_BYTES }).toString('latin1'),
      );
    } catch {
      // A stream that does not inflate is judged by what else the file holds.
    }
  }
  return out;
}

/** The number of pages, from the page tree root's /Count; undefined when no page tree is found. */
export function pageCount(bytes: Uint8Array): number | undefined {
  const text = latin1(bytes);
  let counts = pageTreeCounts(text);
  if (!counts.length) counts = objectStreams(bytes, text).flatMap(pageTreeCounts);
  return counts.length ? Math.max(...counts) : undefined;
}

/** Checks an uploaded file; the first problem found decides the rejection reason. */
export function checkPdf(bytes: Uint8Array, limits: PdfLimits): PdfCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (limits.maxBytes !== undefined && bytes.length > limits.maxBytes)
    return { ok: false, reason: 'too_large' };
  if (!hasPdfMagic(bytes)) return { ok: false, reason: 'not_pdf' };
  const text = latin1(bytes);
  if (isEncrypted(text)) return { ok: false, reason: 'encrypted' };
  const tail = text.slice(-TAIL_WINDOW);
  if (!tail.includes('%%EOF') || !tail.includes('startxref')) return { ok: false, reason: 'corrupt' };
  const pages = pageCount(bytes);
  if (pages === undefined || pages < 1) return { ok: false, reason: 'corrupt' };
  if (pages > limits.maxPages) return { ok: false, reason: 'too_many_pages', pages };
  return { ok: true, pages };
}
