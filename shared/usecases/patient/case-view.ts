/**
 * What the case page shows: the case, each document's state, classification and first-page image
 * (a signed address), the checklist, the upload limits left, what the patient can do and the one
 * next step.
 */
import { buildChecklist, isAbandonedUpload } from '#domain/checklist.ts';
import type { Classification } from '#domain/classifier.ts';
import { type ItemId, summarise } from '#domain/ledger.ts';
import { type CaseStatus, isBeforePayment } from '#domain/lifecycle.ts';
import type { Case, CaseDocument } from '#domain/model.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { loadLedger, pendingConsultationItem } from '../payments/ledger.ts';
import { PREVIEW_URL_SECONDS, type UseCaseDeps } from '../ports.ts';
import { canChange, changeableSince, UPLOAD_STATUSES } from './patient-files.ts';
import { courierOpen } from './request-courier.ts';
import type { CaseView, DocumentView, LedgerView, NextStep, RequestPrefill } from './views.ts';

function documentView(
  doc: CaseDocument,
  now: Date,
  since: string | undefined,
  previewUrl: string | null,
): DocumentView {
  const c = doc.classification as Classification | undefined;
  const expired = isAbandonedUpload(doc, now);
  return {
    documentId: doc.documentId,
    fileName: doc.fileName,
    sizeBytes: doc.sizeBytes,
    pages: doc.pages ?? null,
    state: expired ? 'not_received' : doc.state,
    reason: doc.reason ?? null,
    duplicateOf: doc.duplicateOf ?? null,
    classification: c
      ? {
          documentType: c.documentType,
          confidence: c.confidence,
          language: c.language,
          documentDate: c.documentDate ?? null,
          ...(c.oncologistSections ? { oncologistSections: c.oncologistSections } : {}),
        }
      : null,
    declaredType: doc.declaredType ?? null,
    uploadedAt: doc.createdAt,
    previewUrl,
    removable: canChange(doc, since, now),
  };
}

const NEXT: Partial<Record<CaseStatus, NextStep>> = {
  documents_requested: 'send_requested_documents',
  more_documents_requested: 'send_requested_documents',
  triage: 'wait_for_triage',
  awaiting_payment: 'pay',
  assignment: 'wait_for_report',
  in_report: 'wait_for_report',
  awaiting_approval: 'answer_additional_consultation',
  awaiting_additional_payment: 'pay',
  in_consultation: 'wait_for_report',
  released: 'download_report',
};

/** The patient's own details (the token holder entered them), for the request of an update. */
function prefillOf(c: Case): RequestPrefill {
  const p = c.patient;
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    ...(p.email ? { email: p.email } : {}),
    phone: p.phone,
    dateOfBirth: p.dateOfBirth,
    country: p.country,
    ...(p.taxCode ? { taxCode: p.taxCode } : {}),
  };
}

/** The office's record of the printed report's shipment (its task done), if there is one yet. */
async function courierShipment(d: Pick<UseCaseDeps, 'store'>, c: Case): Promise<CaseView['courierShipment']> {
  // Shipped only after the release: no read of the tasks before.
  if (!c.courier || c.status !== 'released') return null;
  const done = (await d.store.listTasks(c.caseId)).find(
    (t) => t.kind === 'courier_shipment' && t.status === 'done',
  )?.result;
  return done?.carrier && done.tracking
    ? { carrier: done.carrier, tracking: done.tracking, shippedAt: done.at }
    : null;
}

