/** GET /cases/{caseId} (Bearer patient token): the case page's data. */
import * as z from 'zod';
import { deps } from '../../shared/deps.ts';
import { AppError } from '../../shared/errors.ts';
import { bearerToken, httpHandler, json } from '../../shared/http.ts';
import { getCaseView } from '../../shared/usecases/cases.ts';

export const handler = httpHandler(async (event) => {
  const token = bearerToken(event);
  const caseId = z.uuid().safeParse(event.pathParameters?.caseId);
  if (!caseId.success) throw new AppError(401, 'unauthorized', 'A valid access token is required.');
  return json(200, await getCaseView(deps(), caseId.data, token));
});
