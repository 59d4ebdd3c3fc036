/**
 * Executions across a restart, hard kills included. The Step Functions stand-in keeps executions
 * in memory and journals each one on disk as it enters a state (`executions/<name>.json`, written
 * before StartExecution answers): a stop, clean or not, leaves each running execution at its last
 * state, and the next start runs it again from there (a task that had run is run again, as a Lambda
 * retry would). A clean stop journals the waits with the time already waited. An execution that
 * cannot be resumed (its state no longer in the definition) is listed, so that every later start
 * names the case instead of leaving it silently stuck.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuspendedExecution } from '#local/stepfunctions/suspend.ts';

const JOURNAL = 'executions';
const INTERRUPTED = 'interrupted-executions.json';

/** A running execution as journaled: where it is, and when (real ms) it entered that state. */
export interface JournalEntry extends SuspendedExecution {
  enteredAt: number;
}

export class ExecutionJournal {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, JOURNAL);
    mkdirSync(this.dir, { recursive: true });
  }

  /** Written in full and renamed, so a kill mid-write leaves the previous entry. */
  record(entry: JournalEntry): void {
    const file = join(this.dir, `${entry.name}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(entry));
    renameSync(`${file}.tmp`, file);
  }

  forget(name: string): void {
    rmSync(join(this.dir, `${name}.json`), { force: true });
  }

  /** Every execution that was running when the stack last stopped; an unreadable entry is named. */
  entries(): { entries: JournalEntry[]; unreadable: string[] } {
    const entries: JournalEntry[] = [];
    const unreadable: string[] = [];
    for (const file of readdirSync(this.dir).filter((f) => f.endsWith('.json'))) {
      try {
        const entry = JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as JournalEntry;
        if (typeof entry.stateName !== 'string' || typeof entry.enteredAt !== 'number') throw new Error();
        entries.push(entry);
      } catch {
        unreadable.push(file.slice(0, -'.json'.length));
      }
    }
    return { entries, unreadable };
  }
}

/** When (real ms) a stack that is no longer running stopped: the last save of its clock. */
export function lastStoppedAt(dataDir: string): number | undefined {
  try {
    return statSync(join(dataDir, 'clock.json')).mtimeMs;
  } catch {
    return undefined;
  }
}

function readList<T>(file: string): T[] {
  try {
    const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(list) ? (list as T[]) : [];
  } catch {
    return [];
  }
}

/** The names (case ids) of executions earlier starts could not resume. */
export function readInterrupted(dataDir: string): string[] {
  return readList<unknown>(join(dataDir, INTERRUPTED)).filter((n): n is string => typeof n === 'string');
}

/** Adds the executions this start could not resume to those of earlier ones. */
export function recordInterrupted(dataDir: string, names: readonly string[]): void {
  if (!names.length) return;
  const all = [...new Set([...readInterrupted(dataDir), ...names])];
  writeFileSync(join(dataDir, INTERRUPTED), `${JSON.stringify(all, null, 2)}\n`);
}

export function interruptedNotice(names: readonly string[]): string | undefined {
  if (!names.length) return undefined;
  const cases = names.length === 1 ? '1 case' : `${names.length} cases`;
  return (
    `the workflow of ${cases} could not be resumed after a stop (${names.join(', ')}): they are marked failed. ` +
    'After fixing the cause, `npx so case resume REF --local` starts one again; --reset starts clean.'
  );
}
