/**
 * The one wrapper of every HTTP handler: parse, run, respond. Errors become a JSON body with the
 * right 4xx; anything unexpected becomes a 500 that says nothing of the code behind it.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { logger } from '#app/logger.ts';
import { pageCsp } from '#presentation/web/page.ts';
import { ConflictError } from '#usecases/ports.ts';
import { AppError, type ErrorBody } from './errors.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

const SECURITY_HEADERS = {
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

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': pageCsp(),
      ...SECURITY_HEADERS,
      ...headers,
    },
    body,
  };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps any thrown value to a response; unexpected errors are logged and never described to the client. */
export function errorResponse(err: unknown): HttpResult {
  if (err instanceof AppError) return json(err.status, errorBody(err.code, err.message, err.details));
  if (err instanceof ConflictError) {
    return json(
      409,
      errorBody('conflict', 'The case changed while this request was handled. Please try again.'),
    );
  }
  logger.error('unhandled error', { error: err as Error });
  return json(500, errorBody('internal', 'Something went wrong on our side. Please try again later.'));
}

/** Parses a JSON body with a schema; unknown fields and bad JSON are 400s with the problems listed. */
export function parseJsonBody<T>(event: HttpEvent, schema: z.ZodType<T>): T {
  if (!event.body) throw new AppError(400, 'invalid_body', 'The request needs a JSON body.');
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  return parseWith(schema, parsed);
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError(
      400,
      'validation_failed',
      'Some fields are missing or not valid.',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}

/** The bearer token of a request, or a 401 that says nothing about whether the case exists. */
export function bearerToken(event: HttpEvent): string {
  const header = event.headers.authorization ?? event.headers.Authorization;
  const match = header?.match(/^Bearer\s+([A-Za-z0-9_-]{20,200})$/);
  if (!match) throw new AppError(401, 'unauthorized', 'A valid access token is required.');
  return match[1]!;
}

export function pathParam(
  event: HttpEvent,
  name: string,
  schema: z.ZodType<string> = z.string().min(1).max(200),
): string {
  const value = event.pathParameters?.[name];
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError(404, 'not_found', 'Not found.');
  return result.data;
}

/** Wraps a handler body with logging context and the error mapping. */
export function httpHandler(fn: (event: HttpEvent, context: Context) => Promise<HttpResult>) {
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      try {
        return await fn(event, context);
      } catch (err) {
        return errorResponse(err);
      }
    });
}
