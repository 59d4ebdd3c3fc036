/**
 * Intake use cases behind the patient's HTTP routes: create a case, hand out a presigned upload
 * for one PDF, and show the case. Ports only; the handlers in functions/api are thin wrappers.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { Deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { siteDate } from '#domain/calendar.ts';
import { buildChecklist, isAbandonedUpload } from '#domain/checklist.ts';
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
import { type CaseStatus, isBeforePayment } from '#domain/lifecycle.ts';
import { type Case, type CaseDocument, CONSULTATION_TYPES, LANGUAGES } from '#domain/model.ts';
import type {
  CaseView,
  CreateCaseResponse,
  CreateUploadResponse,
  DocumentView,
  NextStep,
} from '#http/api-types.ts';
import { AppError } from '#http/errors.ts';
import { sendEmail } from '#presentation/emails/send.ts';
import { ConflictError } from './ports.ts';

export type IntakeDeps = Pick<Deps, 'config' | 'clock' | 'store' | 'mailer' | 'documents'>;

const name = z.string().trim().min(1).max(100);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{5,24}$/, 'is not a phone number');
const person = {
  firstName: name,
  lastName: name,
  email: z.email().max(254),
  phone,
};

export const createCaseSchema = z
  .strictObject({
    patient: z.strictObject({
      ...person,
      dateOfBirth: z.iso.date(),
      /** ISO 3166-1 alpha-2. */
      country: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, 'is not a two-letter country code'),
    }),
    language: z.enum(LANGUAGES),
    consultationTypes: z
      .array(z.enum(CONSULTATION_TYPES))
      .min(1)
      .transform((types) => [...new Set(types)]),
    courier: z.boolean().default(false),
    courierAddress: z
      .strictObject({
        name,
        line1: z.string().trim().min(1).max(200),
        line2: z.string().trim().max(200).optional(),
        city: name,
        postalCode: z.string().trim().min(1).max(20),
        region: z.string().trim().max(100).optional(),
        country: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2}$/, 'is not a two-letter country code'),
      })
      .optional(),
    requester: z.strictObject({ ...person, relationship: z.string().trim().min(1).max(100) }).optional(),
    previousReference: z.string().trim().min(1).max(40).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.courier && !v.courierAddress) {
      ctx.addIssue({
        code: 'custom',
        path: ['courierAddress'],
        message: 'is needed for delivery by courier',
      });
    }
    if (!v.courier && v.courierAddress) {
      ctx.addIssue({
        code: 'custom',
        path: ['courier'],
        message: 'must be true when a courier address is given',
      });
    }
  });
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

export const createUploadSchema = z.strictObject({
  fileName: z.string().min(1).max(1000),
  contentType: z.string().min(1).max(200),
  sizeBytes: z.number().int(),
});
export type CreateUploadInput = z.infer<typeof createUploadSchema>;

const REFERENCE_ATTEMPTS = 5;
const UPDATE_ATTEMPTS = 12;
const FILE_NAME_MAX = 120;

function unauthorized(): AppError {
  return new AppError(401, 'unauthorized', 'A valid access token is required.');
}

/** The case a patient token opens; any mismatch is the same 401, so it never tells whether a case exists. */
export async function authorisePatient(
  d: Pick<IntakeDeps, 'store'>,
  caseId: string,
  token: string,
): Promise<Case> {
  const item = await d.store.getPatientToken(hashToken(token));
  if (!item || item.caseId !== caseId) throw unauthorized();
  const c = await d.store.getCase(caseId);
  if (!c) throw unauthorized();
  return c;
}

export function caseUrl(baseUrl: string, caseId: string, patientToken: string): string {
  return `${baseUrl}/case/${caseId}#token=${patientToken}`;
}

async function previousCase(d: IntakeDeps, reference: string, dateOfBirth: string): Promise<Case> {
  const normalised = normaliseCaseReference(reference);
  const notFound = new AppError(
    422,
    'previous_case_not_found',
    'We could not find a previous request with this reference for this patient. Please check the reference in our earlier email.',
    [{ path: 'previousReference', message: 'not found' }],
  );
  if (!CASE_REFERENCE_PATTERN.test(normalised)) throw notFound;
  const id = await d.store.getCaseIdByReference(normalised);
  const previous = id ? await d.store.getCase(id) : undefined;
  // The same patient only: a reference alone must not tie a stranger's case (and its price) to this one.
  if (!previous || previous.patient.dateOfBirth !== dateOfBirth) throw notFound;
  return previous;
}

