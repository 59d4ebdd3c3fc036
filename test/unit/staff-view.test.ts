/**
 * The staff view of a case behind an open link: what each staff page shows, from a store in memory.
 * Contacts reach the office only; the patient's links get no view at all.
 */
import { describe, expect, it } from 'vitest';
import { manualClock } from '#domain/clock.ts';
import type { ActionLink, AuditEvent, Case, CaseDocument, StaffMember, Wait } from '#domain/model.ts';
import type { LinkState } from '#usecases/links/resolve-link.ts';
import { staffCaseView } from '#usecases/links/staff-view.ts';
import type { Store } from '#usecases/ports.ts';

const NOW = '2026-03-02T09:00:00.000Z';

const CASE: Case = {
  caseId: 'c1',
  reference: 'SO-2026-AAAA-BBBB',
  paymentReference: 'RF00',
  status: 'triage',
  language: 'it',
  patient: {
    firstName: 'Maria',
    lastName: 'Rossi',
    email: 'maria@example.com',
    phone: '+39 333 1234567',
    dateOfBirth: '1960-03-03',
    country: 'IT',
  },
  requester: {
    firstName: 'Luca',
    lastName: 'Rossi',
    email: 'luca@example.com',
    phone: '+39 333 7654321',
    relationship: 'son',
  },
  consultationTypes: ['oncological', 'surgical'],
  courier: false,
  deadlines: {},
  documentCount: 6,
  documentBytes: 6000,
  createdAt: '2026-02-27T09:00:00.000Z',
  version: 3,
  updatedAt: NOW,
};

function doc(id: string, at: string, changes: Partial<CaseDocument>): CaseDocument {
  return {
    caseId: 'c1',
    documentId: id,
    fileName: `${id}.pdf`,
    key: `cases/c1/documents/${id}.pdf`,
    sizeBytes: 1000,
    state: 'classified',
    uploadExpiresAt: '2026-03-01T00:00:00.000Z',
    createdAt: at,
    updatedAt: at,
    ...changes,
  };
}

const DOCUMENTS: CaseDocument[] = [
  doc('pathology', '2026-02-27T09:02:00.000Z', {
    pages: 2,
    classification: { documentType: 'pathology_report', confidence: 0.55, language: 'it', signals: [] },
    state: 'needs_review',
  }),
  doc('onco', '2026-02-27T09:01:00.000Z', {
    pages: 3,
    classification: {
      documentType: 'oncologist_report',
      confidence: 0.92,
      language: 'it',
      documentDate: '2026-02-20',
      signals: [],
    },
    declaredType: 'oncologist_report',
  }),
  doc('copy', '2026-02-27T09:03:00.000Z', {
    duplicateOf: 'onco',
    classification: { documentType: 'oncologist_report', confidence: 0.92, language: 'it', signals: [] },
  }),
  doc('photo', '2026-02-27T09:04:00.000Z', { state: 'failed', reason: 'no_text', pages: 1 }),
  doc('word', '2026-02-27T09:05:00.000Z', { state: 'rejected', reason: 'not_pdf' }),
  doc('never', '2026-02-27T09:06:00.000Z', { state: 'upload_pending' }),
  doc('new', '2026-03-02T08:59:00.000Z', { state: 'checking', uploadExpiresAt: '2026-03-02T09:10:00.000Z' }),
];

const EVENTS: AuditEvent[] = [
  { caseId: 'c1', at: '2026-03-01T10:00:00.000Z', actor: 'patient', action: 'submit' },
  { caseId: 'c1', at: '2026-02-27T09:00:00.000Z', actor: 'patient', action: 'case_created' },
  {
    caseId: 'c1',
    at: '2026-02-27T09:01:30.000Z',
    actor: 'system',
    action: 'document_received',
    details: { documentId: 'onco', pages: 3 },
  },
  {
    caseId: 'c1',
    at: '2026-03-01T10:00:01.000Z',
    actor: 'system',
    action: 'wait_opened',
    details: { step: 'triage', dueAt: '2026-03-04T22:59:59.000Z' },
  },
  {
    caseId: 'c1',
    at: '2026-03-01T11:00:00.000Z',
    actor: 'dr-triage',
    action: 'document_opened',
    details: { documentId: 'onco', step: 'triage' },
  },
  {
    caseId: 'c1',
    at: '2026-03-01T12:00:00.000Z',
    actor: 'system',
    action: 'fail',
    details: { error: 'Error', message: 'secret stack detail', step: 'triage' },
  },
  {
    caseId: 'c1',
    at: '2026-03-01T13:00:00.000Z',
    actor: 'dr-lead',
    action: 'reject',
    details: { step: 'triage', reason: 'Not an oncological question' },
  },
  {
    caseId: 'c1',
    at: '2026-03-01T14:00:00.000Z',
    actor: 'dr-triage',
    action: 'assign',
    details: { step: 'assignment', assigneeId: 'dr-onco' },
  },
  {
    caseId: 'c1',
    at: '2026-03-01T15:00:00.000Z',
    actor: 'dr-spec-lead',
    action: 'extend',
    details: { step: 'report', workingDays: 2, reason: 'complex_case' },
  },
];

