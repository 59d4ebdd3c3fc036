/**
 * A patient (or someone for them) opens a case.
 *
 * 1. The date of birth must be plausible; an update names a released previous case of the same
 *    patient requested within 12 months (a field error on the reference otherwise);
 *    the applicants' email addresses and the client's network are under their limits of new cases
 *    (each new case emails its applicants: nobody may make the hospital write to someone at will).
 * 2. The case, its reference and a patient token are written (a lost race on the reference tries
 *    a fresh one, so nothing is left half-written).
 * 3. The privacy consent is recorded on the case (version, time, who ticked it), and the web form
 *    is rendered to a request PDF stored with the case as a document of type request_form (made by
 *    the service: no upload, no classifier, not the patient's to remove); a failure there is
 *    audited and the case stands (triage still has every answer on the case).
 * 4. The applicants are each sent a link to the case page; a failed email is audited, not fatal:
 *    the response carries the link too.
 */

import { createHash, randomUUID } from 'node:crypto';
import { logger } from '#app/logger.ts';
import { siteDate } from '#domain/calendar.ts';
import type { Classification } from '#domain/classifier.ts';
import {
  CASE_REFERENCE_PATTERN,
  hashToken,
  newCaseId,
  newCaseReference,
  newSecretToken,
  normaliseCaseReference,
  paymentReference,
} from '#domain/ids.ts';
import type {
  Applicant,
  Case,
  ConsultationType,
  CourierAddress,
  Language,
  Patient,
  Requester,
} from '#domain/model.ts';
import { updateBasisRefusal } from '#domain/pricing.ts';
import { caseCreationCounters } from '#domain/rate-limits.ts';
import { audit } from '../common/audit.ts';
import { caseUrl, patientCaseUrl } from '../common/links.ts';
import { retryOnConflict } from '../common/retry.ts';
import { tellApplicants } from '../common/tell-applicants.ts';
import { Refusal } from '../errors.ts';
import type { Notifies } from '../notices.ts';
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
  consent: { version: string; accepted: true };
}

const REFERENCE_ATTEMPTS = 5;

/** What each refusal of an update's basis says on the request form's reference field. */
const BASIS_REFUSALS = {
  not_found: ['previous_case_not_found', 'not found'],
  not_released: ['previous_case_not_released', 'has no released report'],
  too_old: ['previous_case_too_old', 'was requested more than 12 months ago'],
} as const;

/**
 * The case an update follows: found by its reference, of the same patient, released and requested
 * within 12 months (site dates). A draft or any case without its report is no basis for an update.
 */
async function previousCase(
  d: Pick<UseCaseDeps, 'store'>,
  reference: string,
  dateOfBirth: string,
  now: Date,
): Promise<Case> {
  const normalised = normaliseCaseReference(reference);
  const id = CASE_REFERENCE_PATTERN.test(normalised)
    ? await d.store.getCaseIdByReference(normalised)
    : undefined;
  const previous = id ? await d.store.getCase(id) : undefined;
  const refusal = updateBasisRefusal(
    previous && {
      status: previous.status,
      dateOfBirth: previous.patient.dateOfBirth,
      requestedAt: new Date(previous.submittedAt ?? previous.createdAt),
    },
    dateOfBirth,
    now,
  );
  if (refusal || !previous) {
    const [code, message] = BASIS_REFUSALS[refusal ?? 'not_found'];
    throw new Refusal(code, [{ path: 'previousReference', message }]);
  }
  return previous;
}

/** Counts one more case against every limit it falls under; refuses (429) when one is over. */
async function checkLimits(
  d: Pick<UseCaseDeps, 'config' | 'store'>,
  now: Date,
  input: CreateCaseInput,
  clientAddress: string | undefined,
): Promise<void> {
  const emails = [input.patient.email, input.requester?.email].filter((e): e is string => Boolean(e));
  const counters = caseCreationCounters(now, emails, clientAddress, {
    perEmailPerDay: d.config.CASES_PER_EMAIL_PER_DAY,
    perClientPerHour: d.config.CASES_PER_IP_PER_HOUR,
  });
  for (const c of counters) {
    if ((await d.store.countHit(c.name, c.windowEnds)) > c.limit) {
      logger.warn('case creation over its limit', { counter: c.name.split('#')[0] });
      throw new Refusal('too_many_requests');
    }
  }
}

