/** Who is told: the people who applied, staff members by role, the office. */
import type { Applicant, Case, StaffMember, StaffRole } from '#domain/model.ts';
import { WorkflowError } from '../errors.ts';
import type { Recipient } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';

export const OFFICE: Recipient = { kind: 'office' };

/** An applicant as a recipient, addressed by their own first name in the case's language. */
export interface ApplicantRecipient {
  applicant: Applicant;
  to: Extract<Recipient, { kind: 'person' }>;
}

/**
 * Everyone who applied and reads the case's emails: the patient when they gave an address, and
 * whoever applied for them (once, when both gave the same address).
 */
export function applicants(c: Case): ApplicantRecipient[] {
  const out: ApplicantRecipient[] = [];
  if (c.patient.email) {
    out.push({
      applicant: 'patient',
      to: { kind: 'person', email: c.patient.email, name: c.patient.firstName, language: c.language },
    });
  }
  const r = c.requester;
  if (r && r.email.toLowerCase() !== c.patient.email?.toLowerCase()) {
    out.push({
      applicant: 'requester',
      to: { kind: 'person', email: r.email, name: r.firstName, language: c.language },
    });
  }
  return out;
}

/** The recipients of every patient notice: each applicant gets an email of their own. */
export function applicantRecipients(c: Case): Recipient[] {
  return applicants(c).map((a) => a.to);
}

/** The applicant whose address this is, if any (case-insensitive). */
export function applicantByEmail(c: Case, email: string): Applicant | undefined {
  const wanted = email.trim().toLowerCase();
  return applicants(c).find((a) => a.to.email.toLowerCase() === wanted)?.applicant;
}

export function staffRecipient(s: StaffMember): Recipient {
  return { kind: 'staff', email: s.email, name: s.name, languages: s.languages };
}

export async function activeStaff(d: Pick<UseCaseDeps, 'store'>, role: StaffRole): Promise<StaffMember[]> {
  return (await d.store.listStaff(role)).filter((s) => s.active);
}

export async function requireStaff(d: Pick<UseCaseDeps, 'store'>, role: StaffRole): Promise<StaffMember[]> {
  const staff = await activeStaff(d, role);
  if (!staff.length) throw new WorkflowError('no_staff', `no active staff member has the role ${role}`);
  return staff;
}

/** Leads of a role, or the role's members when the site has no lead configured. */
export async function leadsOf(
  d: Pick<UseCaseDeps, 'store'>,
  lead: StaffRole,
  fallback: StaffRole,
): Promise<StaffMember[]> {
  const leads = await activeStaff(d, lead);
  return leads.length ? leads : requireStaff(d, fallback);
}
