import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/so.ts';

async function so(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('so due', () => {
  it('prints the deadline in UTC, from the same calendar the Lambdas use', async () => {
    const r = await so('due', '--from', '2026-12-04T16:30:00Z', '--working-days', '5');
    expect(r).toMatchObject({ code: 0, out: ['2026-12-15T22:59:59.000Z'] });
  });

  it('runs as `npx so`', () => {
    const out = execFileSync('npx', ['so', 'due', '--from', '2026-04-03T10:00:00Z', '--working-days', '1'], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('2026-04-07T21:59:59.000Z');
  });

  it('honours closure days from the environment', async () => {
    process.env.CLOSURE_DAYS = '2026-12-09';
    try {
      const r = await so('due', '--from', '2026-12-04T16:30:00Z', '--working-days', '1');
      expect(r.out).toEqual(['2026-12-10T22:59:59.000Z']);
    } finally {
      delete process.env.CLOSURE_DAYS;
    }
  });

  it.each([
    [['due', '--from', 'yesterday', '--working-days', '1'], /--from needs an ISO instant/],
    [['due', '--from', '2026-12-04T16:30:00Z', '--working-days', '0'], /--working-days needs a whole number/],
    [['due', '--from', '2026-12-04T16:30:00Z'], /--working-days/],
    [['due', '--bogus', '1'], /Unknown option/],
    [['nope'], /unknown command "nope"/],
  ])('refuses %j with a clear message', async (argv, message) => {
    const r = await so(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toMatch(message);
  });
});
