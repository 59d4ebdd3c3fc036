/** What every `so` command writes to, and the option parsing they share. */
import { parseArgs } from 'node:util';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const stdio: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** parseArgs with the strictness every command wants: unknown options are errors. */
export function options<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(
  args: string[],
  spec: T,
) {
  return parseArgs({ args, options: spec, strict: true, allowPositionals: true });
}