const STAFF: StaffMember[] = [
  ['dr-triage', 'Anna Triage', 'triage'],
  ['dr-lead', 'Bruno Lead', 'triage_lead'],
  ['dr-onco', 'Carla Onco', 'specialist'],
  ['front-desk', 'Olga Office', 'office'],
].map(([staffId, name, role]) => ({
  staffId: staffId!,
  name: name!,
  email: `${staffId}@hospital.example`,
  roles: [role as StaffMember['roles'][number]],
  consultationTypes: [],
  languages: ['it'],
  active: true,
  createdAt: NOW,
}));

const WAIT: Wait = {
  caseId: 'c1',
  step: 'triage',
  taskToken: 't',
  openedAt: '2026-03-01T10:00:01.000Z',
  dueAt: '2026-03-04T22:59:59.000Z',
  endsAt: '2026-03-06T22:59:59.000Z',
  recipients: ['dr-triage'],
};

function deps(cases: Case[] = [CASE], waits: Wait[] = [WAIT]) {
  const store = {
    getCase: async (id: string) => cases.find((c) => c.caseId === id),
    listDocuments: async (id: string) => DOCUMENTS.filter((d) => d.caseId === id).map((d) => ({ ...d })),
    listEvents: async (id: string) => EVENTS.filter((e) => e.caseId === id),
    getWait: async (id: string, step: string) => waits.find((w) => w.caseId === id && w.step === step),
    getStaff: async (id: string) => STAFF.find((s) => s.staffId === id),
  } as unknown as Store;
  return { clock: manualClock(NOW), store };
}

function open(
  recipient: string,
  c: Case = CASE,
  decision = 'complete',
): Extract<LinkState, { kind: 'open' }> {
  const link: ActionLink = {
    tokenHash: 'h',
    caseId: c.caseId,
    step: 'triage',
    decision,
    recipient,
    expiresAt: '2026-04-01T00:00:00.000Z',
    createdAt: NOW,
  };
  return { kind: 'open', language: 'it', link, case: c, wait: WAIT };
}

