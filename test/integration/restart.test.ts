/**
 * A restart in the middle of a case: the data and the mailbox stay, and the workflow goes on from
 * the wait it was in, so a link emailed before the stop still moves the case on after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Driver } from '#local/driver.ts';
import { type LocalStack, startLocalStack } from '#local/stack.ts';
import { caseWithDocuments, LABELS, STAFF } from './support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'so-restart-'));
let stack: LocalStack | undefined;
afterAll(async () => {
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
