/**
 * The ASL rewritten for aws-local-stepfunctions: the library runs a copy whose task timeouts and
 * waits are the engine's to enforce, on simulated time `speed` times faster than real time
 * (real ms = simulated ms / speed).
 * - Task states: TimeoutSecondsPath is read from the state input as AWS does, its value carried
 *   through Parameters of the copy; the library's own task timeout is pushed out of the way, and
 *   `taskCall` gives the engine the timeout to enforce (TimeoutSeconds or that value, scaled).
 * - Wait states with Seconds and Retry intervals are scaled by `speed`.
 * - The execution's TimeoutSeconds is dropped: a year would overflow the library's setTimeout.
 */
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { StateError } from './errors.ts';

export type State = Record<string, unknown> & { Type: string };
export interface Definition {
  StartAt: string;
  States: Record<string, State>;
}

/** Node's longest timer (24.8 days); longer ones are chunked. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** Under the library's 24.8-day setTimeout limit; the engine's own timers enforce the real timeouts. */
const LIBRARY_TIMEOUT_SECONDS = 2_000_000;
const TIMEOUT_FIELD = '__timeoutSeconds';

export interface PreparedDefinition {
  /** The definition as written. */
  original: Definition;
  /** The Task states by name, as written (Resource, TimeoutSeconds, TimeoutSecondsPath). */
  taskStates: ReadonlyMap<string, State>;
  /** What every run gives the library: waits and retry intervals in scaled real ms. */
  overrides: { waitTimeOverrides: Record<string, number>; retryIntervalOverrides: Record<string, number[]> };
  /** The library's machine for runs that start at `startAt` (a resumed execution starts mid-way). */
  machineFrom(startAt: string): StateMachine;
}

export function prepareDefinition(
  definition: string | Record<string, unknown>,
  speed: number,
): PreparedDefinition {
  const original = (
    typeof definition === 'string' ? JSON.parse(definition) : structuredClone(definition)
  ) as Definition;

  const runnable = structuredClone(original) as Definition & { TimeoutSeconds?: number };
  delete runnable.TimeoutSeconds;
  const taskStates = new Map<string, State>();
  const waitTimeOverrides: Record<string, number> = {};
  for (const [name, state] of Object.entries(runnable.States)) {
    if (state.Type === 'Task') {
      taskStates.set(name, original.States[name]!);
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
      waitTimeOverrides[name] = Math.min((state.Seconds * 1000) / speed, MAX_TIMER_MS);
    }
  }

  const machines = new Map<string, StateMachine>([
    [
      runnable.StartAt,
      new StateMachine(runnable as unknown as StateMachineDefinition, {
        validationOptions: { checkArn: false, checkPaths: false },
      }),
    ],
  ]);
  return {
    original,
    taskStates,
    overrides: { waitTimeOverrides, retryIntervalOverrides: retryOverrides(original, speed) },
    machineFrom(startAt) {
      let m = machines.get(startAt);
      if (!m) {
        // The same states, validated above; only the states before `startAt` are now unreachable.
        m = new StateMachine({ ...runnable, StartAt: startAt } as unknown as StateMachineDefinition, {
          validationOptions: { noValidate: true },
        });
        machines.set(startAt, m);
      }
      return m;
    },
  };
}

/**
 * What a Task state of the rewritten copy receives, taken apart: its Parameters as written, and
 * the timeout the engine enforces in real ms (undefined: none). A TimeoutSecondsPath that does not
 * name a positive integer fails the state, as in AWS.
 */
export function taskCall(
  state: State,
  input: unknown,
  speed: number,
): { params: Record<string, unknown>; limitMs: number | undefined } {
  const { [TIMEOUT_FIELD]: fromPath, ...params } = (input ?? {}) as Record<string, unknown>;
  let seconds: unknown = state.TimeoutSeconds;
  if (seconds === undefined && typeof state.TimeoutSecondsPath === 'string') {
    seconds = fromPath;
    if (!Number.isInteger(seconds) || (seconds as number) < 1) {
      throw new StateError('States.Runtime', `${state.TimeoutSecondsPath} is not a positive integer`, false);
    }
  }
  return { params, limitMs: typeof seconds === 'number' ? (seconds * 1000) / speed : undefined };
}

/** Retry intervals scaled by speed, so a retried task waits simulated, not real, seconds. */
function retryOverrides(definition: Definition, speed: number) {
  const out: Record<string, number[]> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    const retry = state.Retry as { IntervalSeconds?: number }[] | undefined;
    if (retry?.length)
      out[name] = retry.map((r) => Math.min(((r.IntervalSeconds ?? 1) * 1000) / speed, 1000));
  }
  return out;
}
