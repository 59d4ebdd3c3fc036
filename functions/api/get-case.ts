/** GET /cases/{caseId} (Bearer patient token): the case page's data. */
import * as z from 'zod';
import { deps } from '#app/deps.ts';
import { AppError } from '#http/errors.ts';
import { bearerToken, httpHandler, json } from '#http/handler.ts';
import { getCaseView } from '#usecases/cases.ts';

export const handler = httpHandler(async (event) => {
  const token = bearerToken(event);
  const caseId = z.uuid().safeParse(event.pathParameters?.caseId);
  if (!caseId.success) throw new AppError(401, 'unauthorized', 'A valid access token is required.');
  return json(200, await getCaseView(deps(), caseId.data, token));
});
