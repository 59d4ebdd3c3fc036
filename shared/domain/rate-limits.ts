/**
 * Limits on opening cases, which anyone may do without a token: per email address a day (each new
 * case emails its applicants) and per client network an hour. The counters' names hold hashes,
 * never an address; each window is part of the name, so a counter is never reset, only left to
 * expire (the table's TTL) once its window is over.
 */
import { siteDate } from './calendar.ts';
import { hashToken } from './ids.ts';

export interface RateCounter {
  /** The counter's name in the store. */
  name: string;
  /** At most this many hits in the window. */
  limit: number;
  /** When the window ends: the counter may be deleted after it. */
  windowEnds: Date;
}

const HOUR_MS = 3_600_000;

/**
 * The network a client address stands for: an IPv4 address itself, an IPv6 address's /64 (one
 * household or phone gets a whole /64, and picks addresses in it at will).
 */
export function clientNetwork(address: string): string {
  const ip = address.trim().toLowerCase();
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

/** The counters one more case created at `now` counts against. */
export function caseCreationCounters(
  now: Date,
  emails: readonly string[],
  clientAddress: string | undefined,
  limits: { perEmailPerDay: number; perClientPerHour: number },
): RateCounter[] {
  const day = siteDate(now);
  // The site's day ends at the latest 26 hours after `now`'s UTC hour; a little late is harmless.
  const dayEnds = new Date(Date.parse(`${day}T00:00:00Z`) + 26 * HOUR_MS);
  const hour = now.toISOString().slice(0, 13);
  const counters = [...new Set(emails.map((e) => e.trim().toLowerCase()))].map((email) => ({
    name: `cases-by-email#${day}#${hashToken(email)}`,
    limit: limits.perEmailPerDay,
    windowEnds: dayEnds,
  }));
  if (clientAddress) {
    counters.push({
      name: `cases-by-client#${hour}#${hashToken(clientNetwork(clientAddress))}`,
      limit: limits.perClientPerHour,
      windowEnds: new Date(Date.parse(`${hour}:00:00Z`) + HOUR_MS),
    });
  }
  return counters;
}
