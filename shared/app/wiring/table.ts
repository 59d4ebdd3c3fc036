/** The ports on the DynamoDB table: the store (every function with table access) and the rate limiter. */
import { documentClient } from '#adapters/clients/dynamodb.ts';
import { DynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { dynamoStore } from '#adapters/dynamodb/store.ts';
import type { Wiring } from '../compose.ts';
import { countBusinessEvent } from '../metrics.ts';

export const store: Wiring<'store'> = {
  store: (c) => dynamoStore(documentClient(), c.TABLE_NAME, countBusinessEvent),
};

export const rateLimiter: Wiring<'rateLimiter'> = {
  rateLimiter: (c) => new DynamoRateLimiter(documentClient(), c.TABLE_NAME),
};
