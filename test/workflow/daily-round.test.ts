/**
 * The daily round (functions/operations/daily-round.ts): the office's digest lists every open case
 * by due time with who it waits on, flags what is overdue and lists what stopped, each with a link,
 * and names no patient; drafts never sent are reminded once and then closed.
 */
import { describe, expect, it } from 'vitest';
import { deps, overrideDeps } from '#app/deps.ts';
import { manualClock } from '#domain/clock.ts';
import type { Case, Step, Wait } from '#domain/model.ts';
import { createDraftCase, getLink, ORIGIN } from '#local/testbed/workflow.ts';
import { sendDailyDigest } from '#usecases/operations/daily-digest.ts';
import { useBench } from './steps.ts';

const b = useBench();

const OFFICE = 'office@hospital.example';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function caseIn(status: Case['status'], changes: Partial<Case> = {}) {
  return createDraftCase(b, {
    status,
    submittedAt: b.clock.now().toISOString(),
    triageDoctorId: 'dr-triage',
    ...changes,
  });
}

async function waitFor(caseId: string, step: Step, dueInHours: number, changes: Partial<Wait> = {}) {
  const now = b.clock.now().getTime();
  await b.store.putWait({
    caseId,
    step,
    taskToken: 'token',
    openedAt: new Date(now - DAY).toISOString(),
    dueAt: new Date(now + dueInHours * HOUR).toISOString(),
    endsAt: new Date(now + (dueInHours + 48) * HOUR).toISOString(),
    recipients: [],
    ...changes,
  });
}

describe('the daily digest', () => {
  it('lists open cases earliest due first, who they wait on, what is overdue and what stopped, with links and no names', async () => {
    b.reset(1);
    const triage = await caseIn('triage');
    await waitFor(triage.caseId, 'triage', 30, { recipients: ['dr-triage'] });
    const lateReport = await caseIn('in_report', { assigneeId: 'dr-onco' });
    // Escalated: the specialist lead got links too.
    await waitFor(lateReport.caseId, 'report', -5, {
      recipients: ['dr-onco'],
      generations: { 'dr-onco': 1, 'dr-spec-lead': 1 },
    });
    const payment = await caseIn('awaiting_payment');
    await waitFor(payment.caseId, 'payment', 100, { recipients: ['patient', 'office'] });
    // Paid, but its workflow opened no wait (or lost it): listed last, for operations to look at.
    const lost = await caseIn('assignment');
    // A triage already decided, whose case has not moved on yet, waits on nobody.
    const decided = await caseIn('triage');
    await waitFor(decided.caseId, 'triage', 10, { recipients: ['dr-triage'], decision: 'complete' });
    const failed = await caseIn('failed', { reason: 'processing_error', stoppedAt: 'report' });
    const timedOut = await caseIn('timed_out', { reason: 'no_decision_from_staff', stoppedAt: 'triage' });
    const draft = await createDraftCase(b);

    const digest = await sendDailyDigest(deps(), { open: 1, reminded: 0, closed: 0 });
    const mine = (refs: { reference: string }[]) =>
      refs.filter((c) =>
        [triage, lateReport, payment, lost, decided, failed, timedOut, draft].some(
          (x) => x.reference === c.reference,
        ),
      );
    expect(mine(digest.open).map((c) => c.reference)).toEqual([
      lateReport.reference,
      triage.reference,
      payment.reference,
      // No due time: last, whatever their references.
      ...[lost.reference, decided.reference].sort(),
    ]);
    const row = (ref: string) => digest.open.find((c) => c.reference === ref)!;
    expect(row(lateReport.reference)).toMatchObject({
      step: 'report',
      overdue: true,
      waitingOn: [
        { kind: 'staff', name: 'Carla Onco' },
        { kind: 'staff', name: 'Franco Lead' },
      ],
    });
    expect(row(triage.reference)).toMatchObject({
      overdue: false,
      waitingOn: [{ kind: 'staff', name: 'Anna Triage' }],
    });
    expect(row(payment.reference).waitingOn).toEqual([{ kind: 'patient' }, { kind: 'office' }]);
    expect(row(lost.reference)).toMatchObject({ step: 'assignment', overdue: false, waitingOn: [] });
    expect(row(lost.reference).dueAt).toBeUndefined();
    expect(row(decided.reference).waitingOn).toEqual([]);
    expect(mine(digest.stopped)).toEqual([
      expect.objectContaining({
        reference: failed.reference,
        status: 'failed',
        step: 'report',
        reason: 'processing_error',
      }),
      expect.objectContaining({
        reference: timedOut.reference,
        status: 'timed_out',
        step: 'triage',
        reason: 'no_decision_from_staff',
      }),
    ]);

    const [mail, ...more] = b.mailer.ofKind('daily_digest');
    expect(more).toEqual([]);
    expect(mail!.to).toEqual([OFFICE]);
    expect(mail!.subject).toMatch(/^Daily digest .*: \d+ open, \d+ overdue, \d+ stopped$/);
    const lines = mail!.text.split('\n');
    const lateLine = lines.findIndex((l) => l.startsWith(lateReport.reference));
    expect(lines[lateLine]).toContain('· the report · due ');
    expect(lines[lateLine]).toContain('· OVERDUE · waiting on Carla Onco, Franco Lead:');
    expect(lines.find((l) => l.startsWith(triage.reference))).not.toContain('OVERDUE');
    expect(lines.find((l) => l.startsWith(failed.reference))).toContain(
      'failed at the report · a technical problem',
    );
    expect(mail!.text).not.toContain(draft.reference);
    // Each case's link opens its page for the office.
    for (const ref of [lateReport.reference, lost.reference, timedOut.reference]) {
      const url = lines[lines.findIndex((l) => l.startsWith(ref)) + 1]!;
      expect((await getLink(url)).statusCode, ref).toBe(200);
    }
    // A reference and a step per case: no patient's name or address.
    for (const part of [mail!.text, mail!.html, mail!.subject]) {
      expect(part).not.toMatch(/Maria|Rossi|example\.com/);
    }
  });
});

