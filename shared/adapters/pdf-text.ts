/**
 * The text of a PDF, page by page: its text layer (unpdf, the serverless build of PDF.js), and for
 * a page without one (a scan, a photo wrapped as PDF) OCR: the page rendered by poppler's
 * `pdftoppm` and read by Debian's `tesseract` with the English and Italian data. Used by
 * `so classify` and the local Textract stand-in; in AWS, Textract reads (and OCRs) the documents.
 *
 * Without tesseract or pdftoppm such a page reads as empty, as before, and the result says why
 * (`ocrUnavailable`) for the caller to say once.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractText, getDocumentProxy } from 'unpdf';

const run = promisify(execFile);

export interface PdfText {
  pages: string[];
  /** 1-based numbers of the pages read by OCR. */
  ocrPages: number[];
  /** Set when a page had no text layer and OCR is not installed: one line saying so. */
  ocrUnavailable?: string;
}

export interface Ocr {
  /** Undefined when the engine can run, else one line saying what is missing. */
  unavailable(): Promise<string | undefined>;
  /** The text of each of the given 1-based pages of the PDF. */
  read(pdf: Uint8Array, pages: readonly number[]): Promise<string[]>;
}

export const OCR_MISSING =
  'OCR is not installed, so pages without a text layer (scans) read as empty: ' +
  'apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-ita poppler-utils';

/** A page with fewer visible characters than this has no usable text layer. */
const MIN_TEXT_CHARS = 12;
const WANTED_LANGUAGES = ['eng', 'ita'];

export interface TesseractOptions {
  tesseract?: string;
  pdftoppm?: string;
  /** Rendering resolution for OCR: tesseract reads best near 300 dpi. */
  dpi?: number;
  timeoutMs?: number;
}

/** OCR with Debian's tesseract (eng+ita), a page at a time, on a page image rendered by pdftoppm. */
export function tesseractOcr(o: TesseractOptions = {}): Ocr {
  const tesseract = o.tesseract ?? 'tesseract';
  const pdftoppm = o.pdftoppm ?? 'pdftoppm';
  const timeout = o.timeoutMs ?? 300_000;
  // One tesseract thread per page: the machine's other work (and other pages) keep the rest.
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  let languages: Promise<string | undefined> | undefined;
  const probe = async (): Promise<string | undefined> => {
    try {
      await run(pdftoppm, ['-v'], { timeout });
      const { stdout } = await run(tesseract, ['--list-langs'], { timeout, env });
      const have = stdout.split(/\s+/);
      const usable = WANTED_LANGUAGES.filter((l) => have.includes(l));
      return usable.length ? usable.join('+') : undefined;
    } catch {
      return undefined;
    }
  };
  const langs = () => {
    languages ??= probe();
    return languages;
  };
  return {
    async unavailable() {
      return (await langs()) ? undefined : OCR_MISSING;
    },
    async read(pdf, pages) {
      const l = await langs();
      if (!l) throw new Error(OCR_MISSING);
      const dir = await mkdtemp(path.join(tmpdir(), 'so-ocr-'));
      try {
        const input = path.join(dir, 'in.pdf');
        await writeFile(input, pdf, { mode: 0o600 });
        const texts: string[] = [];
        for (const n of pages) {
          const image = path.join(dir, `p${n}`);
          const page = String(n);
          await run(
            pdftoppm,
            // An uncompressed greyscale image: PNG's compression would cost more than the OCR.
            ['-r', String(o.dpi ?? 300), '-gray', '-singlefile', '-f', page, '-l', page, input, image],
            { timeout },
          );
          // One block of text (--psm 6): the automatic layout analysis drops whole paragraphs of a
          // noisy scan as pictures, and reading across a page's columns costs a classifier nothing.
          const { stdout } = await run(tesseract, [`${image}.pgm`, 'stdout', '-l', l, '--psm', '6'], {
            timeout,
            env,
            maxBuffer: 8 * 1024 * 1024,
          });
          texts.push(stdout);
        }
        return texts;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

const defaultOcr = tesseractOcr();

/** The text of each page; OCR (tesseract unless another engine or `false` is given) where a page has no text layer. */
export async function extractPdfText(
  bytes: Uint8Array,
  options: { ocr?: Ocr | false } = {},
): Promise<PdfText> {
  // PDF.js takes ownership of the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  let pages: string[];
  try {
    pages = (await extractText(pdf, { mergePages: false })).text;
  } finally {
    await pdf.loadingTask.destroy();
  }
  const blank = pages.flatMap((t, i) => (t.replace(/\s+/g, '').length < MIN_TEXT_CHARS ? [i + 1] : []));
  const ocr = options.ocr ?? defaultOcr;
  if (!blank.length || ocr === false) return { pages, ocrPages: [] };
  const missing = await ocr.unavailable();
  if (missing) return { pages, ocrPages: [], ocrUnavailable: missing };
  const texts = await ocr.read(bytes, blank);
  const ocrPages: number[] = [];
  blank.forEach((n, i) => {
    const text = texts[i] ?? '';
    if (text.trim().length > pages[n - 1]!.trim().length) {
      pages[n - 1] = text;
      ocrPages.push(n);
    }
  });
  return { pages, ocrPages };
}