describe('staffCaseView', () => {
  it('lists the documents staff can open, oldest first, with what was read and declared', async () => {
    const v = (await staffCaseView(deps(), open('dr-triage')))!;
    expect(v.documents.map((d) => [d.documentId, d.state, d.openable])).toEqual([
      ['onco', 'classified', true],
      ['pathology', 'needs_review', true],
      ['copy', 'classified', true],
      ['photo', 'failed', true],
      ['new', 'checking', false],
    ]);
    const [onco, pathology, copy, photo] = v.documents;
    expect(onco).toMatchObject({
      fileName: 'onco.pdf',
      pages: 3,
      classifiedAs: { documentType: 'oncologist_report', confidence: 0.92 },
      declaredType: 'oncologist_report',
    });
    expect(pathology!.classifiedAs).toEqual({ documentType: 'pathology_report', confidence: 0.55 });
    expect(pathology).not.toHaveProperty('declaredType');
    expect(copy!.duplicateOf).toEqual({ documentId: 'onco', fileName: 'onco.pdf' });
    expect(photo).toMatchObject({ reason: 'no_text' });
    expect(photo).not.toHaveProperty('classifiedAs');
  });

  it('builds the checklist from the documents that arrived: the identity document is missing', async () => {
    const v = (await staffCaseView(deps(), open('dr-triage')))!;
    const missing = v.checklist.problems.filter((p) => p.code === 'required_missing');
    expect(missing.map((p) => p.params.documentType)).toEqual(
      // The request form and the consent are the service's own now, never the patient's to upload.
      ['identity_document'],
    );
    expect(missing.map((p) => p.params.documentType)).not.toContain('oncologist_report');
    // Someone applies for the patient: their proxy authorization is required.
    expect(v.checklist.problems.map((p) => p.code)).toContain('proxy_authorization_missing');
    expect(v.checklist.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['rejected_file', 'failed_file', 'duplicate_file', 'needs_review']),
    );
  });

  it("gives the patient's language, age on the site's date and country, and the types asked for", async () => {
    const v = (await staffCaseView(deps(), open('dr-triage')))!;
    // Born 3 March 1960: 65 on 2 March 2026.
    expect(v.patient).toEqual({ language: 'it', age: 65, country: 'IT', hasRequester: true });
    expect(v.consultationTypes).toEqual(['oncological', 'surgical']);
    expect(v.reference).toBe('SO-2026-AAAA-BBBB');
    expect(v.status).toBe('triage');
  });

  it('gives contact details to the office alone: the mailbox or a member of the office', async () => {
    for (const who of ['dr-triage', 'dr-lead', 'dr-onco']) {
      const v = (await staffCaseView(deps(), open(who)))!;
      expect(v.patient.contacts, who).toBeUndefined();
      expect(JSON.stringify(v), who).not.toContain('maria@example.com');
      expect(JSON.stringify(v), who).not.toContain('333');
    }
    for (const who of ['office', 'front-desk']) {
      const v = (await staffCaseView(deps(), open(who, CASE, 'view')))!;
      expect(v.patient.contacts, who).toEqual({
        patient: {
          firstName: 'Maria',
          lastName: 'Rossi',
          email: 'maria@example.com',
          phone: '+39 333 1234567',
        },
        requester: {
          firstName: 'Luca',
          lastName: 'Rossi',
          email: 'luca@example.com',
          phone: '+39 333 7654321',
          relationship: 'son',
        },
        emailBounced: false,
      });
    }
  });

  it("gives nothing for the patient's links", async () => {
    expect(await staffCaseView(deps(), open('patient', CASE, 'approve'))).toBeUndefined();
  });

  it('writes the timeline in order, by role or staff name, without free text staff may not see', async () => {
    const v = (await staffCaseView(deps(), open('dr-triage')))!;
    expect(v.timeline.map((e) => e.action)).toEqual([
      'case_created',
      'document_received',
      'submit',
      'wait_opened',
      'document_opened',
      'fail',
      'reject',
      'assign',
      'extend',
    ]);
    const by = Object.fromEntries(v.timeline.map((e) => [e.action, e]));
    expect(by.case_created!.by).toEqual({ role: 'patient' });
    expect(by.document_received).toMatchObject({ by: { role: 'system' }, fileName: 'onco.pdf' });
    expect(by.document_opened).toMatchObject({
      by: { name: 'Anna Triage' },
      fileName: 'onco.pdf',
      step: 'triage',
    });
    expect(by.reject).toMatchObject({ by: { name: 'Bruno Lead' }, reason: 'Not an oncological question' });
    expect(by.assign).toMatchObject({ specialist: 'Carla Onco', step: 'assignment' });
    expect(by.extend).toMatchObject({ extension: { workingDays: 2, reason: 'complex_case' } });
    expect(by.fail).toEqual({
      at: '2026-03-01T12:00:00.000Z',
      by: { role: 'system' },
      action: 'fail',
      step: 'triage',
    });
    expect(JSON.stringify(v.timeline)).not.toContain('secret stack detail');
    // Staff by name, never by email address.
    expect(JSON.stringify(v.timeline)).not.toContain('@');
  });

  it('shows the wait the case is on, until it is decided', async () => {
    expect((await staffCaseView(deps(), open('dr-triage')))!.wait).toEqual({
      step: 'triage',
      dueAt: '2026-03-04T22:59:59.000Z',
      endsAt: '2026-03-06T22:59:59.000Z',
    });
    const decided = { ...WAIT, decision: 'complete', decidedBy: 'dr-triage' };
    expect((await staffCaseView(deps([CASE], [decided]), open('dr-triage')))!.wait).toBeUndefined();
    const released: Case = { ...CASE, status: 'released' };
    expect((await staffCaseView(deps([released]), open('office', released, 'view')))!.wait).toBeUndefined();
  });

  it('names the previous case of an update, whether its report is out, and (released) its documents', async () => {
    const previous: Case = {
      ...CASE,
      caseId: 'c0',
      reference: 'SO-2025-PREV-IOUS',
      status: 'released',
      reportKey: 'cases/c0/reports/r.pdf',
      submittedAt: '2025-06-10T08:00:00.000Z',
    };
    const update: Case = { ...CASE, previousCaseId: 'c0', previousReference: 'SO-2025-PREV-IOUS' };
    const v = (await staffCaseView(deps([update, previous]), open('dr-triage', update)))!;
    expect(v.previous).toEqual({
      reference: 'SO-2025-PREV-IOUS',
      requestedAt: '2025-06-10T08:00:00.000Z',
      released: true,
      // The fake store's documents are all of CASE (c1): none of the previous case's.
      documents: [],
    });
    const unreleased = { ...previous, status: 'in_report' as const, reportKey: undefined };
    expect((await staffCaseView(deps([update, unreleased]), open('dr-triage', update)))!.previous).toEqual({
      reference: 'SO-2025-PREV-IOUS',
      requestedAt: '2025-06-10T08:00:00.000Z',
      released: false,
    });
    expect((await staffCaseView(deps(), open('dr-triage')))!.previous).toBeUndefined();
  });
});
