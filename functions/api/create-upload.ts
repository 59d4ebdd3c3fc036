/** POST /cases/{caseId}/uploads (Bearer patient token): a presigned POST for one PDF. */
import * as z from 'zod';
import { deps } from '#app/deps.ts';
import { AppError } from '#http/errors.ts';
import { bearerToken, httpHandler, json, parseJsonBody } from '#http/handler.ts';
import { createUploadSchema, requestUpload } from '#usecases/cases.ts';

export const handler = httpHandler(async (event) => {
  const token = bearerToken(event);
  // A malformed case id is answered like a wrong token: no hint whether a case exists.
  const caseId = z.uuid().safeParse(event.pathParameters?.caseId);
  if (!caseId.success) throw new AppError(401, 'unauthorized', 'A valid access token is required.');
  const input = parseJsonBody(event, createUploadSchema);
  return json(201, await requestUpload(deps(), caseId.data, token, input));
});
