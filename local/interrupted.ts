/**
 * Cases whose workflow was cut off by a stop: the Step Functions stand-in keeps executions in
 * memory, so after a restart nothing moves those cases on. They are listed in the data directory so
 * that every later start can say so, instead of leaving a case silently stuck.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'interrupted-executions.json';

/** The names (case ids) of executions cut off by earlier stops. */
export function readInterrupted(dataDir: string): string[] {
  try {
    const names = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as unknown;
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds the executions this stop cuts off to those of earlier stops. */
export function recordInterrupted(dataDir: string, names: readonly string[]): void {
  if (!names.length) return;
  const all = [...new Set([...readInterrupted(dataDir), ...names])];
  writeFileSync(join(dataDir, FILE), `${JSON.stringify(all, null, 2)}\n`);
}

export function interruptedNotice(names: readonly string[]): string | undefined {
  if (!names.length) return undefined;
  const cases = names.length === 1 ? '1 case was' : `${names.length} cases were`;
  return (
    `${cases} in the middle of the workflow when the stack stopped (${names.join(', ')}). ` +
    'Executions live in memory here, so those cases will not move on: send new requests, or start clean with --reset.'
  );
}
