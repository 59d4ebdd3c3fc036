import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/constructs/bundling.ts';
import { STAGE_NAMES, StageError, stageConfig } from '#infra/stages.ts';

describe('stage configuration', () => {
  it.each(STAGE_NAMES)('%s is valid and synthesizes offline', (name) => {
    const stage = stageConfig(name, {});
    expect(stage.account).toMatch(/^\d{12}$/);
    expect(stage.region).toBe('eu-central-1');
  });

  it('takes account and region from the CLI environment', () => {
    const stage = stageConfig('dev', {
      CDK_DEFAULT_ACCOUNT: '123456789012',
      CDK_DEFAULT_REGION: 'eu-south-1',
    });
    expect([stage.account, stage.region]).toEqual(['123456789012', 'eu-south-1']);
  });

  it('rejects an unknown stage, naming the valid ones', () => {
    expect(() => stageConfig('qa', {})).toThrow(StageError);
    expect(() => stageConfig(undefined, {})).toThrow(/dev\|staging\|prod/);
  });

  it('rejects prod without retained data and a sender outside the identity', () => {
    expect(() => stageConfig('prod', {}, { removal: 'destroy' })).toThrow(/removal prod must retain/);
    expect(() => stageConfig('dev', {}, { senderEmail: 'x@elsewhere.org' })).toThrow(/senderEmail/);
    expect(() => stageConfig('dev', {}, { webOrigin: 'https://a.org/path' })).toThrow(/webOrigin/);
  });

  it('rejects a draft reminder that would not come before the draft closes', () => {
    const limits = stageConfig('dev', {}).limits;
    expect(() =>
      stageConfig('dev', {}, { limits: { ...limits, draftReminderDays: 30, draftExpiryDays: 30 } }),
    ).toThrow(/limits\.draftReminderDays must come before the draft closes/);
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
