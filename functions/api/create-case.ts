/** POST /cases: a patient (or someone for them) opens a case. */
import { composeDeps } from '#app/compose.ts';
import { documents } from '#app/wiring/documents.ts';
import { email } from '#app/wiring/email.ts';
import { forms } from '#app/wiring/forms.ts';
import { store } from '#app/wiring/table.ts';
import { httpHandler, json, parseJsonBody } from '#http/handler.ts';
import { case_created } from '#presentation/i18n/email-words.ts';
import { createCase } from '#usecases/patient/create-case.ts';
import { createCaseSchema } from './create-case.schema.ts';

const deps = composeDeps({ ...store, ...documents, ...email({ case_created }), ...forms });

export const handler = httpHandler(async (event) => {
  const input = parseJsonBody(event, createCaseSchema);
  return json(201, await createCase(deps(), input, event.requestContext.http.sourceIp));
});
