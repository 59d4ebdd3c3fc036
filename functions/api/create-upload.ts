/** POST /cases/{caseId}/uploads (Bearer patient token): a presigned POST for one PDF. */
import * as z from 'zod';
import { deps } from '../../shared/deps.ts';
import { AppError } from '../../shared/errors.ts';
import { bearerToken, httpHandler, json, parseJsonBody } from '../../shared/http.ts';
import { createUploadSchema, requestUpload } from '../../shared/usecases/cases.ts';

export const handler = httpHandler(async (event) => {
  const token = bearerToken(event);
  // A malformed case id is answered like a wrong token: no hint whether a case exists.
  const caseId = z.uuid().safeParse(event.pathParameters?.caseId);
  if (!caseId.success) throw new AppError(401, 'unauthorized', 'A valid access token is required.');
  const input = parseJsonBody(event, createUploadSchema);
  return json(201, await requestUpload(deps(), caseId.data, token, input));
});
