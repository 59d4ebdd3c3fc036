/**
 * What a staff member's link page shows of the case, so that the decision rests on the facts: the
 * documents (each openable per click, shared/usecases/links/open-document.ts, beside the image of
 * its first page when it has one), the checklist, the classifier's reading, the consultation
 * types, the patient's language, age and country, the previous case of an update, the audit trail
 * and the current wait. Contact details only on the office's pages: the office is who calls the
 * patient. Data only; never for a patient's link.
 */
import { ageOn } from '#domain/age.ts';
import { buildChecklist, type Checklist, isAbandonedUpload } from '#domain/checklist.ts';
import type { Classification } from '#domain/classifier.ts';
import type { CaseStatus } from '#domain/lifecycle.ts';
import {
  type AuditEvent,
  type Case,
  type CaseDocument,
  type CaseReason,
  type ConsultationType,
  type DocumentState,
  EXTENSION_REASONS,
  type ExtensionReason,
  type Language,
  STEPS,
  type Step,
} from '#domain/model.ts';
import type { DocumentType } from '#domain/taxonomy.ts';
import { stepOfStatus } from '#domain/wait-policy.ts';
import type { UseCaseDeps } from '../ports.ts';
import type { DecidedBy, LinkState } from './resolve-link.ts';

/** Documents whose bytes passed the upload check and are kept: these open in the browser. */
export const OPENABLE_STATES: readonly DocumentState[] = ['reading', 'classified', 'needs_review', 'failed'];
/** Documents staff see listed: the openable ones and those still being checked. */
const LISTED_STATES: readonly DocumentState[] = ['checking', ...OPENABLE_STATES];

export interface StaffDocument {
  documentId: string;
  fileName: string;
  pages?: number;
  state: DocumentState;
  /** Why reading failed, as a code (failed documents only). */
  reason?: string;
  /** What the classifier read it as, with its confidence (0..1). */
  classifiedAs?: { documentType: DocumentType; confidence: number };
  /** What the patient declared it to be, when they did. */
  declaredType?: DocumentType;
  /** The earlier file of the case with the same bytes. */
  duplicateOf?: { documentId: string; fileName: string };
  openable: boolean;
  /** It has a first-page image, which the page shows through the link (GET /a/{token}/previews/{documentId}). */
  preview?: true;
}

export interface Contact {
  firstName: string;
  lastName: string;
  /** None when someone applied for a patient who gave no address. */
  email?: string | undefined;
  phone: string;
}

export interface StaffPatient {
  language: Language;
  /** Whole years on the site's date; none for a date of birth that is not one. */
  age?: number;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Someone else applies for the patient (a proxy authorization is then required). */
  hasRequester: boolean;
  /** Only on the office's pages. */
  contacts?: {
    patient: Contact;
    requester?: Contact & { relationship: string };
    /** An email to the patient bounced: reach them another way. */
    emailBounced: boolean;
  };
}

export interface PreviousCase {
  reference: string;
  /** ISO instant the previous request was submitted (or created). */
  requestedAt?: string;
  /** Its report is released: the page offers it, and its documents. */
  released: boolean;
  documents?: { documentId: string; fileName: string }[];
}

/** One audit event as staff read it: codes and names, and no free text but what staff may see. */
export interface TimelineEntry {
  at: string;
  by: DecidedBy;
  action: string;
  step?: Step;
  /** The document the event is about, by its file name. */
  fileName?: string;
  /** The specialist an assignment chose or a reassignment gave the case to. */
  specialist?: string;
  /** The triage doctor's reason for a rejection (staff only). */
  reason?: string;
  extension?: { workingDays: number; reason: ExtensionReason };
  /** An additional consultation asked for (its code). */
  consultation?: string;
}

export interface StaffCaseView {
  reference: string;
  status: CaseStatus;
  /** Why the case ended or stopped. */
  reason?: CaseReason;
  consultationTypes: ConsultationType[];
  documents: StaffDocument[];
  checklist: Checklist;
  patient: StaffPatient;
  previous?: PreviousCase;
  /** What the case waits on now, and until when. */
  wait?: { step: Step; dueAt: string; endsAt?: string };
  timeline: TimelineEntry[];
}

type Deps = Pick<UseCaseDeps, 'clock' | 'store'>;

function contact(p: Contact): Contact {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    ...(p.email ? { email: p.email } : {}),
    phone: p.phone,
  };
}

function documentOf(doc: CaseDocument, all: readonly CaseDocument[]): StaffDocument {
  const c = doc.classification as Classification | undefined;
  const original = doc.duplicateOf ? all.find((o) => o.documentId === doc.duplicateOf) : undefined;
  return {
    documentId: doc.documentId,
    fileName: doc.fileName,
    ...(doc.pages !== undefined ? { pages: doc.pages } : {}),
    state: doc.state,
    ...(doc.state === 'failed' && doc.reason ? { reason: doc.reason } : {}),
    ...(c?.documentType ? { classifiedAs: { documentType: c.documentType, confidence: c.confidence } } : {}),
    ...(doc.declaredType ? { declaredType: doc.declaredType } : {}),
    ...(original ? { duplicateOf: { documentId: original.documentId, fileName: original.fileName } } : {}),
    openable: OPENABLE_STATES.includes(doc.state),
    ...(doc.preview ? { preview: true as const } : {}),
  };
}