/** Renders the request form and stores it with the case; false (audited) when it could not. */
async function storeRequestForm(
  d: Pick<UseCaseDeps, 'clock' | 'store' | 'documents' | 'forms'>,
  c: Case,
): Promise<boolean> {
  try {
    const form = d.forms.requestForm(c);
    const documentId = randomUUID();
    const key = `cases/${c.caseId}/forms/${documentId}.pdf`;
    await d.documents.put(key, form.bytes);
    const at = d.clock.now().toISOString();
    const classification: Classification = {
      documentType: 'request_form',
      confidence: 1,
      language: c.language,
      documentDate: siteDate(new Date(c.createdAt)),
      signals: [],
      needsReview: false,
    };
    await d.store.putDocument({
      caseId: c.caseId,
      documentId,
      fileName: form.fileName,
      key,
      sizeBytes: form.bytes.byteLength,
      sha256: createHash('sha256').update(form.bytes).digest('hex'),
      pages: form.pages,
      state: 'classified',
      classification,
      origin: 'service',
      uploadExpiresAt: at,
      createdAt: at,
      updatedAt: at,
    });
    await audit(d, c.caseId, 'system', 'request_form_stored', { documentId, pages: form.pages });
    return true;
  } catch (err) {
    logger.error('request form not stored', { caseId: c.caseId, error: err as Error });
    await audit(d, c.caseId, 'system', 'request_form_failed');
    return false;
  }
}

/** `clientAddress`: the caller's IP address, when the edge knows it. */
export async function createCase(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents' | 'forms'> & Notifies<'case_created'>,
  input: CreateCaseInput,
  clientAddress?: string,
): Promise<CreateCaseResponse> {
  const now = d.clock.now();
  if (input.patient.dateOfBirth > siteDate(now) || input.patient.dateOfBirth < '1900-01-01') {
    throw new Refusal('validation_failed', [
      { path: 'patient.dateOfBirth', message: 'is not a plausible date of birth' },
    ]);
  }
  const previous = input.previousReference
    ? await previousCase(d, input.previousReference, input.patient.dateOfBirth, now)
    : undefined;
  await checkLimits(d, now, input, clientAddress);
  const at = now.toISOString();
  const caseId = newCaseId();
  // The page that creates the case holds its first token: the token of whoever filled in the form.
  const holder: Applicant = input.requester ? 'requester' : 'patient';
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
      consent: { version: input.consent.version, at, by: input.requester ? 'requester' : 'patient' },
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
    await d.store.createCase(c, { tokenHash: hashToken(token), caseId, holder, createdAt: at });
    return { item: c, patientToken: token };
  });
  await audit(d, caseId, 'patient', 'case_created', {
    reference: item.reference,
    byRequester: Boolean(input.requester),
    ...(previous ? { previousCaseId: previous.caseId } : {}),
  });
  await audit(d, caseId, item.consent!.by, 'consent_given', { version: input.consent.version });
  await storeRequestForm(d, item);
  const url = patientCaseUrl(d.config.PUBLIC_BASE_URL, caseId, patientToken);
  try {
    // Whoever filled in the form gets the link the page opened; the other applicant a token of their own.
    await tellApplicants(d, item, 'case_created', async (a) => ({
      reference: item.reference,
      caseUrl: a.applicant === holder ? url : await caseUrl(d, caseId, a.applicant),
    }));
  } catch (err) {
    // The case exists and the response carries the link: a failed email must not make the patient create it twice.
    logger.error('case_created email failed', { caseId, error: err as Error });
    await audit(d, caseId, 'system', 'email_failed', { kind: 'case_created' });
  }
  logger.info('case created', { caseId });
  return { caseId, reference: item.reference, patientToken, caseUrl: url };
}
