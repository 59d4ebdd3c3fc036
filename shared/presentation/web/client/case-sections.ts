/**
 * The parts of the case page drawn from the case alone: a document's state in words, the
 * checklist, the timeline and the payment details. Functions of the case, the words and the
 * language; the page (client/case.ts) calls them, its state is in client/case-state.ts.
 */
import type { Language } from '#domain/model.ts';
import type { QuoteLine } from '#domain/pricing.ts';
import { fill, groupsOfFour, money, siteDay, siteMoment } from '#presentation/formats.ts';
import type { CaseView, DocumentView } from '#usecases/patient/views.ts';
import { byId, h } from './dom.ts';
import type { BankDetails } from './islands.ts';
import { type CaseWords, lookup } from './words.ts';

/** An upload this page started, and how far it got. */
export interface LocalUpload {
  fileName: string;
  progress: number;
  state: 'requesting' | 'uploading' | 'sent' | 'upload_failed';
  file: File;
}

/** A row of the documents list: a document the API knows, or one this page is still sending. */
export type Row = Pick<DocumentView, 'documentId' | 'fileName' | 'pages'> & Partial<DocumentView>;

/** A document's state in words, and how the page marks it; `l` is this page's upload of it, if any. */
export function documentState(
  doc: Row,
  l: LocalUpload | undefined,
  documents: readonly DocumentView[],
  D: CaseWords,
): { text: string; kind: '' | 'busy' | 'ok' | 'error' } {
  const reason = (code: string | null | undefined) => lookup(D.reasons, code) || D.reasons.unknown;
  if (l && (l.state === 'uploading' || l.state === 'requesting'))
    return { text: `${D.documentStates.uploading} ${l.progress}%`, kind: 'busy' };
  if (l && l.state === 'upload_failed') return { text: D.documentStates.upload_failed, kind: 'error' };
  if (!doc.state) return { text: D.documentStates.checking, kind: 'busy' };
  if (doc.state === 'upload_pending' && l) return { text: D.documentStates.checking, kind: 'busy' };
  if (doc.duplicateOf && doc.state !== 'rejected' && doc.state !== 'failed') {
    const original = documents.find((d) => d.documentId === doc.duplicateOf)?.fileName || '';
    return { text: fill(D.documentStates.duplicate, { original }), kind: 'error' };
  }
  switch (doc.state) {
    case 'classified': {
      const c = doc.classification;
      const type = c ? D.documentTypes[c.documentType] || c.documentType : '';
      return { text: fill(D.documentStates.classified, { type }), kind: 'ok' };
    }
    case 'rejected':
    case 'failed':
      return { text: fill(D.documentStates[doc.state], { reason: reason(doc.reason) }), kind: 'error' };
    case 'not_received':
      return { text: D.documentStates.not_received, kind: 'error' };
    case 'needs_review':
      return { text: D.documentStates.needs_review, kind: '' };
    default:
      return { text: D.documentStates[doc.state] || doc.state, kind: 'busy' };
  }
}

