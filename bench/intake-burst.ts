/**
 * (a) An intake burst on the local stack: 500 real PDFs (50 cases x 10) uploaded at once through the
 * presigned POST, against a Textract quota of 10 starts per second and 20 concurrent jobs. Reports
 * documents lost (never read: must be 0), read twice (more than one Textract job for one upload: must
 * be 0), and the elapsed time, from the first upload to the last document read, as a ratio to the
 * quota's minimum (goal: at most 1.2).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseRequest, Driver, SETTLED_DOCUMENT_STATES, until } from '#local/driver.ts';
import { startLocalStack } from '#local/stack.ts';
import type { CreateUploadResponse } from '#usecases/patient/views.ts';
import { childMain, isChild, pool, runInChild } from './local/child.ts';

const CASES = 50;
const PER_CASE = 10;
const QUOTA = { startsPerSecond: 10, concurrentJobs: 20, jobMs: 1000 };
const RATIO_GOAL = 1.2;

export function run(): Promise<Record<string, unknown>> {
  return runInChild(import.meta.url);
}

async function burst(): Promise<Record<string, unknown>> {
  const corpusDir = new URL('../test/fixtures/corpus/', import.meta.url);
  const files = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(new URL(name, corpusDir)) }));
  const dataDir = mkdtempSync(join(tmpdir(), 'so-bench-intake-'));
  const stack = await startLocalStack({ dataDir, ports: 0, quiet: true, textract: QUOTA });
  try {
    const d = new Driver(stack.endpoints);
    const cases = await pool(
      Array.from({ length: CASES }, (_, i) => i),
      8,
      (i) =>
        d.createCase(
          caseRequest(
            { firstName: 'Bench', lastName: `Patient ${i}`, email: `bench.${i}@example.com` },
            { language: i % 2 ? 'en' : 'it' },
          ),
        ),
    );
    // Distinct files within a case, so none is a duplicate of another.
    const uploads = cases.flatMap((c, i) =>
      Array.from({ length: PER_CASE }, (_, k) => ({ c, file: files[(i * PER_CASE + k) % files.length]! })),
    );
    // A page asks for its upload URLs one after the other; the cases ask at the same time.
    const byCase = cases.map((c) => uploads.filter((u) => u.c === c));
    const posts = (
      await pool(byCase, 16, async (list) => {
        const out = [];
        for (const { c, file } of list) {
          const res = await fetch(`${stack.endpoints.api}/cases/${c.caseId}/uploads`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${c.patientToken}` },
            body: JSON.stringify({
              fileName: file.name,
              contentType: 'application/pdf',
              sizeBytes: file.bytes.length,
            }),
          });
          if (res.status !== 201) throw new Error(`upload request: ${res.status} ${await res.text()}`);
          out.push({ file, upload: ((await res.json()) as CreateUploadResponse).upload });
        }
        return out;
      })
    ).flat();

    const started = Date.now();
    await pool(posts, 50, ({ file, upload }) => d.postFile(upload, file.name, file.bytes));
    const uploadedSeconds = (Date.now() - started) / 1000;

    const unsettled = async () => {
      const views = await pool(cases, 10, (c) => d.getCase(c));
      return views.flatMap((v) => v.documents).filter((x) => !SETTLED_DOCUMENT_STATES.includes(x.state));
    };
    const minimumSeconds = Math.max(
      (CASES * PER_CASE) / QUOTA.startsPerSecond,
      Math.ceil((CASES * PER_CASE) / QUOTA.concurrentJobs) * (QUOTA.jobMs / 1000),
    );
    // The moment the last document settles, seen from inside the stack (nothing queued, in flight or
    // being read) and then confirmed over the API: polling every case instead would load the one
    // event loop the handlers share and blur the measure.
    const drained = () =>
      [stack.queues.uploads.stats(), stack.queues.textract.stats()].every(
        (q) => q.waiting === 0 && q.inFlight === 0,
      ) && stack.textract.stats().running === 0;
    let settledAt = Date.now();
    try {
      await until(
        async () => {
          if (!drained()) return false;
          settledAt = Date.now();
          return (await unsettled()).length === 0;
        },
        'every document read',
        minimumSeconds * 4 * 1000,
        20,
      );
    } catch {
      // Reported below as lost documents.
    }
    await Promise.race([
      Promise.all([stack.queues.uploads.idle(), stack.queues.textract.idle()]),
      new Promise((r) => setTimeout(r, 5000)),
    ]);
    const left = await unsettled();
    const views = await pool(cases, 10, (c) => d.getCase(c));
    const documents = views.flatMap((v) => v.documents);
    const states: Record<string, number> = {};
    for (const doc of documents) states[doc.state] = (states[doc.state] ?? 0) + 1;
    const t = stack.textract.stats();
    const readTwice = [...t.jobsPerObject.values()].filter((n) => n > 1).length;
    const elapsedSeconds = (settledAt - started) / 1000;
    const figures = {
      documents: documents.length,
      uploaded: uploads.length,
      quota: QUOTA,
      uploadSeconds: Number(uploadedSeconds.toFixed(1)),
      elapsedSeconds: Number(elapsedSeconds.toFixed(1)),
      minimumSeconds,
      ratioToMinimum: Number((elapsedSeconds / minimumSeconds).toFixed(2)),
      ratioGoal: RATIO_GOAL,
      lost: left.length + (uploads.length - documents.length),
      readTwice,
      states,
      textract: {
        startCalls: t.startCalls,
        jobsStarted: t.jobsStarted,
        throttled: t.throttled,
        limitExceeded: t.limitExceeded,
        idempotentReplays: t.idempotentReplays,
      },
      uploadsQueue: stack.queues.uploads.stats(),
      textractQueue: stack.queues.textract.stats(),
    };
    if (figures.lost > 0 || readTwice > 0) {
      throw new Error(`lost ${figures.lost}, read twice ${readTwice}: ${JSON.stringify(figures)}`);
    }
    return figures;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isChild()) await childMain(burst);