async function previousOf(d: Deps, c: Case): Promise<PreviousCase | undefined> {
  if (!c.previousCaseId && !c.previousReference) return undefined;
  const prev = c.previousCaseId ? await d.store.getCase(c.previousCaseId) : undefined;
  if (!prev) return { reference: c.previousReference ?? '', released: false };
  return {
    reference: prev.reference,
    requestedAt: prev.submittedAt ?? prev.createdAt,
    released: prev.status === 'released' && Boolean(prev.reportKey),
    ...(prev.status === 'released'
      ? {
          documents: (await d.store.listDocuments(prev.caseId))
            .filter((doc) => OPENABLE_STATES.includes(doc.state))
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
            .map((doc) => ({ documentId: doc.documentId, fileName: doc.fileName })),
        }
      : {}),
  };
}

/** Staff names by id, each looked up once; a name never an email address. */
function namer(d: Deps): (id: string) => Promise<DecidedBy> {
  const names = new Map<string, Promise<string | undefined>>();
  return async (id) => {
    if (id === 'patient' || id === 'office' || id === 'system') return { role: id };
    if (!names.has(id))
      names.set(
        id,
        d.store.getStaff(id).then((s) => s?.name),
      );
    return { name: (await names.get(id)) ?? id };
  };
}

function stepOf(value: unknown): Step | undefined {
  return (STEPS as readonly unknown[]).includes(value) ? (value as Step) : undefined;
}

async function timelineOf(
  d: Deps,
  events: readonly AuditEvent[],
  documents: readonly CaseDocument[],
): Promise<TimelineEntry[]> {
  const name = namer(d);
  const fileName = (id: unknown) => documents.find((doc) => doc.documentId === id)?.fileName;
  const out: TimelineEntry[] = [];
  for (const e of [...events].sort((a, b) => a.at.localeCompare(b.at))) {
    const x = e.details ?? {};
    const step = stepOf(x.step);
    const file = fileName(x.documentId);
    const entry: TimelineEntry = {
      at: e.at,
      by: await name(e.actor),
      action: e.action,
      ...(step ? { step } : {}),
      ...(file ? { fileName: file } : {}),
    };
    if (
      (e.action === 'assign' || e.action === 'reassign') &&
      typeof x.assigneeId === 'string' &&
      !x.refused
    ) {
      const s = await name(x.assigneeId);
      entry.specialist = 'name' in s ? s.name : x.assigneeId;
    }
    if (e.action === 'reject' && typeof x.reason === 'string') entry.reason = x.reason;
    if (
      e.action === 'extend' &&
      typeof x.workingDays === 'number' &&
      (EXTENSION_REASONS as readonly unknown[]).includes(x.reason)
    )
      entry.extension = { workingDays: x.workingDays, reason: x.reason as ExtensionReason };
    if (e.action === 'request_additional' && typeof x.consultation === 'string')
      entry.consultation = x.consultation;
    out.push(entry);
  }
  return out;
}

async function currentWait(d: Deps, c: Case): Promise<StaffCaseView['wait']> {
  const step = stepOfStatus(c.status);
  const wait = step ? await d.store.getWait(c.caseId, step) : undefined;
  if (!step || !wait || wait.decision) return undefined;
  return { step, dueAt: wait.dueAt, ...(wait.endsAt ? { endsAt: wait.endsAt } : {}) };
}

/** The office mailbox, or a staff member of the office. */
async function isOffice(d: Deps, recipient: string): Promise<boolean> {
  if (recipient === 'office') return true;
  return Boolean((await d.store.getStaff(recipient))?.roles.includes('office'));
}

/** The staff view of the case behind an open link; undefined for the patient's links. */
export async function staffCaseView(
  d: Deps,
  state: Extract<LinkState, { kind: 'open' }>,
): Promise<StaffCaseView | undefined> {
  const recipient = state.link.recipient;
  if (recipient === 'patient') return undefined;
  const c = state.case;
  const now = d.clock.now();
  const [docs, events, previous, wait, office] = await Promise.all([
    d.store.listDocuments(c.caseId),
    d.store.listEvents(c.caseId),
    previousOf(d, c),
    currentWait(d, c),
    isOffice(d, recipient),
  ]);
  docs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const live = docs.filter((doc) => !isAbandonedUpload(doc, now));
  const age = ageOn(c.patient.dateOfBirth, now);
  return {
    reference: c.reference,
    status: c.status,
    ...(c.reason ? { reason: c.reason } : {}),
    consultationTypes: c.consultationTypes,
    documents: docs.filter((doc) => LISTED_STATES.includes(doc.state)).map((doc) => documentOf(doc, docs)),
    checklist: buildChecklist({ hasRequester: Boolean(c.requester), documents: live, now }),
    patient: {
      language: c.language,
      ...(age !== undefined ? { age } : {}),
      country: c.patient.country,
      hasRequester: Boolean(c.requester),
      ...(office
        ? {
            contacts: {
              patient: contact(c.patient),
              ...(c.requester
                ? { requester: { ...contact(c.requester), relationship: c.requester.relationship } }
                : {}),
              emailBounced: Boolean(c.emailBounced),
            },
          }
        : {}),
    },
    ...(previous ? { previous } : {}),
    ...(wait ? { wait } : {}),
    timeline: await timelineOf(d, events, docs),
  };
}
