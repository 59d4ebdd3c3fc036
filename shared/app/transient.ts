/**
 * Which errors are an AWS service's passing trouble (throttling, a 5xx, a dropped connection)
 * still there after the SDK's own retries: the same call can succeed later, so the state machine
 * retries such a task and the API answers 503 (try again) rather than 500.
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

export function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const sdk = err as Parameters<typeof isTransientError>[0];
  return isThrottlingError(sdk) || isTransientError(sdk) || isServerError(sdk);
}
