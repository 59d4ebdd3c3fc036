/**
 * The patient's case actions: POST /cases/{caseId}/submit, /cancel, /treatment-request and
 * GET /cases/{caseId}/report (all Bearer patient token).
 */
import { deps } from '#app/deps.ts';
import { AppError } from '#http/errors.ts';
import { bearerToken, httpHandler, json, pathParam } from '#http/handler.ts';
import { cancelCase, reportDownload, requestTreatment, submitCase } from '#usecases/patient-actions.ts';

export const handler = httpHandler(async (event) => {
  const caseId = pathParam(event, 'caseId');
  const token = bearerToken(event);
  const method = event.requestContext.http.method;
  // The route template when API Gateway gives one (a stage prefix never confuses it), else the path.
  const route =
    event.routeKey && event.routeKey !== '$default' ? event.routeKey.split(' ')[1]! : event.rawPath;
  const action = route.split('/').pop();
  const d = deps();
  if (method === 'POST' && action === 'submit') return json(202, await submitCase(d, caseId, token));
  if (method === 'POST' && action === 'cancel') return json(200, await cancelCase(d, caseId, token));
  if (method === 'POST' && action === 'treatment-request')
    return json(202, await requestTreatment(d, caseId, token));
  if (method === 'GET' && action === 'report') return json(200, await reportDownload(d, caseId, token));
  throw new AppError(404, 'not_found', 'Not found.');
});
