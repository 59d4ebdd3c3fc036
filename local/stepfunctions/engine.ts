/**
 * An in-process Step Functions runner of the service's ASL over aws-local-stepfunctions 3,
 * used by the workflow tests and behind the local stack's Step Functions HTTP facade.
 *
 * API (a fixed contract with the local stack):
 *
 *   const sm = createLocalStateMachine({ definition, stateMachineArn, invoke, speed });
 *   sm.startExecution(name, input)        -> { executionArn, alreadyStarted }   (same name: no second run)
 *   sm.sendTaskSuccess(token, outputJson) -> void   (outputJson: a JSON string, as in the AWS API)
 *   sm.sendTaskFailure(token, error, cause)
 *   sm.sendTaskHeartbeat(token)
 *   sm.describeExecution(arn)             -> ExecutionDescription (status RUNNING|SUCCEEDED|FAILED|ABORTED)
 *   sm.stopExecution(arn, cause)
 *   sm.listExecutions()                   -> ExecutionDescription[]
 *   sm.stats(arn)                         -> { stateTransitions, lambdaInvocations } (for benchmarks)
 *   sm.settled(arn)                       -> Promise<ExecutionDescription> once the execution has ended
 *   sm.suspend(cause)                     -> { suspended, lost }: saves and stops every running execution
 *   sm.resume(suspended)                  -> runs a saved execution again from its waiting state
 *
 * `invoke(functionArn, payload)` receives a Lambda task's `FunctionName` exactly as the definition
 * holds it: the `${<Name>FunctionArn}` placeholder, unless the caller substituted ARNs first; it
 * returns the handler's result, or throws an error whose `name` Retry/Catch match (as Lambda's
 * errorType). The execution ARN is the state machine ARN with `:execution:` and `:<name>`.
 *
 * Token errors carry the AWS error names: `TaskDoesNotExist` (unknown token), `TaskTimedOut`
 * (the task is no longer waiting), `ExecutionDoesNotExist`.
 *
 * How it closes the library's gaps (DESIGN.md section 5):
 * - Task resources `arn:aws:states:::lambda:invoke[.waitForTaskToken]` run through `invoke(FunctionName,
 *   Payload)`; a plain invoke returns `{ StatusCode: 200, Payload }` like the AWS integration.
 * - `$$.Task.Token` is a context getter that issues a fresh token per state attempt; the waiting task
 *   resolves when sendTaskSuccess/Failure names that token.
 * - Task timeouts (TimeoutSeconds, or TimeoutSecondsPath read from the state input as AWS does: the
 *   engine carries its value through Parameters of the copy it runs) are enforced here, scaled by `speed`
 *   (real ms = simulated ms / speed) and chunked so a timer past 24.8 days never fires early; the
 *   library's own task timeout is pushed out of the way.
 * - Wait states with Seconds are scaled by `speed` as well.
 * - Executions live in memory; `suspend` saves those waiting on a task token and `resume` runs one
 *   again from that state, so the local stack carries waiting cases across a restart.
 */
