/**
 * The workflow test bench: the real ASL file on the in-process engine, the real task handlers and
 * HTTP handlers, the real DynamoStore on an in-process dynalite, and in-memory fakes for the mailer
 * and the document store (ports, so the use cases cannot tell). Time runs accelerated.
 */
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { PDFDocument } from 'pdf-lib';
import { type DynamoStore, dynamoStore } from '#adapters/dynamodb/store.ts';
import { parseConfig } from '#app/config.ts';
import { overrideDeps, resetDeps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { type AcceleratedClock, acceleratedClock } from '#domain/clock.ts';
import { hashToken, newCaseId, newCaseReference, newSecretToken, paymentReference } from '#domain/ids.ts';
import type { Case, Language, StaffMember, Step } from '#domain/model.ts';
import { PATHOLOGY_ASSIGNEE, TASK_POLICY } from '#domain/tasks.ts';
import { createLocalStateMachine, type LocalStateMachine } from '#local/stepfunctions/engine.ts';
import { startTestTable, type TestTable } from './dynalite.ts';
import { VALID_ENV } from './env.ts';
import { EngineWorkflow, FakeDocuments, FakeMailer, STATE_MACHINE_ARN } from './fakes.ts';

import { apiEvent, LAMBDA_CONTEXT } from './http.ts';

export const ASL_PATH = new URL('../../statemachines/second-opinion.asl.json', import.meta.url);
/** Monday 2 March 2026, 09:00 in Milan: no holiday within the next weeks. */
export const ORIGIN = new Date('2026-03-02T08:00:00Z');

export const STAFF: StaffMember[] = [
  staff('dr-triage', 'Anna Triage', ['triage'], [], ['it', 'en']),
  staff('dr-triage-lead', 'Bruno Lead', ['triage_lead'], [], ['en']),
  staff(
    'dr-onco',
    'Carla Onco',
    ['specialist'],
    ['oncological'],
    ['it', 'en'],
    'segreteria.onco@hospital.example',
  ),
  { ...staff('dr-onco2', 'Dario Onco', ['specialist'], ['oncological'], ['en']), diseaseSites: ['breast'] },
  staff('dr-surg', 'Elena Surg', ['specialist'], ['surgical'], ['en']),
  staff('dr-spec-lead', 'Franco Lead', ['specialist_lead'], [], ['en']),
  staff('dr-path', 'Giulia Path', ['pathology'], [], ['it']),
];

function staff(
  staffId: string,
  name: string,
  roles: StaffMember['roles'],
  consultationTypes: StaffMember['consultationTypes'],
  languages: Language[],
  secretariatEmail?: string,
): StaffMember {
  return {
    staffId,
    name,
    email: `${staffId}@hospital.example`,
    roles,
    consultationTypes,
    languages,
    ...(secretariatEmail ? { secretariatEmail } : {}),
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

type TaskModule = { handler: (event: unknown) => Promise<unknown> };
const TASKS: Record<string, () => Promise<TaskModule>> = {
  PlanWait: () => import('#functions/workflow/plan-wait.ts'),
  OpenWait: () => import('#functions/workflow/open-wait.ts'),
  Remind: () => import('#functions/workflow/remind.ts'),
  ApplyDecision: () => import('#functions/workflow/apply-decision.ts'),
  MarkFailed: () => import('#functions/workflow/mark-failed.ts'),
};

export interface Bench {
  table: TestTable;
  store: DynamoStore;
  mailer: FakeMailer;
  documents: FakeDocuments;
  workflow: EngineWorkflow;
  engine: LocalStateMachine;
  clock: AcceleratedClock;
  invocations: Record<string, number>;
  /** Resets mail and time for the next test, at a new speed. */
  reset(speed: number): void;
  close(): Promise<void>;
}

export async function startBench(env: Record<string, string> = {}): Promise<Bench> {
  // Failure paths log errors on purpose; the assertions check them.
  logger.setLogLevel('SILENT');
  const table = await startTestTable();
  Object.assign(process.env, VALID_ENV, {
    TABLE_NAME: table.tableName,
    AWS_REGION: 'eu-south-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    ...env,
  });
  const store = dynamoStore(table.client, table.tableName);
  for (const s of STAFF) await store.putStaff(s);
  const definition = readFileSync(ASL_PATH, 'utf8');
  const invocations: Record<string, number> = {};
  const bench = { table, store, invocations } as Bench;
  // A task still running when the bench closes would write into a closed table.
  const inFlight = new Set<Promise<unknown>>();
  const invoke = (functionArn: string, payload: unknown) => {
    const name = /^\$\{(\w+)FunctionArn\}$/.exec(functionArn)?.[1];
    const load = name ? TASKS[name] : undefined;
    if (!name || !load) return Promise.reject(new Error(`unknown function ${functionArn}`));
    invocations[name] = (invocations[name] ?? 0) + 1;
    const run = load().then((m) => m.handler(payload));
    inFlight.add(run);
    void run.then(
      () => inFlight.delete(run),
      () => inFlight.delete(run),
    );
    return run;
  };
  bench.reset = (speed: number) => {
    // Executions of the previous test must not keep firing timers into this one.
    for (const e of bench.engine?.listExecutions() ?? []) {
      if (e.status === 'RUNNING') bench.engine.stopExecution(e.executionArn, 'next test');
    }
    bench.mailer = new FakeMailer();
    bench.documents = new FakeDocuments();
    bench.clock = acceleratedClock(speed, ORIGIN);
    bench.engine = createLocalStateMachine({ definition, stateMachineArn: STATE_MACHINE_ARN, invoke, speed });
    bench.workflow = new EngineWorkflow(bench.engine);
    for (const k of Object.keys(invocations)) delete invocations[k];
    resetDeps();
    overrideDeps({
      config: parseConfig(process.env),
      clock: bench.clock,
      store,
      mailer: bench.mailer,
      documents: bench.documents,
      workflow: bench.workflow,
    });
  };
  bench.close = async () => {
    for (const e of bench.engine?.listExecutions() ?? []) {
      if (e.status === 'RUNNING') bench.engine.stopExecution(e.executionArn, 'test over');
    }
    await Promise.allSettled([...inFlight]);
    resetDeps();
    await table.close();
  };
  bench.reset(1000);
  return bench;
}

/** Starts a case's workflow at a step, as a resumed case does: the case must already be in that step's status. */
export async function startAt(b: Bench, c: NewCase, step: Step): Promise<void> {
  await b.workflow.start(c.caseId, { caseId: c.caseId, step });
}

export interface NewCase {
  caseId: string;
  patientToken: string;
  reference: string;
}

/** A draft case with one classified document, as intake leaves it. */
export async function createDraftCase(b: Bench, changes: Partial<Case> = {}): Promise<NewCase> {
  const caseId = newCaseId();
  const reference = newCaseReference(2026);
  const patientToken = newSecretToken();
  const now = b.clock.now().toISOString();
  const item: Case = {
    caseId,
    reference,
    paymentReference: paymentReference(reference),
    status: 'draft',
    language: 'it',
    patient: {
      firstName: 'Maria',
      lastName: 'Rossi',
      email: `maria.${caseId.slice(0, 8)}@example.com`,
      phone: '+39 333 1234567',
      dateOfBirth: '1960-05-01',
      country: 'IT',
      taxCode: 'RSSMRA60E41H501C',
    },
    consultationTypes: ['oncological'],
    courier: false,
    deadlines: {},
    documentCount: 1,
    documentBytes: 1000,
    createdAt: now,
    version: 1,
    updatedAt: now,
    ...changes,
  };
  await b.store.createCase(item, { tokenHash: hashToken(patientToken), caseId, createdAt: now });
  await b.store.putDocument({
    caseId,
    documentId: 'doc-1',
    fileName: 'referto-oncologico.pdf',
    key: `cases/${caseId}/documents/doc-1.pdf`,
    sizeBytes: 1000,
    state: 'classified',
    classification: { documentType: 'oncologist_report' },
    uploadExpiresAt: now,
    createdAt: now,
    updatedAt: now,
  });
  return { caseId, patientToken, reference };
}

type Http = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Response {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

async function call(http: Promise<Http>, event: APIGatewayProxyEventV2): Promise<Response> {
  const res = await (await http)(event, LAMBDA_CONTEXT);
  return {
    statusCode: res.statusCode ?? 200,
    body: res.body ?? '',
    headers: (res.headers ?? {}) as Record<string, string>,
  };
}

async function actionLinks(): Promise<Http> {
  return (await import('#functions/api/action-links.ts')).handler as unknown as Http;
}

async function caseActions(): Promise<Http> {
  return (await import('#functions/api/case-actions.ts')).handler as unknown as Http;
}

export function tokenOf(url: string): string {
  return url.split('/a/')[1]!;
}

export async function getLink(url: string) {
  const token = tokenOf(url);
  return call(actionLinks(), apiEvent('GET', `/a/${token}`, { pathParameters: { token } }));
}

/**
 * GETs a document route of a link page (`/a/{token}/documents/{documentId}`, `/a/{token}/previous-report`,
 * `/a/{token}/contributions/{taskId}`).
 */
export async function getLinkDocument(url: string) {
  const path = new URL(url).pathname;
  const m =
    /^\/a\/([^/]+)\/(?:(?:(?:previous-)?documents|previews)\/([^/]+)|contributions\/([^/]+)|previous-report)$/.exec(
      path,
    );
  if (!m) throw new Error(`not a document route: ${url}`);
  const pathParameters: Record<string, string> = { token: m[1]! };
  if (m[2] !== undefined) pathParameters.documentId = decodeURIComponent(m[2]);
  if (m[3] !== undefined) pathParameters.taskId = decodeURIComponent(m[3]);
  return call(actionLinks(), apiEvent('GET', path, { pathParameters }));
}

/** POST a link's form; a list is sent as the same field repeated (checkboxes). */
export async function postLink(url: string, form: Record<string, string | string[]> = {}) {
  const token = tokenOf(url);
  const body = new URLSearchParams(
    Object.entries(form).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]),
    ),
  ).toString();
  return call(
    actionLinks(),
    apiEvent('POST', `/a/${token}`, {
      pathParameters: { token },
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
}

async function officeLinks(): Promise<Http> {
  return (await import('#functions/api/office-links.ts')).handler as unknown as Http;
}

/** GET (form absent) or POST an office link of the ledger (/o/{token}), as the office's browser does. */
export async function officeLink(url: string, form?: Record<string, string>) {
  const token = url.split('/o/')[1]!;
  if (!form) return call(officeLinks(), apiEvent('GET', `/o/${token}`, { pathParameters: { token } }));
  return call(
    officeLinks(),
    apiEvent('POST', `/o/${token}`, {
      pathParameters: { token },
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
}

export async function postReportUpload(url: string) {
  const token = tokenOf(url);
  return call(
    actionLinks(),
    apiEvent('POST', `/a/${token}/uploads`, {
      pathParameters: { token },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: 'report.pdf', contentType: 'application/pdf', sizeBytes: 2000 }),
    }),
  );
}

export async function caseAction(c: NewCase, method: 'GET' | 'POST', action: string) {
  const path = `/cases/${c.caseId}/${action}`;
  return call(
    caseActions(),
    apiEvent(method, path, {
      pathParameters: { caseId: c.caseId },
      headers: { authorization: `Bearer ${c.patientToken}` },
    }),
  );
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms` real milliseconds. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 8000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export async function statusOf(b: Bench, caseId: string) {
  return (await b.store.getCase(caseId))?.status;
}

export async function waitForStatus(b: Bench, caseId: string, status: Case['status'], ms?: number) {
  return eventually(
    async () => (await statusOf(b, caseId)) === status,
    ms,
    `status ${status} (now ${await statusOf(b, caseId)})`,
  );
}

export async function waitForMail(b: Bench, kind: string, caseId: string, count = 1, ms?: number) {
  return eventually(() => b.mailer.ofKind(kind, caseId).length >= count, ms, `${count} ${kind} email(s)`);
}

/** A released report in the fake bucket, uploaded through the release link's presigned POST. */
export async function uploadReport(b: Bench, releaseUrl: string, bytes?: Uint8Array): Promise<string> {
  const res = await postReportUpload(releaseUrl);
  if (res.statusCode !== 201) throw new Error(`upload presign failed: ${res.statusCode} ${res.body}`);
  const { reportId, upload } = JSON.parse(res.body) as {
    reportId: string;
    upload: { fields: { key: string } };
  };
  await b.documents.put(upload.fields.key, bytes ?? (await onePagePdf()));
  return reportId;
}

/**
 * Does the work of a case's approved consultations from the task emails, one task at a time (a
 * consulting doctor's note; the pathology's slides received, then its revised diagnosis as a PDF),
 * until no task holds the report. Returns the kinds done, in order.
 */
export async function doConsultations(b: Bench, caseId: string): Promise<string[]> {
  const done: string[] = [];
  for (let guard = 0; guard < 10; guard += 1) {
    const task = (await b.store.listTasks(caseId)).find(
      (t) => t.status === 'open' && TASK_POLICY[t.kind].holdsReport,
    );
    if (!task) return done;
    const who = task.assignee === PATHOLOGY_ASSIGNEE ? 'dr-path' : task.assignee;
    const mail = b.mailer
      .ofKind('task_assigned', caseId)
      .filter((m) => m.to.includes(`${who}@hospital.example`))
      .at(-1);
    const lines = mail?.text.split('\n') ?? [];
    const url = lines[lines.findIndex((l) => l === 'Open the task:' || l === "Apra l'attività:") + 1];
    if (!url) throw new Error(`no task email for ${task.kind} to ${who}`);
    const form: Record<string, string> =
      TASK_POLICY[task.kind].form === 'document'
        ? { reportId: await uploadReport(b, url) }
        : { note: `${task.kind} done` };
    const res = await postLink(url, form);
    if (res.statusCode !== 200) throw new Error(`${task.kind}: ${res.statusCode} ${res.body}`);
    done.push(task.kind);
  }
  throw new Error('consultations never finished');
}

let pdf: Uint8Array | undefined;

/** A real one-page PDF, as a specialist's report would be. */
export async function onePagePdf(): Promise<Uint8Array> {
  if (!pdf) {
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Second opinion report');
    pdf = await doc.save();
  }
  return pdf;
}