/** What we need (required or received documents) and the problems found in them. */
export function renderChecklist(v: CaseView, D: CaseWords): void {
  const items = v.checklist.items.filter((i) => i.required || i.present);
  byId('checklist').replaceChildren(
    ...items.map((i) =>
      h(
        'li',
        {},
        h(
          'span',
          { class: `mark ${i.present ? 'yes' : i.required ? 'no' : 'opt'}`, 'aria-hidden': 'true' },
          i.present ? '✓' : i.required ? '✗' : '·',
        ),
        h(
          'span',
          {},
          D.documentTypes[i.documentType] || i.documentType,
          ' — ',
          h(
            'span',
            { class: i.present ? 'ok' : i.required ? 'error' : 'muted' },
            i.present ? D.ui.present : i.required ? D.ui.missing : D.ui.optional,
          ),
        ),
      ),
    ),
  );
  const problems = v.checklist.problems.filter(
    (p) => p.code !== 'required_missing' && p.code !== 'still_processing',
  );
  byId('problems-box').hidden = !problems.length;
  byId('problems').replaceChildren(
    ...problems.map((p) => {
      const params: Record<string, string | number> = {};
      for (const [k, value] of Object.entries(p.params))
        params[k] = Array.isArray(value) ? String(value) : value;
      const { documentType, declaredType, sections, reason } = p.params;
      if (documentType)
        params.documentType = lookup(D.documentTypes, String(documentType)) || String(documentType);
      if (declaredType)
        params.declaredType = lookup(D.documentTypes, String(declaredType)) || String(declaredType);
      if (Array.isArray(sections))
        params.sections = sections.map((s) => lookup(D.sections, s) || s).join(', ');
      if (reason) params.reason = lookup(D.reasons, String(reason)) || D.reasons.unknown;
      return h('li', {}, fill(D.problems[p.code] || p.code, params));
    }),
  );
}

const ORDER: readonly string[] = [
  'draft',
  'triage',
  'awaiting_payment',
  'assignment',
  'in_report',
  'released',
];
type StepState = 'done' | 'current' | 'todo';

/** What happens next: the steps of the case, done, current or to come, with their dates. */
export function renderTimeline(v: CaseView, D: CaseWords, lang: Language): void {
  const when = (iso: string) => siteMoment(iso, lang);
  const at = ORDER.indexOf(
    v.status === 'documents_requested'
      ? 'triage'
      : v.status === 'awaiting_approval' || v.status === 'more_documents_requested'
        ? 'in_report'
        : v.status,
  );
  const stepState = (i: number): StepState =>
    at > i || v.status === 'released' ? 'done' : at === i ? 'current' : 'todo';
  const d = v.deadlines;
  const steps: [string, StepState, string][] = [
    [D.ui.tlCreated, 'done', fill(D.ui.on, { date: when(v.createdAt) })],
    [
      D.ui.tlSubmitted,
      v.submittedAt ? 'done' : 'current',
      v.submittedAt ? fill(D.ui.on, { date: when(v.submittedAt) }) : '',
    ],
    // Documents requested: triage has answered; the patient's answer is the current step.
    [
      D.ui.tlTriage,
      v.status === 'documents_requested' ? 'done' : stepState(1),
      d.triageDue && v.status === 'triage' ? fill(D.ui.due, { date: when(d.triageDue) }) : '',
    ],
  ];
  if (v.status === 'documents_requested')
    steps.push([
      D.ui.tlDocuments,
      'current',
      d.documentsDue ? fill(D.ui.due, { date: when(d.documentsDue) }) : '',
    ]);
  // The specialist asked for more: sending them is the current step, and the report clock waits.
  const moreDocuments: [string, StepState, string][] =
    v.status === 'more_documents_requested'
      ? [
          [
            D.ui.tlMoreDocuments,
            'current',
            d.documentsDue ? fill(D.ui.due, { date: when(d.documentsDue) }) : '',
          ],
        ]
      : [];
  steps.push(
    [
      D.ui.tlPayment,
      stepState(2),
      d.paymentDue && at === 2 ? fill(D.ui.due, { date: when(d.paymentDue) }) : '',
    ],
    [
      D.ui.tlReport,
      v.status === 'released'
        ? 'done'
        : at >= 3 && v.status !== 'more_documents_requested'
          ? 'current'
          : 'todo',
      d.reportDue && at >= 3 && at < 5 && v.status !== 'more_documents_requested'
        ? fill(D.ui.due, { date: when(d.reportDue) })
        : '',
    ],
    ...moreDocuments,
    [D.ui.tlReleased, v.status === 'released' ? 'done' : 'todo', ''],
  );
  const words: Record<StepState, string> = { done: D.ui.tlDone, current: D.ui.tlNow, todo: D.ui.tlLater };
  byId('timeline').replaceChildren(
    ...steps.map(([label, state, date]) =>
      h(
        'li',
        { class: state, ...(state === 'current' ? { 'aria-current': 'step' } : {}) },
        h('span', { class: 'visually-hidden' }, `${words[state]}: `),
        label,
        date ? h('span', { class: 'muted', style: 'display:block;font-weight:400' }, date) : null,
      ),
    ),
  );
}

