/**
 * A bank statement the office dropped into the bucket's statements/ prefix (the S3 event's
 * function): read with a size bound, parsed by the reader it is handed (the camt.053 adapter) and
 * imported as `so payments import` does; the office is told what its credits did, or why the file
 * was not read. A file that is not a statement is refused once, by email, not retried.
 */
import { createHash } from 'node:crypto';
import { logger } from '#app/logger.ts';
import {
  MAX_STATEMENT_BYTES,
  type ParsedStatement,
  STATEMENTS_PREFIX,
  StatementFormatError,
} from '#domain/statement.ts';
import { OFFICE } from '../common/people.ts';
import type { Notifies } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';
import { type CreditNotice, type ImportSummary, importStatement } from './import-statement.ts';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'workflow' | 'documents'> &
  Notifies<CreditNotice | 'statement_imported' | 'statement_refused'>;

export type StatementReader = (bytes: Uint8Array) => ParsedStatement;

export type StatementOutcome =
  | { kind: 'imported'; summary: ImportSummary }
  | { kind: 'refused'; reason: 'too_large' | 'not_a_statement' }
  /** Not under statements/, or deleted since the event: nothing to do. */
  | { kind: 'ignored' };

export async function statementReceived(
  d: Deps,
  key: string,
  read: StatementReader,
): Promise<StatementOutcome> {
  if (!key.startsWith(STATEMENTS_PREFIX)) return { kind: 'ignored' };
  const object = await d.documents.read(key, MAX_STATEMENT_BYTES);
  if (!object) return { kind: 'ignored' };
  if (!object.bytes) return refuse(d, key, 'too_large');
  let statement: ParsedStatement;
  try {
    statement = read(object.bytes);
  } catch (err) {
    if (!(err instanceof StatementFormatError)) throw err;
    // The reason stays in the log: the office's email says what to do about it.
    logger.warn('statement refused', { key, reason: err.message });
    return refuse(d, key, 'not_a_statement');
  }
  const sha256 = createHash('sha256').update(object.bytes).digest('hex');
  const summary = await importStatement(d, { sha256, statement, by: `s3:${key}` });
  const r = summary.results;
  await d.notifier.notify({
    kind: 'statement_imported',
    to: OFFICE,
    data: {
      file: key,
      alreadyImported: summary.alreadyImported,
      credits: summary.credits,
      paid: r.paid,
      reopened: r.reopened,
      reconciled: r.reconciled,
      exceptions: r.exception,
      // Days an earlier file held too.
      alreadyRecorded: r.already_imported,
      otherAccount: r.other_account,
      skipped: summary.skipped,
    },
  });
  return { kind: 'imported', summary };
}

async function refuse(
  d: Notifies<'statement_refused'>,
  key: string,
  reason: 'too_large' | 'not_a_statement',
): Promise<StatementOutcome> {
  await d.notifier.notify({ kind: 'statement_refused', to: OFFICE, data: { file: key, reason } });
  return { kind: 'refused', reason };
}
