/** Who is told: the patient's recipients, staff members by role, the office. */
import type { Case, StaffMember, StaffRole } from '#domain/model.ts';
import { WorkflowError } from '../errors.ts';
import type { Recipient } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';

export const OFFICE: Recipient = { kind: 'office' };

/** The patient, who reads the case's language. */
export function patientRecipient(c: Case): Recipient {
  return { kind: 'person', email: c.patient.email, name: c.patient.firstName, language: c.language };
}

/** Everyone who applied: the patient and, when someone applies for them, that person too. */
export function applicantRecipients(c: Case): Recipient[] {
  const requester = c.requester;
  return requester && requester.email !== c.patient.email
    ? [
        patientRecipient(c),
        { kind: 'person', email: requester.email, name: requester.firstName, language: c.language },
      ]
    : [patientRecipient(c)];
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