/**
 * A value to type into a bank's form: shown in groups of four (the element `id`), with a button
 * that copies it without the spaces (the page's click handler reads data-copy).
 */
function copyable(id: string, value: string, label: string, copied: string, D: CaseWords): HTMLElement {
  return h(
    'dd',
    { class: 'copyable' },
    h('span', { class: 'mono', id }, groupsOfFour(value)),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-copy': value.replace(/\s+/g, ''),
        'data-copied': copied,
        'aria-label': label,
      },
      D.ui.copy,
    ),
  );
}

/**
 * The payment card: the amount to pay now (its lines, what is paid and still to pay, by when) with
 * the bank details and its own payment reference in groups of four, each copyable; after paying,
 * what was paid and refunded.
 */
export function renderPayment(v: CaseView, D: CaseWords, lang: Language, bank: BankDetails): void {
  const l = v.ledger;
  const p = l?.toPay;
  const line = (ql: QuoteLine) => {
    const [code, name] = ql.code.split(':');
    const text =
      code === 'additional'
        ? fill(D.quoteLines.additional, {
            name: lookup(D.additional, name) || (name || '').replace(/_/g, ' '),
          })
        : lookup(D.quoteLines, code) || ql.code;
    return [h('dt', {}, text), h('dd', {}, money(ql.amountCents, lang))];
  };
  const row = (label: string, value: string, strong = false) => [
    h('dt', {}, label),
    h('dd', {}, strong ? h('strong', {}, value) : value),
  ];
  byId('payment-facts').replaceChildren(
    ...(p
      ? [
          ...p.lines.flatMap(line),
          ...row(D.ui.amount, money(p.amountCents, lang), !p.paidCents),
          ...(p.paidCents
            ? [
                ...row(D.ui.paidSoFar, money(p.paidCents, lang)),
                ...row(D.ui.stillToPay, money(p.outstandingCents, lang), true),
              ]
            : []),
          ...(p.dueAt ? row(D.ui.payBy, siteMoment(p.dueAt, lang)) : []),
          h('dt', {}, D.ui.beneficiary),
          h('dd', {}, bank.beneficiary),
          h('dt', {}, D.ui.iban),
          copyable('iban', bank.iban, D.ui.copyIban, D.ui.copiedIban, D),
          h('dt', {}, D.ui.bic),
          h('dd', { class: 'mono' }, bank.bic),
          h('dt', {}, D.ui.paymentReference),
          copyable('payment-reference', p.reference, D.ui.copyReference, D.ui.copiedReference, D),
        ]
      : l
        ? [
            ...row(D.ui.paidSoFar, money(l.paidCents, lang)),
            ...(l.refundedCents ? row(D.ui.refunded, money(l.refundedCents, lang)) : []),
            ...(l.outstandingCents ? row(D.ui.stillToPay, money(l.outstandingCents, lang)) : []),
          ]
        : []),
    // A receipt per payment, fetched with the patient's token by the page's click handler.
    ...(l?.payments.length
      ? [
          h('dt', {}, D.ui.receipts),
          h(
            'dd',
            {},
            ...l.payments.map((pay) =>
              h(
                'button',
                { type: 'button', class: 'secondary', 'data-receipt': pay.paymentId },
                fill(D.ui.receiptOf, {
                  date: siteDay(`${pay.valueDate}T12:00:00Z`, lang),
                  amount: money(pay.amountCents, lang),
                }),
              ),
            ),
          ),
        ]
      : []),
  );
}
