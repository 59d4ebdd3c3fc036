/**
 * The single-table DynamoDB adapter: one object for every store port, built from its parts (cases,
 * waits, tasks, staff, ledger, retention) over the table's primitives (./table.ts).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '#domain/model.ts';
import type { Store } from '#usecases/ports.ts';
import { caseItems } from './cases.ts';
import { ledgerItems } from './ledger.ts';
import { retentionItems } from './retention.ts';
import { staffItems } from './staff.ts';
import { Table } from './table.ts';
import { taskItems } from './tasks.ts';
import { waitItems } from './waits.ts';

export type DynamoStore = Store;

/** `onEvent` is told of every audit event once it is stored (the business metrics). */
export function dynamoStore(
  db: DynamoDBDocumentClient,
  tableName: string,
  onEvent: (event: AuditEvent) => void = () => {},
): DynamoStore {
  const table = new Table(db, tableName);
  return {
    ...caseItems(table, onEvent),
    ...waitItems(table),
    ...taskItems(table),
    ...staffItems(table),
    ...ledgerItems(table),
    ...retentionItems(table),
  };
}
