/**
 * `so case show|resend|reassign|resume|reopen` against the workflow bench (the real ASL, task
 * handlers and table, a fake mailer): what an operator does to a stuck case, each action audited
 * with their name.
 */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, MILAN_CALENDAR } from '#domain/calendar.ts';
import type { Case } from '#domain/model.ts';
import type { Quote } from '#domain/pricing.ts';
import {
  createDraftCase,
  getLink,
  postLink,
  startAt,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { main } from '../../bin/so.ts';
import { useBench } from './steps.ts';

const b = useBench();

async function so(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const TRIAGE = 'dr-triage@hospital.example';
const ONCO = 'dr-onco@hospital.example';
const ONCO2 = 'dr-onco2@hospital.example';
const LEAD = 'dr-triage-lead@hospital.example';
const QUOTE: Quote = { currency: 'EUR', lines: [{ code: 'base', amountCents: 50_000 }], totalCents: 50_000 };

async function eventsBy(caseId: string, actor: string) {
  return (await b.store.listEvents(caseId)).filter((e) => e.actor === actor).map((e) => e.action);
}

function inTriage(changes: Partial<Case> = {}) {
  return createDraftCase(b, { status: 'triage', submittedAt: b.clock.now().toISOString(), ...changes });
}

describe('so case show', () => {
  it('shows the case, its waits and its audit trail, by reference, without task tokens', async () => {
    b.reset(1000);
    const c = await inTriage();
    await startAt(b, c, 'triage');
    await waitForMail(b, 'triage_request', c.caseId);
    const shown = await so('case', 'show', c.reference.toLowerCase().replace(/-/g, ' - '));
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain(`${c.reference}  case ${c.caseId}`);
    expect(shown.out).toContain('status triage');
    expect(shown.out).toMatch(/triage\s+ {2}OPEN {2}opened .* due .* asked dr-triage/);
    expect(shown.out).toMatch(/system\s+wait_opened\s+\{"step":"triage"/);
    const json = JSON.parse((await so('case', 'show', c.caseId, '--json')).out);
    expect(json.case.reference).toBe(c.reference);
    expect(json.waits).toEqual([expect.objectContaining({ step: 'triage', open: true })]);
    expect(json.waits[0].taskToken).toBeUndefined();
    expect(json.events.map((e: { action: string }) => e.action)).toContain('wait_opened');

    const missing = await so('case', 'show', 'SO-2026-0000-0000');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Not found. (not_found)');
  });
});

describe('so case resend', () => {
  it("sends the open step's links again; the old ones are superseded; audited with the operator", async () => {
    b.reset(1000);
    const c = await inTriage();
    await startAt(b, c, 'triage');
    await waitForMail(b, 'triage_request', c.caseId);
    const old = b.mailer.link('triage_request', TRIAGE, 'Documentazione completa', c.caseId);

    const refused = await so('case', 'resend', c.reference);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--operator');

    const resent = await so('case', 'resend', c.reference, '--operator', 'giulia');
    expect(resent.code, resent.err).toBe(0);
    expect(resent.out).toContain('the links of triage went again to dr-triage');
    expect(b.mailer.ofKind('triage_request', c.caseId)).toHaveLength(2);
    const fresh = b.mailer.link('triage_request', TRIAGE, 'Documentazione completa', c.caseId);
    expect(fresh).not.toBe(old);
    expect((await getLink(old)).statusCode).toBe(410);
    expect((await postLink(fresh)).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'awaiting_payment');
    expect(await eventsBy(c.caseId, 'ops:giulia')).toEqual(['links_resent']);
  });

  it('refuses a case that waits on no step', async () => {
    const draft = await createDraftCase(b);
    const refused = await so('case', 'resend', draft.reference, '--operator', 'giulia');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('(not_waiting)');
    expect(await b.store.listEvents(draft.caseId)).toEqual([]);
  });
});

describe('so case reassign', () => {
  it("gives a report to another specialist with the reassignment's clock rule; the first one's links stop", async () => {
    b.reset(1000);
    const now = b.clock.now();
    const due = addWorkingDays(now, 4, MILAN_CALENDAR).toISOString();
    const c = await createDraftCase(b, {
      status: 'in_report',
      submittedAt: now.toISOString(),
      paidAt: now.toISOString(),
      triageDoctorId: 'dr-triage',
      assigneeId: 'dr-onco',
      quote: QUOTE,
      deadlines: { reportDue: due },
    });
    await startAt(b, c, 'report');
    await waitForMail(b, 'report_task', c.caseId);
    const old = b.mailer.link('report_task', ONCO, 'Carichi e rilasci la relazione', c.caseId);

    // Not a specialist, or the one who has it already: refused, nothing changes.
    for (const to of ['dr-triage', 'dr-onco', 'nobody']) {
      const refused = await so('case', 'reassign', c.reference, '--to', to, '--operator', 'marco');
      expect(refused.code, to).toBe(1);
      expect(refused.err).toContain('(specialist_unavailable)');
    }
    const moved = await so('case', 'reassign', c.reference, '--to', 'dr-onco2', '--operator', 'marco');
    expect(moved.code, moved.err).toBe(0);
    expect(moved.out).toContain('the report goes from dr-onco to dr-onco2');
    await waitForMail(b, 'report_task', c.caseId, 2);
    const task = b.mailer.ofKind('report_task', c.caseId).at(-1)!;
    expect(task.to).toEqual([ONCO2]);
    expect(task.text).toContain('given to you by the specialist lead');
    const after = (await b.store.getCase(c.caseId))!;
    expect(after.assigneeId).toBe('dr-onco2');
    // Four working days were left: the new specialist keeps the case's due time.
    expect(after.deadlines.reportDue).toBe(due);
    expect((await getLink(old)).statusCode).toBe(410);
    expect(await eventsBy(c.caseId, 'ops:marco')).toEqual(['reassigned', 'reassign']);
  });

  it('gives triage to another triage doctor with fresh links of their own; whoever was asked keeps theirs', async () => {
    b.reset(1000);
    const c = await inTriage();
    await startAt(b, c, 'triage');
    await waitForMail(b, 'triage_request', c.caseId);
    const first = b.mailer.link('triage_request', TRIAGE, 'Documentazione completa', c.caseId);

    const notTriage = await so('case', 'reassign', c.reference, '--to', 'dr-onco', '--operator', 'anna');
    expect(notTriage.code).toBe(1);
    expect(notTriage.err).toContain('(staff_unavailable)');
    const given = await so('case', 'reassign', c.reference, '--to', 'dr-triage-lead', '--operator', 'anna');
    expect(given.code, given.err).toBe(0);
    const mail = b.mailer.ofKind('triage_request', c.caseId).find((m) => m.to.includes(LEAD))!;
    expect(mail).toBeDefined();
    expect((await getLink(first)).statusCode).toBe(200);
    const wait = await b.store.getWait(c.caseId, 'triage');
    expect(wait?.recipients).toEqual(['dr-triage', 'dr-triage-lead']);
    const complete = b.mailer.link('triage_request', LEAD, 'Complete', c.caseId);
    expect((await postLink(complete)).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'awaiting_payment');
    expect((await b.store.getCase(c.caseId))!.triageDoctorId).toBe('dr-triage-lead');
    expect(await eventsBy(c.caseId, 'ops:anna')).toEqual(['reassigned']);

    // Payment is the patient's and the office's: not handed to staff.
    await waitForMail(b, 'payment_details', c.caseId);
    const payment = await so('case', 'reassign', c.reference, '--to', 'dr-triage', '--operator', 'anna');
    expect(payment.code).toBe(1);
    expect(payment.err).toContain('(not_reassignable)');
  });
});

describe('so case resume', () => {
  it('continues a failed case at the step where it stopped, with a new execution', async () => {
    b.reset(1000);
    const c = await inTriage();
    const send = b.mailer.send.bind(b.mailer);
    b.mailer.send = async () => {
      throw new Error('Throttling: SES down');
    };
    await startAt(b, c, 'triage');
    await waitForStatus(b, c.caseId, 'failed');
    b.mailer.send = send;

    const resumed = await so('case', 'resume', c.reference, '--operator', 'ops.team');
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.out).toContain(`resumed at triage (triage), execution ${c.caseId}-r1`);
    await waitForMail(b, 'triage_request', c.caseId);
    const complete = b.mailer.link('triage_request', TRIAGE, 'Documentazione completa', c.caseId);
    expect((await postLink(complete)).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'awaiting_payment');
    expect(await eventsBy(c.caseId, 'ops:ops.team')).toEqual(['resumed']);

    const running = await so('case', 'resume', c.reference, '--operator', 'ops.team');
    expect(running.code).toBe(1);
    expect(running.err).toContain('(not_resumable)');
  });
});

describe('so case reopen', () => {
  it('re-opens an expired unpaid case for payment, and a draft closed unsent', async () => {
    b.reset(1000);
    const unpaid = await createDraftCase(b, {
      status: 'expired',
      reason: 'no_answer_from_patient',
      stoppedAt: 'payment',
      submittedAt: b.clock.now().toISOString(),
      triageDoctorId: 'dr-triage',
      quote: QUOTE,
    });
    const wrong = await so('case', 'resume', unpaid.reference, '--operator', 'giulia');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('so case reopen');

    // The operator may come from the environment.
    process.env.SO_OPERATOR = 'giulia';
    try {
      const reopened = await so('case', 'reopen', unpaid.reference);
      expect(reopened.code, reopened.err).toBe(0);
      expect(reopened.out).toContain('re-opened at payment (awaiting_payment)');
    } finally {
      delete process.env.SO_OPERATOR;
    }
    await waitForMail(b, 'payment_details', unpaid.caseId);
    await waitForMail(b, 'payment_confirmation_request', unpaid.caseId);
    expect(await b.store.getCase(unpaid.caseId)).toMatchObject({ status: 'awaiting_payment' });
    expect((await b.store.getCase(unpaid.caseId))!.reason).toBeUndefined();
    expect(await eventsBy(unpaid.caseId, 'ops:giulia')).toEqual(['reopened']);

    const draft = await createDraftCase(b, { status: 'expired', reason: 'no_answer_from_patient' });
    const back = await so('case', 'reopen', draft.reference, '--operator', 'giulia');
    expect(back.code, back.err).toBe(0);
    expect(back.out).toContain('a draft again');
    const c = (await b.store.getCase(draft.caseId))!;
    expect(c.status).toBe('draft');
    expect(Date.parse(c.deadlines.draftDue!) - b.clock.now().getTime()).toBeGreaterThan(29 * 86_400_000);
    expect(b.mailer.ofKind('draft_reminder', draft.caseId)).toHaveLength(1);
    expect(await eventsBy(draft.caseId, 'ops:giulia')).toEqual(['reopened']);

    const notExpired = await so('case', 'reopen', draft.reference, '--operator', 'giulia');
    expect(notExpired.code).toBe(1);
    expect(notExpired.err).toContain('(not_expired)');
  });

  it('refuses what it cannot parse with the usage', async () => {
    expect((await so('case')).code).toBe(2);
    expect((await so('case', 'fix', 'SO-2026-0000-0000')).code).toBe(2);
    expect((await so('case', 'reassign', 'SO-2026-0000-0000', '--operator', 'x')).err).toContain('--to');
    expect((await so('case', 'resume', 'SO-2026-0000-0000', '--operator', 'x', '--step', 'lunch')).code).toBe(
      2,
    );
    expect((await so('case', 'resume', 'SO-2026-0000-0000', '--operator', 'bad name')).code).toBe(2);
  });
});
