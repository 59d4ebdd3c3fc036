/**
 * Cases and what hangs off them in the table: references, patient tokens, documents, the audit
 * trail, Textract jobs and counters. Items are written in an order that never exposes a half case.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, Case, CaseDocument, PatientToken, TextJob } from '#domain/model.ts';
import { type CaseStore, ConflictError } from '#usecases/ports.ts';
import { documentIndex, indexes, keys, prefixes, TTL_ATTRIBUTE, ttl } from './items.ts';
import { expiring, type Table } from './table.ts';

/** The due time a case is waiting on in its status, for the by-status index (none sorts last). */
function statusIndex(caseId: string, status: Case['status'], deadlines: Case['deadlines'] = {}) {
  const due: Partial<Record<Case['status'], string | undefined>> = {
    triage: deadlines.triageDue,
    documents_requested: deadlines.documentsDue,
    awaiting_payment: deadlines.paymentDue,
    in_report: deadlines.reportDue,
    awaiting_approval: deadlines.reportDue,
    awaiting_additional_payment: deadlines.additionalPaymentDue,
  };
  return { gsi1pk: `STATUS#${status}`, gsi1sk: `${due[status] ?? '9999'}#${caseId}` };
}

/** `onEvent` is told of every audit event once it is stored (the business metrics). */
export function caseItems(table: Table, onEvent: (event: AuditEvent) => void): CaseStore {
  return {
    async createCase(item, token) {
      await table.putNew(
        keys.reference(item.reference),
        { caseId: item.caseId },
        `reference ${item.reference}`,
      );
      await table.put(keys.casePatientToken(item.caseId, token.tokenHash), { tokenHash: token.tokenHash });
      await table.putNew(keys.patientToken(token.tokenHash), token, 'patient token');
      // The case item is written last: whoever can read it can also find its reference and token.
      await table.putNew(
        keys.case(item.caseId),
        { ...item, ...statusIndex(item.caseId, item.status, item.deadlines) },
        `case ${item.caseId}`,
      );
    },

    getCase: (caseId) => table.get<Case>(keys.case(caseId)),

    async getCaseIdByReference(reference) {
      return (await table.get<{ caseId: string }>(keys.reference(reference)))?.caseId;
    },

    /** When `changes` holds a status, pass the case's deadlines with it so the by-status index stays ordered. */
    updateCase(caseId, expectedVersion, changes) {
      const { caseId: _id, version: _v, ...rest } = changes;
      const indexed = changes.status ? statusIndex(caseId, changes.status, changes.deadlines) : {};
      return table.update<Case>(
        keys.case(caseId),
        { ...rest, ...indexed, version: expectedVersion + 1 },
        'attribute_exists(pk) AND version = :expected',
        { ':expected': expectedVersion },
        `case ${caseId} changed`,
      );
    },

    getPatientToken: (tokenHash) => table.get<PatientToken>(keys.patientToken(tokenHash)),

    async putPatientToken(item) {
      // The case's entry first: a token is never out of reach of its case's expiry and erasure.
      const entry = {
        tokenHash: item.tokenHash,
        ...(item.deleteAfter ? { deleteAfter: item.deleteAfter } : {}),
      };
      await table.put(keys.casePatientToken(item.caseId, item.tokenHash), expiring(entry));
      await table.putNew(keys.patientToken(item.tokenHash), expiring(item), 'patient token');
    },

    listCasesByStatus: (status) => table.queryIndex<Case>(`STATUS#${status}`),

    async putDocument(item) {
      await table.putNew(
        keys.document(item.caseId, item.documentId),
        { ...item, ...documentIndex(item.state, item.updatedAt) },
        `document ${item.documentId}`,
      );
    },

    getDocument: (caseId, documentId) => table.get<CaseDocument>(keys.document(caseId, documentId)),

    /**
     * Also, when given, only if the document's updatedAt is still `ifUpdatedAt` (nobody else moved it
     * since it was read). `changes` with a state put the document in the index of unsettled ones as
     * of their updatedAt, or take it out.
     */
    updateDocument(caseId, documentId, fromStates, changes, ifUpdatedAt) {
      const { caseId: _c, documentId: _d, ...rest } = changes;
      const indexed = changes.state ? documentIndex(changes.state, changes.updatedAt) : {};
      const states = Object.fromEntries(fromStates.map((s, i) => [`:s${i}`, s]));
      const unchanged = ifUpdatedAt === undefined ? '' : ' AND #updatedAt = :updatedAt';
      return table.update<CaseDocument>(
        keys.document(caseId, documentId),
        { ...rest, ...indexed },
        `attribute_exists(pk) AND #state IN (${Object.keys(states).join(', ')})${unchanged}`,
        { ...states, ...(ifUpdatedAt === undefined ? {} : { ':updatedAt': ifUpdatedAt }) },
        `document ${documentId} is not in state ${fromStates.join('/')}${unchanged && ' or changed since'}`,
        { '#state': 'state', ...(ifUpdatedAt === undefined ? {} : { '#updatedAt': 'updatedAt' }) },
      );
    },

    deleteDocument: (caseId, documentId) => table.take<CaseDocument>(keys.document(caseId, documentId)),

    /** Up to `limit` documents in an unsettled state since `enteredBy` or earlier, oldest first (eventually consistent). */
    listDocumentsByState: (state, enteredBy, limit) =>
      table.all<CaseDocument>(
        {
          query: {
            IndexName: indexes.byStatus.name,
            KeyConditionExpression: '#pk = :pk AND #sk <= :by',
            ExpressionAttributeNames: { '#pk': indexes.byStatus.pk, '#sk': indexes.byStatus.sk },
            ExpressionAttributeValues: { ':pk': `DOCSTATE#${state}`, ':by': enteredBy },
          },
        },
        limit,
      ),

    listDocuments: (caseId) => table.queryPrefix<CaseDocument>(keys.case(caseId).pk, prefixes.document),

    async appendEvent(event) {
      // Two events of a case in the same millisecond take the next free sequence number.
      for (let n = 0; ; n++) {
        try {
          await table.putNew(keys.event(event.caseId, event.at, n), event, 'event');
          onEvent(event);
          return;
        } catch (err) {
          if (!(err instanceof ConflictError) || n >= 50) throw err;
        }
      }
    },

    listEvents: (caseId) => table.queryPrefix<AuditEvent>(keys.case(caseId).pk, prefixes.event),

    putJob: (item) => table.put(keys.job(item.jobId), expiring(item)),

    getJob: (jobId) => table.get<TextJob>(keys.job(jobId)),

    async countHit(name, deleteAfter) {
      const out = await table.db.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keys.counter(name),
          UpdateExpression: 'ADD #hits :one SET #ttl = :ttl',
          ExpressionAttributeNames: { '#hits': 'hits', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':ttl': ttl(deleteAfter)[TTL_ATTRIBUTE] },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.hits);
    },
  };
}
