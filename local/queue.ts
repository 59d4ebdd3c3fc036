/**
 * A local stand-in for an SQS queue with a Lambda event source mapping: messages are delivered in
 * SQS-shaped batches to a handler; records named in `batchItemFailures` (or the whole batch when the
 * handler throws) come back after a backoff, and after `maxReceives` receives go to a dead-letter
 * list, as a redrive policy does in AWS. Messages live in memory; with a `directory` each is also
 * written there before `send` returns and removed once deleted, so a queue started again on that
 * directory (after a stop or a hard kill) delivers what was not done, as SQS keeps it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Chaos } from './chaos.ts';

export interface QueueOptions {
  name: string;
  region: string;
  accountId: string;
  /** Up to this many records per invocation (the event source mapping's BatchSize). */
  batchSize?: number;
  /** Batches in flight at once (the mapping's MaximumConcurrency). */
  concurrency?: number;
  /** Receives before a message goes to the dead-letter list (the redrive policy's maxReceiveCount). */
  maxReceives?: number;
  /** Real milliseconds before the first retry; doubles per receive up to maxBackoffMs, with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Where messages are kept across a restart (none: in memory only). */
  directory?: string;
  /** Chaos mode: some messages are delivered twice, some after later ones (local/chaos.ts). */
  chaos?: Chaos;
  onDeadLetter?: (message: DeadLetter) => void;
}

export type QueueHandler = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

interface Message {
  messageId: string;
  body: string;
  sentAt: number;
  firstReceivedAt?: number;
  receiveCount: number;
  availableAt: number;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  reason: string;
  deadLetteredAt: string;
}

export interface QueueStats {
  sent: number;
  delivered: number;
  retried: number;
  deleted: number;
  deadLettered: number;
  waiting: number;
  inFlight: number;
}

export class LocalQueue {
  readonly arn: string;
  private readonly ready: Message[] = [];
  private readonly delayed = new Set<{ message: Message; timer: NodeJS.Timeout }>();
  private readonly dead: DeadLetter[] = [];
  private handler: QueueHandler | undefined;
  private inFlight = 0;
  private inFlightMessages = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private readonly counts = { sent: 0, delivered: 0, retried: 0, deleted: 0 };
  private readonly o: Required<Omit<QueueOptions, 'onDeadLetter' | 'directory' | 'chaos'>> &
    Pick<QueueOptions, 'onDeadLetter' | 'directory' | 'chaos'>;

  constructor(options: QueueOptions) {
    this.o = {
      batchSize: 10,
      concurrency: 5,
      maxReceives: 5,
      backoffMs: 1000,
      maxBackoffMs: 20_000,
      ...options,
    };
    this.arn = `arn:aws:sqs:${options.region}:${options.accountId}:${options.name}`;
    if (options.directory) this.load(options.directory);
  }

  /** Takes back what a previous run left: messages not yet deleted, and its dead letters. */
  private load(directory: string): void {
    mkdirSync(join(directory, 'dead'), { recursive: true });
    const read = <T>(dir: string): T[] =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .flatMap((f) => {
          try {
            return [JSON.parse(readFileSync(join(dir, f), 'utf8')) as T];
          } catch {
            return [];
          }
        });
    for (const m of read<Message>(directory).sort((a, b) => a.sentAt - b.sentAt)) {
      this.ready.push({ ...m, availableAt: Date.now() });
    }
    this.dead.push(...read<DeadLetter>(join(directory, 'dead')));
  }

  private keep(file: string, value: unknown): void {
    if (!this.o.directory) return;
    const path = join(this.o.directory, file);
    writeFileSync(`${path}.tmp`, JSON.stringify(value));
    renameSync(`${path}.tmp`, path);
  }

  private drop(file: string): void {
    if (this.o.directory) rmSync(join(this.o.directory, file), { force: true });
  }

  /** Connects the consumer; messages sent before wait for it. */
  attach(handler: QueueHandler): void {
    this.handler = handler;
    this.pump();
  }

