/**
 * The wrapper of every state machine task: parse the payload, run, and throw errors whose names
 * the ASL's Retry and Catch match (a lost conditional write is "ConflictError", an AWS service's
 * throttling or server error "TransientError", both retried).
 */
import type { ZodMiniType } from 'zod/mini';
import { lambdaHandler } from '#app/lambda.ts';
import { logger } from '#app/logger.ts';
import { isTransient } from '#app/transient.ts';
import { TransitionError } from '#domain/lifecycle.ts';
import { ConflictError } from '#usecases/ports.ts';

export class TaskInputError extends Error {
  override readonly name = 'TaskInputError';
}

export function taskHandler<I, O>(schema: ZodMiniType<I>, fn: (input: I) => Promise<O>) {
  return lambdaHandler<unknown, O>(async (event) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new TaskInputError(
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    try {
      return await fn(parsed.data);
    } catch (err) {
      const e = err as Error;
      const cause = e.name;
      if (err instanceof ConflictError) e.name = 'ConflictError';
      else if (err instanceof TransitionError) e.name = 'TransitionError';
      else if (await isTransient(e)) {
        // A service still throttling or failing after the SDK's own retries: the state machine
        // retries the (idempotent) task later, rather than fail the case for good.
        e.message = `${e.name}: ${e.message}`;
        e.name = 'TransientError';
      } else if (e.name === 'Error' && (e as { code?: string }).code)
        e.name = String((e as { code?: string }).code);
      // `message` is a key Powertools reserves for the line's own text (and drops): `errorMessage`.
      logger.warn('task failed', { error: cause, errorMessage: e.message });
      throw e;
    }
  });
}
