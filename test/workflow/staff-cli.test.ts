import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTable, type TestTable } from '#local/testbed/dynalite.ts';
import { main } from '../../bin/so.ts';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable('staff-cli');
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_REGION: 'eu-south-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});
afterAll(async () => {
  await table.close();
});

async function so(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('so staff', () => {
  it('adds, lists by role and deactivates staff members', async () => {
    const added = await so(
      'staff',
      'add',
      '--id',
      'dr-rossi',
      '--name',
      'Luca Rossi',
      '--email',
      'luca.rossi@hospital.example',
      '--roles',
      'specialist,specialist_lead',
      '--types',
      'oncological,radiotherapy',
      '--languages',
      'it,en',
      '--secretariat',
      'segreteria@hospital.example',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out[0]!)).toMatchObject({
      staffId: 'dr-rossi',
      active: true,
      roles: ['specialist', 'specialist_lead'],
    });
    expect(
      (
        await so(
          'staff',
          'add',
          '--name',
          'Office',
          '--email',
          'office@hospital.example',
          '--roles',
          'office',
        )
      ).code,
    ).toBe(0);

    const specialists = await so('staff', 'list', '--role', 'specialist', '--json');
    expect(specialists.out.map((l) => JSON.parse(l).staffId)).toEqual(['dr-rossi']);
    expect((await so('staff', 'list')).out).toHaveLength(2);

    expect((await so('staff', 'deactivate', 'dr-rossi')).code).toBe(0);
    const after = await so('staff', 'list', '--role', 'specialist');
    expect(after.out[0]).toContain('inactive');
  });

  it('refuses bad input with a clear message', async () => {
    const bad = await so('staff', 'add', '--name', 'X', '--email', 'not-an-email', '--roles', 'surgeon');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--email');
    expect(bad.err).toContain('--roles');
    expect((await so('staff', 'deactivate', 'nobody')).code).toBe(1);
    expect((await so('staff', 'list', '--role', 'boss')).code).toBe(2);
    expect((await so('staff', 'fire')).code).toBe(2);
  });
});
