import { describe, expect, it } from 'vitest';
import type { Language } from '#domain/model.ts';
import type { Site } from '#presentation/emails/content.ts';
import { EVERY_EMAIL } from '#presentation/emails/every-email.ts';
import { renderNotice } from '#presentation/emails/render.ts';
import * as enEmails from '#presentation/i18n/en/emails.ts';
import * as itEmails from '#presentation/i18n/it/emails.ts';
import type { NoticeData, NoticeKind } from '#usecases/notices.ts';
import { INFORMAL_ITALIAN } from './italian-register.ts';

const SITE = {
  hospitalName: 'Ospedale <Oncologico>',
  office: {
    email: 'office@hospital.example',
    phone: '+39 02 5748 9000',
    address: 'Via Ripamonti 435, Milano',
    hours: { fromDay: 1, toDay: 5, opens: '09:00', closes: '17:00' },
  },
  bank: { beneficiary: 'Hospital Foundation', iban: 'IT60X0542811101000000123456', bic: 'BPMOIT22XXX' },
};
const reference = 'SO-2026-7K3Q-XM4D';
const dueAt = '2026-03-04T22:59:00.000Z';
const url = (n: number) => `https://so.example/a/${n}`;
const reportLinks = {
  documentsUrl: url(6),
  releaseUrl: url(7),
  additionalUrl: url(8),
  moreDocumentsUrl: url(11),
};
const candidates = [
  {
    name: 'Carla <Onco>',
    consultationTypes: ['oncological' as const],
    languages: ['it' as const],
    openCases: 2,
    url: url(5),
  },
];
const approval = {
  reference,
  consultation: ['histology_review'],
  amountCents: 30000,
  approveUrl: url(9),
  declineUrl: url(10),
};

