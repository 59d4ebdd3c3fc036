/**
 * A restart in the middle of a case: the data and the mailbox stay, and the workflow goes on from
 * the wait it was in, so a link emailed before the stop still moves the case on after it; the same
 * after a hard kill (the journal of executions and the queues' messages are on disk). A case whose
 * workflow cannot be resumed is marked failed and named, and its links say it is closed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { deps } from '#app/deps.ts';
import { Driver, until } from '#local/driver.ts';
import type { Endpoints } from '#local/stack.ts';
import { type LocalStack, startLocalStack } from '#local/stack.ts';
import { caseWithDocuments, LABELS, STAFF } from './support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'so-restart-'));
let stack: LocalStack | undefined;
let child: ChildProcess | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = (reset = false) =>
  startLocalStack({
    dataDir,
    reset,
    ports: 0,
    quiet: true,
    speed: 60,
    textract: { jobMs: 200, startsPerSecond: 50, concurrentJobs: 50 },
  });

it('resumes a case waiting for triage after a restart: the link sent before it still acts', {
  timeout: 90_000,
}, async () => {
  stack = await start(true);
  expect(stack.resumed).toEqual([]);
  let d = new Driver(stack.endpoints);
  const c = await caseWithDocuments(d);
  expect((await d.caseAction(c, 'submit')).status).toBe(202);
  const triage = await d.waitForLink(STAFF.triage, c.reference, LABELS.complete);
  const before = await d.getCase(c);
  await stack.stop();

  stack = await start();
  expect(stack.resumed).toEqual([c.caseId]);
  expect(stack.interrupted).toEqual([]);
  d = new Driver(stack.endpoints);
  // The data survived: the case is as it was, with its documents.
  const after = await d.getCase(c);
  expect(after.status).toBe(before.status);
  expect(after.documents.map((x) => x.documentId)).toEqual(before.documents.map((x) => x.documentId));
  const execution = stack.stateMachine.listExecutions().find((e) => e.name === c.caseId);
  expect(execution?.status).toBe('RUNNING');

  // The mailbox kept its emails; the triage doctor's link from before the stop decides, and the
  // office is asked for the payment.
  expect((await d.waitForLink(STAFF.triage, c.reference, LABELS.complete)).url).toBe(triage.url);
  expect((await d.postLink(triage.url)).status).toBe(200);
  await d.waitForLink(STAFF.office, c.reference, LABELS.paymentReceived);
  await stack.stop();

  // Still waiting, now for the payment: the next start resumes it again.
  stack = await start();
  expect(stack.resumed).toEqual([c.caseId]);
  await stack.stop();

  stack = await start(true);
  expect(stack.resumed).toEqual([]);
});

it('marks a case whose workflow cannot be resumed failed, names it at every start, and its link says closed', {
  timeout: 90_000,
}, async () => {
  await stack?.stop();
  stack = await start(true);
  const d = new Driver(stack.endpoints);
  const c = await caseWithDocuments(d);
  expect((await d.caseAction(c, 'submit')).status).toBe(202);
  const triage = await d.waitForLink(STAFF.triage, c.reference, LABELS.complete);
  await stack.stop();
  // The definition lost the state the execution waited in (as after an edit of the ASL).
  const file = join(dataDir, 'executions', `${c.caseId}.json`);
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), stateName: 'Gone' }));

  stack = await start();
  expect(stack.resumed).toEqual([]);
  expect(stack.interrupted).toEqual([c.caseId]);
  expect((await deps().store.getCase(c.caseId))?.status).toBe('failed');
  const page = await d.postLink(triage.url);
  expect(page.status).toBe(410);
  expect(page.body).not.toMatch(/Grazie|Thank you/);
  await stack.stop();
  stack = await start();
  expect(stack.interrupted).toEqual([c.caseId]);
  await stack.stop();
  stack = undefined;
});

/** `npm start` in a process of its own, to be killed hard; resolves with its endpoints once it listens. */
async function startProcess(dir: string): Promise<Endpoints> {
  rmSync(join(dir, 'endpoints.json'), { force: true });
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'local/main.ts', '--port', '0', '--data-dir', dir, '--speed', '60', '--quiet'],
    { stdio: 'ignore' },
  );
  const file = join(dir, 'endpoints.json');
  await until(() => existsSync(file), 'the local stack process to start', 60_000, 100);
  return JSON.parse(readFileSync(file, 'utf8')) as Endpoints;
}

it('survives a hard kill: the waiting workflow goes on after the next start', {
  timeout: 150_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'so-kill-'));
  try {
    let d = new Driver(await startProcess(dir));
    const c = await caseWithDocuments(d);
    expect((await d.caseAction(c, 'submit')).status).toBe(202);
    const triage = await d.waitForLink(STAFF.triage, c.reference, LABELS.complete);
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    const endpoints = await startProcess(dir);
    d = new Driver(endpoints);
    // Port 0 picked other ports this time: the same link, at the API's new address.
    const { pathname, search } = new URL(triage.url);
    expect((await d.postLink(new URL(pathname + search, endpoints.api).href)).status).toBe(200);
    await d.waitForLink(STAFF.office, c.reference, LABELS.paymentReceived);
  } finally {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
