/**
 * In-depth consultations: the specialist proposes one or more from the configured price list, the
 * patient approves or declines each, and the approved ones become work (a consulting doctor's
 * task, or the pathology's for a histological review) paid as one amount due. Pure.
 */
import type { Consultation, ConsultationType } from './model.ts';
import { CONSULTATION_TYPES } from './model.ts';
import { type AdditionalPriceList, type Quote, quoteAdditional } from './pricing.ts';

/** The consultation code of a histological review: the slides go to the Pathological Anatomy. */
export const HISTOLOGY_REVIEW = 'histology_review';

export type ConsultationAnswer = 'approve' | 'decline';

/** The consultations the specialist proposes now, priced from the configured list (unknown codes throw). */
export function proposeConsultations(
  codes: readonly string[],
  reason: string,
  prices: AdditionalPriceList,
  by: string,
  at: string,
): Consultation[] {
  return [...new Set(codes)].map((code) => ({
    code,
    reason,
    quote: quoteAdditional(code, prices),
    status: 'proposed',
    requestedBy: by,
    requestedAt: at,
  }));
}

/** The consultations still waiting for the patient's answer. */
export function proposed(list: readonly Consultation[] | undefined): Consultation[] {
  return (list ?? []).filter((c) => c.status === 'proposed');
}

/**
 * The patient's answers applied: each proposed consultation approved or declined as answered; one
 * not answered is declined (the patient did not agree to pay for it).
 */
export function answerConsultations(
  list: readonly Consultation[],
  answers: Readonly<Record<string, ConsultationAnswer>>,
  at: string,
): Consultation[] {
  return list.map((c) =>
    c.status === 'proposed'
      ? { ...c, status: answers[c.code] === 'approve' ? 'approved' : 'declined', answeredAt: at }
      : c,
  );
}

/** The approved consultations of the amount due `itemId` (those approved together), or all approved ones not yet done. */
export function approvedOf(list: readonly Consultation[] | undefined, itemId?: string): Consultation[] {
  return (list ?? []).filter((c) => c.status === 'approved' && (itemId === undefined || c.itemId === itemId));
}

/** The one quote of the consultations approved together: a line each. */
export function quoteOf(list: readonly Consultation[]): Quote {
  const lines = list.flatMap((c) => c.quote.lines);
  return { currency: 'EUR', lines, totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0) };
}

/**
 * The consultation type whose doctors do a consultation, by its code's prefix
 * (`cardio_oncological_visit` is cardio-oncological, not oncological); none for a histological
 * review or a code of no type (the case's lead specialist then does it).
 */
export function consultationTypeOf(code: string): ConsultationType | undefined {
  return [...CONSULTATION_TYPES]
    .sort((a, b) => b.length - a.length)
    .find((t) => code === t || code.startsWith(`${t}_`));
}
