/**
 * The price of a case: drives cases through the local stack (local/stack.ts) over HTTP and the
 * mailbox's links, as people do, and counts what AWS would bill for each: Step Functions state
 * transitions, Lambda invocations with their measured duration and configured memory, HTTP API
 * requests, Textract pages, DynamoDB read and write units (ReturnConsumedCapacity, which dynalite
 * computes from item sizes as DynamoDB does; index writes added, see INDEX_WRITE), S3 requests and
 * the bytes stored over the retention period, SES messages, SQS and SNS requests, KMS requests and
 * log bytes. Prices them with bench/cost-prices.ts (one table, eu-south-1) and prints the cost per case
 * and per month at 100, 1,000 and 10,000 cases. `npx tsx bench/cost.ts --write-docs` also puts the
 * result into docs/cost.md, between its markers.
 *
 * Scenarios are the case kinds the service has (SCENARIOS): a first opinion, an update, a team case
 * (a lead and a contributor) and a histological review (approved, paid, the slides re-read and sent
 * back); a slot left undefined is skipped.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  documentClient,
  s3Client,
  sesClient,
  sfnClient,
  textractClient,
  textractStartClient,
} from '#adapters/clients.ts';
import { caseRequest, Driver, type DriverCase, linksOf } from '#local/driver.ts';
import { DEMO_STAFF } from '#local/seed.ts';
import { type LocalStack, startLocalStack } from '#local/stack.ts';
import { type Counts, type PricedCase, priceCase, priceTable, renderMarkdown } from './cost-prices.ts';
import { childMain, isChild, runInChild } from './local/child.ts';

const SPEED = 100;
const TRIAGE = 'giulia.rossi@hospital.example';
const OFFICE = 'office@hospital.example';
const CORPUS = new URL('../test/fixtures/corpus/', import.meta.url);
/** A complete first request: the five required documents and a second clinical one. */
const DOCUMENTS = [
  '003-oncologist_report-it.pdf',
  '007-pathology_report-it.pdf',
  '035-request_form-it.pdf',
  '039-privacy_consent-it.pdf',
  '043-identity_document-it.pdf',
  '011-imaging_report-it.pdf',
];
/** An update brings the new findings only. */
const UPDATE_DOCUMENTS = ['049-oncologist_report-it.pdf', '053-imaging_report-it.pdf'];
/**
 * Each Lambda invocation also writes the platform's START, END and REPORT lines (about 90, 60 and 160
 * bytes with X-Ray on); an estimate, not measured here.
 */
const PLATFORM_LOG_BYTES = 310;
/**
 * Step Functions logs at level ALL without execution data: about two events per state transition
 * and three per task (scheduled, started, succeeded), some 350 bytes each; an estimate.
 */
const SFN_LOG_BYTES_PER_TRANSITION = 2 * 350;
const SFN_LOG_BYTES_PER_TASK = 3 * 350;

export function run(): Promise<Record<string, unknown>> {
  return runInChild(import.meta.url, process.argv.includes('--write-docs') ? ['--write-docs'] : []);
}

/** What a scenario leaves behind for the next one (an update needs a released case). */
interface Released {
  c: DriverCase;
  specialistEmail: string;
  /** PDFs the staff uploaded besides the report (a contribution, a revised diagnosis): stored too. */
  staffPdfBytes?: number;
}

type Scenario = (d: Driver, stack: LocalStack, before: Released | undefined) => Promise<Released>;

/** Every kind of case the service handles; undefined: not built yet, skipped (a hook to fill in). */
const SCENARIOS: Record<string, Scenario | undefined> = {
  happy: (d) => firstOpinion(d, DOCUMENTS),
  update: (d, _s, before) => {
    if (!before) throw new Error('an update needs a released case first');
    // An update goes back to the physician of the first opinion, with no choice to make.
    return firstOpinion(d, UPDATE_DOCUMENTS, before.c.reference, before.specialistEmail);
  },
  team: (d) => teamCase(d),
  histologicalReview: (d) => histologicalReview(d),
};

