/**
 * `so payments import FILE`: imports a camt.053 bank statement as the S3 statements prefix does
 * (the same use case): each credit to our account is matched by its RF reference; exact payments
 * move their cases on, the rest go to the office as exceptions with a link. Importing the same file
 * again changes nothing. Where it acts: as `so case` (--local, or the deployed environment).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseCamt053 } from '#adapters/camt053.ts';
import { StatementFormatError } from '#domain/statement.ts';
import { importStatement } from '#usecases/payments/import-statement.ts';
import { type Io, options } from '../io.ts';
import { OPERATOR, useCaseDeps } from './case.ts';

const USAGE = `usage:
  so payments import FILE --operator NAME [--local [--data-dir DIR]]
      a camt.053 statement (one or several days); prints what each credit did, as JSON`;

export async function run(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = options(rest, {
    operator: { type: 'string' },
    local: { type: 'boolean' },
    'data-dir': { type: 'string' },
  });
  const file = positionals[0];
  if (sub !== 'import' || !file || positionals.length !== 1) {
    io.err(USAGE);
    return 2;
  }
  const operator = values.operator ?? process.env.SO_OPERATOR ?? '';
  if (!OPERATOR.test(operator)) {
    io.err(
      'so payments import: --operator NAME (or SO_OPERATOR) is required; it is written to the audit trail',
    );
    return 2;
  }
  const bytes = readFileSync(file);
  let statement: ReturnType<typeof parseCamt053>;
  try {
    statement = parseCamt053(bytes);
  } catch (err) {
    if (!(err instanceof StatementFormatError)) throw err;
    io.err(`so payments import: ${file} is not a camt.053 statement we can read: ${err.message}`);
    return 1;
  }
  const d = await useCaseDeps(values);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const summary = await importStatement(d, { sha256, statement, by: `ops:${operator}` });
  io.out(JSON.stringify(summary));
  return 0;
}
