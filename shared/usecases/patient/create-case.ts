/**
 * A patient (or someone for them) opens a case.
 *
 * 1. The date of birth must be plausible; an update names a previous case of the same patient.
 * 2. The case, its reference and a patient token are written (a lost race on the reference tries
 *    a fresh one, so nothing is left half-written).
 * 3. The applicants are sent the link to the case page; a failed email is audited, not fatal: the
 *    response carries the link too.
 */

import { logger } from '#app/logger.ts';
import { siteDate } from '#domain/calendar.ts';
import {
  CASE_REFERENCE_PATTERN,
  hashToken,
  newCaseId,
  newCaseReference,
  newSecretToken,
  normaliseCaseReference,
  paymentReference,
} from '#domain/ids.ts';
import type { Case, ConsultationType, CourierAddress, Language, Patient, Requester } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import { patientCaseUrl } from '../common/links.ts';
import { applicantRecipients } from '../common/people.ts';
import { retryOnConflict } from '../common/retry.ts';
import { Refusal } from '../errors.ts';
import type { UseCaseDeps } from '../ports.ts';
import type { CreateCaseResponse } from './views.ts';

export interface CreateCaseInput {
  patient: Patient;
  language: Language;
  consultationTypes: ConsultationType[];
  courier: boolean;
  courierAddress?: CourierAddress;
  requester?: Requester;
  previousReference?: string;
}

const REFERENCE_ATTEMPTS = 5;

async function previousCase(
  d: Pick<UseCaseDeps, 'store'>,
  reference: string,
  dateOfBirth: string,
): Promise<Case> {
  const normalised = normaliseCaseReference(reference);
  const notFound = new Refusal('previous_case_not_found', [
    { path: 'previousReference', message: 'not found' },
  ]);
  if (!CASE_REFERENCE_PATTERN.test(normalised)) throw notFound;
  const id = await d.store.getCaseIdByReference(normalised);
  const previous = id ? await d.store.getCase(id) : undefined;
  // The same patient only: a reference alone must not tie a stranger's case (and its price) to this one.
  if (!previous || previous.patient.dateOfBirth !== dateOfBirth) throw notFound;
  return previous;
}

export async function createCase(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'notifier'>,
  input: CreateCaseInput,
): Promise<CreateCaseResponse> {
  const now = d.clock.now();
  if (input.patient.dateOfBirth > siteDate(now) || input.patient.dateOfBirth < '1900-01-01') {
    throw new Refusal('validation_failed', [
      { path: 'patient.dateOfBirth', message: 'is not a plausible date of birth' },
    ]);
  }
  const previous = input.previousReference
    ? await previousCase(d, input.previousReference, input.patient.dateOfBirth)
    : undefined;
  const at = now.toISOString();
  const caseId = newCaseId();
  const year = Number(siteDate(now).slice(0, 4));

  // A fresh reference and token each attempt: a lost race on the reference leaves nothing half-written.
  const { item, patientToken } = await retryOnConflict({ attempts: REFERENCE_ATTEMPTS }, async () => {
    const reference = newCaseReference(year);
    const token = newSecretToken();
    const c: Case = {
      caseId,
      reference,
      paymentReference: paymentReference(reference),
      status: 'draft',
      language: input.language,
      patient: input.patient,
      ...(input.requester ? { requester: input.requester } : {}),
      consultationTypes: input.consultationTypes,
      courier: input.courier,
      ...(input.courierAddress ? { courierAddress: input.courierAddress } : {}),
      ...(previous ? { previousCaseId: previous.caseId, previousReference: previous.reference } : {}),
      deadlines: {},
      documentCount: 0,
      documentBytes: 0,
      createdAt: at,
      version: 0,
      updatedAt: at,
    };
    await d.store.createCase(c, { tokenHash: hashToken(token), caseId, createdAt: at });
    return { item: c, patientToken: token };
  });
  await audit(d, caseId, 'patient', 'case_created', {
    reference: item.reference,
    byRequester: Boolean(input.requester),
    ...(previous ? { previousCaseId: previous.caseId } : {}),
  });
  const url = patientCaseUrl(d.config.PUBLIC_BASE_URL, caseId, patientToken);
  try {
    for (const to of applicantRecipients(item)) {
      await d.notifier.notify({
        kind: 'case_created',
        to,
        caseId,
        data: { reference: item.reference, caseUrl: url },
      });
    }
  } catch (err) {
    // The case exists and the response carries the link: a failed email must not make the patient create it twice.
    logger.error('case_created email failed', { caseId, error: err as Error });
    await audit(d, caseId, 'system', 'email_failed', { kind: 'case_created' });
  }
  logger.info('case created', { caseId });
  return { caseId, reference: item.reference, patientToken, caseUrl: url };
}
