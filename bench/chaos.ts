/**
 * `npm run bench -- chaos` (`CHAOS_CASES=N` for another number than 50): cases through the whole workflow on the local stack in chaos
 * mode (local/chaos.ts: Lambda errors and timeouts, throttling and 5xx from every stand-in,
 * duplicate and late queue messages, each at RATE), driven over HTTP and the emailed links as in
 * workflow-load. Reports cases completed, documents lost (uploaded but not read at the end),
 * decisions applied twice (a step's decision audited more than once) and emails sent twice, with the
 * faults that happened; fails unless every case completed with none lost and none twice.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseRequest, Driver, type DriverCase, linksOf } from '#local/driver.ts';
import { DEMO_STAFF } from '#local/seed.ts';
import { startLocalStack } from '#local/stack.ts';
import { childMain, isChild, pool, runInChild } from './local/child.ts';

const CASES = 50;
const RATE = 0.05;
const SPEED = 100;
const TRIAGE = 'giulia.rossi@hospital.example';
const OFFICE = 'office@hospital.example';
/** What a person does with a step, audited once per decision (apply-decision.ts). */
const DECISIONS = ['complete', 'confirm_payment', 'assign', 'release'];
const READ = ['classified', 'needs_review'];

export function run(): Promise<Record<string, unknown>> {
  return runInChild(import.meta.url);
}

async function load(): Promise<Record<string, unknown>> {
  const cases = Number(process.env.CHAOS_CASES ?? CASES);
  const report = readFileSync(
    new URL('../test/fixtures/corpus/003-oncologist_report-it.pdf', import.meta.url),
  );
  const pathology = readFileSync(
    new URL('../test/fixtures/corpus/007-pathology_report-it.pdf', import.meta.url),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'so-bench-chaos-'));
  const stack = await startLocalStack({
    dataDir,
    ports: 0,
    quiet: true,
    speed: SPEED,
    schedules: false,
    faults: RATE,
    textract: { jobMs: 1000 },
    queues: { backoffMs: 500, maxBackoffMs: 5000 },
  });
  const { deps } = await import('#app/deps.ts');
  const d = new Driver(stack.endpoints, 250, 2000);
  const failures: string[] = [];
  const wait = { timeoutMs: 300_000 };
  const ok = async (p: Promise<{ status: number; body: string }>, what: string, answered = false) => {
    const res = await p;
    if (res.status < 300 || (answered && res.status === 409)) return;
    throw new Error(`${what}: ${res.status} ${res.body.slice(0, 200)}`);
  };
  // A link's POST sent again (its answer lost to a timeout) finds its first attempt applied and says
  // "already answered": the decision stands once, which decisionsAppliedTwice checks.
  const decided = (p: Promise<{ status: number; body: string }>, what: string) => ok(p, what, true);
  const started: DriverCase[] = [];
  const uploaded = new Map<string, string[]>();

  const one = async (i: number) => {
    const c = await d.createCase(
      caseRequest({ firstName: 'Chaos', lastName: `Patient ${i}`, email: `chaos.${i}@example.com` }),
    );
    started.push(c);
    uploaded.set(c.caseId, [
      await d.upload(c, 'referto.pdf', report),
      await d.upload(c, 'istologico.pdf', pathology),
    ]);
    await d.waitForDocuments(c, 2, 300_000);
    await ok(d.caseAction(c, 'submit'), 'submit');
    const triage = await d.waitForLink(TRIAGE, c.reference, ['Documentazione completa', 'Complete'], wait);
    await decided(d.postLink(triage.url), 'triage');
    const office = await d.waitForLink(OFFICE, c.reference, ['Pagamento ricevuto', 'Payment received'], wait);
    await decided(d.postLink(office.url), 'payment');
    const choice = await d.waitForMail(
      TRIAGE,
      c.reference,
      /Scelga lo specialista|Choose the specialist/,
      300_000,
    );
    const first = linksOf(choice)[0];
    const specialist = DEMO_STAFF.find((s) => first?.label.startsWith(s.name));
    if (!first || !specialist) throw new Error(`no candidate link in ${choice.subject}`);
    await decided(d.postLink(first.url), 'assignment');
    const task = await d.waitForLink(
      specialist.email,
      c.reference,
      ['Carichi e rilasci la relazione', 'Upload and release the report'],
      wait,
    );
    const reportId = await d.uploadReport(task.url, report);
    await decided(d.postLink(task.url, { reportId }), 'release');
    await d.waitForStatus(c, 'released', 300_000);
  };

  const t0 = Date.now();
  try {
    let completed = 0;
    await pool(
      Array.from({ length: cases }, (_, i) => i),
      cases,
      async (i) => {
        try {
          await one(i);
          completed += 1;
        } catch (err) {
          const cause = (err as { cause?: { code?: string; message?: string } }).cause;
          failures.push(`${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`);
        }
      },
    );
    await Promise.all([stack.queues.uploads.idle(), stack.queues.textract.idle()]);

    let documentsLost = 0;
    /** The state each lost document was left in. */
    const lostIn: Record<string, number> = {};
    let decisionsTwice = 0;
    const twice: string[] = [];
    for (const c of started) {
      const view = await d.getCase(c);
      const read = new Set(view.documents.filter((x) => READ.includes(x.state)).map((x) => x.documentId));
      for (const id of (uploaded.get(c.caseId) ?? []).filter((x) => !read.has(x))) {
        documentsLost += 1;
        const state = view.documents.find((x) => x.documentId === id)?.state ?? 'missing';
        lostIn[state] = (lostIn[state] ?? 0) + 1;
      }
      const events = await deps().store.listEvents(c.caseId);
      for (const action of DECISIONS) {
        const n = events.filter((e) => e.action === action).length;
        if (n > 1) {
          decisionsTwice += n - 1;
          twice.push(`${c.reference} ${action} x${n}`);
        }
      }
    }
    const sent = new Map<string, number>();
    for (const m of await d.mail()) {
      const key = `${m.to.join(',')} ${m.subject}`;
      sent.set(key, (sent.get(key) ?? 0) + 1);
    }
    const figures = {
      cases,
      faultRate: RATE,
      completed,
      documentsLost,
      ...(documentsLost ? { lostIn } : {}),
      decisionsAppliedTwice: decisionsTwice,
      emailsSentTwice: [...sent.values()].filter((n) => n > 1).length,
      faults: stack.chaos.counts,
      deadLetters: stack.queues.uploads.stats().deadLettered + stack.queues.textract.stats().deadLettered,
      executions: stack.stateMachine.listExecutions().reduce<Record<string, number>>((acc, e) => {
        acc[e.status] = (acc[e.status] ?? 0) + 1;
        return acc;
      }, {}),
      elapsedSeconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
      ...(twice.length ? { twice: twice.slice(0, 10) } : {}),
      ...(failures.length ? { failures: [...new Set(failures)].slice(0, 5) } : {}),
    };
    if (completed < cases || documentsLost || decisionsTwice)
      throw new Error(`the chaos goal is missed: ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isChild()) await childMain(load);
