/**
 * A rate limit shared by every invocation: one item per key and fixed window, counted with an
 * atomic ADD and refused once past the limit, expiring with the table's TTL a window after it
 * ends (dynalite keeps it; an old window's item is simply never read again).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '#usecases/ports.ts';
import { keys, TTL_ATTRIBUTE } from './items.ts';

export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async allow(key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const window = Math.floor(nowSeconds / windowSeconds);
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.rate(key, window),
        UpdateExpression: 'ADD #n :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#n': 'count', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':ttl': (window + 2) * windowSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.count ?? 0) <= limit;
  }
}
