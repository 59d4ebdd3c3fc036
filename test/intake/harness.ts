/**
 * The intake handler bench: the real handlers, use cases and adapters, with the AWS SDK clients
 * replaced by aws-sdk-client-mock. DynamoDB is a small in-memory table that honours the condition
 * expressions DynamoStore writes (so a lost race or a half-written case shows up); S3 is a map of
 * objects; SES and Textract record what they were asked.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { StartDocumentTextDetectionCommand, TextractClient } from '@aws-sdk/client-textract';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { overrideDeps, resetDeps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { type ManualClock, manualClock } from '#domain/clock.ts';
import { VALID_ENV } from '#local/testbed/env.ts';
import { apiEvent, LAMBDA_CONTEXT } from '#local/testbed/http.ts';
import { PRIVACY_NOTICE_VERSION } from '#presentation/i18n/privacy.ts';

export { s3Created, sqsEvent } from '#local/testbed/queue-events.ts';

export const LIMITS = {
  MAX_UPLOAD_BYTES: 200_000,
  MAX_FILES_PER_CASE: 3,
  MAX_CASE_BYTES: 400_000,
  MAX_PAGES: 10,
};

Object.assign(process.env, VALID_ENV, {
  AWS_REGION: 'eu-south-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  ...Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, String(v)])),
});

type Item = Record<string, unknown>;

/** An in-memory single table with DynamoDB's conditional-write semantics for the expressions DynamoStore uses. */
export class FakeTable {
  readonly items = new Map<string, Item>();
  /** Key prefixes whose next conditional write fails, to stage a lost race. */
  private readonly failNext: string[] = [];

  static key(k: { pk: unknown; sk: unknown }): string {
    return `${String(k.pk)}|${String(k.sk)}`;
  }

  get(pk: string, sk: string): Item | undefined {
    return this.items.get(`${pk}|${sk}`);
  }

  byPrefix(pkPrefix: string, skPrefix = ''): Item[] {
    return [...this.items.values()].filter(
      (i) => String(i.pk).startsWith(pkPrefix) && String(i.sk).startsWith(skPrefix),
    );
  }

  loseNextWriteTo(pkPrefix: string): void {
    this.failNext.push(pkPrefix);
  }

