import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalQueue } from '#local/queue.ts';

const queue = (extra: Partial<ConstructorParameters<typeof LocalQueue>[0]> = {}) =>
  new LocalQueue({
    name: 'q',
    region: 'eu-south-1',
    accountId: '000000000000',
    backoffMs: 5,
    maxBackoffMs: 20,
    ...extra,
  });

/** Runs `fn` on a fresh queue directory, removed after. */
async function inDirectory(fn: (directory: string) => Promise<void>): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'so-queue-'));
  try {
    await fn(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Hands every message of `q` to a handler that takes it, and returns their bodies in order. */
async function drain(q: LocalQueue): Promise<string[]> {
  const bodies: string[] = [];
  q.attach(async (event) => {
    bodies.push(...event.Records.map((r) => r.body));
    return { batchItemFailures: [] };
  });
  await q.idle();
  return bodies;
}

describe('LocalQueue', () => {
  it('delivers SQS-shaped batches of at most batchSize records', async () => {
    const q = queue({ batchSize: 3 });
    const batches: SQSEvent[] = [];
    for (let i = 0; i < 7; i++) q.send(JSON.stringify({ i }));
    q.attach(async (event) => {
      batches.push(event);
      return { batchItemFailures: [] };
    });
    await q.idle();
    expect(batches.map((b) => b.Records.length).sort()).toEqual([1, 3, 3]);
    const r = batches[0]!.Records[0]!;
    expect(r.eventSource).toBe('aws:sqs');
    expect(r.eventSourceARN).toBe('arn:aws:sqs:eu-south-1:000000000000:q');
    expect(r.attributes.ApproximateReceiveCount).toBe('1');
    expect(r.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    expect(batches.flatMap((b) => b.Records.map((x) => JSON.parse(x.body).i)).sort()).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    expect(q.stats()).toMatchObject({ sent: 7, delivered: 7, deleted: 7, retried: 0, deadLettered: 0 });
  });

  it('redelivers only the records named in batchItemFailures, with a growing receive count', async () => {
    const q = queue();
    const seen: Record<string, string[]> = {};
    q.send('ok');
    q.send('flaky');
    q.attach(async (event) => {
      const failures = [];
      for (const r of event.Records) {
        seen[r.body] = [...(seen[r.body] ?? []), r.attributes.ApproximateReceiveCount];
        if (r.body === 'flaky' && seen.flaky!.length < 3) failures.push({ itemIdentifier: r.messageId });
      }
      return { batchItemFailures: failures };
    });
    await q.idle();
    expect(seen).toEqual({ ok: ['1'], flaky: ['1', '2', '3'] });
    expect(q.deadLetters()).toHaveLength(0);
  });

  it('dead-letters a message after maxReceives, and a redrive brings it back', async () => {
    const dead: string[] = [];
    const q = queue({ maxReceives: 3, onDeadLetter: (d) => dead.push(d.body) });
    let calls = 0;
    let healthy = false;
    q.send('poison');
    q.attach(async () => {
      calls += 1;
      if (!healthy) throw new Error('boom');
      return undefined;
    });
    await q.idle();
    expect(calls).toBe(3);
    expect(dead).toEqual(['poison']);
    expect(q.deadLetters()[0]).toMatchObject({ receiveCount: 3, reason: expect.stringContaining('boom') });
    healthy = true;
    expect(q.redrive()).toBe(1);
    await q.idle();
    expect(calls).toBe(4);
    expect(q.deadLetters()).toHaveLength(0);
  });

  it('fails the whole batch when batchItemFailures names an unknown message, as Lambda does', async () => {
    const q = queue({ maxReceives: 2 });
    q.send('a');
    q.send('b');
    q.attach(async () => ({ batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] }));
    await q.idle();
    expect(
      q
        .deadLetters()
        .map((d) => d.body)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('waits between retries (backoff) and keeps at most `concurrency` batches in flight', async () => {
    const q = queue({ backoffMs: 40, maxBackoffMs: 40, batchSize: 1, concurrency: 2 });
    let inFlight = 0;
    let peak = 0;
    const times: number[] = [];
    for (let i = 0; i < 6; i++) q.send(String(i));
    q.send('retry-me');
    q.attach(async (event) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      const r = event.Records[0]!;
      if (r.body === 'retry-me') {
        times.push(Date.now());
        if (times.length === 1) return { batchItemFailures: [{ itemIdentifier: r.messageId }] };
      }
      return { batchItemFailures: [] };
    });
    await q.idle();
    expect(peak).toBe(2);
    expect(times).toHaveLength(2);
    // Jitter keeps the delay between half and all of the backoff.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(15);
  });

  it('with a directory, keeps what is not done across a kill: unfinished messages come back, dead letters stay', () =>
    inDirectory(async (directory) => {
      const first = queue({ directory, maxReceives: 1, batchSize: 1 });
      first.send('done');
      first.send('dead');
      first.send('in flight');
      let release = () => {};
      first.attach(async (event) => {
        const bodies = event.Records.map((r) => r.body);
        if (bodies.includes('in flight')) await new Promise<void>((r) => (release = r));
        return {
          batchItemFailures: event.Records.filter((r) => r.body === 'dead').map((r) => ({
            itemIdentifier: r.messageId,
          })),
        };
      });
      await new Promise((r) => setTimeout(r, 50));
      // Killed here: 'in flight' is still being handled. A queue on the same directory is the restart.
      const again = queue({ directory });
      expect(await drain(again)).toEqual(['in flight']);
      expect(again.deadLetters().map((d) => d.body)).toEqual(['dead']);
      release();
      expect(queue({ directory }).stats().waiting).toBe(0);
    }));

  it('skips a journal line cut short by a kill, and starts the next run on a journal of what is left', () =>
    inDirectory(async (directory) => {
      const first = queue({ directory });
      first.send('one');
      first.send('two');
      // Killed while writing a third message's line.
      appendFileSync(join(directory, 'journal.ndjson'), '{"sent":{"messageId":"x","bo');
      expect(await drain(queue({ directory }))).toEqual(['one', 'two']);
      expect(queue({ directory }).stats().waiting).toBe(0);
      // Each load wrote the journal anew: nothing of the cut line, nor of the two handled, is left.
      expect(readFileSync(join(directory, 'journal.ndjson'), 'utf8')).toBe('');
    }));

  it('takes up the messages an older version left a file each, once', () =>
    inDirectory(async (directory) => {
      const old = { messageId: 'm-1', body: 'left', sentAt: 1, receiveCount: 2, availableAt: 1 };
      writeFileSync(join(directory, 'm-1.json'), JSON.stringify(old));
      const q = queue({ directory });
      expect(existsSync(join(directory, 'm-1.json'))).toBe(false);
      expect(await drain(q)).toEqual(['left']);
      expect(queue({ directory }).stats().waiting).toBe(0);
    }));

  it('writes its journal anew after a thousand deletions, so a long run does not grow it without end', () =>
    inDirectory(async (directory) => {
      const q = queue({ directory, batchSize: 10, concurrency: 10 });
      const size = () => statSync(join(directory, 'journal.ndjson')).size;
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      q.attach(async (event) => {
        if (event.Records.some((r) => r.body === 'last')) await held;
        return { batchItemFailures: [] };
      });
      for (let i = 0; i < 1000; i++) q.send(`message ${i}`);
      q.send('last');
      await new Promise((r) => setTimeout(r, 100));
      // Only the message still in flight is written down.
      expect(q.stats()).toMatchObject({ deleted: 1000, inFlight: 1 });
      expect(size()).toBeLessThan(400);
      const restarted = queue({ directory });
      expect(restarted.stats().waiting).toBe(1);
      release();
      await q.idle();
    }));
});
