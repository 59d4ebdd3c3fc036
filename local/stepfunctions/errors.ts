/**
 * The engine's two kinds of error: `LocalSfnError` for the API's callers (named as AWS names them:
 * TaskDoesNotExist, TaskTimedOut, ExecutionDoesNotExist...), `StateError` for a state that fails
 * inside an execution, which Retry and Catch match by name.
 */

export class LocalSfnError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** An error the library matches by name in Retry and Catch (its own timeout class is not exported). */
export class StateError extends Error {
  readonly isRetryable: boolean;
  readonly isCatchable = true;
  constructor(name: string, message: string, retryable = true) {
    super(message);
    this.name = name;
    this.isRetryable = retryable;
  }
}
