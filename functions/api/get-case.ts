/** GET /cases/{caseId} (Bearer patient token): the case page's data, with each preview's signed address. */
import { composeDeps } from '#app/compose.ts';
import { documents } from '#app/wiring/documents.ts';
import { store } from '#app/wiring/table.ts';
import { bearerToken, httpHandler, json } from '#http/handler.ts';
import { Refusal } from '#usecases/errors.ts';
import { getCaseView } from '#usecases/patient/case-view.ts';
import { caseIdSchema } from './create-upload.schema.ts';

const deps = composeDeps({ ...store, ...documents });

export const handler = httpHandler(async (event) => {
  const token = bearerToken(event);
  const caseId = caseIdSchema.safeParse(event.pathParameters?.caseId);
  if (!caseId.success) throw new Refusal('unauthorized');
  return json(200, await getCaseView(deps(), caseId.data, token));
});
