/**
 * A triage nobody answers, on the local stack's fast clock, driven only over HTTP and through the
 * mailbox: at its due time (2 working days) the triage lead gets an email with links that act, no
 * clinical content in it; the lead's page shows the case like the doctor's (the documents, the
 * missing identity document, the escalation in the timeline), and the lead's link decides the step.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseWithDocuments, type Harness, LABELS, patientRequest, STAFF, startHarness } from './support.ts';

// Two working days pass in 20-40 s; the lead then has at least a working day (over 8 s) to act
// before the next escalation supersedes the links.
const SPEED = 10_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ speed: SPEED });
});
afterAll(() => h?.close());

it('escalates an unanswered triage to the triage lead, whose page shows the case and whose link decides', {
  timeout: 180_000,
}, async () => {
  const d = h.driver;
  const request = patientRequest();
  const c = await caseWithDocuments(d, request);
  expect((await d.caseAction(c, 'submit')).status).toBe(202);
  const own = await d.waitForLink(STAFF.triage, c.reference, LABELS.complete);
  const submittedAt = h.stack.clock.now().getTime();

  // Nobody answers: the lead is asked once the two working days are over.
  const escalation = await d.waitForLink(STAFF.triageLead, c.reference, LABELS.complete, {
    timeoutMs: 120_000,
  });
  expect(h.stack.clock.now().getTime() - submittedAt).toBeGreaterThan(2 * 86_400_000);
  expect(escalation.mail.subject).toMatch(/Triage scaduto|Triage overdue/);
  // The email names the case and the step; nothing of the patient or the documents.
  for (const secret of [request.patient.lastName, request.patient.email, 'istologico', 'referto'])
    expect(escalation.mail.text).not.toContain(secret);

  const page = await d.getLink(escalation.url);
  expect(page.status).toBe(200);
  expect(page.body).toContain('<form method="post"');
  expect(page.body).toContain('Manca: Documento d&#39;identità.');
  expect(page.body.match(/href="[^"]*\/documents\/[^"]*"/g)).toHaveLength(2);
  expect(page.body).toContain('Segnalata ai responsabili');
  expect(page.body).not.toContain(request.patient.email);

  expect((await d.postLink(escalation.url)).status).toBe(200);
  // The case goes on to payment, and the doctor's own link is answered by the lead's decision.
  await d.waitForLink(STAFF.office, c.reference, LABELS.paymentReceived);
  expect((await d.getCase(c)).status).toBe('awaiting_payment');
  const late = await d.postLink(own.url);
  expect(late.status).toBe(409);
  expect(late.body).toContain('Marco Bianchi');
});