describe('a draft never sent', () => {
  it('is reminded once after 7 days and closed after 30, by the daily round', async () => {
    b.reset(1);
    const clock = manualClock(ORIGIN);
    overrideDeps({ clock });
    const { handler } = await import('#functions/operations/daily-round.ts');
    const c = await createDraftCase(b, { createdAt: ORIGIN.toISOString() });
    const round = async (days: number) => {
      clock.set(new Date(ORIGIN.getTime() + days * DAY));
      return handler({});
    };
    const reminders = () => b.mailer.ofKind('draft_reminder', c.caseId);

    await round(6);
    expect(reminders()).toEqual([]);
    const day7 = await round(7);
    expect(reminders()).toHaveLength(1);
    expect(day7.drafts.reminded).toBeGreaterThanOrEqual(1);
    const reminder = reminders()[0]!;
    expect(reminder.to).toEqual([(await b.store.getCase(c.caseId))!.patient.email]);
    expect(reminder.subject).toBe(`Promemoria: la Sua richiesta ${c.reference} non è ancora stata inviata`);
    // The closing date, 30 days after the draft was created (1 April 2026).
    expect(reminder.text).toContain('entro il 1 aprile 2026');
    expect(reminder.text).toMatch(/\/case\/[^#]+#token=/);
    expect(b.mailer.ofKind('daily_digest').at(-1)!.text).toMatch(/Today [1-9]\d* were reminded/);

    await round(8);
    await round(29);
    expect(reminders()).toHaveLength(1);
    expect((await b.store.getCase(c.caseId))!.status).toBe('draft');

    const day30 = await round(30);
    expect(day30.drafts.closed).toBeGreaterThanOrEqual(1);
    expect(await b.store.getCase(c.caseId)).toMatchObject({
      status: 'expired',
      reason: 'no_answer_from_patient',
    });
    expect(b.mailer.ofKind('case_expired', c.caseId)).toHaveLength(1);
    const events = await b.store.listEvents(c.caseId);
    expect(events.filter((e) => e.actor === 'system').map((e) => [e.action, e.details?.step])).toEqual([
      ['reminder_sent', 'draft'],
      ['expire', 'draft'],
    ]);

    // Closed once: another round does nothing more.
    await round(31);
    expect(b.mailer.ofKind('case_expired', c.caseId)).toHaveLength(1);
  });

  it('a submitted case is left alone, and a reminder that could not be sent is sent by the next round', async () => {
    b.reset(1);
    const clock = manualClock(ORIGIN);
    overrideDeps({ clock });
    const { handler } = await import('#functions/operations/daily-round.ts');
    const sent = await caseIn('triage', { createdAt: ORIGIN.toISOString() });
    const c = await createDraftCase(b, { createdAt: ORIGIN.toISOString() });
    clock.set(new Date(ORIGIN.getTime() + 7 * DAY));
    const send = b.mailer.send.bind(b.mailer);
    b.mailer.send = async (m) => {
      if (m.tags?.kind === 'draft_reminder') throw new Error('SES down');
      return send(m);
    };
    await expect(handler({})).rejects.toThrow(/could not be swept/);
    b.mailer.send = send;
    // The digest still went out, and the draft is not marked reminded.
    expect(b.mailer.ofKind('daily_digest')).toHaveLength(1);
    expect((await b.store.getCase(c.caseId))!.draftRemindedAt).toBeUndefined();
    clock.set(new Date(ORIGIN.getTime() + 8 * DAY));
    await handler({});
    expect(b.mailer.ofKind('draft_reminder', c.caseId)).toHaveLength(1);
    expect(b.mailer.ofKind('draft_reminder', sent.caseId)).toEqual([]);
  });
});
