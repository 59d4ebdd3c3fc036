import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  interruptedNotice,
  readInterrupted,
  recordInterrupted,
  saveSuspended,
  takeSuspended,
} from '#local/executions-state.ts';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'so-executions-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('executions across a restart', () => {
  it('hands the saved executions to the next start once', () => {
    const dir = dataDir();
    expect(takeSuspended(dir)).toEqual([]);
    const saved = {
      name: 'case-1',
      input: { caseId: 'case-1' },
      stateName: 'Triage.Wait',
      stateInput: { a: 1 },
    };
    saveSuspended(dir, [saved]);
    expect(takeSuspended(dir)).toEqual([saved]);
    expect(takeSuspended(dir)).toEqual([]);
    saveSuspended(dir, []);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps naming the cases cut off between two states, across stops', () => {
    const dir = dataDir();
    expect(readInterrupted(dir)).toEqual([]);
    expect(interruptedNotice([])).toBeUndefined();
    recordInterrupted(dir, ['case-1']);
    recordInterrupted(dir, ['case-2', 'case-1']);
    expect(readInterrupted(dir)).toEqual(['case-1', 'case-2']);
    expect(interruptedNotice(readInterrupted(dir))).toMatch(/^2 cases were .*\(case-1, case-2\).*--reset/);
    expect(interruptedNotice(['case-1'])).toMatch(/^1 case was /);
  });
});