/** Every notice with data that carries markup, to prove every value is escaped. */
const DATA: { [K in NoticeKind]: NoticeData[K] } = {
  case_created: { reference, caseUrl: 'https://so.example/case/c1#token=t' },
  documents_requested: { reference, dueAt, caseUrl: url(1) },
  documents_reminder: { reference, dueAt, caseUrl: url(1) },
  more_documents_requested: { reference, dueAt, caseUrl: url(1) },
  triage_delayed: { reference, newDate: dueAt },
  report_delayed: { reference, newDate: dueAt },
  report_extended: { reference, newDate: dueAt, reason: 'complex_case' },
  triage_escalation: { reference, dueAt, completeUrl: url(1), requestUrl: url(2), rejectUrl: url(3) },
  payment_expired: { reference, reopenUrl: url(12), viewUrl: url(13) },
  assignment_escalation: { reference, dueAt, candidates },
  case_rejected_office: { reference, viewUrl: url(13) },
  case_stopped: {
    reference,
    step: 'report',
    reason: 'no_decision_from_staff',
    viewUrl: url(13),
    withdrawUrl: url(18),
  },
  payment_details: {
    reference,
    dueAt,
    amountCents: 50000,
    paymentReference: 'RF18SO20267K3QXM4D',
    caseUrl: url(1),
  },
  payment_reminder: { reference, dueAt, caseUrl: url(1) },
  payment_received: { reference },
  specialist_assigned: { reference },
  additional_approval: approval,
  approval_reminder: approval,
  report_ready: { reference, caseUrl: url(1), courier: true, updateUrl: url(2) },
  case_rejected: { reference },
  case_expired: { reference },
  case_cancelled: { reference },
  triage_request: { reference, dueAt, completeUrl: url(1), requestUrl: url(2), rejectUrl: url(3) },
  payment_confirmation_request: {
    reference,
    amountCents: 50000,
    paymentReference: 'RF18SO20267K3QXM4D',
    confirmUrl: url(4),
  },
  histology_shipping: { reference, address: 'Anatomia <Patologica>, Via Ripamonti 435', caseUrl: url(1) },
  additional_payment_details: {
    reference,
    dueAt,
    consultation: ['histology_review'],
    amountCents: 30000,
    paymentReference: 'RF33SO20267K3QXM4DA1',
    caseUrl: url(1),
  },
  additional_payment_reminder: {
    reference,
    dueAt,
    consultation: ['histology_review'],
    amountCents: 30000,
    paymentReference: 'RF33SO20267K3QXM4DA1',
    caseUrl: url(1),
  },
  payment_exception: {
    kind: 'underpayment',
    reference,
    amountCents: 45000,
    valueDate: '2026-03-04',
    resolveUrl: 'https://so.example/o/15',
  },
  statement_imported: {
    file: `statements/2026-03-04 <${reference}>.xml`,
    alreadyImported: false,
    credits: 7,
    paid: 3,
    reopened: 1,
    reconciled: 1,
    exceptions: 2,
    alreadyRecorded: 0,
    otherAccount: 1,
    skipped: 2,
  },
  statement_refused: { file: `statements/<${reference}>.pdf`, reason: 'not_a_statement' },
  refund_due: { reference, amountCents: 50000, reason: 'cancelled', refundUrl: 'https://so.example/o/16' },
  refund_done: { reference, amountCents: 50000 },
  case_withdrawn: { reference, amountCents: 50000, reason: 'failed' },
  late_payment_reopened: { reference, amountCents: 50000, viewUrl: url(13), refundUrl: url(17) },
  assignment_candidates: { reference, candidates },
  report_task: {
    reference,
    dueAt,
    note: 'additional_approved',
    consultation: ['histology_review'],
    ...reportLinks,
  },
  report_reminder: { reference, dueAt, ...reportLinks },
  report_escalation: {
    reference,
    dueAt,
    specialistName: 'Carla <Onco>',
    candidates,
    extendUrl: url(14),
    documentsUrl: url(6),
  },

  treatment_request: {
    reference,
    patientName: 'Maria <Rossi>',
    email: 'maria@example.com',
    phone: '+39 333 1234567',
    language: 'it',
  },
  draft_reminder: { reference, dueAt, caseUrl: url(1) },
  task_assigned: {
    reference,
    task: 'consultation',
    consultation: 'histology_review',
    dueAt,
    taskUrl: url(18),
  },
  task_reminder: { reference, task: 'contribution', dueAt, taskUrl: url(18), pastDue: true },
  task_escalation: {
    reference,
    task: 'contribution',
    dueAt,
    assignee: { kind: 'staff', name: 'Carla <Onco>' },
    viewUrl: url(13),
  },
  task_done: { reference, task: 'pathology_result', by: { kind: 'pathology' }, viewUrl: url(13) },
  courier_shipped: { reference, carrier: 'Poste <Italiane>', tracking: 'AB<123>', caseUrl: url(1) },
  case_link: { reference, caseUrl: url(1) },
  daily_digest: {
    at: dueAt,
    open: [
      {
        reference,
        step: 'report',
        dueAt,
        overdue: true,
        waitingOn: [{ kind: 'staff', name: 'Carla <Onco>' }, { kind: 'patient' }, { kind: 'office' }],
        url: url(15),
      },
      { reference: 'SO-2026-AAAA-BBBB', step: 'assignment', overdue: false, waitingOn: [], url: url(16) },
    ],
    stopped: [
      {
        reference: 'SO-2026-CCCC-DDDD',
        status: 'failed',
        step: 'triage',
        reason: 'processing_error',
        since: dueAt,
        url: url(17),
      },
    ],
    drafts: { open: 3, reminded: 1, closed: 1 },
  },
};

const reader = (language: 'en' | 'it') => ({ name: '<b>Maria</b>', language });

/** The notices a patient (or whoever applies for them) reads. */
const PATIENT_NOTICES: NoticeKind[] = [
  'case_created',
  'documents_requested',
  'documents_reminder',
  'more_documents_requested',
  'payment_details',
  'payment_reminder',
  'payment_received',
  'specialist_assigned',
  'additional_approval',
  'approval_reminder',
  'additional_payment_details',
  'additional_payment_reminder',
  'report_ready',
  'case_rejected',
  'case_expired',
  'case_cancelled',
  'triage_delayed',
  'report_delayed',
  'report_extended',
  'refund_done',
  'case_withdrawn',
  'draft_reminder',
  'courier_shipped',
  'case_link',
];

/** A notice's email, from the words of every kind (a Lambda's notifier holds only the kinds it sends). */
const render = <K extends NoticeKind>(
  kind: K,
  data: NoticeData[K],
  to: { name: string; language: Language },
  site: Site,
) => renderNotice(EVERY_EMAIL[kind], data, to, site);

