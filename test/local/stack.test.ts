/**
 * The stack's own plumbing, in-process: the stand-ins answer the SDK adapters the handlers use,
 * an upload through the presigned POST reaches the uploads queue as an S3 event, the bucket
 * allows the page's origin, mail lands in the mailbox, the demo staff is seeded.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deps } from '#app/deps.ts';
import { type LocalStack, startLocalStack } from '#local/stack.ts';

const PDF = readFileSync(new URL('../fixtures/corpus/002-oncologist_report-en.pdf', import.meta.url));
let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'so-stack-'));
  stack = await startLocalStack({ dataDir, ports: 0, speed: 1000, quiet: true });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local stack', () => {
  it('writes the endpoints and points the handlers at them through AWS_ENDPOINT_URL_<SERVICE>', () => {
    const written = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8'));
    expect(written).toEqual(stack.endpoints);
    expect(Object.keys(written).sort()).toEqual([
      'api',
      'dynamodb',
      'mailbox',
      's3',
      'ses',
      'stepfunctions',
      'textract',
    ]);
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(stack.endpoints.dynamodb);
    expect(process.env.AWS_ENDPOINT_URL_SFN).toBe(stack.endpoints.stepfunctions);
    expect(deps().config.PUBLIC_BASE_URL).toBe(stack.endpoints.api);
  });

  it('seeds the demo staff: every role, specialists of every consultation type, two pathologists', async () => {
    const staff = await deps().store.listStaff();
    const roles = new Set(staff.flatMap((s) => s.roles));
    expect([...roles].sort()).toEqual([
      'office',
      'pathology',
      'secretariat',
      'specialist',
      'specialist_lead',
      'triage',
      'triage_lead',
    ]);
    const types = new Set(
      staff.filter((s) => s.roles.includes('specialist')).flatMap((s) => s.consultationTypes),
    );
    expect([...types].sort()).toEqual(['cardio_oncological', 'oncological', 'radiotherapy', 'surgical']);
    expect((await deps().store.listStaff('triage')).map((s) => s.staffId)).toEqual(['triage-rossi']);
    // The pathology's tasks go to each of its members, in their language: one reads Italian, one English.
    const pathology = await deps().store.listStaff('pathology');
    expect(pathology.map((s) => s.languages[0]).sort()).toEqual(['en', 'it']);
  });

  it('runs the handlers on the accelerated clock', async () => {
    const a = deps().clock.now().getTime();
    await new Promise((r) => setTimeout(r, 50));
    expect(deps().clock.now().getTime() - a).toBeGreaterThanOrEqual(40_000);
  });

  it('takes a browser presigned POST, allows the page origin, and queues the S3 event', async () => {
    const key = 'cases/c-test/documents/d-test.pdf';
    const before = stack.queues.uploads.stats().sent;
    const post = await deps().documents.presignUpload(key, 10_000_000, 900);
    expect(post.url.startsWith(stack.endpoints.s3)).toBe(true);

    const preflight = await fetch(post.url, {
      method: 'OPTIONS',
      headers: { Origin: stack.endpoints.api, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(200);
    // s3rver answers an allowed preflight with '*'; an origin outside the rule is refused.
    expect(preflight.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/localhost:\d+)$/);
    const foreign = await fetch(post.url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(foreign.status).toBe(403);

    const form = new FormData();
    for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'report.pdf');
    const res = await fetch(post.url, {
      method: 'POST',
      body: form,
      headers: { Origin: stack.endpoints.api },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(stack.endpoints.api);

    const stored = await deps().documents.read(key, PDF.length);
    expect(stored).toMatchObject({ sizeBytes: PDF.length, contentType: 'application/pdf' });
    expect(Buffer.from(stored!.bytes!)).toEqual(PDF);
    // Larger than asked for: its size only, the bytes are not downloaded.
    expect(await deps().documents.read(key, PDF.length - 1)).toEqual({
      sizeBytes: PDF.length,
      contentType: 'application/pdf',
    });
    expect(await deps().documents.read(`${key}.missing`, PDF.length)).toBeUndefined();
    const download = await fetch(await deps().documents.presignDownload(key, 60, 'report.pdf'));
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);

    expect(stack.queues.uploads.stats().sent).toBe(before + 1);
  });

  it('refuses a POST outside its policy as S3 does, and stores nothing', async () => {
    const key = 'cases/c-policy/documents/d-policy.pdf';
    const before = stack.queues.uploads.stats().sent;
    const post = await deps().documents.presignUpload(key, 2000, 900);
    const small = PDF.subarray(0, 1500);
    const send = async (
      fields: Record<string, string>,
      bytes: Uint8Array = small,
      type = 'application/pdf',
    ) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'x.pdf');
      const res = await fetch(post.url, {
        method: 'POST',
        body: form,
        headers: { Origin: stack.endpoints.api },
      });
      const body = await res.text();
      return { status: res.status, code: /<Code>([^<]+)<\/Code>/.exec(body)?.[1] };
    };
    const policy = JSON.parse(Buffer.from(post.fields.Policy!, 'base64').toString('utf8'));
    const resigned = (changes: object) =>
      Buffer.from(JSON.stringify({ ...policy, ...changes })).toString('base64');

    expect(await send({ ...post.fields, key: 'cases/c-other/documents/d-x.pdf' })).toEqual({
      status: 403,
      code: 'AccessDenied',
    });
    expect(await send({ ...post.fields, 'Content-Type': 'text/html' })).toEqual({
      status: 403,
      code: 'AccessDenied',
    });
    expect(await send(post.fields, PDF.subarray(0, 2001))).toEqual({ status: 400, code: 'EntityTooLarge' });
    expect(await send(post.fields, new Uint8Array(0))).toEqual({ status: 400, code: 'EntityTooSmall' });
    expect(await send({ ...post.fields, extra: 'x' })).toEqual({ status: 403, code: 'AccessDenied' });
    // A policy widened by hand no longer matches its signature; nor does a forged signature.
    expect(await send({ ...post.fields, Policy: resigned({ conditions: [] }) })).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    expect(await send({ ...post.fields, 'X-Amz-Signature': '0'.repeat(64) })).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    const { Policy: _p, ...unsigned } = post.fields;
    expect(await send(unsigned)).toEqual({ status: 403, code: 'AccessDenied' });
    const expired = await deps().documents.presignUpload(key, 2000, -1);
    expect(await send(expired.fields)).toEqual({ status: 403, code: 'AccessDenied' });
    expect(await deps().documents.read(key, 10_000)).toBeUndefined();
    expect(stack.queues.uploads.stats().sent).toBe(before);

    // The connection S3 closed after a refusal leaves the next request unharmed; the policy's own POST passes.
    expect(await send(post.fields)).toEqual({ status: 204, code: undefined });
    expect((await deps().documents.read(key, 10_000))?.sizeBytes).toBe(1500);
  });

  it("deletes every object under a case's prefix and nothing else (the erasure), on the unversioned stand-in", async () => {
    const docs = deps().documents;
    await docs.put('cases/erase-me/documents/a.pdf', PDF);
    await docs.put('cases/erase-me/reports/b.pdf', PDF);
    await docs.put('cases/erase-me-not/documents/c.pdf', PDF);
    expect(await docs.deletePrefix('cases/erase-me/')).toBe(2);
    expect(await docs.read('cases/erase-me/documents/a.pdf', 0)).toBeUndefined();
    expect(await docs.read('cases/erase-me/reports/b.pdf', 0)).toBeUndefined();
    expect(await docs.read('cases/erase-me-not/documents/c.pdf', 0)).toBeDefined();
    expect(await docs.deletePrefix('cases/erase-me/')).toBe(0);
  });

  it('delivers mail to the mailbox (page and JSON store)', async () => {
    await deps().mailer.send({
      to: ['patient@example.com'],
      subject: 'Your request SO-TEST',
      text: 'Open http://localhost/case/x',
      html: '<p>Open</p>',
      tags: { kind: 'test' },
    });
    const store = (await (await fetch(`${stack.endpoints.mailbox}store`)).json()) as {
      emails: { subject: string; destination: { to: string[] } }[];
    };
    expect(store.emails.find((e) => e.subject === 'Your request SO-TEST')?.destination.to).toEqual([
      'patient@example.com',
    ]);
    expect((await fetch(stack.endpoints.mailbox)).headers.get('content-type')).toContain('text/html');

    // Every recipient is kept (the emulator alone keeps only the first).
    await deps().mailer.send({
      to: ['a@example.com', 'b@example.com'],
      subject: 'Two',
      text: 't',
      html: '<p>t</p>',
    });
    const again = (await (await fetch(`${stack.endpoints.mailbox}store`)).json()) as typeof store;
    expect(again.emails.find((e) => e.subject === 'Two')?.destination.to).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
  });

  it('answers the AWS CLI on DynamoDB (when installed)', async () => {
    try {
      const { stdout } = await promisify(execFile)(
        'aws',
        [
          'dynamodb',
          'scan',
          '--endpoint-url',
          stack.endpoints.dynamodb,
          '--table-name',
          stack.env.TABLE_NAME!,
          '--select',
          'COUNT',
        ],
        { env: { ...process.env, AWS_DEFAULT_REGION: 'eu-south-1' } },
      );
      expect(JSON.parse(stdout).Count).toBeGreaterThan(0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  });

  it('refuses a second stack in the same process while one runs', async () => {
    await expect(startLocalStack({ dataDir, ports: 0, quiet: true })).rejects.toThrow(/already running/);
  });
});
