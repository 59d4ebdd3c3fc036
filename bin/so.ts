/** `so`: the service's command line. Each command is a module exporting `run(args, io)`. */
import { type Io, stdio } from './io.ts';

export type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  due: {
    summary: 'due --from <ISO instant> --working-days <N>   the deadline, as an ISO instant in UTC',
    load: async () => (await import('./commands/due.ts')).run,
  },
  classify: {
    summary: 'classify FILE... [--explain]   one JSON line per PDF (type, language, pages, date)',
    load: async () => (await import('./commands/classify.ts')).run,
  },
  staff: {
    summary: 'staff add|list|deactivate   the staff directory (TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB)',
    load: async () => (await import('./commands/staff.ts')).run,
  },
  case: {
    summary:
      'case show|resend|reassign|resume|reopen REF --operator NAME [--local]   recover a case (so case for help)',
    load: async () => (await import('./commands/case.ts')).run,
  },
  payments: {
    summary: 'payments import FILE --operator NAME [--local]   a camt.053 bank statement, matched to cases',
    load: async () => (await import('./commands/payments.ts')).run,
  },
};

function usage(io: Io): void {
  io.err('usage: so <command> [options]\n');
  for (const [name, c] of Object.entries(COMMANDS))
    io.err(`  ${c.summary.startsWith(name) ? c.summary : `${name} ${c.summary}`}`);
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    if (name && name !== '--help' && name !== '-h') io.err(`so: unknown command "${name}"`);
    usage(io);
    return name === '--help' || name === '-h' ? 0 : 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (err) {
    io.err(`so ${name}: ${(err as Error).message}`);
    return 2;
  }
}
