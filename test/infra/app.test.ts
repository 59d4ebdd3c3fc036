import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/constructs/bundling.ts';
import {
  EU_TEXTRACT_REGIONS,
  placeholdersOf,
  refusePlaceholders,
  STAGE_NAMES,
  STAGES,
  StageError,
  stageConfig,
} from '#infra/stages.ts';

describe('stage configuration', () => {
  it.each(STAGE_NAMES)('%s is valid, pinned to its own account, in an EU region with Textract', (name) => {
    const stage = stageConfig(name, {});
    expect(stage.account).toBe(STAGES[name].account);
    expect(EU_TEXTRACT_REGIONS).toContain(stage.region);
  });

  it('keeps the pinned region whatever the CLI defaults to, and its account with matching credentials', () => {
    // Without any AWS configuration the CDK CLI sets CDK_DEFAULT_REGION=us-east-1.
    const prod = stageConfig('prod', { CDK_DEFAULT_REGION: 'us-east-1' });
    expect(prod.region).toBe('eu-central-1');
    const dev = stageConfig('dev', {
      CDK_DEFAULT_ACCOUNT: STAGES.dev.account,
      CDK_DEFAULT_REGION: 'eu-south-1',
    });
    expect([dev.account, dev.region]).toEqual([STAGES.dev.account, 'eu-central-1']);
  });

  it('refuses credentials of another account, and an account or region other than the pinned one', () => {
    expect(() => stageConfig('prod', { CDK_DEFAULT_ACCOUNT: STAGES.dev.account })).toThrow(
      /stage prod is pinned to account 333333333333 in eu-central-1 .*credentials in use are for account 111111111111/,
    );
    expect(() => stageConfig('prod', {}, {}, { region: 'us-east-1' })).toThrow(/-c region=us-east-1/);
    expect(() => stageConfig('prod', {}, {}, { account: '999999999999' })).toThrow(/-c account=/);
    expect(stageConfig('prod', {}, {}, { region: 'eu-central-1' }).region).toBe('eu-central-1');
  });

  it('refuses prod outside the EU, or in Milan where Textract does not run', () => {
    for (const region of ['us-east-1', 'eu-south-1', 'eu-west-2']) {
      expect(() => stageConfig('prod', {}, { region })).toThrow(/region prod must be in an EU region/);
    }
    expect(stageConfig('dev', {}, { region: 'us-east-1' }).region).toBe('us-east-1');
  });

  it('rejects an unknown stage, naming the valid ones', () => {
    expect(() => stageConfig('qa', {})).toThrow(StageError);
    expect(() => stageConfig(undefined, {})).toThrow(/dev\|staging\|prod/);
  });

  it('rejects prod without retained data, a sender outside the identity, an origin that is not one', () => {
    expect(() => stageConfig('prod', {}, { removal: 'destroy' })).toThrow(/removal prod must retain/);
    expect(() => stageConfig('dev', {}, { senderEmail: 'x@elsewhere.org' })).toThrow(/senderEmail/);
    expect(() => stageConfig('dev', {}, { origin: 'https://a.org/path' })).toThrow(/origin/);
    expect(() => stageConfig('dev', {}, { origin: 'http://dev.second-opinion.example.org' })).toThrow(
      /origin must be an https origin/,
    );
    expect(() => stageConfig('dev', {}, { origin: 'https://second-opinion.example.com' })).toThrow(
      /origin must be a name in the hosted zone/,
    );
  });

  it('rejects a draft reminder that would not come before the draft closes', () => {
    const limits = stageConfig('dev', {}).limits;
    expect(() =>
      stageConfig('dev', {}, { limits: { ...limits, draftReminderDays: 30, draftExpiryDays: 30 } }),
    ).toThrow(/limits\.draftReminderDays must come before the draft closes/);
  });

  it('refuses to deploy prod with the example values it ships with, naming each; a synth of the example warns', () => {
    const prod = stageConfig('prod', {});
    expect(placeholdersOf(prod)).toEqual([
      'account',
      'hostedZone.id',
      'hostedZone.name',
      'origin',
      'emailIdentity',
      'officeEmail',
      'alarmEmail',
      'bank.iban',
      'hospital.vatNumber',
    ]);
    expect(() => refusePlaceholders(prod, 'refuse')).toThrow(
      /stage prod still has the example values of infra\/stages\.ts in account, hostedZone\.id, .*hospital\.vatNumber: set the hospital's before deploying/,
    );
    expect(refusePlaceholders(prod, undefined)).toMatch(
      /^stage prod still has the example values .* in account, /,
    );
    expect(refusePlaceholders(prod, 'allow')).toBeUndefined();
    // Other stages may run on the examples (a developer's own account is set the same way).
    expect(refusePlaceholders(stageConfig('dev', {}), 'refuse')).toBeUndefined();
    const real = stageConfig(
      'prod',
      {},
      {
        account: '123456789012',
        origin: 'https://secondopinion.hospital.it',
        hostedZone: { id: 'Z0123456789ABCDEFGHIJ', name: 'hospital.it' },
        emailIdentity: 'hospital.it',
        senderEmail: 'no-reply@hospital.it',
        officeEmail: 'office@hospital.it',
        alarmEmail: 'ops@hospital.it',
        bank: { ...STAGES.prod.bank, iban: 'IT41X0306909606100000063339' },
        hospital: { ...STAGES.prod.hospital, vatNumber: 'IT00743110157' },
      },
    );
    expect(placeholdersOf(real)).toEqual([]);
    expect(refusePlaceholders(real, 'refuse')).toBeUndefined();
  });

  it('stops the prod deploy (-c placeholders=refuse) on the example values with a clear message', async () => {
    const run = promisify(execFile)('npx', ['tsx', 'infra/app.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ stage: 'prod', placeholders: 'refuse' }) },
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('stage prod still has the example values'),
    });
  });

  it('stops the CDK app with a clear message on an unknown stage', async () => {
    const run = promisify(execFile)('npx', ['tsx', 'infra/app.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ stage: 'qa' }) },
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown stage "qa": pass -c stage=dev|staging|prod'),
    });
  });
});
