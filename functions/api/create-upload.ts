/** POST /cases/{caseId}/uploads (Bearer patient token): a presigned POST for one PDF. */
import { composeDeps } from '#app/compose.ts';
import { documents } from '#app/wiring/documents.ts';
import { store } from '#app/wiring/table.ts';
import { bearerToken, httpHandler, json, parseJsonBody } from '#http/handler.ts';
import { Refusal } from '#usecases/errors.ts';
import { requestUpload } from '#usecases/patient/request-upload.ts';
import { caseIdSchema, createUploadSchema } from './create-upload.schema.ts';

const deps = composeDeps({ ...store, ...documents });

export const handler = httpHandler(async (event) => {
  const token = bearerToken(event);
  const caseId = caseIdSchema.safeParse(event.pathParameters?.caseId);
  if (!caseId.success) throw new Refusal('unauthorized');
  const input = parseJsonBody(event, createUploadSchema);
  return json(201, await requestUpload(deps(), caseId.data, token, input));
});
