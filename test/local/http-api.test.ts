import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpRoute, httpApiListener } from '#local/http-api.ts';
import { close, listen } from '#local/net.ts';

let server: Server;
let base: string;
const events: APIGatewayProxyEventV2[] = [];
const errors: string[] = [];

const echo =
  (name: string): HttpRoute['invoke'] =>
  async (event) => {
    events.push(event);
    return {
      statusCode: 200,
      headers: { 'X-Route': name },
      body: JSON.stringify({ name }),
      cookies: ['a=1'],
    };
  };

beforeAll(async () => {
  const routes: HttpRoute[] = [
    { method: 'GET', path: '/cases/{caseId}', functionName: 'Status', invoke: echo('status') },
    { method: 'POST', path: '/cases/{caseId}/uploads', functionName: 'Uploads', invoke: echo('uploads') },
    { method: 'GET', path: '/cases/new', functionName: 'Static', invoke: echo('static') },
    { method: 'GET', path: '/assets/{file+}', functionName: 'Assets', invoke: echo('assets') },
    { method: 'GET', path: '/bare', functionName: 'Bare', invoke: async () => ({ ok: true }) },
    {
      method: 'GET',
      path: '/b64',
      functionName: 'B64',
      invoke: async () => ({
        statusCode: 200,
        isBase64Encoded: true,
        body: Buffer.from([0, 1, 2]).toString('base64'),
      }),
    },
    {
      method: 'GET',
      path: '/crash',
      functionName: 'Crash',
      invoke: async () => {
        throw new Error('secret stack detail');
      },
    },
  ];
  server = createServer(httpApiListener(routes, (_e, route) => errors.push(route)));
  base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1', 'api')}`;
});

afterAll(() => close(server));

const last = () => events.at(-1)!;

describe('HTTP API adapter (API Gateway v2 payload 2.0)', () => {
  it('builds the event: route key, decoded path parameters, query, lower-cased headers, cookies', async () => {
    const res = await fetch(`${base}/cases/c%2D1?x=1&x=2&y=z`, {
      headers: { Authorization: 'Bearer abc', 'X-Custom': 'V', Cookie: 'a=1; b=2' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-route')).toBe('status');
    expect(res.headers.get('set-cookie')).toBe('a=1');
    const e = last();
    expect(e).toMatchObject({
      version: '2.0',
      routeKey: 'GET /cases/{caseId}',
      rawPath: '/cases/c%2D1',
      rawQueryString: 'x=1&x=2&y=z',
      pathParameters: { caseId: 'c-1' },
      queryStringParameters: { x: '1,2', y: 'z' },
      cookies: ['a=1', 'b=2'],
      isBase64Encoded: false,
      requestContext: { http: { method: 'GET', path: '/cases/c%2D1' }, stage: '$default' },
    });
    expect(e.headers.authorization).toBe('Bearer abc');
    expect(e.headers['x-custom']).toBe('V');
    expect(e.headers.cookie).toBeUndefined();
    expect(e.body).toBeUndefined();
  });

  it('passes JSON bodies as text and binary bodies base64-encoded', async () => {
    await fetch(`${base}/cases/c1/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"fileName":"a.pdf"}',
    });
    expect(last()).toMatchObject({ body: '{"fileName":"a.pdf"}', isBase64Encoded: false });
    const bytes = new Uint8Array([37, 80, 68, 70, 0, 255]);
    await fetch(`${base}/cases/c1/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: bytes,
    });
    expect(last().isBase64Encoded).toBe(true);
    expect(Buffer.from(last().body!, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('prefers a static segment to a parameter, and supports greedy parameters', async () => {
    await (await fetch(`${base}/cases/new`)).text();
    expect(last().routeKey).toBe('GET /cases/new');
    await (await fetch(`${base}/assets/css/site.css`)).text();
    expect(last().pathParameters).toEqual({ file: 'css/site.css' });
  });

  it('infers a 200 JSON response from a bare value and decodes base64 responses', async () => {
    const bare = await fetch(`${base}/bare`);
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ ok: true });
    expect(Buffer.from(await (await fetch(`${base}/b64`)).arrayBuffer())).toEqual(Buffer.from([0, 1, 2]));
  });

  it('answers an unknown route or method with a JSON 404, and a crash with a 500 that tells nothing', async () => {
    const missing = await fetch(`${base}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
    expect((await fetch(`${base}/bare`, { method: 'DELETE' })).status).toBe(404);
    const crash = await fetch(`${base}/crash`);
    expect(crash.status).toBe(500);
    const text = await crash.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text).error.code).toBe('internal');
    expect(errors).toContain('GET /crash');
  });

  it('refuses a body over the 10 MB API Gateway limit with 413', async () => {
    const res = await fetch(`${base}/cases/c1/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
  });
});
