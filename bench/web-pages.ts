/**
 * The patient pages' weight and server render time: what a phone downloads (bytes, gzip) and what
 * the WebPages Lambda spends per request once warm. Bounds: a page under 64 KB gzipped, a warm
 * render under 20 ms.
 */
import { gzipSync } from 'node:zlib';
import { VALID_SITE } from '#local/testbed/env.ts';
import { casePage } from '#presentation/web/case-page.ts';
import { requestPage } from '#presentation/web/request-page.ts';

const ROUNDS = 300;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(render: () => string) {
  const first = performance.now();
  const body = render();
  const coldMs = performance.now() - first;
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    render();
    times.push(performance.now() - t);
  }
  return {
    bytes: Buffer.byteLength(body),
    gzipBytes: gzipSync(body).length,
    firstRenderMs: Number(coldMs.toFixed(2)),
    warmRenderMsP50: Number(median(times).toFixed(3)),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const figures = {
    requestPageEn: measure(() => requestPage('en', VALID_SITE).body),
    requestPageIt: measure(() => requestPage('it', VALID_SITE).body),
    casePage: measure(() => casePage('2f0b0db4-ad21-42e3-8e16-158b781cb040', 'it', VALID_SITE).body),
  };
  for (const [name, f] of Object.entries(figures)) {
    if (f.gzipBytes > 64 * 1024) throw new Error(`${name} is ${f.gzipBytes} bytes gzipped (bound 64 KB)`);
    if (f.warmRenderMsP50 > 20) throw new Error(`${name} renders in ${f.warmRenderMsP50} ms (bound 20 ms)`);
  }
  return figures;
}
