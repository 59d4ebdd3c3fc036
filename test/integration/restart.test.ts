/**
 * A restart in the middle of a case: the data stays, the execution (in memory) does not, and every
 * later start says which cases will not move on, until --reset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Driver } from '../../local/driver.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
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
    textract: { jobMs: 200, startsPerSecond: 50, concurrentJobs: 50 },
  });

it('names the cases a stop cut off in the middle of the workflow, on every start until --reset', {
  timeout: 60_000,
}, async () => {
  stack = await start(true);
  expect(stack.interrupted).toEqual([]);
  const d = new Driver(stack.endpoints);
  const c = await caseWithDocuments(d);
  expect((await d.caseAction(c, 'submit')).status).toBe(202);
  await d.waitForLink(STAFF.triage, c.reference, LABELS.complete);
  const before = await d.getCase(c);
  await stack.stop();

  stack = await start();
  expect(stack.interrupted).toEqual([c.caseId]);
  // The data survived: the case is still there as it was, with its documents.
  const after = await new Driver(stack.endpoints).getCase(c);
  expect(after.status).toBe(before.status);
  expect(after.documents.map((x) => x.documentId)).toEqual(before.documents.map((x) => x.documentId));
  await stack.stop();

  stack = await start();
  expect(stack.interrupted).toEqual([c.caseId]);
  await stack.stop();

  stack = await start(true);
  expect(stack.interrupted).toEqual([]);
});