  private conditionHolds(
    item: Item | undefined,
    condition: string | undefined,
    names: Record<string, string> = {},
    values: Record<string, unknown> = {},
  ): boolean {
    if (!condition) return true;
    const pk = item ? String(item.pk) : '';
    const staged = this.failNext.findIndex((p) => pk.startsWith(p));
    if (staged >= 0) {
      this.failNext.splice(staged, 1);
      return false;
    }
    const name = (n: string) => (n.startsWith('#') ? names[n]! : n);
    return condition.split(/\s+AND\s+/).every((clause) => {
      let m = /^attribute_exists\((\S+)\)$/.exec(clause);
      if (m) return item !== undefined && item[name(m[1]!)] !== undefined;
      m = /^attribute_not_exists\((\S+)\)$/.exec(clause);
      if (m) return item === undefined || item[name(m[1]!)] === undefined;
      m = /^(\S+) = (:\w+)$/.exec(clause);
      if (m) return item !== undefined && item[name(m[1]!)] === values[m[2]!];
      m = /^(\S+) IN \(([^)]*)\)$/.exec(clause);
      if (m) return item !== undefined && m[2]!.split(/,\s*/).some((v) => item[name(m![1]!)] === values[v]);
      throw new Error(`FakeTable: unsupported condition "${clause}"`);
    });
  }

  private fail(): never {
    throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
  }

  putChecked(input: { Item?: Item; ConditionExpression?: string }): void {
    const item = structuredClone(input.Item!);
    const k = FakeTable.key(item as { pk: unknown; sk: unknown });
    const staged = this.failNext.findIndex((p) => String(item.pk).startsWith(p));
    if (input.ConditionExpression && staged >= 0) {
      this.failNext.splice(staged, 1);
      this.fail();
    }
    if (input.ConditionExpression && !this.conditionHolds(this.items.get(k), input.ConditionExpression))
      this.fail();
    this.items.set(k, item);
  }

  update(input: {
    Key?: Item;
    UpdateExpression?: string;
    ConditionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  }): Item {
    const k = FakeTable.key(input.Key as { pk: unknown; sk: unknown });
    const existing = this.items.get(k);
    const names = input.ExpressionAttributeNames ?? {};
    const values = input.ExpressionAttributeValues ?? {};
    if (!this.conditionHolds(existing, input.ConditionExpression, names, values)) this.fail();
    const next: Item = structuredClone(existing ?? { ...input.Key });
    const expr = input.UpdateExpression ?? '';
    const set = /SET (.*?)(?= REMOVE |$)/.exec(expr)?.[1];
    const remove = /REMOVE (.*)$/.exec(expr)?.[1];
    // ADD of a number (the rate limiter's counter) and SET's if_not_exists, as DynamoDB does them.
    const add = /ADD (.*?)(?= SET | REMOVE |$)/.exec(expr)?.[1];
    for (const part of add ? add.split(/,\s*/) : []) {
      const [n, v] = part.split(/\s+/) as [string, string];
      const name = names[n] ?? n;
      next[name] = Number(next[name] ?? 0) + Number(values[v]);
    }
    for (const part of set ? set.split(/,\s*(?![^(]*\))/) : []) {
      const [n, v] = part.split(/\s*=\s*/) as [string, string];
      const ifNotExists = /^if_not_exists\((\S+),\s*(\S+)\)$/.exec(v);
      const name = names[n] ?? n;
      if (ifNotExists) next[name] = next[name] ?? structuredClone(values[ifNotExists[2]!]);
      else next[name] = structuredClone(values[v]);
    }
    for (const n of remove ? remove.split(/,\s*/) : []) delete next[names[n] ?? n];
    this.items.set(k, next);
    return structuredClone(next);
  }

  /** A table query (pk, sk prefix) or an index query (#pk = :pk, optionally #sk <= :by), in key order. */
  query(input: {
    IndexName?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
    Limit?: number;
  }): Item[] {
    const v = input.ExpressionAttributeValues ?? {};
    const names = input.ExpressionAttributeNames ?? {};
    const [pk, sk] = input.IndexName ? [names['#pk']!, names['#sk']] : ['pk', 'sk'];
    const sortKey = (i: Item) => (sk ? String(i[sk] ?? '') : '');
    return [...this.items.values()]
      .filter((i) => i[pk] === v[':pk'])
      .filter((i) => sortKey(i).startsWith(String(v[':p'] ?? '')))
      .filter((i) => v[':by'] === undefined || sortKey(i) <= String(v[':by']))
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
      .slice(0, input.Limit ?? Number.POSITIVE_INFINITY)
      .map((i) => structuredClone(i));
  }

  /** Everything except the audit trail, for "nothing changed" assertions. */
  snapshot(): string {
    return JSON.stringify([...this.items.entries()].filter(([k]) => !k.includes('|EVENT#')).sort());
  }
}

export interface StoredObject {
  bytes: Uint8Array;
  /** What S3 reports as ContentLength (defaults to the bytes' length). */
  sizeBytes?: number;
  /** The version, as a versioned bucket reports it, and the one it replaced (current again when it is deleted). */
  versionId?: string;
  previous?: StoredObject;
}

/** The keys whose bodies were downloaded, since the bench was set up. */
export const downloads: string[] = [];
export const ddb = mockClient(DynamoDBDocumentClient);
export const s3 = mockClient(S3Client);
export const ses = mockClient(SESClient);
export const textract = mockClient(TextractClient);

export interface Bench {
  table: FakeTable;
  objects: Map<string, StoredObject>;
  clock: ManualClock;
}

export const START = '2026-11-20T09:00:00Z';

