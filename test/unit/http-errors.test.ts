/**
 * How the HTTP wrapper answers what a use case throws: nothing of the code behind it, and a 503 for
 * an AWS service's passing trouble; and how a state machine task names that trouble for the ASL's Retry.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { logger } from '#app/logger.ts';
import * as z from '#app/zod.ts';
import { taskHandler } from '#functions/workflow/task.ts';
import { errorResponse } from '#http/handler.ts';
import { ConflictError } from '#usecases/ports.ts';

const awsError = (name: string, status: number) =>
  Object.assign(new Error('Rate exceeded'), { name, $metadata: { httpStatusCode: status } });

describe('errorResponse', () => {
  // Each unexpected error is logged on purpose; the assertions are on the answers.
  beforeAll(() => logger.setLogLevel('SILENT'));

  it('answers an unexpected error with a 500 that names nothing', async () => {
    const res = await errorResponse(new TypeError('cannot read properties of undefined'));
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(String(res.body))).toEqual({
      error: { code: 'internal', message: expect.stringMatching(/try again later/) },
    });
    expect(res.headers?.['retry-after']).toBeUndefined();
  });

  it.each([
    ['a throttled call', awsError('ThrottlingException', 400)],
    ['an SES throttle', awsError('Throttling', 400)],
    ['a 5xx', awsError('InternalServerError', 500)],
    ['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('answers %s after the SDK retries with a 503 to try again', async (_, err) => {
    const res = await errorResponse(err);
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(String(res.body)).error.code).toBe('internal');
    expect(String(res.body)).not.toContain('Rate exceeded');
  });

  it('answers a lost conditional write with a 409', async () => {
    expect((await errorResponse(new ConflictError('case changed'))).statusCode).toBe(409);
  });
});

describe('taskHandler', () => {
  beforeAll(() => logger.setLogLevel('SILENT'));
  const failing = (err: Error) =>
    taskHandler(z.object({ caseId: z.string() }), async () => {
      throw err;
    });

  it('names an AWS error that outlived the SDK retries TransientError, for the state machine to retry', async () => {
    await expect(failing(awsError('ThrottlingException', 400))({ caseId: 'c' })).rejects.toMatchObject({
      name: 'TransientError',
      message: 'ThrottlingException: Rate exceeded',
    });
  });

  it('leaves any other error its own name', async () => {
    await expect(failing(new TypeError('boom'))({ caseId: 'c' })).rejects.toMatchObject({
      name: 'TypeError',
    });
  });
});
