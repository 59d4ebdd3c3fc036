/** POST /cases: a patient (or someone for them) opens a case. */
import { deps } from '#app/deps.ts';
import { httpHandler, json, parseJsonBody } from '#http/handler.ts';
import { createCase } from '#usecases/patient/create-case.ts';
import { createCaseSchema } from './create-case.schema.ts';

export const handler = httpHandler(async (event) => {
  const input = parseJsonBody(event, createCaseSchema);
  return json(201, await createCase(deps(), input, event.requestContext.http.sourceIp));
});
