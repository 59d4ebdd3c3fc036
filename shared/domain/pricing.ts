import { dayOf, siteDate } from './calendar.ts';

/** Prices in integer euro cents. */
export const PRICE_CENTS = {
  base: 50_000,
  update: 35_000,
  courier: 1_800,
} as const;

/** An update is priced as such when requested within this many months of the previous request. */
export const UPDATE_WINDOW_MONTHS = 12;

export type QuoteLineCode = 'base' | 'update' | 'courier' | `additional:${string}`;

export interface QuoteLine {
  code: QuoteLineCode;
  amountCents: number;
}

export interface Quote {
  currency: 'EUR';
  lines: QuoteLine[];
  totalCents: number;
}

/** Additional consultations (for example a histological review) and their prices, from configuration. */
export type AdditionalPriceList = Readonly<Record<string, number>>;

export interface UpdateOf {
  /** When the previous case was requested. */
  previousRequestedAt: Date;
  /** Triage decided the update falls within the remit of the physician who answered the previous case, who answers it. */
  samePhysician: boolean;
}

export interface QuoteInput {
  requestedAt: Date;
  courier: boolean;
  update?: UpdateOf;
}

/** The last site-local date (YYYY-MM-DD) on which an update of a case requested at `requestedAt` is priced as an update. */
export function updateWindowEnd(requestedAt: Date): string {
  const [year, month, day] = siteDate(requestedAt).split('-').map(Number);
  const target = month! - 1 + UPDATE_WINDOW_MONTHS;
  // Day 0 of the month after is the target month's last: a window from 29 February ends on the 28th.
  const last = new Date(Date.UTC(year!, target + 1, 0)).getUTCDate();
  return dayOf(Date.UTC(year!, target, Math.min(day!, last)));
}

/** Whether a request at `requestedAt` falls within the update window of a previous request (the boundary day included). */
export function withinUpdateWindow(previousRequestedAt: Date, requestedAt: Date): boolean {
  const requestDay = siteDate(requestedAt);
  const previousDay = siteDate(previousRequestedAt);
  return requestDay >= previousDay && requestDay <= updateWindowEnd(previousRequestedAt);
}

/** Why a previous case cannot be the basis of an update (a stranger's case reads as not found: nothing leaks). */
export type UpdateBasisRefusal = 'not_found' | 'not_released' | 'too_old';

/**
 * Whether a previous case may be the basis of an update requested at `requestedAt`: the same
 * patient (the date of birth; the reference found it), released, and requested within the window.
 */
export function updateBasisRefusal(
  previous: { status: string; dateOfBirth: string; requestedAt: Date } | undefined,
  dateOfBirth: string,
  requestedAt: Date,
): UpdateBasisRefusal | undefined {
  if (!previous || previous.dateOfBirth !== dateOfBirth) return 'not_found';
  if (previous.status !== 'released') return 'not_released';
  if (!withinUpdateWindow(previous.requestedAt, requestedAt)) return 'too_old';
  return undefined;
}

function total(lines: QuoteLine[]): Quote {
  return { currency: 'EUR', lines, totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0) };
}

/** The quote of a case: EUR 500, or EUR 350 for an update within 12 months by the same physician; +EUR 18 courier. */
export function quoteCase(input: QuoteInput): Quote {
  const update = input.update;
  const discounted =
    update?.samePhysician === true && withinUpdateWindow(update.previousRequestedAt, input.requestedAt);
  const lines: QuoteLine[] = [
    discounted
      ? { code: 'update', amountCents: PRICE_CENTS.update }
      : { code: 'base', amountCents: PRICE_CENTS.base },
  ];
  if (input.courier) lines.push({ code: 'courier', amountCents: PRICE_CENTS.courier });
  return total(lines);
}

export class UnknownAdditionalConsultationError extends Error {
  readonly code = 'unknown_additional_consultation';
  constructor(readonly consultation: string) {
    super(`no price configured for additional consultation "${consultation}"`);
  }
}

/** The quote of an additional consultation, which the patient must approve before it is done. */
export function quoteAdditional(consultation: string, prices: AdditionalPriceList): Quote {
  const amount = Object.hasOwn(prices, consultation) ? prices[consultation] : undefined;
  if (amount === undefined) throw new UnknownAdditionalConsultationError(consultation);
  return total([{ code: `additional:${consultation}`, amountCents: amount }]);
}
