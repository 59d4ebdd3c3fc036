/**
 * The one wrapper of every Lambda handler (HTTP, state machine tasks, queues, SNS, schedules): the
 * invocation's context (function, request id, cold start) on every log line through Powertools'
 * middleware, and the keys a handler appended cleared after it, so nothing of one case leaks into
 * the next invocation's lines.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger.ts';

/** `fn` wrapped; the context is optional so tests and the local stack's testbeds may leave it out. */
export function lambdaHandler<E, R>(
  fn: (event: E, context: Context) => Promise<R>,
): (event: E, context?: Context) => Promise<R> {
  const wrapped = middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(fn);
  return (event, context) => wrapped(event, context ?? ({} as Context));
}
