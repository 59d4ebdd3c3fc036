/**
 * Executions across a restart. The Step Functions stand-in keeps executions in memory: a stop saves
 * those waiting on a task token (the usual place of a case: waiting for a person), and the next
 * start runs them again from that wait. An execution caught between two states cannot be resumed:
 * it is listed, so that every later start names the case instead of leaving it silently stuck.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuspendedExecution } from '#local/stepfunctions/suspend.ts';

const SUSPENDED = 'executions.json';
const INTERRUPTED = 'interrupted-executions.json';

function readList<T>(file: string): T[] {
  try {
    const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(list) ? (list as T[]) : [];
  } catch {
    return [];
  }
}

export function saveSuspended(dataDir: string, executions: readonly SuspendedExecution[]): void {
  if (executions.length) writeFileSync(join(dataDir, SUSPENDED), `${JSON.stringify(executions, null, 2)}\n`);
}

/** The executions the last stop saved; taken once, since resuming them makes them live again. */
export function takeSuspended(dataDir: string): SuspendedExecution[] {
  const file = join(dataDir, SUSPENDED);
  const list = readList<SuspendedExecution>(file);
  rmSync(file, { force: true });
  return list;
}

/** The names (case ids) of executions cut off by earlier stops. */
export function readInterrupted(dataDir: string): string[] {
  return readList<unknown>(join(dataDir, INTERRUPTED)).filter((n): n is string => typeof n === 'string');
}

/** Adds the executions this stop cuts off to those of earlier stops. */
export function recordInterrupted(dataDir: string, names: readonly string[]): void {
  if (!names.length) return;
  const all = [...new Set([...readInterrupted(dataDir), ...names])];
  writeFileSync(join(dataDir, INTERRUPTED), `${JSON.stringify(all, null, 2)}\n`);
}

export function interruptedNotice(names: readonly string[]): string | undefined {
  if (!names.length) return undefined;
  const cases = names.length === 1 ? '1 case was' : `${names.length} cases were`;
  return (
    `${cases} between two workflow steps when the stack stopped (${names.join(', ')}). ` +
    'Such an execution cannot be resumed here, so those cases will not move on: send new requests, or start clean with --reset.'
  );
}
