/**
 * A local stand-in for an SQS queue with a Lambda event source mapping: messages are delivered in
 * SQS-shaped batches to a handler; records named in `batchItemFailures` (or the whole batch when the
 * handler throws) come back after a backoff, and after `maxReceives` receives go to a dead-letter
 * list, as a redrive policy does in AWS. Messages live in memory; with a `directory` each is also
 * journaled there before `send` returns, and its deletion after it, so a queue started again on that
 * directory (after a stop or a hard kill) delivers what was not done, as SQS keeps it.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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

/**
 * The messages' journal: a line appended per message sent and per message deleted. (A file per
 * message, created, written, renamed and later removed, cost the event loop the handlers share
 * about a millisecond a message in a burst of uploads: docs/performance.md.) A line cut short by a
 * kill is skipped on load, as if the kill had come before it. Each load writes what is left as a
 * new journal.
 */
const JOURNAL = 'journal.ndjson';
/** Deletions after which the journal is written again with only the messages not done. */
const COMPACT_AFTER = 1000;

type JournalLine = { sent: Message } | { deleted: string };

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
  /** Journaled and not yet deleted (with a directory). */
  private readonly kept = new Map<string, Message>();
  private deletions = 0;
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
    let lines: string[] = [];
    try {
      lines = readFileSync(join(directory, JOURNAL), 'utf8').split('\n');
    } catch {
      // A fresh directory.
    }
    for (const line of lines) {
      let entry: JournalLine;
      try {
        entry = JSON.parse(line) as JournalLine;
      } catch {
        continue;
      }
      if ('sent' in entry) this.kept.set(entry.sent.messageId, entry.sent);
      else this.kept.delete(entry.deleted);
    }
    // A file per message: what a version before the journal left.
    const files = readdirSync(directory).filter((f) => f.endsWith('.json'));
    for (const f of files) {
      try {
        const m = JSON.parse(readFileSync(join(directory, f), 'utf8')) as Message;
        this.kept.set(m.messageId, m);
      } catch {
        // Cut short by a kill.
      }
    }
    for (const m of [...this.kept.values()].sort((a, b) => a.sentAt - b.sentAt)) {
      this.ready.push({ ...m, availableAt: Date.now() });
    }
    this.compact();
    for (const f of files) rmSync(join(directory, f), { force: true });
    for (const f of readdirSync(join(directory, 'dead')).filter((f) => f.endsWith('.json'))) {
      try {
        this.dead.push(JSON.parse(readFileSync(join(directory, 'dead', f), 'utf8')) as DeadLetter);
      } catch {
        // A dead letter cut short by a kill.
      }
    }
  }

  /** Writes the journal anew with the messages not done, renamed into place so a kill keeps one whole. */
  private compact(): void {
    const path = join(this.o.directory!, JOURNAL);
    const lines = [...this.kept.values()].map((m) => `${JSON.stringify({ sent: m })}\n`);
    writeFileSync(`${path}.tmp`, lines.join(''));
    renameSync(`${path}.tmp`, path);
    this.deletions = 0;
  }

  private journal(line: JournalLine): void {
    if (this.o.directory) appendFileSync(join(this.o.directory, JOURNAL), `${JSON.stringify(line)}\n`);
  }

  private keep(message: Message): void {
    if (!this.o.directory) return;
    this.kept.set(message.messageId, message);
    this.journal({ sent: message });
  }

  private done(messageId: string): void {
    if (!this.kept.delete(messageId)) return;
    try {
      this.journal({ deleted: messageId });
      if (++this.deletions >= COMPACT_AFTER) this.compact();
    } catch {
      // Its directory gone (a test's cleanup): the message would only come once more after a
      // restart, which SQS allows, and the batch its handler answered must not fail for it.
    }
  }

  private keepDead(dead: DeadLetter): void {
    if (!this.o.directory) return;
    const path = join(this.o.directory, 'dead', `${dead.messageId}.json`);
    writeFileSync(`${path}.tmp`, JSON.stringify(dead));
    renameSync(`${path}.tmp`, path);
  }

  private dropDead(messageId: string): void {
    if (this.o.directory) rmSync(join(this.o.directory, 'dead', `${messageId}.json`), { force: true });
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
    this.keep(message);
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
      this.dropDead(d.messageId);
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
        this.done(m.messageId);
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
        this.keepDead(dead);
        this.done(m.messageId);
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
