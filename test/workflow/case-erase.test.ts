/**
 * Data retention on the workflow bench (dynalite, the real store and use cases): a closed case's
 * patient tokens get the table's TTL at the end of the access period (and lose it when the case is
 * re-opened), and `so case erase` deletes a case's items, tokens and files, keeps the ledger and a
 * record of the erasure, and refuses a case still open unless forced with a reason.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { hashToken } from '#domain/ids.ts';
import type { Case } from '#domain/model.ts';
import { caseAction, createDraftCase, type NewCase, startAt, waitForMail } from '#local/testbed/workflow.ts';
import { caseUrl } from '#usecases/common/links.ts';
import { main } from '../../bin/so.ts';
import { useBench } from './steps.ts';

const b = useBench();

const DAY_MS = 86_400_000;

async function so(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function raw(pk: string, sk: string) {
  const out = await b.table.client.send(new GetCommand({ TableName: b.table.tableName, Key: { pk, sk } }));
  return out.Item;
}

/** The TTL (epoch seconds) of the patient token `token`, or undefined when it has none. */
async function tokenTtl(token: string): Promise<number | undefined> {
  return (await raw(`PATIENT#${hashToken(token)}`, 'TOKEN'))?.expiresAtEpoch as number | undefined;
}

/** A case as the patient would have it: a token of theirs (from an email) and files in the bucket. */
async function withFiles(c: NewCase) {
  const { deps } = await import('#app/deps.ts');
  const url = await caseUrl(deps(), c.caseId);
  const token = url.split('#token=')[1]!;
  // A document's first-page image too (previews/): it goes with the case's other files.
  for (const key of ['documents/doc-1.pdf', 'previews/doc-1.png', 'forms/form-1.pdf', 'reports/r-1.pdf'])
    await b.documents.put(`cases/${c.caseId}/${key}`, new Uint8Array([37, 80, 68, 70]));
  return token;
}

describe('patient tokens after the case closes', () => {
  it('get the TTL at the end of the access period when the case closes, and lose it when it is re-opened', async () => {
    b.reset(1000);
    const c = await createDraftCase(b);
    const token = await withFiles(c);
    expect(await tokenTtl(token)).toBeUndefined();
    expect((await caseAction(c, 'POST', 'cancel')).statusCode).toBe(200);
    const closed = (await b.store.getCase(c.caseId)) as Case;
    const ends = Date.parse(closed.closedAt!) + 90 * DAY_MS;
    // Every token of the case, the one made with the case and the email's.
    expect(await tokenTtl(token)).toBe(Math.ceil(ends / 1000));
    expect(await tokenTtl(c.patientToken)).toBe(Math.ceil(ends / 1000));
    // A token made after the close (send my link) ends with the others.
    const { deps } = await import('#app/deps.ts');
    const later = (await caseUrl(deps(), c.caseId)).split('#token=')[1]!;
    expect(await tokenTtl(later)).toBe(Math.ceil(ends / 1000));

    // An expired draft re-opened: its tokens are kept again.
    await b.store.updateCase(c.caseId, closed.version, { status: 'expired' });
    const reopened = await so('case', 'reopen', c.reference, '--operator', 'anna');
    expect(reopened.code, reopened.err).toBe(0);
    expect(await tokenTtl(token)).toBeUndefined();
    expect(await tokenTtl(later)).toBeUndefined();
  });
});

