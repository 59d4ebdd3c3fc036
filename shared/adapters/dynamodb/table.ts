/**
 * The single table's primitives, shared by the store's parts: reads without the key attributes,
 * conditional writes that fail as ConflictError, and paginated queries. Correctness rests on
 * single-item conditional writes only (dynalite has no transactions).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  ScanCommand,
  type ScanCommandInput,
  type ScanCommandOutput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#usecases/ports.ts';
import { indexes, TTL_ATTRIBUTE, ttl } from './items.ts';

export type Key = { pk: string; sk: string };
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', TTL_ATTRIBUTE] as const;

/** An item with the table's TTL attribute when it names a time after which it may be deleted. */
export function expiring<T extends { deleteAfter?: string }>(item: T): T {
  return item.deleteAfter ? { ...item, ...ttl(item.deleteAfter) } : item;
}

function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as T;
}

async function conditional<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (
      err instanceof ConditionalCheckFailedException ||
      (err as Error).name === 'ConditionalCheckFailedException'
    ) {
      throw new ConflictError(message);
    }
    throw err;
  }
}

function updateExpression(changes: Record<string, unknown>) {
  const set: string[] = [];
  const remove: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  Object.entries(changes).forEach(([k, v], i) => {
    names[`#a${i}`] = k;
    if (v === undefined) remove.push(`#a${i}`);
    else {
      set.push(`#a${i} = :v${i}`);
      values[`:v${i}`] = v;
    }
  });
  const expression = [
    set.length ? `SET ${set.join(', ')}` : '',
    remove.length ? `REMOVE ${remove.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { expression, names, values };
}

type Paged = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;
type Scanned = Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey'>;

export class Table {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly name: string,
  ) {}

  async get<T>(key: Key): Promise<T | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: true }));
    return strip<T>(out.Item);
  }

  /** Writes the item whatever is there. */
  async put(key: Key, item: object): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.name, Item: { ...item, ...key } }));
  }

  /** Writes the item only if the key is free; ConflictError (`what` already exists) otherwise. */
  async putNew(key: Key, item: object, what: string): Promise<void> {
    await conditional(
      () =>
        this.db.send(
          new PutCommand({
            TableName: this.name,
            Item: { ...item, ...key },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      `${what} already exists`,
    );
  }

  async delete(key: Key): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.name, Key: key }));
  }

  /** Deletes the item and returns it as it was (undefined when there was none). */
  async take<T>(key: Key): Promise<T | undefined> {
    const out = await this.db.send(
      new DeleteCommand({ TableName: this.name, Key: key, ReturnValues: 'ALL_OLD' }),
    );
    return strip<T>(out.Attributes);
  }

  /** Sets (or, for undefined values, removes) `changes` if `condition` holds; ConflictError(`what`) otherwise. */
  async update<T>(
    key: Key,
    changes: Record<string, unknown>,
    condition: string,
    conditionValues: Record<string, unknown>,
    what: string,
    conditionNames: Record<string, string> = {},
  ): Promise<T> {
    const { expression, names, values } = updateExpression(changes);
    const out = await conditional(
      () =>
        this.db.send(
          new UpdateCommand({
            TableName: this.name,
            Key: key,
            UpdateExpression: expression,
            ConditionExpression: condition,
            ExpressionAttributeNames: { ...names, ...conditionNames },
            ExpressionAttributeValues: { ...values, ...conditionValues },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      what,
    );
    return strip<T>(out.Attributes) as T;
  }

  /** Marks a one-use item used at `at`, once: a second use is a ConflictError. */
  useOnce<T>(key: Key, at: string, what: string): Promise<T> {
    return this.update<T>(
      key,
      { usedAt: at },
      'attribute_exists(pk) AND attribute_not_exists(usedAt)',
      {},
      `${what} already used`,
    );
  }

  /** Every page of a query or a scan, up to `limit` items when given. */
  async all<T>(
    request: { query: Paged } | { scan: Scanned },
    limit = Number.POSITIVE_INFINITY,
  ): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = { TableName: this.name, ExclusiveStartKey: start };
      const left = Number.isFinite(limit) ? { Limit: limit - items.length } : {};
      const out: QueryCommandOutput | ScanCommandOutput = await this.db.send(
        'scan' in request
          ? new ScanCommand({ ...request.scan, ...page })
          : new QueryCommand({ ...request.query, ...page, ...left }),
      );
      for (const item of out.Items ?? []) items.push(strip<T>(item) as T);
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items;
  }

  /** Items of one partition whose sort key starts with `prefix` (strongly consistent). */
  queryPrefix<T>(pk: string, prefix: string): Promise<T[]> {
    return this.all<T>({
      query: {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': prefix },
        ConsistentRead: true,
      },
    });
  }

  /** Every item under a partition value of the by-status index, in its sort order. */
  queryIndex<T>(partition: string): Promise<T[]> {
    return this.all<T>({
      query: {
        IndexName: indexes.byStatus.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': indexes.byStatus.pk },
        ExpressionAttributeValues: { ':pk': partition },
      },
    });
  }
}
