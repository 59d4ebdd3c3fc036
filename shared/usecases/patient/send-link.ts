/**
 * "Send me my link": whoever lost the emailed link gives the case reference, the patient's date
 * of birth and their own email. When all three match a case whose links still work, that
 * applicant's earlier links stop working (rotated) and a fresh one is emailed to them alone. The
 * answer is the same whether or not anything matched, so the form tells no one whether a case
 * exists; anonymous, so it is rate limited per address and per reference.
 */

import { logger } from '#app/logger.ts';
import { CASE_REFERENCE_PATTERN, normaliseCaseReference } from '#domain/ids.ts';
import { patientAccessEnds } from '#domain/lifecycle.ts';
import type { Case } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import { caseUrl } from '../common/links.ts';
import { applicants } from '../common/people.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
import { ConflictError, type UseCaseDeps } from '../ports.ts';

export interface SendLinkInput {
  reference: string;
  dateOfBirth: string;
  email: string;
  /** Who asks (the caller's IP address), for the rate limit. */
  source: string;
}

/** At most this many asks an hour from one address, and for one reference (a mailbox is not flooded). */
export const SEND_LINK_LIMITS = { perSource: 10, perReference: 3, windowSeconds: 3600 } as const;

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'rateLimiter'> & Notifies<'case_link'>;

/** Emails a fresh case link when the details match; says nothing either way. Refuses only past the rate limit. */
export async function sendLink(d: Deps, input: SendLinkInput): Promise<void> {
  const now = d.clock.now();
  const reference = normaliseCaseReference(input.reference);
  const { perSource, perReference, windowSeconds } = SEND_LINK_LIMITS;
  if (!(await d.rateLimiter.allow(`link-ip#${input.source}`, perSource, windowSeconds, now))) {
    throw new Refusal('too_many_requests');
  }
  if (!CASE_REFERENCE_PATTERN.test(reference)) return;
  if (!(await d.rateLimiter.allow(`link-ref#${reference}`, perReference, windowSeconds, now))) {
    throw new Refusal('too_many_requests');
  }
  const id = await d.store.getCaseIdByReference(reference);
  const c = id ? await d.store.getCase(id) : undefined;
  if (!c || c.patient.dateOfBirth !== input.dateOfBirth) return;
  const wanted = input.email.trim().toLowerCase();
  const match = applicants(c).find((a) => a.to.email.toLowerCase() === wanted);
  if (!match) return;
  const end = patientAccessEnds(c, d.config.PATIENT_ACCESS_DAYS);
  if (end && now >= end) return;
  await rotate(d, c, match.applicant, now.toISOString());
  await d.notifier.notify({
    kind: 'case_link',
    to: match.to,
    caseId: c.caseId,
    data: { reference: c.reference, caseUrl: await caseUrl(d, c.caseId, match.applicant) },
  });
  await audit(d, c.caseId, match.applicant, 'link_resent', { holder: match.applicant });
}

/** The applicant's tokens made before `at` stop working; a concurrent change of the case is read again once. */
async function rotate(d: Deps, c: Case, holder: keyof NonNullable<Case['tokensValidFrom']>, at: string) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await d.store.updateCase(c.caseId, c.version, {
        tokensValidFrom: { ...c.tokensValidFrom, [holder]: at },
      });
      return;
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt > 0) throw err;
      logger.info('case changed while rotating its links: reading it again', { caseId: c.caseId });
      const fresh = await d.store.getCase(c.caseId);
      if (!fresh) throw err;
      c = fresh;
    }
  }
}
