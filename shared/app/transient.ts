/**
 * Which errors are an AWS service's passing trouble (throttling, a 5xx, a dropped connection)
 * still there after the SDK's own retries: the same call can succeed later, so the state machine
 * retries such a task and the API answers 503 (try again) rather than 500. The SDK's own
 * classification decides; it is loaded on the first error that asks (a chunk of its own in a
 * Lambda bundle), since its module builds the SDK's whole retry middleware (12 KB) that no init needs.
 */
export async function isTransient(err: unknown): Promise<boolean> {
  if (!(err instanceof Error)) return false;
  const { isServerError, isThrottlingError, isTransientError } = await import('./sdk-errors.ts');
  const sdk = err as Parameters<typeof isTransientError>[0];
  return isThrottlingError(sdk) || isTransientError(sdk) || isServerError(sdk);
}
