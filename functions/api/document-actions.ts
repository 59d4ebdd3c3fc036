/**
 * The patient's own files (Bearer patient token): DELETE /cases/{caseId}/documents/{documentId}
 * removes one, PUT /cases/{caseId}/documents/{documentId}/type says what it is (`{ documentType }`,
 * null to withdraw). Replacing one is an upload with `replaces` (create-upload.ts).
 */
import { composeDeps } from '#app/compose.ts';
import { documents } from '#app/wiring/documents.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import { bearerToken, httpHandler, json, parseJsonBody, pathParam } from '#http/handler.ts';
import { Refusal } from '#usecases/errors.ts';
import { relabelDocument } from '#usecases/patient/relabel-document.ts';
import { removeDocument } from '#usecases/patient/remove-document.ts';
import { caseIdSchema, relabelSchema } from './create-upload.schema.ts';

const deps = composeDeps({ ...store, ...documents });

const documentIdSchema = z.uuid();

export const handler = httpHandler(async (event) => {
  const caseId = pathParam(event, 'caseId', caseIdSchema);
  const documentId = pathParam(event, 'documentId', documentIdSchema);
  const method = event.requestContext.http.method;
  const token = bearerToken(event);
  if (method === 'DELETE') return json(200, await removeDocument(deps(), caseId, token, documentId));
  if (method === 'PUT') {
    const { documentType } = parseJsonBody(event, relabelSchema);
    return json(200, await relabelDocument(deps(), caseId, token, documentId, documentType));
  }
  throw new Refusal('not_found');
});
