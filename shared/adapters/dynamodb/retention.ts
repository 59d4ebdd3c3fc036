/**
 * What the table lets go of: a closed case's patient tokens (their TTL set from the case's close,
 * found through the case's token entries) and a case erased on request (its items deleted, the
 * ledger's kept, a record of the erasure left).
 */
import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseErasure } from '#domain/model.ts';
import type { RetentionStore } from '#usecases/ports.ts';
import { keys, LEDGER_PREFIXES, prefixes, TTL_ATTRIBUTE, ttl } from './items.ts';
import type { Key, Table } from './table.ts';

/** The keys (and token hashes) of a case's items whose sort key starts with `prefix`. */
async function caseKeys(
  table: Table,
  caseId: string,
  prefix = '',
): Promise<(Key & { tokenHash?: string })[]> {
  const found: (Key & { tokenHash?: string })[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':p': prefix },
        ProjectionExpression: 'pk, sk, tokenHash',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    found.push(...((out.Items ?? []) as (Key & { tokenHash?: string })[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return found;
}

/** Sets (or, without `at`, removes) the TTL of an item that exists; one already gone is left so. */
async function expire(table: Table, key: Key, at: string | undefined): Promise<void> {
  try {
    await table.db.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression: at ? 'SET #ttl = :ttl' : 'REMOVE #ttl',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ...(at ? { ExpressionAttributeValues: { ':ttl': ttl(at)[TTL_ATTRIBUTE] } } : {}),
      }),
    );
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
  }
}

export function retentionItems(table: Table): RetentionStore {
  return {
    async setPatientTokensExpiry(caseId, deleteAfter) {
      const entries = await caseKeys(table, caseId, prefixes.patientToken);
      for (const entry of entries) {
        if (entry.tokenHash) await expire(table, keys.patientToken(entry.tokenHash), deleteAfter);
        await expire(table, { pk: entry.pk, sk: entry.sk }, deleteAfter);
      }
      return entries.length;
    },

    async eraseCaseItems(caseId) {
      const all = await caseKeys(table, caseId);
      let tokens = 0;
      for (const entry of all.filter((k) => k.sk.startsWith(prefixes.patientToken) && k.tokenHash)) {
        await table.delete(keys.patientToken(entry.tokenHash!));
        tokens += 1;
      }
      const caseKey = keys.case(caseId);
      const erased = all.filter(
        (k) => k.sk !== caseKey.sk && !LEDGER_PREFIXES.some((p) => k.sk.startsWith(p)),
      );
      for (const k of erased)
        await table.db.send(new DeleteCommand({ TableName: table.name, Key: { pk: k.pk, sk: k.sk } }));
      // The case item last: until it is gone, the erasure can be run again and finds the case.
      const hadCase = all.some((k) => k.sk === caseKey.sk);
      if (hadCase) await table.delete(caseKey);
      return { items: erased.length + (hadCase ? 1 : 0), tokens };
    },

    putErasure: (record) => table.put(keys.erasure(record.caseId), record),

    getErasure: (caseId) => table.get<CaseErasure>(keys.erasure(caseId)),
  };
}
