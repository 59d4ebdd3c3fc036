/**
 * What a link's page shows: no more than the person acting needs. Staff see the case's documents
 * (a read-only link gets short-lived download links for them); the patient sees none.
 */
import { siteDate } from '#domain/calendar.ts';
import type { DocumentType } from '#domain/taxonomy.ts';
import type { UseCaseDeps } from '../ports.ts';
import type { LinkState } from './resolve-link.ts';

const DOWNLOAD_SECONDS = 300;

export interface LinkDocument {
  documentId: string;
  fileName: string;
  documentType?: DocumentType;
  /** Only on the read-only documents link: a download valid a few minutes. */
  url?: string;
}

export interface LinkSummary {
  reference: string;
  consultationTypes: readonly string[];
  documents: LinkDocument[];
  /** ISO instant: when the wait is due (none for a case action). */
  dueAt?: string;
  amountCents?: number;
  additional?: { consultation: string; reason: string; amountCents: number };
  requestedDocuments?: string[];
  /** The specialist an assignment link proposes. */
  candidate?: string;
  /** The site-local date (YYYY-MM-DD), the value date a "payment received" page suggests. */
  today?: string;
  /** The consultations a specialist may propose, with their prices. */
  prices?: Readonly<Record<string, number>>;
}

export async function linkSummary(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store' | 'documents'>,
  state: Extract<LinkState, { kind: 'open' }>,
): Promise<LinkSummary> {
  const c = state.case;
  const decision = state.link.decision;
  const documents =
    state.link.recipient === 'patient'
      ? []
      : await Promise.all(
          (await d.store.listDocuments(c.caseId))
            .filter(
              (doc) => doc.state !== 'rejected' && doc.state !== 'failed' && doc.state !== 'upload_pending',
            )
            .map(async (doc) => {
              const type = (doc.classification as { documentType?: DocumentType } | undefined)?.documentType;
              return {
                documentId: doc.documentId,
                fileName: doc.fileName,
                ...(type ? { documentType: type } : {}),
                ...(decision === 'documents'
                  ? { url: await d.documents.presignDownload(doc.key, DOWNLOAD_SECONDS, doc.fileName) }
                  : {}),
              };
            }),
        );
  const specialistId = state.link.params?.specialistId;
  const candidate = specialistId ? (await d.store.getStaff(specialistId))?.name : undefined;
  return {
    reference: c.reference,
    consultationTypes: c.consultationTypes,
    documents,
    ...(state.wait ? { dueAt: state.wait.dueAt } : {}),
    // The "payment received" page of an additional consultation shows its price, not the case's.
    ...(state.link.step === 'additional_payment' && c.additional
      ? { amountCents: c.additional.quote.totalCents }
      : c.quote
        ? { amountCents: c.quote.totalCents }
        : {}),
    ...(c.additional
      ? {
          additional: {
            consultation: c.additional.consultation,
            reason: c.additional.reason,
            amountCents: c.additional.quote.totalCents,
          },
        }
      : {}),
    ...(c.requestedDocuments ? { requestedDocuments: c.requestedDocuments } : {}),
    ...(candidate ? { candidate } : {}),
    ...(decision === 'request_additional' ? { prices: d.config.ADDITIONAL_PRICES } : {}),
    ...(decision === 'confirm_payment' ? { today: siteDate(d.clock.now()) } : {}),
  };
}
