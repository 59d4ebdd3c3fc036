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
 * This file keeps the executions; how it closes the library's gaps is in its neighbours:
 * definition.ts (the ASL rewritten: timeouts, TimeoutSecondsPath, waits and retries scaled by
 * `speed`), tokens.ts (`$$.Task.Token` and the waits on it), tasks.ts (Lambda task invocation and
 * timeouts), suspend.ts (saving waiting executions at a stop, running them again after a restart).
 */
import { ExecutionAbortedError } from 'aws-local-stepfunctions';
import { prepareDefinition } from './definition.ts';
import { LocalSfnError } from './errors.ts';
import { resumeFrom, type SuspendedExecution, suspendExecution } from './suspend.ts';
import { type Invoke, taskHandler } from './tasks.ts';
import { executionContext, TaskTokens } from './tokens.ts';

export interface LocalStateMachineOptions {
  /** The ASL definition, as an object or JSON text. */
  definition: string | Record<string, unknown>;
  stateMachineArn: string;
  invoke: Invoke;
  /** Simulated time runs `speed` times faster than real time (1 = real time). */
  speed?: number;
  /**
   * Told of each state a running execution enters (first when it starts, before startExecution
   * returns) and of its end; an execution stopped by `suspend` is not ended (see executions-state.ts).
   */
  journal?: {
    record(entry: SuspendedExecution & { enteredAt: number }): void;
    forget(name: string): void;
  };
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

interface Execution extends ExecutionDescription {
  abort: () => void;
  done: Promise<void>;
  stateTransitions: number;
  lambdaInvocations: number;
  /** The state it is in, its input, and when (real ms) it entered it. */
  current?: { stateName: string; input: unknown; enteredAt: number };
}

export function createLocalStateMachine(options: LocalStateMachineOptions) {
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be positive, got ${speed}`);
  const definition = prepareDefinition(options.definition, speed);
  const executions = new Map<string, Execution>();
  const tokens = new TaskTokens();

  function executionArnOf(name: string): string {
    return `${options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  async function follow(
    execution: Execution,
    events: AsyncGenerator<{ type: string; state?: { name: string; input: unknown } }>,
  ) {
    for await (const event of events) {
      if (event.type !== 'StateEntered' || !event.state) continue;
      execution.stateTransitions += 1;
      execution.current = { stateName: event.state.name, input: event.state.input, enteredAt: Date.now() };
      if (execution.status === 'RUNNING') record(execution);
    }
  }

  function record(e: Execution): void {
    if (!e.current) return;
    options.journal?.record({
      name: e.name,
      input: JSON.parse(e.input),
      stateName: e.current.stateName,
      stateInput: e.current.input,
      enteredAt: e.current.enteredAt,
    });
  }

  function launch(
    name: string,
    input: unknown,
    from?: { stateName: string; stateInput: unknown },
  ): { executionArn: string; alreadyStarted: boolean } {
    const executionArn = executionArnOf(name);
    if (executions.has(executionArn)) return { executionArn, alreadyStarted: true };
    const issued = new Set<string>();
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
    for (const [stateName, state] of definition.taskStates) {
      handlers[stateName] = taskHandler(stateName, state, {
        execution,
        issued,
        tokens,
        invoke: options.invoke,
        speed,
      });
    }
    const run = definition
      .machineFrom(from?.stateName ?? definition.original.StartAt)
      .run((from ? from.stateInput : (input ?? {})) as never, {
        context: executionContext(execution, issued) as never,
        overrides: { taskResourceLocalHandlers: handlers as never, ...definition.overrides },
      });
    execution.abort = run.abort;
    void follow(execution, run.eventLogs as AsyncGenerator<{ type: string }>);
    execution.done = run.result.then(
      (output) => {
        if (execution.status !== 'RUNNING') return;
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output);
        execution.stopDate = new Date();
        options.journal?.forget(name);
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
        options.journal?.forget(name);
      },
    );
    executions.set(executionArn, execution);
    execution.current = {
      stateName: from?.stateName ?? definition.original.StartAt,
      input: from ? from.stateInput : (input ?? {}),
      enteredAt: Date.now(),
    };
    record(execution);
    return { executionArn, alreadyStarted: false };
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

  /** `keep`: the journal keeps the execution, to be resumed (a suspend). */
  function stopExecution(arn: string, cause?: string, keep = false): { stopDate: Date } {
    const e = execution(arn);
    if (e.status === 'RUNNING') {
      if (!keep) options.journal?.forget(e.name);
      e.status = 'ABORTED';
      e.cause = cause;
      e.stopDate = new Date();
      tokens.closeExecution(arn);
      e.abort();
    }
    return { stopDate: e.stopDate ?? new Date() };
  }

  return {
    startExecution(name: string, input: unknown): { executionArn: string; alreadyStarted: boolean } {
      return launch(name, input);
    },
    /**
     * Saves every running execution that waits on a task token and stops them all; returns the saved
     * ones, and the names of those caught elsewhere (between two states), which cannot be resumed.
     */
    suspend(cause: string): { suspended: SuspendedExecution[]; lost: string[] } {
      const suspended: SuspendedExecution[] = [];
      const lost: string[] = [];
      for (const e of executions.values()) {
        if (e.status !== 'RUNNING') continue;
        const saved = suspendExecution(e, definition.taskStates, speed);
        if (saved) suspended.push(saved);
        else lost.push(e.name);
        stopExecution(e.executionArn, cause, true);
      }
      return { suspended, lost };
    },
    /**
     * Runs a suspended execution again from the state it was waiting in, under the same name. A
     * journaled one (`enteredAt`, real ms) is run from the state it had entered; a wait there counts
     * the simulated time waited until `stoppedAt` (real ms).
     */
    resume(
      s: SuspendedExecution & { enteredAt?: number },
      stoppedAt = Date.now(),
    ): { executionArn: string; alreadyStarted: boolean } {
      const { enteredAt, ...saved } = s;
      const waited =
        enteredAt === undefined
          ? undefined
          : suspendExecution(
              {
                name: s.name,
                input: JSON.stringify(s.input),
                current: { stateName: s.stateName, input: s.stateInput, enteredAt },
              },
              definition.taskStates,
              speed,
              stoppedAt,
            );
      const from = waited ?? saved;
      return launch(from.name, from.input, resumeFrom(definition.original, from));
    },
    sendTaskSuccess(token: string, outputJson: string): void {
      tokens.succeed(token, outputJson);
    },
    sendTaskFailure(token: string, error: string, cause: string): void {
      tokens.fail(token, error, cause);
    },
    sendTaskHeartbeat(token: string): void {
      tokens.heartbeat(token);
    },
    describeExecution(arn: string): ExecutionDescription {
      return describe(execution(arn));
    },
    stopExecution(arn: string, cause?: string): { stopDate: Date } {
      return stopExecution(arn, cause);
    },
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
