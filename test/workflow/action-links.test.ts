import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { keys } from '#adapters/dynamodb/items.ts';
import { hashToken, newSecretToken } from '#domain/ids.ts';
import {
  caseAction,
  createDraftCase,
  getLink,
  type NewCase,
  postLink,
  postReportUpload,
  statusOf,
  tokenOf,
  waitForMail,
  waitForStatus,
} from '#local/testbed/workflow.ts';
import { useBench } from './steps.ts';

const b = useBench();
let c: NewCase;
const TRIAGE = 'dr-triage@hospital.example';

beforeEach(async () => {
  b.reset(1000);
  c = await createDraftCase(b);
  expect((await caseAction(c, 'POST', 'submit')).statusCode).toBe(202);
  await waitForMail(b, 'triage_request', c.caseId);
});

const link = (label: string) => b.mailer.link('triage_request', TRIAGE, label, c.caseId);

async function snapshot(url: string) {
  return {
    link: await b.store.getLink(hashToken(tokenOf(url))),
    wait: await b.store.getWait(c.caseId, 'triage'),
    case: await b.store.getCase(c.caseId),
    events: (await b.store.listEvents(c.caseId)).length,
  };
}

describe('a link record', () => {
  it("is deleted by the table's TTL 30 days (EXPIRED_LINK_DAYS) after the link expires, never before", async () => {
    const { Item } = await b.table.client.send(
      new GetCommand({
        TableName: b.table.tableName,
        Key: keys.link(hashToken(tokenOf(link('Documentazione completa')))),
      }),
    );
    expect(Item?.expiresAt).toEqual(expect.any(String));
    // Epoch seconds, rounded up.
    const kept = Number(Item?.expiresAtEpoch) * 1000 - Date.parse(String(Item?.expiresAt));
    expect(kept - 30 * 86_400_000).toBeGreaterThanOrEqual(0);
    expect(kept - 30 * 86_400_000).toBeLessThan(1000);
    // The domain's view of it carries no storage attribute.
    expect(await b.store.getLink(hashToken(tokenOf(link('Documentazione completa'))))).not.toHaveProperty(
      'expiresAtEpoch',
    );
  });
});

describe('GET /a/{token}', () => {
  it('shows the case, what is asked and one form, and changes nothing', async () => {
    const url = link('Richieda documenti');
    const before = await snapshot(url);
    const res = await getLink(url);
    const again = await getLink(url);
    expect(res.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toContain('text/html');
    expect(res.body).toContain('lang="it"');
    expect(res.body).toContain(c.reference);
    // Consultation and document types in the staff member's language.
    expect(res.body).toContain('Oncologico');
    expect(res.body).toContain('referto-oncologico.pdf');
    expect(res.body).toContain('Relazione dell&#39;oncologo curante');
    expect(res.body.match(/<form method="post"/g)).toHaveLength(1);
    expect(res.body).toContain('name="documents"');
    expect(await snapshot(url)).toEqual(before);
    expect(b.workflow.taskSuccesses).toBe(0);
  });
});

describe('POST /a/{token}', () => {
  it('acts once: a second POST shows who decided what and when', async () => {
    const url = link('Documentazione completa');
    expect((await postLink(url)).statusCode).toBe(200);
    const second = await postLink(url);
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Anna Triage');
    expect(second.body).toContain('Documentazione completa');
    // Every other link of the step now shows the decision too.
    const other = await getLink(link('Rifiuti la richiesta'));
    expect(other.statusCode).toBe(409);
    expect(other.body).toContain('Anna Triage');
    expect(b.workflow.taskSuccesses).toBe(1);
    await waitForStatus(b, c.caseId, 'awaiting_payment');
  });

  it('gives exactly one SendTaskSuccess to concurrent POSTs', async () => {
    const complete = link('Documentazione completa');
    const reject = link('Rifiuti la richiesta');
    const results = await Promise.all([
      postLink(complete),
      postLink(complete),
      postLink(reject),
      postLink(complete),
      postLink(reject),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409]);
    expect(b.workflow.taskSuccesses).toBe(1);
    const wait = await b.store.getWait(c.caseId, 'triage');
    const expected = wait?.decision === 'complete' ? 'awaiting_payment' : 'rejected';
    await waitForStatus(b, c.caseId, expected);
  });

  it('refuses an expired link with 410 and changes nothing', async () => {
    const token = newSecretToken();
    const wait = (await b.store.getWait(c.caseId, 'triage'))!;
    await b.store.putLink({
      tokenHash: hashToken(token),
      caseId: c.caseId,
      step: 'triage',
      decision: 'complete',
      recipient: 'dr-triage',
      waitOpenedAt: wait.openedAt,
      expiresAt: new Date(b.clock.now().getTime() - 1000).toISOString(),
      createdAt: wait.openedAt,
    });
    const res = await postLink(`http://x/a/${token}`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('scaduto');
    expect((await b.store.getWait(c.caseId, 'triage'))?.decision).toBeUndefined();
    expect(b.workflow.taskSuccesses).toBe(0);
  });

  it('refuses a link of a wait that has moved on with 410', async () => {
    const token = newSecretToken();
    await b.store.putLink({
      tokenHash: hashToken(token),
      caseId: c.caseId,
      step: 'triage',
      decision: 'complete',
      recipient: 'dr-triage',
      waitOpenedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2030-01-01T00:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const res = await postLink(`http://x/a/${token}`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('superata');
    expect(b.workflow.taskSuccesses).toBe(0);
  });

  it('refuses a tampered or unknown token with 404, without revealing anything', async () => {
    const url = link('Documentazione completa');
    const token = tokenOf(url);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered, 'abc', `${token}x`, '../../etc']) {
      const res = await postLink(`http://x/a/${bad}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('This link is not valid');
      expect(res.body).not.toContain(c.reference);
      expect((await getLink(`http://x/a/${bad}`)).statusCode).toBe(404);
    }
    expect(b.workflow.taskSuccesses).toBe(0);
    expect(await statusOf(b, c.caseId)).toBe('triage');
  });

  it('is bound to its step and decision: form fields cannot change them, and it cannot upload a report', async () => {
    const url = link('Documentazione completa');
    expect((await postReportUpload(url)).statusCode).toBe(410);
    expect((await postLink(url, { decision: 'reject', step: 'payment' })).statusCode).toBe(200);
    const wait = await b.store.getWait(c.caseId, 'triage');
    expect(wait?.decision).toBe('complete');
    expect(wait?.decidedBy).toBe('dr-triage');
    await waitForStatus(b, c.caseId, 'awaiting_payment');
  });

  it('shows a missing required field on the form again, without using the link', async () => {
    const url = link('Richieda documenti');
    const res = await postLink(url, { documents: '  \n ' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<form method="post"');
    expect((await b.store.getLink(hashToken(tokenOf(url))))?.usedAt).toBeUndefined();
    expect((await postLink(url, { documents: 'Esame istologico' })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'documents_requested');
  });

  it('escapes what people typed on the pages that show it', async () => {
    const url = link('Rifiuti la richiesta');
    expect((await getLink(url)).body).not.toContain('<script>');
    expect((await postLink(url, { reason: '<script>alert(1)</script>' })).statusCode).toBe(200);
    await waitForStatus(b, c.caseId, 'rejected');
    // The patient is told after the status is written.
    await waitForMail(b, 'case_rejected', c.caseId);
    const mail = b.mailer.ofKind('case_rejected', c.caseId)[0]!;
    expect(mail.html).not.toContain('<script>');
  });
});
