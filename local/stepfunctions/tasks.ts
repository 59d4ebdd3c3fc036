/**
 * Task states, run by the engine instead of the library: a resource
 * `arn:aws:states:::lambda:invoke[.waitForTaskToken]` calls `invoke(FunctionName, Payload)`, and a
 * plain invoke answers `{ StatusCode: 200, Payload }` like the AWS integration; any other resource
 * calls `invoke(Resource, Parameters)`. A waitForTaskToken task then waits on the token its payload
 * holds. The state's timeout runs on a timer of any length; an invoke's error fails the state under
 * its name, which Retry and Catch match (as Lambda's errorType).
 */
import { MAX_TIMER_MS, type State, taskCall } from './definition.ts';
import { StateError } from './errors.ts';
import { claimToken, type TaskTokens } from './tokens.ts';

export type Invoke = (functionArn: string, payload: unknown) => Promise<unknown>;

export interface TaskContext {
  /** The execution the task runs in; each call counts as a Lambda invocation of it. */
  execution: { executionArn: string; lambdaInvocations: number };
  /** The tokens this execution's context has issued and no task has claimed yet. */
  issued: Set<string>;
  tokens: TaskTokens;
  invoke: Invoke;
  speed: number;
}

function isLambdaResource(resource: unknown): resource is string {
  return typeof resource === 'string' && resource.startsWith('arn:aws:states:::lambda:invoke');
}

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

/** The library's local handler for the Task state `stateName` (as written: `state`) of one execution. */
export function taskHandler(stateName: string, state: State, c: TaskContext) {
  return async (input: unknown): Promise<unknown> => {
    c.execution.lambdaInvocations += 1;
    const resource = state.Resource as string;
    const { params, limitMs } = taskCall(state, input, c.speed);
    const functionArn = isLambdaResource(resource) ? String(params.FunctionName) : resource;
    const payload = isLambdaResource(resource) ? params.Payload : params;
    const callback = resource.endsWith('.waitForTaskToken');

    return new Promise((resolve, reject) => {
      let cancelTimer = () => {};
      let token: string | undefined;
      const settle = () => {
        cancelTimer();
        if (token) c.tokens.close(token);
      };
      if (limitMs !== undefined) {
        cancelTimer = longTimer(limitMs, () => {
          settle();
          reject(new StateError('States.Timeout', `${stateName} timed out`, false));
        });
      }
      if (callback) {
        token = claimToken(payload, c.issued);
        if (!token) {
          settle();
          reject(new StateError('States.Runtime', `${stateName}: the payload holds no $$.Task.Token`, false));
          return;
        }
        c.tokens.wait(token, {
          executionArn: c.execution.executionArn,
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
      c.invoke(functionArn, payload).then(
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
