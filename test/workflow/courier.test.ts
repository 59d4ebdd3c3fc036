/**
 * The courier (issue 13, item 5): the patient asks for it from the case page until the report is
 * released (+EUR 18, an amount due of its own once the case is priced); on release the office gets
 * a shipment task (carrier and tracking number), the patient is told the tracking number, and the
 * office records the delivery. After the report (item 6): the report-ready email and the case page
 * say further questions need an additional second opinion, and start one as an update of this case.
 */
import { describe, expect, it } from 'vitest';
import { handler as caseActions } from '#functions/api/case-actions.ts';
import { handler as getCase } from '#functions/api/get-case.ts';
import { apiEvent, LAMBDA_CONTEXT } from '#local/testbed/http.ts';
import { createDraftCase, getLink, type NewCase, postLink, waitForMail } from '#local/testbed/workflow.ts';
import { caseSteps, OFFICE, TRIAGE, useBench } from './steps.ts';

const b = useBench();

const { submit, pay, assignFirstCandidate, release } = caseSteps(() => b);

const ADDRESS = {
  name: 'Maria Rossi',
  line1: 'Via Roma 1',
  city: 'Torino',
  postalCode: '10100',
  country: 'it',
};

async function requestCourier(c: NewCase, body: unknown = { address: ADDRESS }) {
  const path = `/cases/${c.caseId}/courier-request`;
  const res = (await caseActions(
    apiEvent('POST', path, {
      pathParameters: { caseId: c.caseId },
      headers: { authorization: `Bearer ${c.patientToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    LAMBDA_CONTEXT,
  )) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

async function caseView(c: NewCase) {
  const res = (await getCase(
    apiEvent('GET', `/cases/${c.caseId}`, {
      pathParameters: { caseId: c.caseId },
      headers: { authorization: `Bearer ${c.patientToken}` },
    }),
    LAMBDA_CONTEXT,
  )) as { statusCode: number; body: string };
  expect(res.statusCode).toBe(200);
  return JSON.parse(res.body);
}

function officeTaskLink(caseId: string): string {
  return b.mailer.link('task_assigned', OFFICE, 'Open the task', caseId);
}

describe('the courier', () => {
  it('asked for after payment is EUR 18 of its own; on release the office ships it with a tracking number the patient is told, then records the delivery', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    await submit(c);
    await postLink(b.mailer.link('triage_request', TRIAGE, 'Documentazione completa', c.caseId), {
      diseaseSite: 'lung',
    });
    await pay(c);
    await assignFirstCandidate(c);
    await waitForMail(b, 'report_task', c.caseId);

    expect((await requestCourier(c, { address: { ...ADDRESS, line1: '' } })).status).toBe(400);
    const asked = await requestCourier(c);
    expect(asked).toEqual({ status: 200, body: { courier: true, itemId: 'additional-1' } });
    // Asked twice: charged once.
    expect((await requestCourier(c)).body).toEqual({ courier: true });
    const ledger = await b.store.getLedger(c.caseId);
    expect(ledger.dues.map((x) => [x.itemId, x.amountCents, x.lines[0]?.code]).sort()).toEqual([
      ['additional-1', 1_800, 'courier'],
      ['case', 50_000, 'base'],
    ]);
    expect(ledger.dues.find((x) => x.itemId === 'additional-1')?.reference).toMatch(/^RF\d\d/);
    const view = await caseView(c);
    expect(view.can.courier).toBe(false);
    expect(view.ledger.toPay).toMatchObject({ amountCents: 1_800, lines: [{ code: 'courier' }] });
    const asWritten = await b.store.getCase(c.caseId);
    expect(asWritten).toMatchObject({
      courier: true,
      courierAddress: { line1: 'Via Roma 1', country: 'IT' },
    });
    expect((await b.store.listEvents(c.caseId)).some((e) => e.action === 'courier_requested')).toBe(true);

    await release(c);
    // After the report: further questions need an additional second opinion, started as an update.
    await waitForMail(b, 'report_ready', c.caseId);
    const ready = b.mailer.ofKind('report_ready', c.caseId)[0]!;
    expect(ready.text).toContain('Per ulteriori domande dopo questa relazione è necessario richiedere');
    expect(
      b.mailer.link(
        'report_ready',
        asWritten!.patient.email!,
        'Richieda un ulteriore secondo parere',
        c.caseId,
      ),
    ).toBe(`http://localhost:3000/?lang=it&update=${encodeURIComponent(c.reference)}`);
    const after = await caseView(c);
    expect(after.prefill).toEqual({
      firstName: 'Maria',
      lastName: 'Rossi',
      email: asWritten!.patient.email,
      phone: '+39 333 1234567',
      dateOfBirth: '1960-05-01',
      country: 'IT',
      taxCode: 'RSSMRA60E41H501C',
    });
    expect(after.can.courier).toBe(false);
    expect(after.courierShipment).toBeNull();
    await waitForMail(b, 'task_assigned', c.caseId);
    const task = b.mailer.ofKind('task_assigned', c.caseId).at(-1)!;
    expect(task.to).toEqual([OFFICE]);
    expect(task.subject).toBe(`Task for ${c.reference}: the shipment of the report by courier`);
    // The address is on the task's page, not in the email.
    expect(task.text).not.toContain('Via Roma');
    const shipped = officeTaskLink(c.caseId);
    const page = (await getLink(shipped)).body;
    expect(page).toContain('Via Roma 1, 10100 Torino, IT');
    expect(page).toContain('Tracking number');
    expect((await postLink(shipped, { carrier: 'SDA' })).statusCode).toBe(422);
    expect((await postLink(shipped, { carrier: 'SDA', tracking: 'SDA 123 456' })).statusCode).toBe(200);

    await waitForMail(b, 'courier_shipped', c.caseId);
    const told = b.mailer.ofKind('courier_shipped', c.caseId)[0]!;
    expect(told.to).toEqual([asWritten!.patient.email]);
    expect(told.text).toContain('Numero di spedizione: SDA 123 456');
    // The case page shows it too, with when the office recorded it.
    const recorded = (await b.store.listTasks(c.caseId)).find((t) => t.kind === 'courier_shipment')?.result;
    expect((await caseView(c)).courierShipment).toEqual({
      carrier: 'SDA',
      tracking: 'SDA 123 456',
      shippedAt: recorded?.at,
    });
    const delivery = b.mailer.ofKind('task_assigned', c.caseId).at(-1)!;
    expect(delivery.subject).toBe(`Task for ${c.reference}: the delivery of the report by courier`);
    expect((await postLink(officeTaskLink(c.caseId))).statusCode).toBe(200);
    const tasks = await b.store.listTasks(c.caseId);
    expect(tasks.map((t) => [t.kind, t.status]).sort()).toEqual([
      ['courier_delivery', 'done'],
      ['courier_shipment', 'done'],
    ]);
    expect(tasks.find((t) => t.kind === 'courier_shipment')?.result).toMatchObject({
      by: 'office',
      carrier: 'SDA',
      tracking: 'SDA 123 456',
    });
  });

  it('asked for before triage joins the quote: EUR 518 in one payment', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    const draft = await caseView(c);
    expect([draft.can.courier, draft.prefill]).toEqual([true, null]);
    expect((await requestCourier(c)).body).toEqual({ courier: true });
    await submit(c);
    await postLink(b.mailer.link('triage_request', TRIAGE, 'Documentazione completa', c.caseId), {
      diseaseSite: 'breast',
    });
    await waitForMail(b, 'payment_details', c.caseId);
    expect((await b.store.getCase(c.caseId))?.quote?.totalCents).toBe(51_800);
    expect((await b.store.getLedger(c.caseId)).dues.map((x) => x.itemId)).toEqual(['case']);
  });

  it('is refused once the report is released, and nothing is written', async () => {
    b.reset(1000);
    const c = await createDraftCase(b, { status: 'released', releasedAt: b.clock.now().toISOString() });
    const before = await b.store.getCase(c.caseId);
    const res = await requestCourier(c);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('courier_closed');
    expect(await b.store.getCase(c.caseId)).toEqual(before);
    expect((await b.store.getLedger(c.caseId)).dues).toEqual([]);
  });
});
