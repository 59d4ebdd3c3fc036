/** The body of POST /cases/{caseId}/uploads and of a report upload from a release link. */
import * as z from 'zod';
import type { UploadRequest } from '#usecases/patient/request-upload.ts';

export const createUploadSchema = z.strictObject({
  fileName: z.string().min(1).max(1000),
  contentType: z.string().min(1).max(200),
  sizeBytes: z.number().int(),
}) satisfies z.ZodType<UploadRequest, unknown>;

export type CreateUploadRequest = z.input<typeof createUploadSchema>;

/** A case id in a patient route: a malformed one is answered like a wrong token (no hint whether a case exists). */
export const caseIdSchema = z.uuid();
