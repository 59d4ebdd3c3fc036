/**
 * Ranking of candidate specialists for a paid case: the disease site triage named, the
 * consultation types they cover, the patient's language, and how many cases they have open; and
 * the rest of a lead's team. Pure: the caller brings the data.
 */
import type { ConsultationType, DiseaseSite, Language, StaffMember } from './model.ts';

export interface Candidate {
  staff: StaffMember;
  /** The specialist is expert in the case's disease site. */
  siteMatched: boolean;
  /** How many of the case's consultation types the specialist covers. */
  typesMatched: number;
  speaksLanguage: boolean;
  openCases: number;
}

/**
 * Active specialists best first: expert in the case's disease site, most consultation types
 * covered, the patient's language, fewest open cases.
 */
export function rankCandidates(
  wanted: { consultationTypes: readonly ConsultationType[]; language: Language; diseaseSite?: DiseaseSite },
  staff: readonly StaffMember[],
  openCases: Readonly<Record<string, number>>,
): Candidate[] {
  const candidates = staff
    .filter((s) => s.active && s.roles.includes('specialist'))
    .map((s) => ({
      staff: s,
      // Stryker disable next-line ConditionalExpression,ArrayDeclaration: includes(undefined) is false on any list of sites
      siteMatched: wanted.diseaseSite !== undefined && (s.diseaseSites ?? []).includes(wanted.diseaseSite),
      typesMatched: wanted.consultationTypes.filter((t) => s.consultationTypes.includes(t)).length,
      speaksLanguage: s.languages.includes(wanted.language),
      openCases: openCases[s.staffId] ?? 0,
    }));
  // Nobody covering the types is still a choice the triage doctor should see, not an empty email.
  const matching = candidates.some((c) => c.typesMatched > 0)
    ? candidates.filter((c) => c.typesMatched > 0)
    : candidates;
  return matching.sort(
    (a, b) =>
      Number(b.siteMatched) - Number(a.siteMatched) ||
      b.typesMatched - a.typesMatched ||
      Number(b.speaksLanguage) - Number(a.speaksLanguage) ||
      a.openCases - b.openCases ||
      a.staff.staffId.localeCompare(b.staff.staffId),
  );
}

/** A consultation type the lead does not cover, and who could contribute it, best first: the first is proposed. */
export interface TeamSlot {
  consultationType: ConsultationType;
  candidates: Candidate[];
}

/** The consultation types of the case that `lead` does not cover: each needs a contributor. */
export function uncoveredTypes(
  wanted: { consultationTypes: readonly ConsultationType[] },
  lead: Pick<StaffMember, 'consultationTypes'>,
): ConsultationType[] {
  return wanted.consultationTypes.filter((t) => !lead.consultationTypes.includes(t));
}

/**
 * The rest of the team for a lead: for each type of the case the lead does not cover, the other
 * active specialists who cover it, best first (the patient's language, then the lighter workload).
 * A type nobody covers has no candidates: the lead writes without a contributor for it.
 */
export function proposeTeam(
  wanted: { consultationTypes: readonly ConsultationType[]; language: Language; diseaseSite?: DiseaseSite },
  lead: StaffMember,
  staff: readonly StaffMember[],
  openCases: Readonly<Record<string, number>>,
): TeamSlot[] {
  return uncoveredTypes(wanted, lead).map((type) => ({
    consultationType: type,
    candidates: rankCandidates(
      {
        consultationTypes: [type],
        language: wanted.language,
        ...(wanted.diseaseSite ? { diseaseSite: wanted.diseaseSite } : {}),
      },
      staff,
      openCases,
      // The lead covers none of the uncovered types, so this leaves the lead out too.
    ).filter((c) => c.typesMatched > 0),
  }));
}