describe('emails', () => {
  it("give the office hours in the reader's language", () => {
    expect(render('case_cancelled', DATA.case_cancelled, reader('en'), SITE).text).toContain(
      'Monday to Friday, 09:00–17:00',
    );
    expect(render('case_cancelled', DATA.case_cancelled, reader('it'), SITE).text).toContain(
      'da lunedì a venerdì, 09:00–17:00',
    );
  });

  it('exist for every notice, in both languages', () => {
    expect(Object.keys(EVERY_EMAIL).sort()).toEqual(Object.keys(DATA).sort());
    for (const kind of Object.keys(DATA) as NoticeKind[]) {
      expect(typeof EVERY_EMAIL[kind].en, kind).toBe('function');
      expect(typeof EVERY_EMAIL[kind].it, kind).toBe('function');
    }
    // Each language's module holds a template for every kind and nothing else (besides the signature).
    for (const words of [enEmails, itEmails]) {
      expect(
        Object.keys(words)
          .filter((k) => k !== 'emails')
          .sort(),
      ).toEqual(Object.keys(DATA).sort());
    }
  });

  it.each(Object.keys(DATA) as NoticeKind[])(
    '%s renders in English and Italian, every value escaped',
    (kind) => {
      const en = render(kind, DATA[kind], reader('en'), SITE);
      const it = render(kind, DATA[kind], reader('it'), SITE);
      for (const r of [en, it]) {
        // The digest names many cases: its references are in the body.
        expect(kind === 'daily_digest' ? r.text : r.subject).toContain(reference);
        expect(r.html).not.toMatch(/<b>Maria|<Onco>|<Rossi>|<report>|<Oncologico>|<SO-/);
        // Every email names the hospital and says how to reach the office.
        expect(r.text).toContain('+39 02 5748 9000');
        expect(r.text).toContain('Via Ripamonti 435, Milano');
        expect(r.text).not.toContain('undefined');
      }
      expect(it.subject).not.toBe(en.subject);
      expect(it.html).toContain('lang="it"');
    },
  );

  it('gives the office every case of the digest with its step, due time, who it waits on and its link', () => {
    const { subject, text, html } = render('daily_digest', DATA.daily_digest, reader('en'), SITE);
    expect(subject).toBe('Daily digest 4 March 2026: 2 open, 1 overdue, 1 stopped');
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.startsWith(reference));
    expect(lines[row]).toBe(
      `${reference} · the report · due Wed, 4 Mar 2026, 23:59 · OVERDUE · waiting on Carla <Onco>, the patient, the office:`,
    );
    expect(lines[row + 1]).toBe(url(15));
    expect(text).toContain('SO-2026-AAAA-BBBB · the choice of the specialist · no open wait');
    expect(text).toContain(
      'SO-2026-CCCC-DDDD · failed at triage · a technical problem · since Wed, 4 Mar 2026, 23:59:',
    );
    expect(text).toContain('not sent yet: 3. Today 1 were reminded and 1 closed unsent.');
    expect(html).toContain(`<a href="${url(17)}"`);
    expect(html).toContain('Carla &lt;Onco&gt;');
    const it = render('daily_digest', DATA.daily_digest, reader('it'), SITE).text;
    expect(it).toContain("IN RITARDO · in attesa di Carla <Onco>, il paziente, l'ufficio:");
  });

  it('tells the patient the amount, the bank details and the RF reference', () => {
    const text = render('payment_details', DATA.payment_details, reader('it'), SITE).text;
    for (const v of [
      '500,00\u00a0€',
      'IT60 X054 2811 1010 0000 0123 456',
      SITE.bank.bic,
      SITE.bank.beneficiary,
      'RF18 SO20 267K 3QXM 4D',
    ]) {
      expect(text).toContain(v);
    }
  });

  it.each(PATIENT_NOTICES)('%s speaks to an Italian reader formally ("Lei"), whoever they are', (kind) => {
    const { subject, text } = render(kind, DATA[kind], reader('it'), SITE);
    expect(`${subject}\n${text}`).not.toMatch(INFORMAL_ITALIAN);
  });

  it.each((Object.keys(DATA) as NoticeKind[]).filter((k) => !PATIENT_NOTICES.includes(k)))(
    '%s speaks to an Italian staff member formally ("Lei"), its links included',
    (kind) => {
      const { subject, text } = render(kind, DATA[kind], reader('it'), SITE);
      expect(`${subject}\n${text}`).not.toMatch(INFORMAL_ITALIAN);
    },
  );
});