export async function createCase(d: IntakeDeps, input: CreateCaseInput): Promise<CreateCaseResponse> {
  const now = d.clock.now();
  if (input.patient.dateOfBirth > siteDate(now) || input.patient.dateOfBirth < '1900-01-01') {
    throw new AppError(400, 'validation_failed', 'Some fields are missing or not valid.', [
      { path: 'patient.dateOfBirth', message: 'is not a plausible date of birth' },
    ]);
  }
  const previous = input.previousReference
    ? await previousCase(d, input.previousReference, input.patient.dateOfBirth)
    : undefined;
  const at = now.toISOString();
  const caseId = newCaseId();
  const year = Number(siteDate(now).slice(0, 4));

  for (let attempt = 1; ; attempt++) {
    // A fresh reference and token each attempt: a lost race on the reference leaves nothing half-written.
    const reference = newCaseReference(year);
    const patientToken = newSecretToken();
    const item: Case = {
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
    try {
      await d.store.createCase(item, { tokenHash: hashToken(patientToken), caseId, createdAt: at });
    } catch (err) {
      if (err instanceof ConflictError && attempt < REFERENCE_ATTEMPTS) continue;
      throw err;
    }
    await d.store.appendEvent({
      caseId,
      at,
      actor: 'patient',
      action: 'case_created',
      details: {
        reference,
        byRequester: Boolean(input.requester),
        ...(previous ? { previousCaseId: previous.caseId } : {}),
      },
    });
    const url = caseUrl(d.config.PUBLIC_BASE_URL, caseId, patientToken);
    const to = [...new Set([input.patient.email, ...(input.requester ? [input.requester.email] : [])])];
    try {
      await sendEmail(
        d.mailer,
        'case_created',
        input.language,
        to,
        { firstName: input.patient.firstName, reference, caseUrl: url },
        caseId,
      );
    } catch (err) {
      // The case exists and the response carries the link: a failed email must not make the patient create it twice.
      logger.error('case_created email failed', { caseId, error: err as Error });
      await d.store.appendEvent({
        caseId,
        at,
        actor: 'system',
        action: 'email_failed',
        details: { kind: 'case_created' },
      });
    }
    logger.info('case created', { caseId });
    return { caseId, reference, patientToken, caseUrl: url };
  }
}

/** Control characters, zero-width and text-direction overrides: they hide or disguise what a name says. */
function isInvisible(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/** A file name as metadata: no path, no control or direction-override characters, bounded length. */
export function sanitiseFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .split('')
    .filter((ch) => !isInvisible(ch.charCodeAt(0)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (!clean) return 'document.pdf';
  if (clean.length <= FILE_NAME_MAX) return clean;
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(clean)?.[0] ?? '';
  return `${clean.slice(0, FILE_NAME_MAX - ext.length).trimEnd()}${ext}`;
}

const UPLOAD_STATUSES: readonly CaseStatus[] = ['draft', 'documents_requested'];

/** Changes a case's file count and bytes with the version-conditional update, re-reading on a lost race. */
export async function adjustCaseUsage(
  d: Pick<IntakeDeps, 'store' | 'clock'>,
  caseId: string,
  files: number,
  bytes: number,
  guard?: (c: Case) => void,
): Promise<Case> {
  for (let attempt = 1; ; attempt++) {
    const c = await d.store.getCase(caseId);
    if (!c) throw new Error(`case ${caseId} not found`);
    guard?.(c);
    try {
      return await d.store.updateCase(caseId, c.version, {
        documentCount: Math.max(0, c.documentCount + files),
        documentBytes: Math.max(0, c.documentBytes + bytes),
        updatedAt: d.clock.now().toISOString(),
      });
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= UPDATE_ATTEMPTS) throw err;
      // A page uploads several files at once: spread the retries so the racers do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

export async function requestUpload(
  d: IntakeDeps,
  caseId: string,
  token: string,
  input: CreateUploadInput,
): Promise<CreateUploadResponse> {
  await authorisePatient(d, caseId, token);
  const cfg = d.config;
  if (input.contentType.split(';')[0]!.trim().toLowerCase() !== 'application/pdf') {
    throw new AppError(415, 'unsupported_media_type', 'Only PDF files can be uploaded.');
  }
  if (input.sizeBytes < 1) throw new AppError(400, 'empty_file', 'The file is empty.');
  if (input.sizeBytes > cfg.MAX_UPLOAD_BYTES) {
    throw new AppError(
      413,
      'file_too_large',
      `A file can be at most ${Math.floor(cfg.MAX_UPLOAD_BYTES / 1048576)} MB.`,
      {
        maxBytes: cfg.MAX_UPLOAD_BYTES,
      },
    );
  }
  await adjustCaseUsage(d, caseId, 1, input.sizeBytes, (c) => {
    if (!UPLOAD_STATUSES.includes(c.status)) {
      throw new AppError(409, 'uploads_closed', 'Documents cannot be added to this case any more.');
    }
    if (c.documentCount + 1 > cfg.MAX_FILES_PER_CASE) {
      throw new AppError(422, 'too_many_files', `A case can hold at most ${cfg.MAX_FILES_PER_CASE} files.`, {
        maxFiles: cfg.MAX_FILES_PER_CASE,
      });
    }
    if (c.documentBytes + input.sizeBytes > cfg.MAX_CASE_BYTES) {
      throw new AppError(413, 'case_too_large', 'The files of this case are too large in total.', {
        maxCaseBytes: cfg.MAX_CASE_BYTES,
        bytesLeft: Math.max(0, cfg.MAX_CASE_BYTES - c.documentBytes),
      });
    }
  });

  const now = d.clock.now();
  const documentId = randomUUID();
  const key = `cases/${caseId}/documents/${documentId}.pdf`;
  const expiresAt = new Date(now.getTime() + cfg.UPLOAD_URL_SECONDS * 1000).toISOString();
  await d.store.putDocument({
    caseId,
    documentId,
    fileName: sanitiseFileName(input.fileName),
    key,
    sizeBytes: input.sizeBytes,
    state: 'upload_pending',
    uploadExpiresAt: expiresAt,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  const upload = await d.documents.presignUpload(key, cfg.MAX_UPLOAD_BYTES, cfg.UPLOAD_URL_SECONDS);
  logger.info('upload issued', { caseId, documentId });
  return { documentId, upload, expiresAt };
}

function documentView(doc: CaseDocument, now: Date): DocumentView {
  const c = doc.classification as Classification | undefined;
  const expired = isAbandonedUpload(doc, now);
  return {
    documentId: doc.documentId,
    fileName: doc.fileName,
    sizeBytes: doc.sizeBytes,
    pages: doc.pages ?? null,
    state: expired ? 'not_received' : doc.state,
    reason: doc.reason ?? null,
    duplicateOf: doc.duplicateOf ?? null,
    classification: c
      ? {
          documentType: c.documentType,
          confidence: c.confidence,
          language: c.language,
          documentDate: c.documentDate ?? null,
          ...(c.oncologistSections ? { oncologistSections: c.oncologistSections } : {}),
        }
      : null,
    uploadedAt: doc.createdAt,
  };
}

const NEXT: Partial<Record<CaseStatus, NextStep>> = {
  documents_requested: 'send_requested_documents',
  triage: 'wait_for_triage',
  awaiting_payment: 'pay',
  assignment: 'wait_for_report',
  in_report: 'wait_for_report',
  awaiting_approval: 'answer_additional_consultation',
  released: 'download_report',
};

export async function getCaseView(d: IntakeDeps, caseId: string, token: string): Promise<CaseView> {
  const c = await authorisePatient(d, caseId, token);
  const now = d.clock.now();
  const docs = (await d.store.listDocuments(caseId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const documents = docs.map((doc) => documentView(doc, now));
  const live = docs.filter((_, i) => documents[i]!.state !== 'not_received');
  const busy = documents.some((v) => v.state === 'upload_pending' || v.state === 'checking');
  const reading = documents.some((v) => v.state === 'reading');
  const usable = documents.some((v) => ['reading', 'classified', 'needs_review'].includes(v.state));
  const open = UPLOAD_STATUSES.includes(c.status);
  const cfg = d.config;
  const filesLeft = Math.max(0, cfg.MAX_FILES_PER_CASE - c.documentCount);
  const canSubmit = open && usable && !busy;
  let next: NextStep = NEXT[c.status] ?? 'none';
  if (c.status === 'draft')
    next = !usable
      ? busy
        ? 'wait_for_documents_check'
        : 'upload_documents'
      : busy || reading
        ? 'wait_for_documents_check'
        : 'submit';
  return {
    caseId,
    reference: c.reference,
    paymentReference: c.paymentReference,
    status: c.status,
    language: c.language,
    consultationTypes: c.consultationTypes,
    patientFirstName: c.patient.firstName,
    hasRequester: Boolean(c.requester),
    courier: c.courier,
    previousReference: c.previousReference ?? null,
    createdAt: c.createdAt,
    submittedAt: c.submittedAt ?? null,
    deadlines: c.deadlines,
    quote: c.quote ?? null,
    requestedDocuments: c.requestedDocuments ?? [],
    documents,
    checklist: buildChecklist({ hasRequester: Boolean(c.requester), documents: live, now }),
    limits: {
      maxFileBytes: cfg.MAX_UPLOAD_BYTES,
      maxFiles: cfg.MAX_FILES_PER_CASE,
      maxCaseBytes: cfg.MAX_CASE_BYTES,
      filesLeft,
      bytesLeft: Math.max(0, cfg.MAX_CASE_BYTES - c.documentBytes),
    },
    can: { upload: open && filesLeft > 0, submit: canSubmit, cancel: isBeforePayment(c.status) },
    next,
    reason: c.reason ?? null,
  };
}
