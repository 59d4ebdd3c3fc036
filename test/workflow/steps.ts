/**
 * The steps of a case driven through the workflow testbed as staff and patients take them: submit,
 * triage, pay, assign, release, and a previous case for an update. Shared by the path tests.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import {
  type Bench,
  caseAction,
  createDraftCase,
  type NewCase,
  postLink,
  startBench,
  uploadReport,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';

export const TRIAGE = 'dr-triage@hospital.example';
export const OFFICE = 'office@hospital.example';

/**
 * The test file's bench: started before its tests, closed after them. Read through the returned
 * object, which stands for the bench once beforeAll has started it.
 */
export function useBench(env?: Record<string, string>): Bench {
  let current: Bench | undefined;
  beforeAll(async () => {
    current = await startBench(env);
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as Bench, {
    get(_, key) {
      if (!current) throw new Error('the bench starts in beforeAll');
      return Reflect.get(current, key);
    },
  });
}

/** The steps, on the bench `bench()` returns (started in the test file's beforeAll). */
export function caseSteps(bench: () => Bench) {
  /**
   * A very fast clock, with links that outlive it: at these speeds a real second is weeks or months,
   * and a loaded test machine must not see a staff link expire before the test clicks it.
   */
  function resetFast(speed: number) {
    process.env.LINK_TTL_DAYS = '36500';
    bench().reset(speed);
    delete process.env.LINK_TTL_DAYS;
  }

  async function submit(c: NewCase) {
    expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(202);
    await waitForMail(bench(), 'triage_request', c.caseId);
  }

  async function triage(
    c: NewCase,
    label: 'Documentazione completa' | 'Richieda documenti' | 'Rifiuti la richiesta',
    form: Record<string, string> = {},
  ) {
    const res = await postLink(bench().mailer.link('triage_request', TRIAGE, label, c.caseId), form);
    expect(res.statusCode).toBe(200);
  }

  async function pay(c: NewCase) {
    await waitForMail(bench(), 'payment_confirmation_request', c.caseId);
    expect(
      (
        await postLink(
          bench().mailer.link('payment_confirmation_request', OFFICE, 'Payment received', c.caseId),
        )
      ).statusCode,
    ).toBe(200);
  }

  async function assignFirstCandidate(c: NewCase) {
    await waitForMail(bench(), 'assignment_candidates', c.caseId);
    const lines = bench().mailer.ofKind('assignment_candidates', c.caseId)[0]!.text.split('\n');
    const url = lines.find((l) => l.includes('/a/'))!;
    expect((await postLink(url)).statusCode).toBe(200);
  }

  async function toReport(c: NewCase) {
    await submit(c);
    await triage(c, 'Documentazione completa');
    await pay(c);
    await assignFirstCandidate(c);
    await waitForMail(bench(), 'report_task', c.caseId);
  }

  async function release(c: NewCase, n = 1) {
    await waitForMail(bench(), 'report_task', c.caseId, n);
    const url = bench().mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Carichi e rilasci la relazione',
      c.caseId,
    );
    const reportId = await uploadReport(bench(), url);
    expect((await postLink(url, { reportId })).statusCode).toBe(200);
    await waitForStatus(bench(), c.caseId, 'released');
  }

  /** A released case of dr-onco, submitted at `submittedAt`, as the previous case of an update. */
  async function previousCase(submittedAt: string, assigneeId = 'dr-onco') {
    const prev = await createDraftCase(bench(), {
      status: 'released',
      submittedAt,
      assigneeId,
      createdAt: submittedAt,
    });
    return prev;
  }
  return { resetFast, submit, triage, pay, assignFirstCandidate, toReport, release, previousCase };
}
