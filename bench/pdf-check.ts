/**
 * The PDF check on crafted hostile files (local/testbed/crafted-pdfs.ts) of 10 and 50 MB, each in a
 * process of its own: the verdict, the time of the first check in that process (a Lambda's cold
 * check) and of the best of three after it, per MB, and the peak memory the first check adds to the
 * file's own bytes (the resident set size, sampled every millisecond by another thread), per MB.
 * Times are the checking thread's CPU time, which other work on a shared machine does not inflate
 * (on a Lambda, whose CPU is its own, wall time is close to it). Also the real files of the corpus,
 * for comparison. Fails on a wrong verdict, on a 50 MB file whose cold check takes more than 30 s
 * or adds more than 256 MB, or when the time per MB at 50 MB is more than 3 times that at 10 MB
 * (quadratic would be 5 times: the check must be linear).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkPdf } from '#domain/pdf-check.ts';
import { CRAFTED } from '#local/testbed/crafted-pdfs.ts';
import { childArgs, childMain, isChild, runInChild } from './local/child.ts';

const MB = 1024 * 1024;
const SIZES = [10, 50];
const LIMITS = { coldSeconds: 30, addedMb: 256, linearity: 3 };

interface Measure {
  verdict: string;
  coldMs: number;
  warmMs: number;
  addedMb: number;
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** CPU milliseconds of this thread so far. */
function cpuMs(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * A thread that samples the process's resident set size every millisecond while the main thread is
 * busy in the (synchronous) check; `peak()` is the largest since `reset()`.
 */
function rssSampler() {
  const shared = new Float64Array(new SharedArrayBuffer(16));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const s = new Float64Array(workerData);
     const tick = new Int32Array(new SharedArrayBuffer(4));
     while (s[1] === 0) { s[0] = Math.max(s[0], process.memoryUsage.rss()); Atomics.wait(tick, 0, 0, 1); }`,
    { eval: true, workerData: shared.buffer },
  );
  return {
    reset: () => {
      shared[0] = 0;
    },
    peak: () => shared[0]!,
    stop: () => {
      shared[1] = 1;
      return worker.terminate();
    },
  };
}

/** In the child: one file, checked four times; memory sampled around the first. */
async function measure(file: string): Promise<Measure> {
  const bytes = new Uint8Array(readFileSync(file));
  const sampler = rssSampler();
  await new Promise((resolve) => setTimeout(resolve, 50));
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  sampler.reset();
  const times: number[] = [];
  let verdict = '';
  let peak = 0;
  for (let i = 0; i < 4; i++) {
    const t = cpuMs();
    const r = checkPdf(bytes, { maxPages: 300, maxBytes: 50 * MB });
    times.push(cpuMs() - t);
    verdict = r.ok ? `ok:${r.pages}` : r.reason;
    if (i === 0) peak = Math.max(sampler.peak(), process.memoryUsage.rss());
  }
  await sampler.stop();
  return {
    verdict,
    coldMs: times[0]!,
    warmMs: Math.min(...times.slice(1)),
    addedMb: Math.max(0, (peak - before) / MB),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'so-bench-pdf-'));
  const shapes: Record<string, unknown> = {};
  const failures: string[] = [];
  try {
    for (const [name, shape] of Object.entries(CRAFTED)) {
      const rows: Record<string, unknown> = {};
      const warmPerMb: number[] = [];
      for (const size of SIZES) {
        const file = join(dir, `${name}-${size}.pdf`);
        const bytes = shape.build(size * MB - 64 * 1024);
        writeFileSync(file, bytes);
        const mb = bytes.length / MB;
        const m = (await runInChild(import.meta.url, [file], ['--expose-gc'])) as unknown as Measure;
        rmSync(file);
        warmPerMb.push(m.warmMs / mb);
        rows[`${size}MB`] = {
          verdict: m.verdict,
          coldMsPerMb: round(m.coldMs / mb),
          warmMsPerMb: round(m.warmMs / mb),
          addedMbPerMb: round(m.addedMb / mb),
          coldSeconds: round(m.coldMs / 1000),
          addedMb: round(m.addedMb, 1),
        };
        if (m.verdict !== shape.expect)
          failures.push(`${name} ${size} MB: ${m.verdict}, not ${shape.expect}`);
        if (size === 50 && m.coldMs > LIMITS.coldSeconds * 1000)
          failures.push(`${name} 50 MB: ${round(m.coldMs / 1000)} s`);
        if (size === 50 && m.addedMb > LIMITS.addedMb)
          failures.push(`${name} 50 MB: +${round(m.addedMb)} MB`);
      }
      // Below a millisecond per file the ratio is noise.
      if (warmPerMb[1]! * 50 > 50 && warmPerMb[1]! > LIMITS.linearity * warmPerMb[0]!)
        failures.push(`${name}: ${round(warmPerMb[1]! / warmPerMb[0]!)} times slower per MB at 50 MB`);
      shapes[name] = rows;
      console.log(name, JSON.stringify(rows));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const corpus = corpusFigures();
  if (failures.length) throw new Error(failures.join('; '));
  return { limits: LIMITS, shapes, corpus };
}

/** The corpus's real files (small), checked in this process, warm: the time per file. */
function corpusFigures() {
  const dir = new URL('../test/fixtures/corpus/', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => new Uint8Array(readFileSync(new URL(f, dir))));
  const bytes = files.reduce((n, f) => n + f.length, 0);
  for (const f of files) checkPdf(f, { maxPages: 300 });
  const t = cpuMs();
  for (const f of files) checkPdf(f, { maxPages: 300 });
  return {
    files: files.length,
    averageKb: round(bytes / files.length / 1024, 1),
    warmMsPerFile: round((cpuMs() - t) / files.length, 3),
  };
}

if (isChild()) {
  const [file] = childArgs();
  await childMain(async () => ({ ...(await measure(file!)) }));
}