/** The ledger as the patient reads it: the amount to pay now (if any) and the totals. */
async function ledgerView(d: Pick<UseCaseDeps, 'store'>, c: Case): Promise<LedgerView | null> {
  const ledger = await loadLedger(d, c);
  if (!ledger.dues.length) return null;
  const sum = summarise(ledger.dues, ledger.payments, ledger.refunds);
  // The courier asked for after pricing is owed beside the steps: shown while nothing else is asked.
  const courier = sum.items.find(
    (i) =>
      i.outstandingCents > 0 &&
      ledger.dues.some((x) => x.itemId === i.itemId && x.itemId !== 'case' && x.lines[0]?.code === 'courier'),
  );
  const waitingFor: [ItemId | undefined, string | undefined] =
    c.status === 'awaiting_payment'
      ? ['case', c.deadlines.paymentDue]
      : c.status === 'awaiting_additional_payment'
        ? [pendingConsultationItem(c), c.deadlines.additionalPaymentDue]
        : [courier?.itemId, undefined];
  const due = ledger.dues.find((x) => x.itemId === waitingFor[0]);
  const item = sum.items.find((i) => i.itemId === waitingFor[0]);
  return {
    toPay:
      due && item
        ? {
            reference: due.reference,
            lines: due.lines,
            amountCents: due.amountCents,
            paidCents: item.paidCents,
            outstandingCents: item.outstandingCents,
            dueAt: waitingFor[1] ?? null,
          }
        : null,
    dueCents: sum.dueCents,
    paidCents: sum.paidCents,
    refundedCents: sum.refundedCents,
    outstandingCents: sum.outstandingCents,
    payments: ledger.payments.map((p) => ({
      paymentId: p.paymentId,
      amountCents: p.amountCents,
      valueDate: p.valueDate,
    })),
  };
}

export async function getCaseView(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  caseId: string,
  token: string,
): Promise<CaseView> {
  const c = await authorisePatient(d, caseId, token);
  const now = d.clock.now();
  // The request form the service made from the web form is for staff: the patient filled it in.
  const docs = (await d.store.listDocuments(caseId))
    .filter((doc) => doc.origin !== 'service')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const since = await changeableSince(d, c);
  // Signing is local (no request to S3): one address per image, each time the page asks.
  const previews = await Promise.all(
    docs.map((doc) =>
      doc.preview
        ? d.documents.presignPreview(doc.preview.key, PREVIEW_URL_SECONDS, doc.preview.versionId)
        : null,
    ),
  );
  const documents = docs.map((doc, i) => documentView(doc, now, since, previews[i] ?? null));
  const live = docs.filter((_, i) => documents[i]!.state !== 'not_received');
  const busy = documents.some((v) => v.state === 'upload_pending' || v.state === 'checking');
  const reading = documents.some((v) => v.state === 'reading');
  const usable = documents.some((v) => ['reading', 'classified', 'needs_review'].includes(v.state));
  const open = UPLOAD_STATUSES.includes(c.status);
  const cfg = d.config;
  const filesLeft = Math.max(0, cfg.MAX_FILES_PER_CASE - c.documentCount);
  const canSubmit = open && usable && !busy;
  let next: NextStep = NEXT[c.status] ?? 'none';
  if (c.status === 'draft')
    next = !usable
      ? busy
        ? 'wait_for_documents_check'
        : 'upload_documents'
      : busy || reading
        ? 'wait_for_documents_check'
        : 'submit';
  return {
    caseId,
    reference: c.reference,
    paymentReference: c.paymentReference,
    status: c.status,
    language: c.language,
    consultationTypes: c.consultationTypes,
    patientFirstName: c.patient.firstName,
    hasRequester: Boolean(c.requester),
    courier: c.courier,
    courierShipment: await courierShipment(d, c),
    previousReference: c.previousReference ?? null,
    createdAt: c.createdAt,
    submittedAt: c.submittedAt ?? null,
    deadlines: c.deadlines,
    quote: c.quote ?? null,
    ledger: await ledgerView(d, c),
    requestedDocuments: c.requestedDocuments ?? [],
    documents,
    checklist: buildChecklist({ hasRequester: Boolean(c.requester), documents: live, now }),
    limits: {
      maxFileBytes: cfg.MAX_UPLOAD_BYTES,
      maxFiles: cfg.MAX_FILES_PER_CASE,
      maxCaseBytes: cfg.MAX_CASE_BYTES,
      filesLeft,
      bytesLeft: Math.max(0, cfg.MAX_CASE_BYTES - c.documentBytes),
    },
    can: {
      upload: open && filesLeft > 0,
      submit: canSubmit,
      cancel: isBeforePayment(c.status),
      courier: !c.courier && courierOpen(c.status),
    },
    prefill: c.status === 'released' ? prefillOf(c) : null,
    next,
    reason: c.reason ?? null,
  };
}
