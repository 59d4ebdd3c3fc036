/**
 * Task tokens. `$$.Task.Token` is a context getter that issues a fresh token per state attempt; a
 * waitForTaskToken task claims the token its payload holds and waits on it until
 * SendTaskSuccess/SendTaskFailure names it, it times out, or its execution stops. A token answered
 * twice, or after its task ended, gets the AWS errors: `TaskTimedOut` (no longer waited on),
 * `TaskDoesNotExist` (never issued).
 */
import { randomUUID } from 'node:crypto';
import { LocalSfnError, StateError } from './errors.ts';

export interface PendingTask {
  executionArn: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The `$$` context of an execution; each `Task.Token` it hands out is added to `issued`. */
export function executionContext(
  execution: { name: string; executionArn: string; stateMachineArn: string },
  issued: Set<string>,
) {
  return {
    Execution: {
      Id: execution.executionArn,
      Name: execution.name,
      RoleArn: 'arn:aws:iam::000000000000:role/local',
    },
    StateMachine: { Id: execution.stateMachineArn, Name: execution.stateMachineArn.split(':').pop() },
    Task: {
      get Token() {
        const token = `${execution.name}.${randomUUID()}`;
        issued.add(token);
        return token;
      },
    },
  };
}

/** The issued token found anywhere in a task's payload, taken out of `issued`: it is now waited on. */
export function claimToken(payload: unknown, issued: Set<string>): string | undefined {
  const token = containsString(payload, issued);
  if (token) issued.delete(token);
  return token;
}

function containsString(value: unknown, wanted: Set<string>): string | undefined {
  if (typeof value === 'string') return wanted.has(value) ? value : undefined;
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) {
      const found = containsString(v, wanted);
      if (found) return found;
    }
  }
  return undefined;
}

/** The tokens waited on, and those whose wait has ended, across every execution of a machine. */
export class TaskTokens {
  readonly #pending = new Map<string, PendingTask>();
  readonly #closed = new Set<string>();

  wait(token: string, task: PendingTask): void {
    this.#pending.set(token, task);
  }

  /** The wait on `token` has ended (answered, timed out or failed): a later answer is TaskTimedOut. */
  close(token: string): void {
    this.#pending.delete(token);
    this.#closed.add(token);
  }

  /** Ends the waits of a stopped execution. */
  closeExecution(executionArn: string): void {
    for (const [token, p] of this.#pending) {
      if (p.executionArn === executionArn) this.close(token);
    }
  }

  succeed(token: string, outputJson: string): void {
    let output: unknown;
    try {
      output = JSON.parse(outputJson);
    } catch {
      throw new LocalSfnError('InvalidOutput', 'output is not valid JSON');
    }
    this.#task(token).resolve(output);
  }

  fail(token: string, error: string, cause: string): void {
    this.#task(token).reject(new StateError(error || 'States.TaskFailed', cause ?? ''));
  }

  heartbeat(token: string): void {
    this.#task(token);
  }

  #task(token: string): PendingTask {
    const found = this.#pending.get(token);
    if (found) return found;
    if (this.#closed.has(token)) throw new LocalSfnError('TaskTimedOut', 'Task Timed Out');
    throw new LocalSfnError('TaskDoesNotExist', 'Task does not exist anymore');
  }
}
