import { describe, expect, it } from 'vitest';
import {
  PRICE_CENTS,
  quoteAdditional,
  quoteCase,
  UnknownAdditionalConsultationError,
  updateBasisRefusal,
  updateWindowEnd,
  withinUpdateWindow,
} from '#domain/pricing.ts';

const requested = new Date('2026-03-10T09:00:00Z');

describe('quoteCase', () => {
  it('charges EUR 500.00 for a new request', () => {
    expect(quoteCase({ requestedAt: requested, courier: false })).toEqual({
      currency: 'EUR',
      lines: [{ code: 'base', amountCents: 50_000 }],
      totalCents: 50_000,
    });
  });

  it('adds EUR 18.00 for the courier', () => {
    const q = quoteCase({ requestedAt: requested, courier: true });
    expect(q.lines).toEqual([
      { code: 'base', amountCents: 50_000 },
      { code: 'courier', amountCents: 1_800 },
    ]);
    expect(q.totalCents).toBe(51_800);
  });

  it('charges EUR 350.00 for an update within 12 months by the same physician', () => {
    const q = quoteCase({
      requestedAt: requested,
      courier: false,
      update: { previousRequestedAt: new Date('2025-06-01T10:00:00Z'), samePhysician: true },
    });
    expect(q).toEqual({
      currency: 'EUR',
      lines: [{ code: 'update', amountCents: 35_000 }],
      totalCents: 35_000,
    });
  });

  it('charges EUR 500.00 for an update answered by another physician', () => {
    const q = quoteCase({
      requestedAt: requested,
      courier: false,
      update: { previousRequestedAt: new Date('2025-06-01T10:00:00Z'), samePhysician: false },
    });
    expect(q.totalCents).toBe(50_000);
    expect(q.lines[0]!.code).toBe('base');
  });

  it('charges EUR 368.00 for a discounted update with the courier', () => {
    const q = quoteCase({
      requestedAt: requested,
      courier: true,
      update: { previousRequestedAt: new Date('2025-12-01T10:00:00Z'), samePhysician: true },
    });
    expect(q.totalCents).toBe(36_800);
  });

  describe('the 12-month boundary (Rome dates)', () => {
    const previous = new Date('2025-03-10T15:00:00Z');
    const at = (iso: string) =>
      quoteCase({
        requestedAt: new Date(iso),
        courier: false,
        update: { previousRequestedAt: previous, samePhysician: true },
      }).totalCents;

    it('is an update on the boundary day itself', () => {
      expect(updateWindowEnd(previous)).toBe('2026-03-10');
      expect(at('2026-03-10T22:59:00Z')).toBe(PRICE_CENTS.update); // 23:59 in Rome
    });

    it('is a new request the day after', () => {
      expect(at('2026-03-10T23:00:00Z')).toBe(PRICE_CENTS.base); // already 11 March in Rome
      expect(at('2026-03-11T09:00:00Z')).toBe(PRICE_CENTS.base);
    });

    it('ends on 28 February for a request made on 29 February', () => {
      const leap = new Date('2028-02-29T10:00:00Z');
      expect(updateWindowEnd(leap)).toBe('2029-02-28');
      expect(withinUpdateWindow(leap, new Date('2029-02-28T10:00:00Z'))).toBe(true);
      expect(withinUpdateWindow(leap, new Date('2029-03-01T10:00:00Z'))).toBe(false);
    });

    it('does not treat a request dated before the previous one as an update', () => {
      expect(withinUpdateWindow(previous, new Date('2025-03-01T10:00:00Z'))).toBe(false);
      // 10 March 13:00 in Rome is the day before a previous request made on 11 March 00:30 in Rome.
      expect(withinUpdateWindow(new Date('2025-03-10T23:30:00Z'), new Date('2025-03-10T12:00:00Z'))).toBe(
        false,
      );
    });

    it('is an update on the same day as the previous request', () => {
      expect(withinUpdateWindow(previous, new Date('2025-03-10T16:00:00Z'))).toBe(true);
      expect(at('2025-03-10T22:30:00Z')).toBe(PRICE_CENTS.update); // 23:30 in Rome
    });

    it('counts the window from the Rome date of a previous request made just after midnight', () => {
      // 11 March 2025 00:30 in Rome, still 10 March in UTC: the window runs to 11 March 2026.
      const afterMidnight = new Date('2025-03-10T23:30:00Z');
      expect(updateWindowEnd(afterMidnight)).toBe('2026-03-11');
      const quote = quoteCase({
        requestedAt: new Date('2026-03-11T09:00:00Z'),
        courier: false,
        update: { previousRequestedAt: afterMidnight, samePhysician: true },
      });
      expect(quote.totalCents).toBe(35_000);
    });
  });
});

describe('additional consultations', () => {
  const prices = { histology_review: 30_000, molecular_review: 45_000 };

  it('are priced from the configured list', () => {
    expect(quoteAdditional('histology_review', prices)).toEqual({
      currency: 'EUR',
      lines: [{ code: 'additional:histology_review', amountCents: 30_000 }],
      totalCents: 30_000,
    });
  });

  it('refuse a consultation with no configured price', () => {
    expect(() => quoteAdditional('acupuncture', prices)).toThrow(UnknownAdditionalConsultationError);
    expect(() => quoteAdditional('acupuncture', prices)).toThrow(
      expect.objectContaining({
        code: 'unknown_additional_consultation',
        consultation: 'acupuncture',
        message: 'no price configured for additional consultation "acupuncture"',
      }),
    );
    expect(() => quoteAdditional('toString', prices)).toThrow(UnknownAdditionalConsultationError);
  });
});

describe('the basis of an update', () => {
  const dob = '1960-05-01';
  const prev = (status: string, requestedAt = '2025-06-10T09:00:00Z') => ({
    status,
    dateOfBirth: dob,
    requestedAt: new Date(requestedAt),
  });
  const now = new Date('2026-03-02T08:00:00Z');

  it('is a released case of the same patient requested within 12 months (Rome dates, the last day included)', () => {
    expect(updateBasisRefusal(prev('released'), dob, now)).toBeUndefined();
    // Requested at 00:30 in Rome on 2 March 2025 (23:30 UTC the day before): its window ends on 2 March 2026.
    expect(updateBasisRefusal(prev('released', '2025-03-01T23:30:00Z'), dob, now)).toBeUndefined();
    expect(updateBasisRefusal(prev('released', '2025-03-01T22:30:00Z'), dob, now)).toBe('too_old');
  });

  it.each(['draft', 'triage', 'in_report', 'cancelled', 'expired'])('is no %s case', (status) => {
    expect(updateBasisRefusal(prev(status), dob, now)).toBe('not_released');
  });

  it("reads another patient's case, and no case, as not found", () => {
    expect(updateBasisRefusal(prev('released'), '1970-01-01', now)).toBe('not_found');
    expect(updateBasisRefusal(undefined, dob, now)).toBe('not_found');
  });
});
