/**
 * The patient's case actions: POST /cases/{caseId}/submit, /cancel, /treatment-request,
 * /courier-request and GET /cases/{caseId}/report (all Bearer patient token).
 */
import { composeDeps } from '#app/compose.ts';
import { documents } from '#app/wiring/documents.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import { workflow } from '#app/wiring/workflow.ts';
import * as z from '#app/zod.ts';
import { bearerToken, httpHandler, json, parseJsonBody, pathParam, routeOf } from '#http/handler.ts';
import { reportFileName } from '#presentation/file-names.ts';
import { case_cancelled, treatment_request } from '#presentation/i18n/email-words.ts';
import { Refusal } from '#usecases/errors.ts';
import { cancelCase } from '#usecases/patient/cancel-case.ts';
import { reportDownload } from '#usecases/patient/report-download.ts';
import { requestCourier } from '#usecases/patient/request-courier.ts';
import { requestTreatment } from '#usecases/patient/request-treatment.ts';
import { submitCase } from '#usecases/patient/submit-case.ts';
import { courierRequestSchema } from './create-case.schema.ts';

const deps = composeDeps({
  ...store,
  ...documents,
  ...email({ case_cancelled, treatment_request }),
  ...workflow,
});

const caseIdParam = z.string().check(z.minLength(1), z.maxLength(200));

export const handler = httpHandler(async (event) => {
  const caseId = pathParam(event, 'caseId', caseIdParam);
  const token = bearerToken(event);
  const method = event.requestContext.http.method;
  const action = routeOf(event).split('/').pop();
  const d = deps();
  if (method === 'POST' && action === 'submit') return json(202, await submitCase(d, caseId, token));
  if (method === 'POST' && action === 'cancel') return json(200, await cancelCase(d, caseId, token));
  if (method === 'POST' && action === 'treatment-request')
    return json(202, await requestTreatment(d, caseId, token));
  if (method === 'POST' && action === 'courier-request') {
    const { address } = parseJsonBody(event, courierRequestSchema);
    return json(200, await requestCourier(d, caseId, token, address));
  }
  if (method === 'GET' && action === 'report')
    return json(200, await reportDownload(d, caseId, token, reportFileName));
  throw new Refusal('not_found');
});