describe('so case erase', () => {
  it("deletes a closed case's items, tokens and files, keeps its ledger, its reference and a record without personal data", async () => {
    b.reset(1000);
    const c = await createDraftCase(b, { status: 'released', releasedAt: b.clock.now().toISOString() });
    const token = await withFiles(c);
    const other = await createDraftCase(b);
    const otherToken = await withFiles(other);
    await b.store.appendEvent({
      caseId: c.caseId,
      at: b.clock.now().toISOString(),
      actor: 'system',
      action: 'x',
    });
    await b.store.putDue({
      caseId: c.caseId,
      itemId: 'case',
      reference: c.reference,
      lines: [{ code: 'base', amountCents: 50_000 }],
      amountCents: 50_000,
      billing: 'prepaid',
      createdAt: b.clock.now().toISOString(),
    });

    const erased = await so('case', 'erase', c.reference, '--operator', 'anna');
    expect(erased.code, erased.err).toBe(0);
    expect(erased.out).toMatch(
      new RegExp(`${c.reference}: erased \\(released\\): \\d+ items, 2 patient tokens, 4 files deleted`),
    );

    expect(await b.store.getCase(c.caseId)).toBeUndefined();
    expect(await b.store.listDocuments(c.caseId)).toEqual([]);
    expect(await b.store.listEvents(c.caseId)).toEqual([]);
    expect(await b.store.getPatientToken(hashToken(token))).toBeUndefined();
    expect(await b.store.getPatientToken(hashToken(c.patientToken))).toBeUndefined();
    expect([...b.documents.objects.keys()].filter((k) => k.includes(c.caseId))).toEqual([]);
    // The hospital's accounts stay, and the reference is never issued again.
    expect((await b.store.getLedger(c.caseId)).dues).toHaveLength(1);
    expect(await b.store.getCaseIdByReference(c.reference)).toBe(c.caseId);
    const record = await b.store.getErasure(c.caseId);
    expect(record).toMatchObject({
      caseId: c.caseId,
      reference: c.reference,
      by: 'ops:anna',
      status: 'released',
      deleted: { tokens: 2, objects: 4 },
    });
    expect(JSON.stringify(record)).not.toMatch(/Maria|Rossi|example\.com|referto/);
    // Nothing of the other case was touched.
    expect(await b.store.getCase(other.caseId)).toBeDefined();
    expect(await b.store.getPatientToken(hashToken(otherToken))).toBeDefined();
    expect([...b.documents.objects.keys()].filter((k) => k.includes(other.caseId))).toHaveLength(4);

    // Shown, and erased again, by its reference: the record says what happened.
    const shown = await so('case', 'show', c.reference);
    expect(shown.code).toBe(1);
    expect(shown.err).toContain(`${c.reference} was erased`);
    expect(shown.err).toContain('ops:anna');
  });

  it('refuses a case still open, unless forced with a reason: its workflow is stopped first', async () => {
    b.reset(1000);
    const c = await createDraftCase(b, { status: 'triage', submittedAt: b.clock.now().toISOString() });
    await startAt(b, c, 'triage');
    await waitForMail(b, 'triage_request', c.caseId);

    const refused = await so('case', 'erase', c.reference, '--operator', 'anna');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is triage, not closed: erasing it needs --force and --reason/);
    expect(await b.store.getCase(c.caseId)).toBeDefined();
    expect(await b.store.getErasure(c.caseId)).toBeUndefined();
    const noReason = await so('case', 'erase', c.reference, '--operator', 'anna', '--force');
    expect(noReason.code).toBe(2);
    expect(noReason.err).toMatch(/--force needs --reason/);
    expect((await so('case', 'erase', c.reference)).code).toBe(2);

    const forced = await so(
      'case',
      'erase',
      c.reference,
      '--operator',
      'anna',
      '--force',
      '--reason',
      'GDPR request of 2026-12-01, ticket 42',
    );
    expect(forced.code, forced.err).toBe(0);
    expect(await b.store.getCase(c.caseId)).toBeUndefined();
    expect(await b.store.getErasure(c.caseId)).toMatchObject({
      status: 'triage',
      reason: 'GDPR request of 2026-12-01, ticket 42',
    });
    expect(b.engine.describeExecution(b.workflow.arn(c.caseId)).status).toBe('ABORTED');
  });

  it('names an unknown case', async () => {
    const res = await so('case', 'erase', 'SO-2026-XXXX-XXXX', '--operator', 'anna');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/not_found/);
  });
});