/** Fresh mocks, an empty table and bucket, and a manual clock. Call in beforeEach. */
export function setup(): Bench {
  const table = new FakeTable();
  const objects = new Map<string, StoredObject>();
  downloads.length = 0;
  ddb.reset();
  s3.reset();
  ses.reset();
  textract.reset();
  ddb.on(GetCommand).callsFake((input) => {
    const item = table.items.get(FakeTable.key(input.Key));
    return { Item: item ? structuredClone(item) : undefined };
  });
  ddb.on(PutCommand).callsFake((input) => {
    table.putChecked(input);
    return {};
  });
  ddb.on(UpdateCommand).callsFake((input) => ({ Attributes: table.update(input) }));
  ddb.on(QueryCommand).callsFake((input) => ({ Items: table.query(input) }));
  ddb.on(DeleteCommand).callsFake((input) => {
    const k = FakeTable.key(input.Key);
    const old = table.items.get(k);
    table.items.delete(k);
    return input.ReturnValues === 'ALL_OLD' && old ? { Attributes: structuredClone(old) } : {};
  });
  s3.on(GetObjectCommand).callsFake((input) => {
    const o = objects.get(input.Key);
    if (!o) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return {
      ContentLength: o.sizeBytes ?? o.bytes.length,
      ContentType: 'application/pdf',
      ...(o.versionId ? { VersionId: o.versionId } : {}),
      Body: {
        transformToByteArray: async () => {
          downloads.push(input.Key!);
          return o.bytes;
        },
        destroy: () => {},
      },
    };
  });
  s3.on(DeleteObjectCommand).callsFake((input) => {
    const o = objects.get(input.Key!);
    // Deleting a version leaves the current object alone unless it is that version.
    if (input.VersionId && o?.versionId !== input.VersionId) return {};
    if (input.VersionId && o?.previous) objects.set(input.Key!, o.previous);
    else objects.delete(input.Key!);
    return {};
  });
  s3.on(PutObjectCommand).callsFake((input) => {
    objects.set(input.Key!, { bytes: input.Body as Uint8Array });
    return {};
  });
  ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
  textract
    .on(StartDocumentTextDetectionCommand)
    .callsFake((input) => ({ JobId: `job-${input.ClientRequestToken}` }));
  logger.setLogLevel('SILENT');
  resetDeps();
  const clock = manualClock(START);
  overrideDeps({ clock });
  return { table, objects, clock };
}

export const context = LAMBDA_CONTEXT;

export function httpEvent(
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string; token?: string; pathParameters?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return apiEvent(method, path, {
    headers: {
      'content-type': 'application/json',
      ...(opts.token !== undefined ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    ...(opts.pathParameters ? { pathParameters: opts.pathParameters } : {}),
    ...(body !== undefined ? { body } : {}),
  });
}

export type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any;

export async function call(
  handler: Handler,
  event: APIGatewayProxyEventV2,
): Promise<{ status: number | undefined; body: Json }> {
  const res = await handler(event, context);
  return { status: res.statusCode, body: JSON.parse(String(res.body)) };
}

export function snsTextract(jobId: string, status: string, caseId = 'case', key = 'x') {
  return {
    Type: 'Notification',
    MessageId: 'sns-1',
    TopicArn: VALID_ENV.TEXTRACT_SNS_TOPIC_ARN,
    Message: JSON.stringify({
      JobId: jobId,
      Status: status,
      API: 'StartDocumentTextDetection',
      JobTag: caseId,
      Timestamp: 1,
      DocumentLocation: { S3ObjectName: key, S3Bucket: VALID_ENV.BUCKET_NAME },
    }),
  };
}

export const PATIENT = {
  firstName: 'Giulia',
  lastName: 'Bianchi',
  email: 'giulia@example.com',
  phone: '+39 333 123 4567',
  dateOfBirth: '1968-04-12',
  country: 'IT',
  // Required of residents of Italy; it holds the date of birth above (a woman's day plus 40).
  taxCode: 'BNCGLI68D52F205V',
};

export const CREATE_BODY = {
  patient: PATIENT,
  language: 'it',
  consultationTypes: ['oncological'],
  consent: { version: PRIVACY_NOTICE_VERSION, accepted: true },
};
