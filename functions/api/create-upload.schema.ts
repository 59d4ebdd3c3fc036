/**
 * The body of POST /cases/{caseId}/uploads (and of a report upload from a release link, which
 * replaces nothing), and of PUT /cases/{caseId}/documents/{documentId}/type.
 */
import * as z from 'zod';
import { DOCUMENT_TYPES } from '#domain/taxonomy.ts';
import type { UploadRequest } from '#usecases/patient/request-upload.ts';

export const createUploadSchema = z.strictObject({
  fileName: z.string().min(1).max(1000),
  contentType: z.string().min(1).max(200),
  sizeBytes: z.number().int(),
  /** The documentId of the patient's file this one takes the place of. */
  replaces: z.uuid().optional(),
}) satisfies z.ZodType<UploadRequest, unknown>;

/** What the patient says a file is; null withdraws it. */
export const relabelSchema = z.strictObject({ documentType: z.enum(DOCUMENT_TYPES).nullable() });

export type CreateUploadRequest = z.input<typeof createUploadSchema>;

/** A case id in a patient route: a malformed one is answered like a wrong token (no hint whether a case exists). */
export const caseIdSchema = z.uuid();