  send(body: string): string {
    if (this.stopped) throw new Error(`queue ${this.o.name} is stopped`);
    const message: Message = {
      messageId: randomUUID(),
      body,
      sentAt: Date.now(),
      receiveCount: 0,
      availableAt: Date.now(),
    };
    this.keep(`${message.messageId}.json`, message);
    this.counts.sent += 1;
    // SQS delivers at least once and in no set order.
    if (this.o.chaos?.strikes('late_message')) this.later(message, Math.random() * 2000);
    else this.ready.push(message);
    if (this.o.chaos?.strikes('duplicate_message')) this.later({ ...message }, Math.random() * 2000);
    queueMicrotask(() => this.pump());
    return message.messageId;
  }

  /** Stopped queues take no more messages (the stack is shutting down). */
  get isStopped(): boolean {
    return this.stopped;
  }

  deadLetters(): readonly DeadLetter[] {
    return this.dead;
  }

  /** Moves every dead letter back to the queue (a DLQ redrive), with a fresh receive count. */
  redrive(): number {
    const moved = this.dead.splice(0);
    for (const d of moved) {
      this.send(d.body);
      this.drop(join('dead', `${d.messageId}.json`));
    }
    return moved.length;
  }

  stats(): QueueStats {
    return {
      ...this.counts,
      deadLettered: this.dead.length,
      waiting: this.ready.length + this.delayed.size,
      inFlight: this.inFlightMessages,
    };
  }

  /** Resolves when nothing is waiting, delayed or in flight. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const d of this.delayed) clearTimeout(d.timer);
    this.delayed.clear();
    this.ready.length = 0;
    this.notifyIdle();
  }

  private isIdle(): boolean {
    return this.ready.length === 0 && this.delayed.size === 0 && this.inFlight === 0;
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private pump(): void {
    while (!this.stopped && this.handler && this.ready.length && this.inFlight < this.o.concurrency) {
      const batch = this.ready.splice(0, this.o.batchSize);
      this.inFlight += 1;
      this.inFlightMessages += batch.length;
      void this.deliver(this.handler, batch).finally(() => {
        this.inFlight -= 1;
        this.inFlightMessages -= batch.length;
        this.pump();
        this.notifyIdle();
      });
    }
  }

  private record(m: Message): SQSRecord {
    return {
      messageId: m.messageId,
      receiptHandle: `${m.messageId}#${m.receiveCount}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'AROALOCALSTACK',
        ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(m.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: this.o.region,
    };
  }

  private async deliver(handler: QueueHandler, batch: Message[]): Promise<void> {
    const now = Date.now();
    for (const m of batch) {
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
    }
    this.counts.delivered += batch.length;
    let failed: Set<string>;
    let reason = 'reported in batchItemFailures';
    try {
      const result = await handler({ Records: batch.map((m) => this.record(m)) });
      const ids = (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      const known = new Set(batch.map((m) => m.messageId));
      // As in AWS, an identifier that is not in the batch fails the whole batch.
      if (ids.some((id) => !known.has(id))) {
        failed = known;
        reason = 'batchItemFailures named an unknown message';
      } else failed = new Set(ids);
    } catch (err) {
      failed = new Set(batch.map((m) => m.messageId));
      reason = `handler threw ${(err as Error)?.name ?? 'an error'}: ${(err as Error)?.message ?? String(err)}`;
    }
    for (const m of batch) {
      if (!failed.has(m.messageId)) {
        this.counts.deleted += 1;
        this.drop(`${m.messageId}.json`);
        continue;
      }
      if (m.receiveCount >= this.o.maxReceives) {
        const dead: DeadLetter = {
          messageId: m.messageId,
          body: m.body,
          receiveCount: m.receiveCount,
          reason,
          deadLetteredAt: new Date().toISOString(),
        };
        this.dead.push(dead);
        this.keep(join('dead', `${m.messageId}.json`), dead);
        this.drop(`${m.messageId}.json`);
        this.o.onDeadLetter?.(dead);
        continue;
      }
      this.retryLater(m);
    }
  }

  private retryLater(m: Message): void {
    if (this.stopped) return;
    this.counts.retried += 1;
    const ceiling = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (m.receiveCount - 1));
    // Jitter spreads a throttled burst so the retries do not come back as one burst again.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.later(m, delay);
  }

  /** Makes the message available after `delay` ms. */
  private later(m: Message, delay: number): void {
    m.availableAt = Date.now() + delay;
    const entry = {
      message: m,
      timer: setTimeout(() => {
        this.delayed.delete(entry);
        this.ready.push(m);
        this.pump();
      }, delay),
    };
    this.delayed.add(entry);
  }
}