const wait = { timeoutMs: 120_000 };
const REPORT = readFileSync(new URL('050-oncologist_report-en.pdf', CORPUS));
const LINK = {
  complete: ['Documentazione completa', 'Complete'],
  paid: ['Pagamento ricevuto', 'Payment received'],
  release: ['Carichi e rilasci la relazione', 'Upload and release the report'],
  additional: ['Richieda un approfondimento', 'Request an additional consultation'],
  approve: ['Legga e approvi', 'Read and approve'],
  task: ["Apra l'attività", 'Open the task'],
};
const ONCOLOGIST = 'laura.ferrari@hospital.example';
const SURGEON = 'paolo.esposito@hospital.example';
const PATHOLOGIST = 'anna.greco@hospital.example';

async function ok(p: Promise<{ status: number; body: string }>, what: string): Promise<void> {
  const res = await p;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.body.slice(0, 200)}`);
}

/** A request with its documents read and sent: the case waits for triage. */
async function submitted(
  d: Driver,
  files: string[],
  changes: Parameters<typeof caseRequest>[1] = {},
): Promise<DriverCase & { email: string }> {
  const email = `costo.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const c = await d.createCase(caseRequest({ firstName: 'Costo', lastName: 'Caso', email }, changes));
  for (const f of files) await d.upload(c, f, readFileSync(new URL(f, CORPUS)));
  await d.waitForDocuments(c, files.length, 120_000);
  await ok(d.caseAction(c, 'submit'), 'submit');
  return { ...c, email };
}

/** Triage completes (naming the disease site where given) and the office confirms the payment. */
async function triagedAndPaid(d: Driver, c: DriverCase, triageForm: Record<string, string> = {}) {
  const triage = await d.waitForLink(TRIAGE, c.reference, LINK.complete, wait);
  await ok(d.postLink(triage.url, triageForm), 'triage');
  const office = await d.waitForLink(OFFICE, c.reference, LINK.paid, wait);
  await ok(d.postLink(office.url), 'payment');
}

/** The specialist uploads and releases the report from the `skip`-th release link; the patient downloads it. */
async function releaseReport(d: Driver, c: DriverCase, specialistEmail: string, skip = 0): Promise<void> {
  const task = await d.waitForLink(specialistEmail, c.reference, LINK.release, { ...wait, skip });
  const reportId = await d.uploadReport(task.url, REPORT);
  await ok(d.postLink(task.url, { reportId }), 'release');
  await d.waitForStatus(c, 'released', 120_000);
  // The patient downloads the report once: the API's redirect, then the presigned GET.
  const download = await d.report(c);
  if (download.status >= 400) throw new Error(`report download: ${download.status}`);
}

async function firstOpinion(
  d: Driver,
  files: string[],
  previousReference?: string,
  sameSpecialist?: string,
): Promise<Released> {
  const c = await submitted(d, files, previousReference ? { previousReference } : {});
  await triagedAndPaid(d, c);
  let specialistEmail = sameSpecialist;
  if (!specialistEmail) {
    const candidates = await d.waitForMail(
      TRIAGE,
      c.reference,
      /Scelga lo specialista|Choose the specialist/,
      120_000,
    );
    const first = linksOf(candidates)[0];
    specialistEmail = DEMO_STAFF.find((s) => first?.label.startsWith(s.name))?.email;
    if (!first || !specialistEmail) throw new Error(`no candidate link in ${candidates.subject}`);
    await ok(d.postLink(first.url), 'assignment');
  }
  await releaseReport(d, c, specialistEmail);
  return { c, specialistEmail };
}

/**
 * A team: an oncological and surgical request for a breast cancer; triage names the site, the
 * oncologist leads with the surgeon contributing a PDF and a note, and the lead releases one report.
 */
async function teamCase(d: Driver): Promise<Released> {
  const c = await submitted(d, DOCUMENTS, { consultationTypes: ['oncological', 'surgical'] });
  await triagedAndPaid(d, c, { diseaseSite: 'breast' });
  const lead = await d.waitForLink(TRIAGE, c.reference, (l) => l.startsWith('Dr Laura Ferrari'), wait);
  await ok(d.postLink(lead.url, { contributor_surgical: 'surg-esposito' }), 'assignment');
  const contribution = await d.waitForLink(SURGEON, c.reference, LINK.task, wait);
  const uploadId = await d.uploadReport(contribution.url, REPORT);
  await ok(
    d.postLink(contribution.url, { reportId: uploadId, note: 'Resecabile dopo terapia neoadiuvante.' }),
    'contribution',
  );
  await d.waitForMail(ONCOLOGIST, c.reference, /^(Completata per|Done for) /, 120_000);
  await releaseReport(d, c, ONCOLOGIST);
  return { c, specialistEmail: ONCOLOGIST, staffPdfBytes: REPORT.byteLength };
}

