/**
 * PagePreviews by poppler's pdftoppm, run as a child process: the first page only, scaled to
 * PREVIEW_PX on its longer side, a PNG on stdout. A PDF is untrusted input, so the child gets it on
 * stdin, no environment but PATH (none of the function's credentials), a few seconds before it is
 * killed and a cap on what it may write; whatever goes wrong is "no preview", never an error.
 * Without pdftoppm (a machine without poppler-utils) it says so once and renders nothing.
 */
import { spawn } from 'node:child_process';
import { type PagePreviews, PREVIEW_PX } from '#usecases/ports.ts';

export interface PdftoppmOptions {
  /** How a problem is told (the function's logger): ids and reasons, never the document. */
  warn: (message: string, details?: Record<string, unknown>) => void;
  /** The program; `pdftoppm` on the PATH unless set. */
  command?: string;
  /** How long a page may take to draw before the child is killed. */
  timeoutMs?: number;
  /** The most the child may write: a 360 px page is a few tens of KB, noise at most ~400 KB. */
  maxBytes?: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG's width and height (its IHDR chunk), or undefined for bytes that are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  if (png.length < 24 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) return undefined;
  if (String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export class PdftoppmPreviews implements PagePreviews {
  private missing = false;
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(private readonly o: PdftoppmOptions) {
    this.command = o.command ?? 'pdftoppm';
    this.timeoutMs = o.timeoutMs ?? 5_000;
    this.maxBytes = o.maxBytes ?? 1_000_000;
  }

  async render(pdf: Uint8Array): Promise<Uint8Array | undefined> {
    if (this.missing) return undefined;
    const png = await this.run(pdf);
    if (!png) return undefined;
    const size = pngSize(png);
    if (!size || size.width > PREVIEW_PX || size.height > PREVIEW_PX) {
      this.o.warn('pdftoppm wrote something other than a preview', { bytes: png.length, ...size });
      return undefined;
    }
    return png;
  }

  private run(pdf: Uint8Array): Promise<Uint8Array | undefined> {
    return new Promise((resolve) => {
      const args = ['-png', '-f', '1', '-l', '1', '-scale-to', String(PREVIEW_PX), '-singlefile', '-'];
      const child = spawn(this.command, args, {
        stdio: ['pipe', 'pipe', 'ignore'],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      });
      const chunks: Buffer[] = [];
      let bytes = 0;
      let settled = false;
      const finish = (png: Uint8Array | undefined, problem?: string, details?: Record<string, unknown>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (problem) this.o.warn(problem, details);
        if (child.exitCode === null) child.kill('SIGKILL');
        resolve(png);
      };
      const timer = setTimeout(
        () => finish(undefined, 'pdftoppm took too long: no preview', { timeoutMs: this.timeoutMs }),
        this.timeoutMs,
      );
      child.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT')
          return finish(undefined, 'pdftoppm could not run: no preview', { error: err });
        this.missing = true;
        finish(undefined, `${this.command} is not installed (poppler-utils): documents get no preview`);
      });
      child.stdout.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > this.maxBytes)
          finish(undefined, 'pdftoppm wrote too much: no preview', { maxBytes: this.maxBytes });
        else chunks.push(chunk);
      });
      child.on('close', (code) => {
        if (code === 0 && bytes > 0) finish(new Uint8Array(Buffer.concat(chunks)));
        else finish(undefined, 'pdftoppm could not draw the first page: no preview', { exitCode: code });
      });
      // The child may stop reading (a file it refuses at once): its closed stdin is not our error.
      child.stdin.on('error', () => {});
      child.stdin.end(pdf);
    });
  }
}
