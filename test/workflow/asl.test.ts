import { readdirSync, readFileSync } from 'node:fs';
// @ts-expect-error asl-validator's package exports no types
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '#functions/manifest.ts';

const DIR = new URL('../../statemachines/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.asl.json'));

type State = Record<string, unknown> & { Type: string };

function load(file: string) {
  return JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as { States: Record<string, State> };
}

describe('state machine definitions', () => {
  it('exist', () => {
    expect(FILES).toContain('second-opinion.asl.json');
  });

  it.each(FILES)('%s passes asl-validator', (file) => {
    const { isValid, errorsText } = aslValidator(load(file) as never, { checkArn: true, checkPaths: true });
    expect(errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
  });

  it.each(FILES)('%s names only task functions of the manifest, as ${<Name>FunctionArn}', (file) => {
    const tasks = new Set(FUNCTIONS.filter((f) => f.trigger.kind === 'task').map((f) => f.name));
    const text = readFileSync(new URL(file, DIR), 'utf8');
    const named = [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const n of named) {
      expect(n).toMatch(/FunctionArn$/);
      expect(tasks).toContain(n.replace(/FunctionArn$/, ''));
    }
    expect(text).not.toMatch(/arn:aws:lambda:/);
  });

  it.each(FILES)(
    '%s: every Lambda task retries transient errors and timeouts (the tasks are idempotent) and is caught into MarkFailed',
    (file) => {
      const { States } = load(file);
      for (const [name, s] of Object.entries(States).filter(([, s]) => s.Type === 'Task')) {
        const retry = s.Retry as { ErrorEquals: string[] }[];
        expect(retry?.[0]?.ErrorEquals, name).toEqual(
          expect.arrayContaining([
            'Lambda.ServiceException',
            'Lambda.TooManyRequestsException',
            'Lambda.SdkClientException',
            'Sandbox.Timedout',
            'TransientError',
          ]),
        );
        const catchers = s.Catch as { ErrorEquals: string[]; Next: string }[];
        const all = catchers.find((c) => c.ErrorEquals.includes('States.ALL'));
        expect(all?.Next, name).toBe(name === 'MarkFailed' ? 'Failed' : 'MarkFailed');
      }
      expect(States.Failed?.Type).toBe('Fail');
    },
  );

  it('waits for every human step in one loop: a task token with a computed timeout, a reminder loop, an end', () => {
    const { States } = load('second-opinion.asl.json');
    const waits = Object.entries(States).filter(([, s]) => String(s.Resource).endsWith('.waitForTaskToken'));
    expect(waits.map(([n]) => n)).toEqual(['Wait']);
    const wait = States.Wait!;
    expect(wait.TimeoutSecondsPath).toBe('$.wait.timeoutSeconds');
    expect(JSON.stringify(wait.Parameters)).toContain('"taskToken.$":"$$.Task.Token"');
    expect(JSON.stringify(wait.Parameters)).toContain('"step.$":"$.step"');
    const timeout = (wait.Catch as { ErrorEquals: string[]; Next: string }[]).find((c) =>
      c.ErrorEquals.includes('States.Timeout'),
    );
    expect(timeout?.Next).toBe('Remind');
    expect(States.Remind?.Next).toBe('AfterRemind');
    // A wait that reached its end applies the system's decision; otherwise it waits again.
    expect(States.AfterRemind?.Default).toBe('Wait');
    expect(JSON.stringify(States.AfterRemind?.Choices)).toContain('"Next":"Ended"');
    expect(States.Ended?.Next).toBe('Apply');
    expect(States.Apply?.Next).toBe('Route');
    expect(States.NextStep?.Next).toBe('Plan');
    expect(load('second-opinion.asl.json')).toMatchObject({ StartAt: 'Plan' });
  });
});