/**
 * A histological review: the oncologist asks for it, the patient approves it and pays it, the
 * pathology confirms the slides and uploads the revised diagnosis, the lead releases the report,
 * and the office records the slides sent back.
 */
async function histologicalReview(d: Driver): Promise<Released> {
  const c = await submitted(d, DOCUMENTS);
  await triagedAndPaid(d, c);
  const lead = await d.waitForLink(TRIAGE, c.reference, (l) => l.startsWith('Dr Laura Ferrari'), wait);
  await ok(d.postLink(lead.url), 'assignment');
  const ask = await d.waitForLink(ONCOLOGIST, c.reference, LINK.additional, wait);
  await ok(d.postLink(ask.url, { consultation: 'histology_review', reason: 'Rileggere i vetrini.' }), 'ask');
  const approve = await d.waitForLink(c.email, c.reference, LINK.approve, wait);
  await ok(d.postLink(approve.url, { answer_histology_review: 'approve' }), 'approve');
  const paid = await d.waitForLink(OFFICE, c.reference, LINK.paid, { ...wait, skip: 1 });
  await ok(d.postLink(paid.url), 'review payment');
  const received = await d.waitForLink(PATHOLOGIST, c.reference, LINK.task, wait);
  await ok(d.postLink(received.url), 'slides received');
  const result = await d.waitForLink(PATHOLOGIST, c.reference, LINK.task, { ...wait, skip: 1 });
  const diagnosis = await d.uploadReport(result.url, REPORT);
  await ok(d.postLink(result.url, { reportId: diagnosis }), 'revised diagnosis');
  // The report wait opens again after the consultations: its second release link.
  await releaseReport(d, c, ONCOLOGIST, 1);
  const back = await d.waitForLink(OFFICE, c.reference, LINK.task, wait);
  await ok(d.postLink(back.url, { carrier: 'BRT', tracking: '0123 4567' }), 'slides returned');
  return { c, specialistEmail: ONCOLOGIST, staffPdfBytes: REPORT.byteLength };
}

/** Counts every AWS SDK call the handlers make, by service and command, and DynamoDB's units. */
class SdkMeter {
  calls: Record<string, number> = {};
  readUnits = 0;
  writeUnits = 0;

  install(): void {
    type Next = (args: { input: object }) => Promise<{ output: object }>;
    type Stack = {
      add(
        mw: (next: Next, context: object) => Next,
        options: { step: 'initialize'; name: string; override: boolean },
      ): void;
    };
    const clients: [string, { middlewareStack: unknown }][] = [
      ['DynamoDB', documentClient()],
      ['S3', s3Client()],
      ['SES', sesClient()],
      ['SFN', sfnClient()],
      ['Textract', textractClient()],
      ['Textract', textractStartClient()],
    ];
    for (const [service, client] of clients) {
      (client.middlewareStack as Stack).add(
        (next, context) => async (args) => {
          const command = String((context as { commandName?: string }).commandName ?? '?').replace(
            /Command$/,
            '',
          );
          const input = args.input as Record<string, unknown>;
          if (service === 'DynamoDB') input.ReturnConsumedCapacity = 'TOTAL';
          const out = await next(args);
          this.calls[`${service}.${command}`] = (this.calls[`${service}.${command}`] ?? 0) + 1;
          if (service === 'DynamoDB') this.meterDynamo(command, input, out.output as Record<string, unknown>);
          return out;
        },
        { step: 'initialize', name: 'costMeter', override: true },
      );
    }
  }

