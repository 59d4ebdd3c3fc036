import { beforeEach, describe, expect, it } from 'vitest';
import { handler as createCase } from '#functions/api/create-case.ts';
import { handler as createUpload } from '#functions/api/create-upload.ts';
import { type Bench, CREATE_BODY, call, httpEvent, LIMITS, setup } from './harness.ts';

let b: Bench;
let caseId: string;
let token: string;

beforeEach(async () => {
  b = setup();
  const res = await call(createCase, httpEvent('POST', '/cases', { body: CREATE_BODY }));
  caseId = res.body.caseId;
  token = res.body.patientToken;
});

const FILE = { fileName: 'referto.pdf', contentType: 'application/pdf', sizeBytes: 1234 };
const upload = (body: unknown = FILE, opts: { token?: string; caseId?: string; rawBody?: string } = {}) =>
  call(
    createUpload,
    httpEvent('POST', `/cases/${opts.caseId ?? caseId}/uploads`, {
      ...(opts.rawBody !== undefined ? { rawBody: opts.rawBody } : { body }),
      ...('token' in opts ? (opts.token === undefined ? {} : { token: opts.token }) : { token }),
      pathParameters: { caseId: opts.caseId ?? caseId },
    }),
  );
const theCase = () => b.table.get(`CASE#${caseId}`, 'CASE')!;
/** The patient's uploads (the request form the service made at creation is not one). */
const docs = () => b.table.byPrefix(`CASE#${caseId}`, 'DOC#').filter((d) => d.origin !== 'service');

describe('POST /cases/{caseId}/uploads', () => {
  it('issues a presigned POST for one PDF under a server-chosen key and counts it on the case', async () => {
    const res = await upload();
    expect(res.status).toBe(201);
    const { documentId, upload: post, expiresAt } = res.body;
    const key = `cases/${caseId}/documents/${documentId}.pdf`;
    expect(post.url).toContain('documents');
    expect(post.fields).toMatchObject({ key, 'Content-Type': 'application/pdf' });
    const policy = JSON.parse(Buffer.from(post.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$Content-Type', 'application/pdf'],
        ['content-length-range', 1, LIMITS.MAX_UPLOAD_BYTES],
      ]),
    );
    expect(expiresAt).toBe('2026-11-20T09:15:00.000Z');
    expect(docs()).toEqual([
      expect.objectContaining({
        documentId,
        key,
        fileName: 'referto.pdf',
        state: 'upload_pending',
        sizeBytes: 1234,
      }),
    ]);
    expect(theCase()).toMatchObject({ documentCount: 1, documentBytes: 1234, version: 1 });
  });

  it('issues every upload of several files asked for at the same moment, and counts them all', async () => {
    const n = LIMITS.MAX_FILES_PER_CASE;
    const results = await Promise.all(Array.from({ length: n }, () => upload()));
    expect(results.map((r) => r.status)).toEqual(Array(n).fill(201));
    expect(new Set(results.map((r) => r.body.documentId)).size).toBe(n);
    expect(docs()).toHaveLength(n);
    expect(theCase()).toMatchObject({ documentCount: n, documentBytes: n * 1234 });
  });

  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\maria\\Desktop\\esame istologico.pdf', 'esame istologico.pdf'],
    ['rep\u0000ort\u0007\n.pdf', 'report.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['   ', 'document.pdf'],
    [`${'a'.repeat(300)}.pdf`, `${'a'.repeat(116)}.pdf`],
  ])('keeps the file name %j only as sanitised metadata: %j', async (fileName, stored) => {
    const res = await upload({ ...FILE, fileName });
    expect(res.status).toBe(201);
    expect(res.body.upload.fields.key).toBe(`cases/${caseId}/documents/${res.body.documentId}.pdf`);
    expect(docs()[0]!.fileName).toBe(stored);
  });

  it('answers a missing, wrong or foreign token, and an unknown case, with the same 401', async () => {
    const other = await call(createCase, httpEvent('POST', '/cases', { body: CREATE_BODY }));
    const before = b.table.snapshot();
    const answers = [
      await upload(FILE, { token: undefined }),
      await upload(FILE, { token: 'x'.repeat(43) }),
      await upload(FILE, { token: other.body.patientToken }),
      await upload(FILE, { token, caseId: '00000000-0000-4000-8000-000000000000' }),
      await upload(FILE, { token, caseId: 'not-a-case' }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.body).toEqual(answers[0]!.body);
    }
    expect(b.table.snapshot()).toBe(before);
  });

  it.each([
    ['a content type other than PDF', { ...FILE, contentType: 'image/png' }, 415, 'unsupported_media_type'],
    ['an empty file', { ...FILE, sizeBytes: 0 }, 400, 'empty_file'],
    [
      'a file over the size limit',
      { ...FILE, sizeBytes: LIMITS.MAX_UPLOAD_BYTES + 1 },
      413,
      'file_too_large',
    ],
    ['an unknown field', { ...FILE, key: 'cases/x/documents/y.pdf' }, 400, 'validation_failed'],
    ['a fractional size', { ...FILE, sizeBytes: 1.5 }, 400, 'validation_failed'],
  ])('refuses %s and leaves the case as it was', async (_, body, status, code) => {
    const before = b.table.snapshot();
    const res = await upload(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(b.table.snapshot()).toBe(before);
  });

  it('refuses invalid JSON with 400', async () => {
    const res = await upload(undefined, { rawBody: '{"fileName":' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    expect(docs()).toHaveLength(0);
  });

  it('accepts the size limit exactly', async () => {
    expect((await upload({ ...FILE, sizeBytes: LIMITS.MAX_UPLOAD_BYTES })).status).toBe(201);
  });

  it('refuses a file beyond the per-case file count, keeping the count', async () => {
    for (let i = 0; i < LIMITS.MAX_FILES_PER_CASE; i++) expect((await upload()).status).toBe(201);
    const res = await upload();
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'too_many_files',
      details: { maxFiles: LIMITS.MAX_FILES_PER_CASE },
    });
    expect(theCase().documentCount).toBe(LIMITS.MAX_FILES_PER_CASE);
    expect(docs()).toHaveLength(LIMITS.MAX_FILES_PER_CASE);
  });

  it('refuses a file beyond the per-case total bytes', async () => {
    expect((await upload({ ...FILE, sizeBytes: 150_000 })).status).toBe(201);
    expect((await upload({ ...FILE, sizeBytes: 150_000 })).status).toBe(201);
    const res = await upload({ ...FILE, sizeBytes: 150_000 });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'case_too_large', details: { bytesLeft: 100_000 } });
    expect(theCase()).toMatchObject({ documentCount: 2, documentBytes: 300_000 });
  });

  it('refuses uploads once the case has left draft', async () => {
    const c = theCase();
    b.table.items.set(`CASE#${caseId}|CASE`, { ...c, status: 'triage' });
    const res = await upload();
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'uploads_closed' } } });
    expect(docs()).toHaveLength(0);
  });

  it('retries the count update when another upload changed the case first', async () => {
    b.table.loseNextWriteTo(`CASE#${caseId}`);
    const res = await upload();
    expect(res.status).toBe(201);
    expect(theCase()).toMatchObject({ documentCount: 1, documentBytes: 1234 });
  });
});
