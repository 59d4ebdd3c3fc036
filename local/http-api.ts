/**
 * The API Gateway stand-in: turns HTTP requests into API Gateway v2 (payload format 2.0) events for
 * the manifest's http functions and writes their responses back, the way an HTTP API does.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { readBody } from './net.ts';

export interface HttpRoute {
  method: string;
  /** An API Gateway route path: `/cases/{caseId}/uploads`, `/assets/{file+}`. */
  path: string;
  functionName: string;
  invoke: (event: APIGatewayProxyEventV2) => Promise<unknown>;
}

/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml|javascript))/i;

interface CompiledRoute extends HttpRoute {
  pattern: RegExp;
  params: string[];
  /** Static segments count first: API Gateway prefers the most specific route. */
  specificity: number;
}

function compile(route: HttpRoute): CompiledRoute {
  const params: string[] = [];
  let specificity = 0;
  const parts = route.path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{([\w-]+)(\+)?\}$/.exec(segment);
      if (!param) {
        specificity += 1;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      params.push(param[1]!);
      return param[2] ? '(.+)' : '([^/]+)';
    });
  return { ...route, pattern: new RegExp(`^/${parts.join('/')}/?$`), params, specificity };
}

function problem(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code, message } }));
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  params: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const contentType = headers['content-type'] ?? '';
  const text = body.length === 0 || TEXT_TYPES.test(contentType);
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.params.length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !text,
  };
}

/** Writes a handler's result as API Gateway does for payload format 2.0. */
function respond(res: ServerResponse, result: unknown): void {
  const structured =
    result && typeof result === 'object' && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : // A bare value is JSON with status 200, as API Gateway infers it.
        {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(result ?? null),
        };
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(structured.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body =
    structured.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8');
  headers['content-length'] = String(body.length);
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(body);
}

/** The request listener of the API: route, build the event, invoke, respond. */
export function httpApiListener(
  routes: HttpRoute[],
  onError: (err: unknown, route: string) => void,
): RequestListener {
  const compiled = routes.map(compile).sort((a, b) => b.specificity - a.specificity);
  return (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      let match: { route: CompiledRoute; params: Record<string, string> } | undefined;
      for (const route of compiled) {
        if (route.method !== method) continue;
        const m = route.pattern.exec(url.pathname);
        if (!m) continue;
        let params: Record<string, string>;
        try {
          params = Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(m[i + 1]!)]));
        } catch {
          continue;
        }
        match = { route, params };
        break;
      }
      if (!match) return problem(res, 404, 'not_found', 'Not found.');
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === undefined) return problem(res, 413, 'payload_too_large', 'The request is too large.');
      try {
        const result = await match.route.invoke(toEvent(req, url, match.route, match.params, body));
        respond(res, result);
      } catch (err) {
        onError(err, `${match.route.method} ${match.route.path}`);
        problem(res, 500, 'internal', 'Something went wrong on our side. Please try again later.');
      }
    })();
  };
}
