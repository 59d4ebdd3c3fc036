/**
 * The daily round on the local stack's simulated clock, seen only over HTTP and in the mailbox: the
 * office's digest arrives every simulated morning and names the open cases; a request the patient
 * never sends is reminded, then closed; `so case --local`, run as operations run it (another
 * process), shows the case and re-opens it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { until } from '#local/driver.ts';
import { caseWithDocuments, type Harness, patientRequest, STAFF, startHarness } from './support.ts';

/** A simulated day in under a second of real time. */
const SPEED = 100_000;
const REMINDER = /non è ancora stata inviata/;
const SO = fileURLToPath(new URL('../../bin/so.mjs', import.meta.url));

let h: Harness;
beforeAll(async () => {
  // Drafts on a shorter clock than the service's 7 and 30 days, so the test takes seconds.
  h = await startHarness({
    speed: SPEED,
    schedules: true,
    env: { DRAFT_REMINDER_DAYS: '3', DRAFT_EXPIRY_DAYS: '10' },
  });
});
afterAll(() => h?.close());

const so = (...args: string[]) =>
  promisify(execFile)(process.execPath, [SO, 'case', ...args, '--local', '--data-dir', h.stack.dataDir], {
    timeout: 60_000,
  });

it('sends the digest every simulated morning; reminds and closes a draft; so case --local re-opens it', {
  timeout: 150_000,
}, async () => {
  const d = h.driver;
  const submitted = await caseWithDocuments(d);
  expect((await d.caseAction(submitted, 'submit')).status).toBe(202);
  const request = patientRequest();
  const draft = await d.createCase(request);

  // The digest names the submitted case (open, or stopped once its triage timed out) and not the draft.
  const digest = await d.waitForMail(STAFF.office, submitted.reference, /^Daily digest /, 20_000);
  expect(digest.text).not.toContain(draft.reference);
  expect(digest.text).not.toMatch(/Maria|Bruno/);
  const lines = digest.text.split('\n');
  const link = lines[lines.findIndex((l) => l.startsWith(submitted.reference)) + 1]!;
  expect((await d.getLink(link)).status).toBe(200);
  // Every morning at 07:00 in Rome.
  const digests = async () => (await d.mail()).filter((m) => m.subject.startsWith('Daily digest '));
  const before = (await digests()).length;
  // Two more mornings pass in 2.2 simulated days; on a loaded machine the clock's timers may lag, so wait for them.
  await new Promise((r) => setTimeout(r, (2.2 * 86_400_000) / SPEED));
  await until(async () => (await digests()).length >= before + 2, 'two more daily digests', 20_000);

  const email = request.patient.email!;
  await d.waitForMail(email, draft.reference, REMINDER, 30_000);
  await d.waitForMail(email, draft.reference, /è stata chiusa|has closed/, 60_000);
  const closed = await d.getCase(draft);
  expect(closed.status).toBe('expired');

  const shown = await so('show', draft.reference);
  expect(shown.stdout).toContain(`${draft.reference}  case ${draft.caseId}`);
  expect(shown.stdout).toContain('status expired  reason no_answer_from_patient');
  expect(shown.stdout).toMatch(/system\s+reminder_sent\s+\{"step":"draft"/);

  const reopened = await so('reopen', draft.reference, '--operator', 'integration');
  expect(reopened.stdout).toContain('a draft again');
  expect((await d.getCase(draft)).status).toBe('draft');
  // The patient is told by when to send it.
  await until(
    async () => (await d.mailFor(email, draft.reference)).filter((m) => REMINDER.test(m.subject)).length >= 2,
    'a second reminder after the re-opening',
  );
  const trail = await so('show', draft.reference, '--json');
  expect(JSON.parse(trail.stdout).events).toContainEqual(
    expect.objectContaining({ actor: 'ops:integration', action: 'reopened' }),
  );
});
