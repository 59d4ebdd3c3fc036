/** POST /cases/{caseId}/uploads (Bearer patient token): a presigned POST for one PDF. */
import { deps } from '#app/deps.ts';
import { bearerToken, httpHandler, json, parseJsonBody } from '#http/handler.ts';
import { Refusal } from '#usecases/errors.ts';
import { requestUpload } from '#usecases/patient/request-upload.ts';
import { caseIdSchema, createUploadSchema } from './create-upload.schema.ts';

export const handler = httpHandler(async (event) => {
  const token = bearerToken(event);
  const caseId = caseIdSchema.safeParse(event.pathParameters?.caseId);
  if (!caseId.success) throw new Refusal('unauthorized');
  const input = parseJsonBody(event, createUploadSchema);
  return json(201, await requestUpload(deps(), caseId.data, token, input));
});