  private meterDynamo(
    command: string,
    input: Record<string, unknown>,
    output: Record<string, unknown>,
  ): void {
    const consumed = output.ConsumedCapacity as { CapacityUnits?: number } | undefined;
    const units = consumed?.CapacityUnits ?? 0;
    if (['GetItem', 'Query', 'Scan', 'BatchGetItem'].includes(command)) this.readUnits += units;
    else {
      this.writeUnits += units + INDEX_WRITE(input);
    }
  }

  take(): { calls: Record<string, number>; readUnits: number; writeUnits: number } {
    const out = { calls: this.calls, readUnits: this.readUnits, writeUnits: this.writeUnits };
    this.calls = {};
    this.readUnits = 0;
    this.writeUnits = 0;
    return out;
  }
}

/**
 * dynalite reports the table's units only; DynamoDB also bills each write to an item that carries an
 * index key (the case item: by status; staff: by role) once more per index, at 1 unit for these small
 * items.
 */
function INDEX_WRITE(input: Record<string, unknown>): number {
  const key = (input.Key ?? input.Item) as { sk?: string } | undefined;
  return key?.sk === 'CASE' || key?.sk === 'STAFF' ? 1 : 0;
}

/**
 * Handler log lines (Powertools JSON: INFO on stdout, WARN and ERROR on stderr), counted and kept off
 * the benchmark's output.
 */
function meterLogs(): { take(): number } {
  let bytes = 0;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (!text.startsWith('{"level"')) return write(chunk, ...rest);
      bytes += Buffer.byteLength(text);
      return true;
    }) as typeof stream.write;
  }
  return {
    take: () => {
      const b = bytes;
      bytes = 0;
      return b;
    },
  };
}

interface LambdaMeter {
  take(): Record<string, { invocations: number; ms: number[]; memoryMb: number; trigger: string }>;
}

function meterLambdas(stack: LocalStack): LambdaMeter {
  let seen: ReturnType<LambdaMeter['take']> = {};
  for (const fn of stack.functions.values()) {
    const invoke = fn.invoke;
    fn.invoke = async (event) => {
      const started = performance.now();
      try {
        return await invoke(event);
      } finally {
        seen[fn.spec.name] ??= {
          invocations: 0,
          ms: [],
          memoryMb: fn.spec.memoryMb ?? 512,
          trigger: fn.spec.trigger.kind,
        };
        const m = seen[fn.spec.name]!;
        m.invocations += 1;
        m.ms.push(performance.now() - started);
      }
    };
  }
  return {
    take: () => {
      const out = seen;
      seen = {};
      return out;
    },
  };
}

