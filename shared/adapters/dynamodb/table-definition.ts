/**
 * The DynamoDB table's shape, in one place: the CDK app and the local stack both create the
 * table from this definition, so the keys and indexes can never drift apart.
 */
import { indexes, TTL_ATTRIBUTE } from './items.ts';

export interface TableDefinition {
  partitionKey: string;
  sortKey: string;
  globalSecondaryIndexes: { name: string; partitionKey: string; sortKey: string }[];
  ttlAttribute: string;
}

export const TABLE_DEFINITION: TableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: Object.values(indexes).map((i) => ({
    name: i.name,
    partitionKey: i.pk,
    sortKey: i.sk,
  })),
  ttlAttribute: TTL_ATTRIBUTE,
};

/** The CreateTable input of the definition (string keys, on-demand, all attributes projected). */
export function createTableInput(tableName: string) {
  const attributes = new Set<string>([TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey]);
  for (const g of TABLE_DEFINITION.globalSecondaryIndexes) {
    attributes.add(g.partitionKey);
    attributes.add(g.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE_DEFINITION.globalSecondaryIndexes.map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
