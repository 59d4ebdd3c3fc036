/** Chaos mode's faults: where each happens, and that the SDK takes the stand-ins' errors as AWS's own. */
import { createServer } from 'node:http';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Chaos, injectFaults } from '#local/chaos.ts';
import { close, listen } from '#local/net.ts';
import { LocalQueue } from '#local/queue.ts';

afterEach(() => vi.restoreAllMocks());

describe('chaos mode', () => {
  it('fails a Lambda invocation before its handler, or times it out after the handler ran', async () => {
    let runs = 0;
    const run = async () => {
      runs += 1;
      return 'done';
    };
    expect(await new Chaos(0).invoke(run)).toBe('done');
    await expect(new Chaos(1).invoke(run)).rejects.toMatchObject({ name: 'Lambda.ServiceException' });
    expect(runs).toBe(1);
    // No error (0.5 >= 0.1), then a timeout (0.05 < 0.1): the work is done, the caller sees a failure.
    vi.spyOn(Math, 'random').mockReturnValueOnce(0.5).mockReturnValueOnce(0.05);
    const chaos = new Chaos(0.1);
    await expect(chaos.invoke(run)).rejects.toMatchObject({ name: 'Sandbox.Timedout' });
    expect(runs).toBe(2);
    expect(chaos.counts).toMatchObject({ lambda_error: 0, lambda_timeout: 1 });
    expect(() => new Chaos(2)).toThrow(RangeError);
  });

  it('has a queue deliver each message twice and late', async () => {
    const chaos = new Chaos(1);
    const q = new LocalQueue({ name: 'q', region: 'eu-south-1', accountId: '000000000000', chaos });
    const seen: string[] = [];
    q.send('a');
    q.send('b');
    q.attach(async (event) => {
      seen.push(...event.Records.map((r) => r.body));
      return { batchItemFailures: [] };
    });
    await q.idle();
    expect(seen.sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(chaos.counts).toMatchObject({ duplicate_message: 2, late_message: 2 });
  });

  it("answers with the service's throttling error, which the SDK retries, and the stand-in never sees it", async () => {
    let reached = 0;
    const server = createServer((_req, res) => {
      reached += 1;
      res.end('{}');
    });
    injectFaults(server, new Chaos(1), 'stepfunctions');
    const port = await listen(server, 0, '127.0.0.1', 'stepfunctions');
    const sfn = new SFNClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-south-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 2,
    });
    try {
      const err = await sfn.send(new DescribeExecutionCommand({ executionArn: 'arn' })).catch((e) => e);
      expect(err).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 2 } });
      expect(reached).toBe(0);
    } finally {
      sfn.destroy();
      await close(server);
    }
  });
});
