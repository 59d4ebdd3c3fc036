/**
 * Suspend and resume. Executions live in memory; to carry a case across a restart, a stop saves
 * each execution waiting on a task token (the usual place of a case: waiting for a person) and a
 * later start runs it again from that state, under the same name. The saved state input has its
 * TimeoutSecondsPath value shortened by the simulated time already waited, so the restarted wait
 * times out when the first one would have. An execution caught elsewhere (between two states)
 * cannot be saved.
 */
import type { Definition, State } from './definition.ts';
import { LocalSfnError } from './errors.ts';

/** An execution waiting on a task token, as a stop saves it: enough to run it again from that state. */
export interface SuspendedExecution {
  name: string;
  input: unknown;
  stateName: string;
  stateInput: unknown;
}

/** A running execution as the engine follows it: the state it is in, its input, when (real ms) it entered. */
export interface RunningExecution {
  name: string;
  /** The execution input, as JSON. */
  input: string;
  current?: { stateName: string; input: unknown; enteredAt: number };
}

/**
 * The execution saved for a later resume, or undefined when it cannot be (it is not waiting on a
 * token). `taskStates` are the Task states as written.
 */
export function suspendExecution(
  e: RunningExecution,
  taskStates: ReadonlyMap<string, State>,
  speed: number,
  /** When (real ms) the execution stopped waiting. */
  now = Date.now(),
): SuspendedExecution | undefined {
  const state = e.current && taskStates.get(e.current.stateName);
  const waiting = state && typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken');
  if (!e.current || !state || !waiting) return undefined;
  const stateInput = structuredClone(e.current.input);
  const timeoutPath = typeof state.TimeoutSecondsPath === 'string' ? state.TimeoutSecondsPath : '';
  const at = timeoutPath ? pathOf(stateInput, timeoutPath) : undefined;
  if (at && typeof at.parent[at.key] === 'number') {
    // Simulated seconds already waited count: the restarted wait times out when this one would have.
    const waited = (Math.max(0, now - e.current.enteredAt) * speed) / 1000;
    at.parent[at.key] = Math.max(1, Math.ceil((at.parent[at.key] as number) - waited));
  }
  return { name: e.name, input: JSON.parse(e.input), stateName: e.current.stateName, stateInput };
}

/** Where a saved execution runs again; a state the definition no longer has is an error. */
export function resumeFrom(
  definition: Definition,
  s: SuspendedExecution,
): { stateName: string; stateInput: unknown } {
  if (!definition.States[s.stateName]) {
    throw new LocalSfnError('InvalidDefinition', `no state ${s.stateName} to resume ${s.name} at`);
  }
  return { stateName: s.stateName, stateInput: s.stateInput };
}

/** The value at a `$.a.b` path of the state input (the only form the service's ASL uses). */
function pathOf(input: unknown, path: string): { parent: Record<string, unknown>; key: string } | undefined {
  const keys = path.replace(/^\$\.?/, '').split('.');
  let parent = input as Record<string, unknown> | undefined;
  for (const k of keys.slice(0, -1)) parent = parent?.[k] as Record<string, unknown> | undefined;
  return parent && typeof parent === 'object' ? { parent, key: keys.at(-1)! } : undefined;
}
