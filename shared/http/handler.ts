/**
 * The one wrapper of every HTTP handler: parse, run, respond. Refusals become a JSON body with
 * their status; anything unexpected becomes a 500 that says nothing of the code behind it.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { lambdaHandler } from '#app/lambda.ts';
import { logger } from '#app/logger.ts';
import { isTransient } from '#app/transient.ts';
import { api } from '#presentation/i18n/en/api.ts';
import { Refusal } from '#usecases/errors.ts';
import { ConflictError } from '#usecases/ports.ts';
import { type ErrorBody, STATUS } from './errors.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** A page as the presentation layer renders it: its HTML and the Content-Security-Policy it needs. */
export interface RenderedPage {
  body: string;
  csp: string;
}

const SECURITY_HEADERS = {
  // Two years, this host and its subdomains: a browser that once came over HTTPS never tries plain HTTP.
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

export function html(
  statusCode: number,
  page: RenderedPage,
  headers: Record<string, string> = {},
): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': page.csp,
      ...SECURITY_HEADERS,
      ...headers,
    },
    body: page.body,
  };
}

/** A file to download (a receipt), base64-encoded as API Gateway carries binary bodies. */
export function download(bytes: Uint8Array, contentType: string, fileName: string): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      ...SECURITY_HEADERS,
    },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

export function errorBody(code: keyof typeof api, details?: unknown): ErrorBody {
  const message = api[code];
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps any thrown value to a response; unexpected errors are logged and never described to the client. */
export async function errorResponse(err: unknown): Promise<HttpResult> {
  if (err instanceof Refusal) return json(STATUS[err.code], errorBody(err.code, err.details));
  if (err instanceof ConflictError) return json(409, errorBody('conflict'));
  logger.error('unhandled error', { error: err as Error });
  // A service still throttling or failing after the SDK's retries: the same request can succeed soon.
  if (await isTransient(err)) return json(503, errorBody('internal'), { 'retry-after': '1' });
  return json(500, errorBody('internal'));
}

/** The body of a request as text (API Gateway may base64-encode it). */
export function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * Parses a JSON body with a schema; unknown fields and bad JSON are 400s with the problems listed.
 * The body must say it is JSON: a text/plain POST is a "simple" request that any site can make a
 * browser send without a CORS preflight, so a JSON route that took it would be open to them all.
 */
export function parseJsonBody<T>(event: HttpEvent, schema: z.ZodMiniType<T>): T {
  if (!/^application\/json\s*(;|$)/i.test(event.headers['content-type'] ?? ''))
    throw new Refusal('json_required');
  const raw = bodyText(event);
  if (!raw) throw new Refusal('invalid_body');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Refusal('invalid_json');
  }
  return parseWith(schema, parsed);
}

export function parseWith<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Refusal(
      'validation_failed',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}

/** The bearer token of a request, or a 401 that says nothing about whether the case exists. */
export function bearerToken(event: HttpEvent): string {
  const header = event.headers.authorization ?? event.headers.Authorization;
  const match = header?.match(/^Bearer\s+([A-Za-z0-9_-]{20,200})$/);
  if (!match) throw new Refusal('unauthorized');
  return match[1]!;
}

/** A path parameter, or a 404 when it is missing or malformed. */
export function pathParam(event: HttpEvent, name: string, schema: z.ZodMiniType<string>): string {
  const result = schema.safeParse(event.pathParameters?.[name]);
  if (!result.success) throw new Refusal('not_found');
  return result.data;
}

/** The route template when API Gateway gives one (a stage prefix never confuses it), else the path. */
export function routeOf(event: HttpEvent): string {
  return event.routeKey && event.routeKey !== '$default' ? event.routeKey.split(' ')[1]! : event.rawPath;
}

/** Wraps a handler body with logging context and the error mapping. */
export function httpHandler(fn: (event: HttpEvent, context: Context) => Promise<HttpResult>) {
  return lambdaHandler<HttpEvent, HttpResult>(async (event, context) => {
    try {
      return await fn(event, context);
    } catch (err) {
      return errorResponse(err);
    }
  });
}
