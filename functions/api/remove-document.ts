/** DELETE /cases/{caseId}/documents/{documentId} (Bearer patient token): the patient removes one of their files. */
import { composeDeps } from '#app/compose.ts';
import { documents } from '#app/wiring/documents.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import { bearerToken, httpHandler, json, pathParam } from '#http/handler.ts';
import { removeDocument } from '#usecases/patient/remove-document.ts';
import { caseIdSchema } from './create-upload.schema.ts';

const deps = composeDeps({ ...store, ...documents });

const documentIdSchema = z.uuid();

export const handler = httpHandler(async (event) => {
  const caseId = pathParam(event, 'caseId', caseIdSchema);
  const documentId = pathParam(event, 'documentId', documentIdSchema);
  return json(200, await removeDocument(deps(), caseId, bearerToken(event), documentId));
});
