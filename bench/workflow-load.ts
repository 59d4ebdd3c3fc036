/**
 * (b) 100 cases through the whole workflow at once on the local stack, with the accelerated clock,
 * driven over HTTP and through the emailed links as people would: upload and reading, submit to the
 * triage email, triage to the payment request, payment to the assignment email, assignment to the
 * report task, release to the released case. Reports cases completed and p50/p95 real seconds per step.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseRequest, Driver, type DriverCase, linksOf } from '#local/driver.ts';
import { DEMO_STAFF } from '#local/seed.ts';
import { startLocalStack } from '#local/stack.ts';
import { childMain, isChild, percentile, pool, runInChild } from './local/child.ts';

const CASES = 100;
const SPEED = 100;
const TRIAGE = 'giulia.rossi@hospital.example';
const OFFICE = 'office@hospital.example';

export function run(): Promise<Record<string, unknown>> {
  return runInChild(import.meta.url);
}

const STEPS = [
  'intake',
  'submit_to_triage',
  'triage_to_payment',
  'payment_to_assignment',
  'assignment_to_report_task',
  'release',
] as const;
type StepName = (typeof STEPS)[number];

async function load(): Promise<Record<string, unknown>> {
  const report = readFileSync(
    new URL('../test/fixtures/corpus/003-oncologist_report-it.pdf', import.meta.url),
  );
  const pathology = readFileSync(
    new URL('../test/fixtures/corpus/007-pathology_report-it.pdf', import.meta.url),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'so-bench-workflow-'));
  const stack = await startLocalStack({
    dataDir,
    ports: 0,
    quiet: true,
    speed: SPEED,
    textract: { jobMs: 1000 },
  });
  // The mailbox is read every 250 ms (one shared fetch); each case page every 2 s, as the patient
  // page refreshes: 100 clients asking faster would themselves be the load being measured.
  const d = new Driver(stack.endpoints, 250, 2000);
  const times: Record<StepName, number[]> = Object.fromEntries(STEPS.map((s) => [s, []])) as never;
  const failures: string[] = [];
  const timed = async <T>(step: StepName, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const out = await fn();
    times[step].push((Date.now() - t) / 1000);
    return out;
  };
  const expect200 = async (p: Promise<{ status: number; body: string }>, what: string) => {
    const res = await p;
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.body.slice(0, 200)}`);
  };
  const wait = { timeoutMs: 300_000 };

  const one = async (i: number) => {
    const c: DriverCase = await d.createCase(
      caseRequest(
        { firstName: 'Load', lastName: `Patient ${i}`, email: `load.${i}@example.com` },
        { language: i % 2 ? 'en' : 'it' },
      ),
    );
    await timed('intake', async () => {
      await d.upload(c, 'referto.pdf', report);
      await d.upload(c, 'istologico.pdf', pathology);
      await d.waitForDocuments(c, 2, 300_000);
    });
    const triage = await timed('submit_to_triage', async () => {
      await expect200(d.caseAction(c, 'submit'), 'submit');
      return d.waitForLink(TRIAGE, c.reference, ['Documentazione completa', 'Complete'], wait);
    });
    const office = await timed('triage_to_payment', async () => {
      await expect200(d.postLink(triage.url), 'triage');
      return d.waitForLink(OFFICE, c.reference, ['Pagamento ricevuto', 'Payment received'], wait);
    });
    const candidates = await timed('payment_to_assignment', async () => {
      await expect200(d.postLink(office.url), 'payment');
      return d.waitForMail(
        TRIAGE,
        c.reference,
        /Scelga lo specialista|Choose the specialist/,
        wait.timeoutMs,
      );
    });
    const first = linksOf(candidates)[0];
    const specialist = DEMO_STAFF.find((s) => first?.label.startsWith(s.name));
    if (!first || !specialist) throw new Error(`no candidate link in ${candidates.subject}`);
    const task = await timed('assignment_to_report_task', async () => {
      await expect200(d.postLink(first.url), 'assignment');
      return d.waitForLink(
        specialist.email,
        c.reference,
        ['Carichi e rilasci la relazione', 'Upload and release the report'],
        wait,
      );
    });
    await timed('release', async () => {
      const reportId = await d.uploadReport(task.url, report);
      await expect200(d.postLink(task.url, { reportId }), 'release');
      await d.waitForStatus(c, 'released', 300_000);
    });
  };

  const started = Date.now();
  try {
    let completed = 0;
    await pool(
      Array.from({ length: CASES }, (_, i) => i),
      CASES,
      async (i) => {
        try {
          await one(i);
          completed += 1;
        } catch (err) {
          failures.push((err as Error).message);
        }
      },
    );
    const perStep = Object.fromEntries(
      STEPS.map((s) => [
        s,
        {
          n: times[s].length,
          p50: Number(percentile(times[s], 50).toFixed(2)),
          p95: Number(percentile(times[s], 95).toFixed(2)),
        },
      ]),
    );
    const figures = {
      cases: CASES,
      completed,
      speed: SPEED,
      elapsedSeconds: Number(((Date.now() - started) / 1000).toFixed(1)),
      secondsPerStep: perStep,
      executions: stack.stateMachine.listExecutions().reduce<Record<string, number>>((acc, e) => {
        acc[e.status] = (acc[e.status] ?? 0) + 1;
        return acc;
      }, {}),
      ...(failures.length ? { failures: [...new Set(failures)].slice(0, 5) } : {}),
    };
    if (completed < CASES)
      throw new Error(`${CASES - completed} of ${CASES} cases did not complete: ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isChild()) await childMain(load);
