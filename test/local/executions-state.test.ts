import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ExecutionJournal,
  interruptedNotice,
  readInterrupted,
  recordInterrupted,
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
  it('journals each running execution at its last state until it ends; a torn entry is named', () => {
    const dir = dataDir();
    const journal = new ExecutionJournal(dir);
    expect(journal.entries()).toEqual({ entries: [], unreadable: [] });
    const entry = {
      name: 'case-1',
      input: { caseId: 'case-1' },
      stateName: 'Plan',
      stateInput: { a: 1 },
      enteredAt: 5,
    };
    journal.record(entry);
    journal.record({ ...entry, stateName: 'Wait', enteredAt: 6 });
    journal.record({ ...entry, name: 'case-2' });
    writeFileSync(join(dir, 'executions', 'case-3.json'), '{"name":');
    const read = journal.entries();
    expect(read.entries.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { ...entry, stateName: 'Wait', enteredAt: 6 },
      { ...entry, name: 'case-2' },
    ]);
    expect(read.unreadable).toEqual(['case-3']);
    journal.forget('case-1');
    // A new journal on the same directory (a restart) reads what the last one left.
    expect(new ExecutionJournal(dir).entries().entries.map((e) => e.name)).toEqual(['case-2']);
  });

  it('keeps naming the cases that could not be resumed, across starts', () => {
    const dir = dataDir();
    expect(readInterrupted(dir)).toEqual([]);
    expect(interruptedNotice([])).toBeUndefined();
    recordInterrupted(dir, ['case-1']);
    recordInterrupted(dir, ['case-2', 'case-1']);
    expect(readInterrupted(dir)).toEqual(['case-1', 'case-2']);
    expect(interruptedNotice(readInterrupted(dir))).toMatch(
      /2 cases could not be resumed .*\(case-1, case-2\).*so case resume/,
    );
    expect(interruptedNotice(['case-1'])).toMatch(/of 1 case could/);
  });
});
