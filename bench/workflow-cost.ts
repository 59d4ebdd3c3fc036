/**
 * The cost of a case in Step Functions and Lambda: runs a happy-path case (submit, triage complete,
 * payment, assignment, report released) through the real ASL, handlers and action links, and counts
 * state transitions and task Lambda invocations. Throws when a figure exceeds its bound.
 */
import {
  caseAction,
  createDraftCase,
  postLink,
  startBench,
  uploadReport,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';

/** Step Functions Standard, eu-south-1 list price per state transition (USD). */
const USD_PER_TRANSITION = 0.000025;
/** Lambda request price (USD); duration is a few hundred ms at 256 MB per task, priced separately. */
const USD_PER_REQUEST = 0.0000002;
const MAX_TRANSITIONS = 40;
const MAX_INVOCATIONS = 20;

export async function run(): Promise<Record<string, unknown>> {
  const b = await startBench();
  try {
    b.reset(1000);
    const started = Date.now();
    const c = await createDraftCase(b);
    await caseAction(c, 'POST', 'submit');
    await waitForMail(b, 'triage_request', c.caseId);
    await postLink(b.mailer.link('triage_request', 'dr-triage@hospital.example', 'Completa', c.caseId));
    await waitForMail(b, 'payment_confirmation_request', c.caseId);
    await postLink(
      b.mailer.link('payment_confirmation_request', 'office@hospital.example', 'Payment received', c.caseId),
    );
    await waitForMail(b, 'assignment_candidates', c.caseId);
    const candidates = b.mailer.ofKind('assignment_candidates', c.caseId)[0]!.text.split('\n');
    await postLink(candidates.find((l) => l.includes('/a/'))!);
    await waitForMail(b, 'report_task', c.caseId);
    const release = b.mailer.link(
      'report_task',
      'dr-onco@hospital.example',
      'Carica e rilascia la relazione',
      c.caseId,
    );
    await postLink(release, { reportId: await uploadReport(b, release) });
    await waitForStatus(b, c.caseId, 'released');
    const execution = await b.engine.settled(b.workflow.arn(c.caseId));
    if (execution.status !== 'SUCCEEDED') throw new Error(`the happy path ended ${execution.status}`);
    const { stateTransitions, lambdaInvocations } = b.engine.stats(execution.executionArn);
    const figures = {
      stateTransitions,
      lambdaInvocations,
      invocationsByFunction: { ...b.invocations },
      emailsSent: b.mailer.sent.length,
      usdStepFunctions: Number((stateTransitions * USD_PER_TRANSITION).toFixed(6)),
      usdLambdaRequests: Number((lambdaInvocations * USD_PER_REQUEST).toFixed(7)),
      realMs: Date.now() - started,
    };
    if (stateTransitions > MAX_TRANSITIONS)
      throw new Error(`${stateTransitions} state transitions > ${MAX_TRANSITIONS}`);
    if (lambdaInvocations > MAX_INVOCATIONS)
      throw new Error(`${lambdaInvocations} Lambda invocations > ${MAX_INVOCATIONS}`);
    return figures;
  } finally {
    await b.close();
  }
}
