import { GetDocumentTextDetectionCommand } from '@aws-sdk/client-textract';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as getCase } from '#functions/api/get-case.ts';
import { handler as textDetected } from '#functions/intake/text-detected.ts';
import type { CaseView } from '#usecases/patient/views.ts';
import { fixture, issueUpload, land, newCase } from './flow.ts';
import {
  type Bench,
  CREATE_BODY,
  call,
  httpEvent,
  setup,
  snsTextract,
  sqsEvent,
  textract,
} from './harness.ts';

let b: Bench;
let c: { caseId: string; token: string };
beforeEach(async () => {
  b = setup();
  c = await newCase({
    ...CREATE_BODY,
    requester: {
      firstName: 'Luca',
      lastName: 'B',
      email: 'l@example.com',
      phone: '+39 02 123456',
      relationship: 'son',
    },
  });
});

const view = async (token = c.token, caseId = c.caseId) =>
  call(getCase, httpEvent('GET', `/cases/${caseId}`, { token, pathParameters: { caseId } }));

async function classified(text: string[]) {
  const pdf = fixture('bad/ok.pdf');
  const { documentId, key } = await issueUpload(c, pdf.length, 'scan.pdf');
  // Distinct bytes per file, so they are not exact duplicates of each other.
  await land(b, key, new Uint8Array([...pdf, ...new TextEncoder().encode(`%${documentId}\n`)]));
  textract.on(GetDocumentTextDetectionCommand).resolves({
    JobStatus: 'SUCCEEDED',
    Blocks: text.map((Text) => ({ BlockType: 'LINE', Page: 1, Text })),
  });
  await textDetected(sqsEvent([snsTextract(`job-${documentId}`, 'SUCCEEDED')]));
  return documentId;
}

describe('GET /cases/{caseId}', () => {
  it('shows a new case: nothing uploaded yet, everything required missing, upload first', async () => {
    const res = await view();
    expect(res.status).toBe(200);
    const v = res.body as CaseView;
    expect(v).toMatchObject({
      caseId: c.caseId,
      status: 'draft',
      language: 'it',
      consultationTypes: ['oncological'],
      patientFirstName: 'Giulia',
      hasRequester: true,
      quote: null,
      ledger: null,
      documents: [],
      can: { upload: true, submit: false, cancel: true },
      next: 'upload_documents',
      limits: { maxFiles: 3, filesLeft: 3 },
    });
    expect(v.paymentReference).toMatch(/^RF\d{2}SO2026/);
    expect(v.checklist.complete).toBe(false);
    expect(v.checklist.problems.map((p) => p.code)).toContain('proxy_authorization_missing');
  });

  it('shows documents with their state and classification, the checklist, and what to do next', async () => {
    const pathology = await classified([
      'ANATOMIA PATOLOGICA',
      'REFERTO ISTOLOGICO',
      'Data referto: 12/11/2026',
      'Materiale: biopsia mammaria destra.',
      'Diagnosi istologica: carcinoma duttale infiltrante.',
    ]);
    b.clock.advance(1000);
    const { documentId: pending } = await issueUpload(c, 100, 'later.pdf');
    let v = (await view()).body as CaseView;
    expect(v.documents.map((d) => [d.documentId, d.state])).toEqual([
      [pathology, 'classified'],
      [pending, 'upload_pending'],
    ]);
    expect(v.documents[0]!.classification).toEqual({
      documentType: 'pathology_report',
      confidence: expect.any(Number),
      language: 'it',
      documentDate: '2026-11-12',
    });
    expect(v.checklist.items.find((i) => i.documentType === 'pathology_report')).toMatchObject({
      present: true,
      documentIds: [pathology],
    });
    expect(v).toMatchObject({
      can: { submit: false },
      next: 'wait_for_documents_check',
      limits: { filesLeft: 1 },
    });

    // An upload never sent shows as not received once its window has passed, and no longer holds up submitting.
    b.clock.advance(16 * 60 * 1000);
    v = (await view()).body as CaseView;
    expect(v.documents[1]!.state).toBe('not_received');
    expect(v).toMatchObject({ can: { submit: true }, next: 'submit' });
  });

  it("keeps the patient's links working 90 days (PATIENT_ACCESS_DAYS) after the case closed, then refuses them", async () => {
    const closedAt = new Date(b.clock.now().getTime() + 86_400_000);
    // The case was cancelled a day later; its last change is its closing.
    const item = b.table.get(`CASE#${c.caseId}`, 'CASE')!;
    Object.assign(item, { status: 'cancelled', updatedAt: closedAt.toISOString() });
    b.clock.set(new Date(closedAt.getTime() + 90 * 86_400_000 - 1000));
    expect((await view()).status).toBe(200);
    b.clock.advance(1000);
    // Said plainly (the link has expired), which a token that never opened the case is not told.
    const refused = await view();
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('link_expired');
    // A case still open keeps its links however long it takes.
    const open = await newCase();
    b.clock.advance(400 * 86_400_000);
    expect((await view(open.token, open.caseId)).status).toBe(200);
  });

  it('answers a wrong token, a foreign token and a missing case with the same 401', async () => {
    const other = await newCase();
    const answers = [
      await view('y'.repeat(43)),
      await view(other.token),
      await view(c.token, '00000000-0000-4000-8000-000000000000'),
      await call(getCase, httpEvent('GET', `/cases/${c.caseId}`, { pathParameters: { caseId: c.caseId } })),
    ];
    for (const a of answers) expect(a).toEqual({ status: 401, body: answers[0]!.body });
  });
});
