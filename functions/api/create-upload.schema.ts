/** The body of POST /cases/{caseId}/uploads and of a report upload from a release link. */
import * as z from '#app/zod.ts';
import type { UploadRequest } from '#usecases/patient/request-upload.ts';

export const createUploadSchema = z.strictObject({
  fileName: z.string().check(z.minLength(1), z.maxLength(1000)),
  contentType: z.string().check(z.minLength(1), z.maxLength(200)),
  sizeBytes: z.number().check(z.int()),
}) satisfies z.ZodMiniType<UploadRequest, unknown>;

export type CreateUploadRequest = z.input<typeof createUploadSchema>;

/** A case id in a patient route: a malformed one is answered like a wrong token (no hint whether a case exists). */
export const caseIdSchema = z.uuid();
