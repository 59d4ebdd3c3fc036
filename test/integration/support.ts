/** What the integration tests share: a stack per test file, patients, PDFs from the corpus. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateCaseRequest } from '#functions/api/create-case.schema.ts';
import { caseRequest, type Driver as D, Driver, type DriverCase } from '#local/driver.ts';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '#local/stack.ts';

export const CORPUS = new URL('../fixtures/corpus/', import.meta.url);
export const pdf = (name: string): Uint8Array => readFileSync(new URL(name, CORPUS));

export const STAFF = {
  triage: 'giulia.rossi@hospital.example',
  triageLead: 'marco.bianchi@hospital.example',
  office: 'office@hospital.example',
  oncologist: 'laura.ferrari@hospital.example',
  specialistLead: 'chiara.romano@hospital.example',
  secretariat: 'secretariat@hospital.example',
  surgeon: 'paolo.esposito@hospital.example',
  pathologist: 'anna.greco@hospital.example',
} as const;

/** Labels of the staff links, in the languages the demo staff read (Italian first). */
export const LABELS = {
  complete: ['Documentazione completa', 'Complete'],
  requestDocuments: ['Richieda documenti', 'Request documents'],
  paymentReceived: ['Pagamento ricevuto', 'Payment received'],
  release: ['Carichi e rilasci la relazione', 'Upload and release the report'],
  requestAdditional: ['Richieda un approfondimento', 'Request an additional consultation'],
  approve: ['Legga e approvi', 'Read and approve'],
  task: ["Apra l'attività", 'Open the task'],
  casePage: ['Apra la pagina della richiesta', 'Open your case page'],
};

export interface Harness {
  stack: LocalStack;
  driver: D;
  close(): Promise<void>;
}

export async function startHarness(options: LocalStackOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'so-integration-'));
  const stack = await startLocalStack({
    dataDir,
    ports: 0,
    quiet: true,
    // The schedules (the daily round mails the office every simulated morning) run only in the tests
    // about them, so a digest never lands between the two looks of a test that checks nothing was sent.
    schedules: false,
    ...options,
    // Jobs take a second, as short ones do in Textract (intake's job record must be written first).
    textract: { jobMs: 1000, startsPerSecond: 50, concurrentJobs: 50, ...options.textract },
    queues: { backoffMs: 200, maxBackoffMs: 2000, ...options.queues },
  });
  return {
    stack,
    driver: new Driver(stack.endpoints),
    close: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let n = 0;
export function patientRequest(changes: Partial<CreateCaseRequest> = {}): CreateCaseRequest {
  n += 1;
  return caseRequest(
    { firstName: 'Maria', lastName: 'Bruno', email: `maria.${process.pid}.${n}.${Date.now()}@example.com` },
    changes,
  );
}

/** A case with two documents uploaded through the presigned POST and read by intake. */
export async function caseWithDocuments(
  driver: Driver,
  request = patientRequest(),
): Promise<DriverCase & { email: string }> {
  const c = await driver.createCase(request);
  await driver.upload(c, 'referto-oncologo.pdf', pdf('003-oncologist_report-it.pdf'));
  await driver.upload(c, 'istologico.pdf', pdf('007-pathology_report-it.pdf'));
  await driver.waitForDocuments(c, 2);
  return { ...c, email: request.patient.email! };
}

/** What a GET must not change: the case as the patient sees it, and the mailbox. */
export async function snapshot(driver: Driver, c: DriverCase) {
  const view = await driver.getCase(c);
  const mail = await driver.mail();
  // A preview's address is signed afresh on every read, and a preview may land at any moment (its
  // rendering follows Textract, not the staff): neither is a change a GET made.
  const documents = view.documents.map(({ previewUrl: _, ...d }) => d);
  return { view: { ...view, documents }, mailCount: mail.length };
}

/** Waits until the mailbox has had no new email for 400 ms (the previous step's mail is all out). */
export async function quiet(driver: Driver): Promise<void> {
  let count = -1;
  for (;;) {
    const now = (await driver.mail()).length;
    if (now === count) return;
    count = now;
    await new Promise((r) => setTimeout(r, 400));
  }
}

/** GETs an action link: the confirmation page with its form, and nothing changes. */
export async function getChangesNothing(driver: Driver, c: DriverCase, url: string): Promise<string> {
  await quiet(driver);
  const before = await snapshot(driver, c);
  const page = await driver.getLink(url);
  if (page.status !== 200 || !page.body.includes('<form method="post"')) {
    throw new Error(`GET ${url} gave ${page.status} without the confirmation form`);
  }
  // The mailbox is fetched at most every 100 ms: let the snapshot see fresh mail.
  await new Promise((r) => setTimeout(r, 150));
  const after = await snapshot(driver, c);
  if (JSON.stringify(after) !== JSON.stringify(before))
    throw new Error(`GET ${url} changed the case or sent mail`);
  return page.body;
}

/** Submits a case and drives triage, payment and assignment through the staff's links. */
export async function driveToReport(driver: Driver, c: DriverCase): Promise<{ release: string }> {
  const submitted = await driver.caseAction(c, 'submit');
  if (submitted.status !== 202) throw new Error(`submit gave ${submitted.status}`);
  const triage = await driver.waitForLink(STAFF.triage, c.reference, LABELS.complete);
  if ((await driver.postLink(triage.url)).status !== 200) throw new Error('triage link refused');
  const office = await driver.waitForLink(STAFF.office, c.reference, LABELS.paymentReceived);
  if ((await driver.postLink(office.url)).status !== 200) throw new Error('payment link refused');
  const candidate = await driver.waitForLink(STAFF.triage, c.reference, (l) =>
    l.startsWith('Dr Laura Ferrari'),
  );
  if ((await driver.postLink(candidate.url)).status !== 200) throw new Error('assignment link refused');
  const release = await driver.waitForLink(STAFF.oncologist, c.reference, LABELS.release);
  return { release: release.url };
}
