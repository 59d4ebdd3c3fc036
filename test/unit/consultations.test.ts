/** In-depth consultations: proposing from the price list, the patient's answers, one amount due, who does them. */
import { describe, expect, it } from 'vitest';
import {
  answerConsultations,
  approvedOf,
  consultationTypeOf,
  proposeConsultations,
  proposed,
  quoteOf,
} from '#domain/consultations.ts';

const PRICES = { histology_review: 30_000, surgical_review: 25_000, cardio_oncological_review: 20_000 };
const AT = '2026-03-03T09:00:00.000Z';

describe('in-depth consultations', () => {
  it('are proposed once each, priced from the list; an unknown one is refused', () => {
    const list = proposeConsultations(
      ['surgical_review', 'histology_review', 'surgical_review'],
      'why',
      PRICES,
      'dr',
      AT,
    );
    expect(list.map((x) => [x.code, x.status, x.quote.totalCents])).toEqual([
      ['surgical_review', 'proposed', 25_000],
      ['histology_review', 'proposed', 30_000],
    ]);
    expect(() => proposeConsultations(['acupuncture'], 'why', PRICES, 'dr', AT)).toThrow(/acupuncture/);
  });

  it('take the answer given for each, and an unanswered one is declined; answered ones stay as they were', () => {
    const earlier = {
      ...proposeConsultations(['histology_review'], 'r', PRICES, 'dr', AT)[0]!,
      status: 'done' as const,
    };
    const list = [
      earlier,
      ...proposeConsultations(['surgical_review', 'cardio_oncological_review'], 'r', PRICES, 'dr', AT),
    ];
    const answered = answerConsultations(
      list,
      { surgical_review: 'approve', histology_review: 'decline' },
      'T',
    );
    expect(answered.map((x) => [x.code, x.status, x.answeredAt])).toEqual([
      ['histology_review', 'done', undefined],
      ['surgical_review', 'approved', 'T'],
      ['cardio_oncological_review', 'declined', 'T'],
    ]);
    expect(proposed(answered)).toEqual([]);
    expect(proposed(list).map((x) => x.code)).toEqual(['surgical_review', 'cardio_oncological_review']);
  });

  it('approved together are one quote with a line each, found by their amount due', () => {
    const list = answerConsultations(
      proposeConsultations(['surgical_review', 'histology_review'], 'r', PRICES, 'dr', AT),
      { surgical_review: 'approve', histology_review: 'approve' },
      'T',
    ).map((x) => ({ ...x, itemId: 'additional-1' }));
    expect(quoteOf(approvedOf(list, 'additional-1'))).toEqual({
      currency: 'EUR',
      lines: [
        { code: 'additional:surgical_review', amountCents: 25_000 },
        { code: 'additional:histology_review', amountCents: 30_000 },
      ],
      totalCents: 55_000,
    });
    expect(approvedOf(list, 'additional-2')).toEqual([]);
    expect(approvedOf(undefined)).toEqual([]);
  });

  it('are done by a specialist of the type their code starts with', () => {
    expect(consultationTypeOf('surgical_review')).toBe('surgical');
    expect(consultationTypeOf('cardio_oncological_review')).toBe('cardio_oncological');
    expect(consultationTypeOf('oncological_visit')).toBe('oncological');
    expect(consultationTypeOf('radiotherapy')).toBe('radiotherapy');
    expect(consultationTypeOf('histology_review')).toBeUndefined();
    expect(consultationTypeOf('surgicalish')).toBeUndefined();
  });
});
