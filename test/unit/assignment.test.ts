import { describe, expect, it } from 'vitest';
import { proposeTeam, rankCandidates, uncoveredTypes } from '#domain/assignment.ts';
import type { StaffMember } from '#domain/model.ts';

const specialist = (
  staffId: string,
  types: StaffMember['consultationTypes'],
  languages: StaffMember['languages'],
  active = true,
): StaffMember => ({
  staffId,
  name: staffId,
  email: `${staffId}@h.example`,
  roles: ['specialist'],
  consultationTypes: types,
  languages,
  active,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('rankCandidates', () => {
  const staff = [
    specialist('a-en', ['oncological'], ['en']),
    specialist('b-it', ['oncological'], ['it']),
    specialist('c-both', ['oncological', 'radiotherapy'], ['en']),
    specialist('d-surg', ['surgical'], ['it']),
    specialist('e-gone', ['oncological', 'radiotherapy'], ['it'], false),
    { ...specialist('f-lead', ['oncological'], ['it']), roles: ['specialist_lead'] as StaffMember['roles'] },
  ];

  it('puts more consultation types first, then the language, then the lighter workload', () => {
    const ranked = rankCandidates(
      { consultationTypes: ['oncological', 'radiotherapy'], language: 'it' },
      staff,
      { 'b-it': 3 },
    );
    expect(ranked.map((c) => c.staff.staffId)).toEqual(['c-both', 'b-it', 'a-en']);
    expect(ranked[1]).toMatchObject({ typesMatched: 1, speaksLanguage: true, openCases: 3 });
  });

  it('prefers the lighter workload among equals', () => {
    const ranked = rankCandidates({ consultationTypes: ['oncological'], language: 'en' }, staff, {
      'a-en': 5,
      'c-both': 1,
    });
    expect(ranked.map((c) => c.staff.staffId).slice(0, 2)).toEqual(['c-both', 'a-en']);
  });

  it('offers every active specialist when nobody covers the types, and never inactive or non-specialists', () => {
    const ranked = rankCandidates({ consultationTypes: ['cardio_oncological'], language: 'it' }, staff, {});
    expect(ranked.map((c) => c.staff.staffId)).toEqual(['b-it', 'd-surg', 'a-en', 'c-both']);
  });
});

describe('the disease site', () => {
  it("puts the specialists expert in the case's site first, before types and language", () => {
    const staff = [
      specialist('a-it', ['oncological', 'surgical'], ['it']),
      { ...specialist('b-breast', ['oncological'], ['en']), diseaseSites: ['breast' as const] },
      { ...specialist('c-lung', ['oncological'], ['it']), diseaseSites: ['lung' as const] },
    ];
    const wanted = { consultationTypes: ['oncological', 'surgical'] as const, language: 'it' as const };
    const ranked = rankCandidates({ ...wanted, diseaseSite: 'breast' }, staff, {});
    expect(ranked.map((c) => [c.staff.staffId, c.siteMatched])).toEqual([
      ['b-breast', true],
      ['a-it', false],
      ['c-lung', false],
    ]);
    // No site named: as before.
    expect(rankCandidates(wanted, staff, {}).map((c) => c.staff.staffId)).toEqual([
      'a-it',
      'c-lung',
      'b-breast',
    ]);
  });
});

describe('proposeTeam', () => {
  const staff = [
    specialist('onco-it', ['oncological'], ['it']),
    specialist('surg-en', ['surgical'], ['en']),
    specialist('surg-it', ['surgical'], ['it']),
    specialist('surg-busy', ['surgical'], ['it']),
    specialist('both', ['oncological', 'surgical'], ['it']),
    specialist('surg-gone', ['surgical'], ['it'], false),
  ];
  const wanted = {
    consultationTypes: ['oncological', 'surgical', 'radiotherapy'] as const,
    language: 'it' as const,
  };

  it('asks a contributor for each type the lead does not cover: the language, then the lighter workload', () => {
    const lead = staff[0]!;
    expect(uncoveredTypes(wanted, lead)).toEqual(['surgical', 'radiotherapy']);
    const team = proposeTeam(wanted, lead, staff, { 'surg-busy': 4, 'surg-it': 1 });
    expect(team.map((s) => [s.consultationType, s.candidates.map((c) => c.staff.staffId)])).toEqual([
      // Never the lead, nor someone inactive; nobody covers radiotherapy: no candidate.
      ['surgical', ['both', 'surg-it', 'surg-busy', 'surg-en']],
      ['radiotherapy', []],
    ]);
  });

  it("ranks a contributor expert in the case's disease site first", () => {
    const expert = { ...specialist('surg-breast', ['surgical'], ['en']), diseaseSites: ['breast' as const] };
    const team = proposeTeam({ ...wanted, diseaseSite: 'breast' }, staff[0]!, [...staff, expert], {});
    expect(team[0]!.candidates[0]!.staff.staffId).toBe('surg-breast');
  });

  it('needs nobody when the lead covers every type', () => {
    expect(
      proposeTeam({ consultationTypes: ['oncological', 'surgical'], language: 'it' }, staff[4]!, staff, {}),
    ).toEqual([]);
  });
});
