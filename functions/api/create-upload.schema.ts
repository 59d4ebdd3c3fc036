/**
 * The body of POST /cases/{caseId}/uploads (and of a report upload from a release link, which
 * replaces nothing), and of PUT /cases/{caseId}/documents/{documentId}/type.
 */
import * as z from '#app/zod.ts';
import { DOCUMENT_TYPES } from '#domain/taxonomy.ts';
import type { UploadRequest } from '#usecases/patient/request-upload.ts';

export const createUploadSchema = z.strictObject({
  fileName: z.string().check(z.minLength(1), z.maxLength(1000)),
  contentType: z.string().check(z.minLength(1), z.maxLength(200)),
  sizeBytes: z.number().check(z.int()),
  /** The documentId of the patient's file this one takes the place of. */
  replaces: z.optional(z.uuid()),
}) satisfies z.ZodMiniType<UploadRequest, unknown>;

/** What the patient says a file is; null withdraws it. */
export const relabelSchema = z.strictObject({ documentType: z.nullable(z.enum(DOCUMENT_TYPES)) });

export type CreateUploadRequest = z.input<typeof createUploadSchema>;

/** A case id in a patient route: a malformed one is answered like a wrong token (no hint whether a case exists). */
export const caseIdSchema = z.uuid();
