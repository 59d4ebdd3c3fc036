import { parseCalendar } from '#app/config.ts';
import { addWorkingDays } from '#domain/calendar.ts';
import { type Io, options } from '../io.ts';

export async function run(args: string[], io: Io): Promise<number> {
  const { values } = options(args, {
    from: { type: 'string' },
    'working-days': { type: 'string' },
  });
  const from = values.from ? new Date(values.from) : undefined;
  if (!from || Number.isNaN(from.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(values.from ?? '')) {
    io.err('so due: --from needs an ISO instant, e.g. 2026-12-04T16:30:00Z');
    return 2;
  }
  const n = Number(values['working-days']);
  if (!Number.isInteger(n) || n < 1) {
    io.err('so due: --working-days needs a whole number of at least 1');
    return 2;
  }
  io.out(addWorkingDays(from, n, parseCalendar(process.env)).toISOString());
  return 0;
}
