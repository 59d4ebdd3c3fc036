import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoStore, dynamoStore } from '#adapters/dynamodb/store.ts';
import type { ActionLink, Case, CaseDocument, StaffMember, Wait } from '#domain/model.ts';
import { startTestTable, type TestTable } from '#local/testbed/dynalite.ts';
import { ConflictError } from '#usecases/ports.ts';

let table: TestTable;
let store: DynamoStore;

beforeAll(async () => {
  table = await startTestTable();
  store = dynamoStore(table.client, table.tableName);
});
afterAll(() => table.close());

const NOW = '2026-12-04T09:00:00.000Z';

function aCase(caseId: string, reference: string): Case {
  return {
    caseId,
    reference,
    paymentReference: 'RF00',
    status: 'draft',
    language: 'it',
    patient: {
      firstName: 'Giulia',
      lastName: 'Rossi',
      email: 'giulia@example.org',
      phone: '+39 333 000 0000',
      dateOfBirth: '1970-05-01',
      country: 'IT',
    },
    consultationTypes: ['oncological'],
    courier: false,
    deadlines: {},
    documentCount: 0,
    documentBytes: 0,
    createdAt: NOW,
    version: 1,
    updatedAt: NOW,
  };
}

describe('DynamoStore on dynalite', () => {
  it('creates a case reachable by id, reference and patient token, and never reuses a reference', async () => {
    await store.createCase(aCase('c1', 'SO-2026-AAAA-0001'), {
      tokenHash: 'h1',
      caseId: 'c1',
      createdAt: NOW,
    });
    expect((await store.getCase('c1'))?.patient.firstName).toBe('Giulia');
    expect(await store.getCaseIdByReference('SO-2026-AAAA-0001')).toBe('c1');
    expect((await store.getPatientToken('h1'))?.caseId).toBe('c1');
    await expect(
      store.createCase(aCase('c2', 'SO-2026-AAAA-0001'), { tokenHash: 'h2', caseId: 'c2', createdAt: NOW }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await store.getCase('c2')).toBeUndefined();
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    await store.createCase(aCase('c3', 'SO-2026-AAAA-0003'), {
      tokenHash: 'h3',
      caseId: 'c3',
      createdAt: NOW,
    });
    const results = await Promise.allSettled([
      store.updateCase('c3', 1, { status: 'triage', deadlines: { triageDue: '2026-12-09T22:59:59.000Z' } }),
      store.updateCase('c3', 1, { status: 'cancelled' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
      ConflictError,
    );
    const after = await store.getCase('c3');
    expect(after?.version).toBe(2);
    await expect(store.updateCase('c3', 1, { courier: true })).rejects.toBeInstanceOf(ConflictError);
    const removed = await store.updateCase('c3', 2, { reason: 'processing_error' });
    expect((await store.updateCase('c3', removed.version, { reason: undefined })).reason).toBeUndefined();
  });

  it('moves a document only from the expected states', async () => {
    const doc: CaseDocument = {
      caseId: 'c1',
      documentId: 'd1',
      fileName: 'referto.pdf',
      key: 'cases/c1/documents/d1.pdf',
      sizeBytes: 1000,
      state: 'upload_pending',
      uploadExpiresAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
    };
    await store.putDocument(doc);
    await expect(store.putDocument(doc)).rejects.toBeInstanceOf(ConflictError);
    const moved = await store.updateDocument('c1', 'd1', ['upload_pending'], { state: 'checking' });
    expect(moved.state).toBe('checking');
    await expect(
      store.updateDocument('c1', 'd1', ['upload_pending'], { state: 'checking' }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      store.updateDocument('c1', 'nope', ['upload_pending'], { state: 'checking' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await store.listDocuments('c1')).map((d) => d.documentId)).toEqual(['d1']);
  });

  it('lists unsettled documents by state, oldest first, and moves a document only if unchanged when asked', async () => {
    const doc = (documentId: string, at: string): CaseDocument => ({
      caseId: 'c9',
      documentId,
      fileName: 'f.pdf',
      key: `cases/c9/documents/${documentId}.pdf`,
      sizeBytes: 1,
      state: 'upload_pending',
      uploadExpiresAt: at,
      createdAt: at,
      updatedAt: at,
    });
    await store.putDocument(doc('old', '2026-12-01T09:00:00.000Z'));
    await store.putDocument(doc('new', '2026-12-03T09:00:00.000Z'));
    await store.putDocument(doc('mid', '2026-12-02T09:00:00.000Z'));
    const ids = async (state: CaseDocument['state'], by: string, limit = 10) =>
      (await store.listDocumentsByState(state, by, limit))
        .filter((d) => d.caseId === 'c9')
        .map((d) => d.documentId);
    expect(await ids('upload_pending', '2026-12-02T09:00:00.000Z')).toEqual(['old', 'mid']);
    expect(await ids('upload_pending', '2026-12-31T00:00:00.000Z', 2)).toEqual(['old', 'mid']);

    await expect(
      store.updateDocument('c9', 'old', ['upload_pending'], { state: 'checking', updatedAt: NOW }, 'stale'),
    ).rejects.toBeInstanceOf(ConflictError);
    await store.updateDocument(
      'c9',
      'old',
      ['upload_pending'],
      { state: 'checking', updatedAt: NOW },
      '2026-12-01T09:00:00.000Z',
    );
    expect(await ids('upload_pending', '2026-12-31T00:00:00.000Z')).toEqual(['mid', 'new']);
    expect(await ids('checking', NOW)).toEqual(['old']);
    // A settled document leaves the index.
    await store.updateDocument('c9', 'old', ['checking'], { state: 'rejected', updatedAt: NOW });
    expect(await ids('checking', '2026-12-31T00:00:00.000Z')).toEqual([]);
    expect((await store.getDocument('c9', 'old'))?.state).toBe('rejected');
  });

  it('keeps every audit event, even several in the same millisecond, in order', async () => {
    await Promise.all(
      ['a', 'b', 'c'].map((action) => store.appendEvent({ caseId: 'c1', at: NOW, actor: 'system', action })),
    );
    await store.appendEvent({ caseId: 'c1', at: '2026-12-04T09:00:01.000Z', actor: 'patient', action: 'd' });
    const events = await store.listEvents('c1');
    expect(events.map((e) => e.action).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(events.at(-1)?.action).toBe('d');
  });

  it('tells its listener of each audit event once it is stored, once, even after a same-millisecond retry', async () => {
    const told: string[] = [];
    const listening = dynamoStore(table.client, table.tableName, (e) => told.push(e.action));
    await Promise.all(
      ['x', 'y'].map((action) => listening.appendEvent({ caseId: 'c8', at: NOW, actor: 'system', action })),
    );
    expect(told.sort()).toEqual(['x', 'y']);
    expect((await listening.listEvents('c8')).map((e) => e.action).sort()).toEqual(['x', 'y']);
  });

  it('records only the first decision of a wait, and uses a link once', async () => {
    const wait: Wait = {
      caseId: 'c1',
      step: 'triage',
      taskToken: 'task-token',
      openedAt: NOW,
      dueAt: NOW,
      recipients: ['s1'],
    };
    await store.putWait(wait);
    const decisions = await Promise.allSettled([
      store.decideWait('c1', 'triage', { by: 's1', decision: 'complete', at: NOW }),
      store.decideWait('c1', 'triage', { by: 's2', decision: 'reject', at: NOW }),
    ]);
    expect(decisions.filter((d) => d.status === 'fulfilled')).toHaveLength(1);
    await expect(
      store.decideWait('c1', 'payment', { by: 's1', decision: 'x', at: NOW }),
    ).rejects.toBeInstanceOf(ConflictError);

    const link: ActionLink = {
      tokenHash: 'l1',
      caseId: 'c1',
      step: 'triage',
      decision: 'complete',
      recipient: 's1',
      waitOpenedAt: NOW,
      expiresAt: NOW,
      createdAt: NOW,
    };
    await store.putLink(link);
    expect((await store.useLink('l1', NOW)).usedAt).toBe(NOW);
    await expect(store.useLink('l1', NOW)).rejects.toBeInstanceOf(ConflictError);
    await expect(store.useLink('unknown', NOW)).rejects.toBeInstanceOf(ConflictError);
  });

  it('lists staff by role and follows role changes', async () => {
    const doctor: StaffMember = {
      staffId: 'dr-bianchi',
      name: 'Dr Bianchi',
      email: 'bianchi@hospital.example',
      roles: ['triage', 'specialist'],
      consultationTypes: ['oncological'],
      languages: ['it', 'en'],
      active: true,
      createdAt: NOW,
    };
    await store.putStaff(doctor);
    expect((await store.listStaff('specialist')).map((s) => s.staffId)).toEqual(['dr-bianchi']);
    await store.putStaff({ ...doctor, roles: ['specialist'] });
    expect(await store.listStaff('triage')).toEqual([]);
    expect((await store.listStaff()).map((s) => s.roles)).toEqual([['specialist']]);
  });
});
