/**
 * The SDK's classification of its errors, alone: transient.ts imports this module when an error
 * asks, so its chunk holds these three predicates (and what their module builds at load), not the
 * whole retry module a namespace import of `@smithy/core/retry` would keep.
 */
export { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