import { randomUUID } from 'node:crypto';
import { ExecutionAbortedError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

export type Invoke = (functionArn: string, payload: unknown) => Promise<unknown>;

export interface LocalStateMachineOptions {
  /** The ASL definition, as an object or JSON text. */
  definition: string | Record<string, unknown>;
  stateMachineArn: string;
  invoke: Invoke;
  /** Simulated time runs `speed` times faster than real time (1 = real time). */
  speed?: number;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
}

export class LocalSfnError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** An error the library matches by name in Retry and Catch (its own timeout class is not exported). */
class StateError extends Error {
  readonly isRetryable: boolean;
  readonly isCatchable = true;
  constructor(name: string, message: string, retryable = true) {
    super(message);
    this.name = name;
    this.isRetryable = retryable;
  }
}

interface PendingTask {
  executionArn: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Execution extends ExecutionDescription {
  abort: () => void;
  done: Promise<void>;
  stateTransitions: number;
  lambdaInvocations: number;
  /** The state it is in, its input, and when (real ms) it entered it. */
  current?: { stateName: string; input: unknown; enteredAt: number };
}

/**
 * An execution waiting on a task token, as `suspend` saves it: enough to run it again from that
 * state after a restart (`resume`), its timeout shortened by the simulated time already waited.
 */
export interface SuspendedExecution {
  name: string;
  input: unknown;
  stateName: string;
  stateInput: unknown;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
/** Under the library's 24.8-day setTimeout limit; our own timers enforce the real timeouts. */
const LIBRARY_TIMEOUT_SECONDS = 2_000_000;
const TIMEOUT_FIELD = '__timeoutSeconds';

/** A timer of any length: chunked so Node's 24.8-day limit never makes it fire at once. */
function longTimer(ms: number, fire: () => void): () => void {
  let handle: NodeJS.Timeout | undefined;
  let left = Math.max(0, ms);
  const step = () => {
    const chunk = Math.min(left, MAX_TIMER_MS);
    left -= chunk;
    handle = setTimeout(left > 0 ? step : fire, chunk);
  };
  step();
  return () => clearTimeout(handle);
}

type State = Record<string, unknown> & { Type: string };

function isLambdaResource(resource: unknown): resource is string {
  return typeof resource === 'string' && resource.startsWith('arn:aws:states:::lambda:invoke');
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

export function createLocalStateMachine(options: LocalStateMachineOptions) {
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be positive, got ${speed}`);
  const original = (
    typeof options.definition === 'string'
      ? JSON.parse(options.definition)
      : structuredClone(options.definition)
  ) as { States: Record<string, State>; StartAt: string };

  // The library runs a copy whose task timeouts and waits are ours to enforce.
  const runnable = structuredClone(original) as typeof original & { TimeoutSeconds?: number };
  // A year-long execution timeout would overflow the library's setTimeout and fire at once.
  delete runnable.TimeoutSeconds;
  const taskStates = new Map<string, State>();
  const waitSeconds: Record<string, number> = {};
  for (const [name, state] of Object.entries(runnable.States)) {
    if (state.Type === 'Task') {
      taskStates.set(name, original.States[name]!);
      // AWS reads TimeoutSecondsPath from the state input; carry its value through Parameters.
      if (
        typeof state.TimeoutSecondsPath === 'string' &&
        state.Parameters &&
        typeof state.Parameters === 'object'
      ) {
        (state.Parameters as Record<string, unknown>)[`${TIMEOUT_FIELD}.$`] = state.TimeoutSecondsPath;
      }
      delete state.TimeoutSecondsPath;
      state.TimeoutSeconds = LIBRARY_TIMEOUT_SECONDS;
    }
    if (state.Type === 'Wait' && typeof state.Seconds === 'number') {
      waitSeconds[name] = Math.min((state.Seconds * 1000) / speed, MAX_TIMER_MS);
    }
  }
  const machine = new StateMachine(runnable as unknown as StateMachineDefinition, {
    validationOptions: { checkArn: false, checkPaths: false },
  });

  const executions = new Map<string, Execution>();
  const pending = new Map<string, PendingTask>();
  const closedTokens = new Set<string>();

  function executionArnOf(name: string): string {
    return `${options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  function timeoutMs(state: State, input: unknown): number | undefined {
    let seconds: unknown = state.TimeoutSeconds;
    if (seconds === undefined && typeof state.TimeoutSecondsPath === 'string') {
      seconds = (input as Record<string, unknown>)[TIMEOUT_FIELD];
      if (!Number.isInteger(seconds) || (seconds as number) < 1) {
        throw new StateError(
          'States.Runtime',
          `${state.TimeoutSecondsPath} is not a positive integer`,
          false,
        );
      }
    }
    return typeof seconds === 'number' ? (seconds * 1000) / speed : undefined;
  }

  function taskHandler(execution: Execution, stateName: string, state: State, issued: Set<string>) {
    return async (input: unknown): Promise<unknown> => {
      execution.lambdaInvocations += 1;
      const resource = state.Resource as string;
      const { [TIMEOUT_FIELD]: _timeout, ...params } = (input ?? {}) as {
        FunctionName?: string;
        Payload?: unknown;
        [TIMEOUT_FIELD]?: number;
      };
      const functionArn = isLambdaResource(resource) ? String(params.FunctionName) : resource;
      const payload = isLambdaResource(resource) ? params.Payload : params;
      const limitMs = timeoutMs(state, input);
      const callback = resource.endsWith('.waitForTaskToken');

      return new Promise((resolve, reject) => {
        let cancelTimer = () => {};
        let token: string | undefined;
        const settle = () => {
          cancelTimer();
          if (token) {
            pending.delete(token);
            closedTokens.add(token);
          }
        };
        if (limitMs !== undefined) {
          cancelTimer = longTimer(limitMs, () => {
            settle();
            reject(new StateError('States.Timeout', `${stateName} timed out`, false));
          });
        }
        if (callback) {
          token = containsString(payload, issued);
          if (!token) {
            settle();
            reject(
              new StateError('States.Runtime', `${stateName}: the payload holds no $$.Task.Token`, false),
            );
            return;
          }
          issued.delete(token);
          pending.set(token, {
            executionArn: execution.executionArn,
            resolve: (v) => {
              settle();
              resolve(v);
            },
            reject: (e) => {
              settle();
              reject(e);
            },
          });
        }
        options.invoke(functionArn, payload).then(
          (result) => {
            if (!callback) {
              settle();
              resolve(isLambdaResource(resource) ? { StatusCode: 200, Payload: result ?? null } : result);
            }
          },
          (err: Error) => {
            settle();
            reject(new StateError(err?.name || 'Error', err?.message ?? String(err)));
          },
        );
      });
    };
  }

  async function follow(
    execution: Execution,
    events: AsyncGenerator<{ type: string; state?: { name: string; input: unknown } }>,
  ) {
    for await (const event of events) {
      if (event.type !== 'StateEntered' || !event.state) continue;
      execution.stateTransitions += 1;
      execution.current = { stateName: event.state.name, input: event.state.input, enteredAt: Date.now() };
    }
  }

  /** The library's machine for runs that start at `startAt` (a resumed execution starts mid-way). */
  const machines = new Map<string, StateMachine>([[runnable.StartAt, machine]]);
  function machineFrom(startAt: string): StateMachine {
    let m = machines.get(startAt);
    if (!m) {
      // The same states, validated above; only the states before `startAt` are now unreachable.
      m = new StateMachine({ ...runnable, StartAt: startAt } as unknown as StateMachineDefinition, {
        validationOptions: { noValidate: true },
      });
      machines.set(startAt, m);
    }
    return m;
  }

  function startExecution(name: string, input: unknown): { executionArn: string; alreadyStarted: boolean } {
    return launch(name, input);
  }

  function launch(
    name: string,
    input: unknown,
    from?: { stateName: string; stateInput: unknown },
  ): { executionArn: string; alreadyStarted: boolean } {
    const executionArn = executionArnOf(name);
    if (executions.has(executionArn)) return { executionArn, alreadyStarted: true };
    const issued = new Set<string>();
    const context = {
      Execution: { Id: executionArn, Name: name, RoleArn: 'arn:aws:iam::000000000000:role/local' },
      StateMachine: { Id: options.stateMachineArn, Name: options.stateMachineArn.split(':').pop() },
      Task: {
        get Token() {
          const token = `${name}.${randomUUID()}`;
          issued.add(token);
          return token;
        },
      },
    };
    const execution = {
      executionArn,
      stateMachineArn: options.stateMachineArn,
      name,
      status: 'RUNNING',
      input: JSON.stringify(input ?? {}),
      startDate: new Date(),
      stateTransitions: 0,
      lambdaInvocations: 0,
    } as Execution;
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, state] of taskStates) {
      handlers[stateName] = taskHandler(execution, stateName, state, issued) as (
        i: unknown,
      ) => Promise<unknown>;
    }
    const run = machineFrom(from?.stateName ?? runnable.StartAt).run(
      (from ? from.stateInput : (input ?? {})) as never,
      {
        context: context as never,
        overrides: {
          taskResourceLocalHandlers: handlers as never,
          waitTimeOverrides: waitSeconds,
          retryIntervalOverrides: retryOverrides(original, speed),
        },
      },
    );
    execution.abort = run.abort;
    void follow(execution, run.eventLogs as AsyncGenerator<{ type: string }>);
    execution.done = run.result.then(
      (output) => {
        if (execution.status !== 'RUNNING') return;
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output);
        execution.stopDate = new Date();
      },
      (err: Error & { cause?: { name?: string; message?: string } }) => {
        if (execution.status !== 'RUNNING') return;
        if (err instanceof ExecutionAbortedError) execution.status = 'ABORTED';
        else {
          execution.status = 'FAILED';
          const cause = err.cause as { name?: string; message?: string } | undefined;
          execution.error = cause?.name ?? err.name;
          execution.cause = cause?.message ?? err.message;
        }
        execution.stopDate = new Date();
      },
    );
    executions.set(executionArn, execution);
    return { executionArn, alreadyStarted: false };
  }

  function task(token: string): PendingTask {
    const found = pending.get(token);
    if (found) return found;
    if (closedTokens.has(token)) throw new LocalSfnError('TaskTimedOut', 'Task Timed Out');
    throw new LocalSfnError('TaskDoesNotExist', 'Task does not exist anymore');
  }

  function describe(e: Execution): ExecutionDescription {
    const { abort: _a, done: _d, stateTransitions: _s, lambdaInvocations: _l, ...rest } = e;
    return { ...rest };
  }

  function execution(arn: string): Execution {
    const e = executions.get(arn);
    if (!e) throw new LocalSfnError('ExecutionDoesNotExist', `Execution does not exist: ${arn}`);
    return e;
  }

  function stopExecution(arn: string, cause?: string): { stopDate: Date } {
    const e = execution(arn);
    if (e.status === 'RUNNING') {
      e.status = 'ABORTED';
      e.cause = cause;
      e.stopDate = new Date();
      for (const [token, p] of pending) {
        if (p.executionArn === arn) {
          pending.delete(token);
          closedTokens.add(token);
        }
      }
      e.abort();
    }
    return { stopDate: e.stopDate ?? new Date() };
  }

  /** The value at a `$.a.b` path of the state input (the only form the service's ASL uses). */
  function pathOf(
    input: unknown,
    path: string,
  ): { parent: Record<string, unknown>; key: string } | undefined {
    const keys = path.replace(/^\$\.?/, '').split('.');
    let parent = input as Record<string, unknown> | undefined;
    for (const k of keys.slice(0, -1)) parent = parent?.[k] as Record<string, unknown> | undefined;
    return parent && typeof parent === 'object' ? { parent, key: keys.at(-1)! } : undefined;
  }

  return {
    startExecution,
    /**
     * Saves every running execution that waits on a task token and stops them all; returns the saved
     * ones, and the names of those caught elsewhere (between two states), which cannot be resumed.
     */
    suspend(cause: string): { suspended: SuspendedExecution[]; lost: string[] } {
      const suspended: SuspendedExecution[] = [];
      const lost: string[] = [];
      for (const e of executions.values()) {
        if (e.status !== 'RUNNING') continue;
        const state = e.current && taskStates.get(e.current.stateName);
        const waiting =
          state && typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken');
        if (!e.current || !waiting) {
          lost.push(e.name);
        } else {
          const stateInput = structuredClone(e.current.input);
          const timeoutPath = typeof state.TimeoutSecondsPath === 'string' ? state.TimeoutSecondsPath : '';
          const at = timeoutPath ? pathOf(stateInput, timeoutPath) : undefined;
          if (at && typeof at.parent[at.key] === 'number') {
            // Simulated seconds already waited count: the restarted wait times out when this one would have.
            const waited = ((Date.now() - e.current.enteredAt) * speed) / 1000;
            at.parent[at.key] = Math.max(1, Math.ceil((at.parent[at.key] as number) - waited));
          }
          suspended.push({
            name: e.name,
            input: JSON.parse(e.input),
            stateName: e.current.stateName,
            stateInput,
          });
        }
        stopExecution(e.executionArn, cause);
      }
      return { suspended, lost };
    },
    /** Runs a suspended execution again from the state it was waiting in, under the same name. */
    resume(s: SuspendedExecution): { executionArn: string; alreadyStarted: boolean } {
      if (!original.States[s.stateName]) {
        throw new LocalSfnError('InvalidDefinition', `no state ${s.stateName} to resume ${s.name} at`);
      }
      return launch(s.name, s.input, { stateName: s.stateName, stateInput: s.stateInput });
    },
    sendTaskSuccess(token: string, outputJson: string): void {
      let output: unknown;
      try {
        output = JSON.parse(outputJson);
      } catch {
        throw new LocalSfnError('InvalidOutput', 'output is not valid JSON');
      }
      task(token).resolve(output);
    },
    sendTaskFailure(token: string, error: string, cause: string): void {
      task(token).reject(new StateError(error || 'States.TaskFailed', cause ?? ''));
    },
    sendTaskHeartbeat(token: string): void {
      task(token);
    },
    describeExecution(arn: string): ExecutionDescription {
      return describe(execution(arn));
    },
    stopExecution,
    listExecutions(): ExecutionDescription[] {
      return [...executions.values()].map(describe);
    },
    /** State transitions and Lambda invocations of an execution so far (the cost of a case). */
    stats(arn: string): { stateTransitions: number; lambdaInvocations: number } {
      const e = execution(arn);
      return { stateTransitions: e.stateTransitions, lambdaInvocations: e.lambdaInvocations };
    },
    /** Resolves when the execution has ended (tests and benchmarks). */
    async settled(arn: string): Promise<ExecutionDescription> {
      const e = execution(arn);
      await e.done;
      return describe(e);
    },
  };
}

export type LocalStateMachine = ReturnType<typeof createLocalStateMachine>;

/** Retry intervals scaled by speed, so a retried task waits simulated, not real, seconds. */
function retryOverrides(definition: { States: Record<string, State> }, speed: number) {
  const out: Record<string, number[]> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    const retry = state.Retry as { IntervalSeconds?: number }[] | undefined;
    if (retry?.length)
      out[name] = retry.map((r) => Math.min(((r.IntervalSeconds ?? 1) * 1000) / speed, 1000));
  }
  return out;
}