async function measure(): Promise<Record<string, unknown>> {
  const writeDocs = process.argv.includes('--write-docs');
  const logs = meterLogs();
  const dataDir = mkdtempSync(join(tmpdir(), 'so-bench-cost-'));
  const stack = await startLocalStack({
    dataDir,
    ports: 0,
    quiet: true,
    speed: SPEED,
    textract: { jobMs: 200, startsPerSecond: 10, concurrentJobs: 20 },
    // The daily round is the service's, not a case's: it would add its digest to whichever case runs at 07:00.
    schedules: false,
    // Production logs at INFO: count what it would write.
    env: { POWERTOOLS_LOG_LEVEL: 'INFO' },
  });
  const sdk = new SdkMeter();
  sdk.install();
  const lambdas = meterLambdas(stack);
  const d = new Driver(stack.endpoints, 100, 250);
  try {
    // The staff seed and the stack's own start are not a case's.
    sdk.take();
    logs.take();
    const cases: Record<string, PricedCase> = {};
    const skipped: string[] = [];
    let released: Released | undefined;
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      if (!scenario) {
        skipped.push(name);
        continue;
      }
      const textractBefore = stack.textract.stats();
      const uploadsBefore = stack.queues.uploads.stats().sent;
      const completionsBefore = stack.queues.textract.stats().sent;
      const mailBefore = (await d.mail()).length;
      const previewsBefore = stack.queues.previews.stats().sent;
      released = await scenario(d, stack, released);
      await Promise.all([stack.queues.uploads.idle(), stack.queues.textract.idle()]);
      // A drawn preview lands in the bucket as an upload event of its own, recorded by the intake.
      await stack.queues.previews.idle();
      await stack.queues.uploads.idle();
      const execution = stack.stateMachine.listExecutions().find((e) => e.name === released!.c.caseId);
      if (!execution) throw new Error(`no execution for ${released.c.caseId}`);
      const sfn = stack.stateMachine.stats(execution.executionArn);
      const textract = stack.textract.stats();
      const meter = sdk.take();
      const fns = lambdas.take();
      const invocations = Object.values(fns).reduce((n, f) => n + f.invocations, 0);
      const s3Calls = (c: string) => meter.calls[`S3.${c}`] ?? 0;
      const view = await d.getCase(released.c);
      const storedBytes = view.documents
        .filter((doc) => doc.state !== 'rejected')
        .reduce((n, doc) => n + (doc.sizeBytes ?? 0), 0);
      // Read over the presigned URL the patient's page uses, not the metered SDK.
      const previews = await Promise.all(
        view.documents.flatMap((doc) =>
          doc.previewUrl ? [fetch(doc.previewUrl).then(async (r) => (await r.arrayBuffer()).byteLength)] : [],
        ),
      );
      const previewBytes = previews.reduce((a, b) => a + b, 0);
      // Object-created events: the browsers' uploads and the drawn previews.
      const uploads = stack.queues.uploads.stats().sent - uploadsBefore;
      const browserUploads = uploads - previews.length;
      const jobs = textract.jobsStarted - textractBefore.jobsStarted;
      const counts: Counts = {
        stateTransitions: sfn.stateTransitions,
        lambda: Object.fromEntries(
          Object.entries(fns).map(([n, f]) => [
            n,
            {
              invocations: f.invocations,
              totalMs: Math.round(f.ms.reduce((a, b) => a + b, 0)),
              memoryMb: f.memoryMb,
            },
          ]),
        ),
        httpRequests: Object.values(fns)
          .filter((f) => f.trigger === 'http')
          .reduce((n, f) => n + f.invocations, 0),
        textractPages: textract.pages - textractBefore.pages,
        dynamoReadUnits: meter.readUnits,
        dynamoWriteUnits: meter.writeUnits,
        // Browser uploads (presigned POST) are PUT-class; Textract reads each object it is given.
        s3PutRequests: browserUploads + s3Calls('PutObject') + s3Calls('CopyObject'),
        s3GetRequests: s3Calls('GetObject') + s3Calls('HeadObject') + jobs + 1,
        s3StoredBytes: storedBytes + previewBytes + REPORT.byteLength + (released.staffPdfBytes ?? 0),
        sesMessages: (await d.mail()).length - mailBefore,
        // S3 and SNS send (1 each), the event source mapping receives and deletes (about 2 per batch).
        sqsRequests:
          3 * uploads +
          3 * (stack.queues.textract.stats().sent - completionsBefore) +
          3 * (stack.queues.previews.stats().sent - previewsBefore),
        snsPublishes: jobs,
        // An upper bound: a KMS call for every S3 object request and every invocation that touches the
        // table, as if no data key were ever cached (S3 bucket keys and DynamoDB's key cache cut it).
        kmsRequests: uploads + s3Calls('GetObject') + jobs + 1 + invocations,
        logBytes:
          logs.take() +
          invocations * PLATFORM_LOG_BYTES +
          sfn.stateTransitions * SFN_LOG_BYTES_PER_TRANSITION +
          sfn.lambdaInvocations * SFN_LOG_BYTES_PER_TASK,
      };
      cases[name] = priceCase(name, counts);
    }
    const figures = {
      speed: SPEED,
      skippedScenarios: skipped,
      prices: priceTable(),
      cases,
    };
    if (writeDocs) {
      const doc = new URL('../docs/cost.md', import.meta.url);
      const text = readFileSync(doc, 'utf8');
      const begin = '<!-- cost:begin -->';
      const end = '<!-- cost:end -->';
      const i = text.indexOf(begin);
      const j = text.indexOf(end);
      if (i < 0 || j < i) throw new Error('docs/cost.md has no cost:begin/cost:end markers');
      writeFileSync(
        doc,
        `${text.slice(0, i + begin.length)}\n${renderMarkdown(cases, skipped)}\n${text.slice(j)}`,
      );
    }
    return figures;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isChild()) await childMain(measure);
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await run(), null, 2));
}
