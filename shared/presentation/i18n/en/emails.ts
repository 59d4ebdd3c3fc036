/**
 * Every email the service sends, in English. No clinical content: a reference, a first name,
 * amounts, dates and links (the linked pages show the rest to whoever holds the link).
 * Each kind's template is an export of its own, so that a function bundles only the emails it
 * can send (i18n/email-words.ts); `emails` holds the words every email has.
 */
import type {
  CodeFormats,
  EmailAction,
  EmailTemplate,
  EmailWords,
  Formats,
  Site,
} from '#presentation/emails/content.ts';
import type { WaitingOn } from '#usecases/notices.ts';

const caseLink = (url: string): EmailAction => ({ label: 'Open your case page', url });
/** What a bank transfer needs, in the order a banking app asks for it. */
const transferFacts = (v: { amountCents: number; paymentReference: string }, f: Formats, site: Site) => [
  { label: 'Amount', value: f.money(v.amountCents) },
  { label: 'Beneficiary', value: site.bank.beneficiary },
  { label: 'IBAN', value: f.groups(site.bank.iban) },
  { label: 'BIC', value: site.bank.bic },
  { label: 'Payment reference', value: f.groups(v.paymentReference) },
];
const reportActions = (v: {
  documentsUrl: string;
  releaseUrl: string;
  additionalUrl: string;
  moreDocumentsUrl: string;
}) => [
  { label: 'Open the documents', url: v.documentsUrl },
  { label: 'Upload and release the report', url: v.releaseUrl },
  { label: 'Request an additional consultation', url: v.additionalUrl },
  { label: 'Ask the patient for more documents', url: v.moreDocumentsUrl },
];
const approval = (
  v: {
    reference: string;
    consultation: readonly string[];
    amountCents: number;
    approveUrl: string;
    declineUrl: string;
  },
  f: Formats & Pick<CodeFormats, 'additional'>,
) => ({
  paragraphs: [
    v.consultation.length > 1
      ? `The specialist proposes ${v.consultation.length} additional consultations (${f.additional(v.consultation)}) that cost ${f.money(v.amountCents)} in all. Each is done only if you approve it: the first link opens a page with the specialist's reason where you approve or decline each.`
      : `The specialist proposes an additional consultation (${f.additional(v.consultation)}) that costs ${f.money(v.amountCents)}. It is done only if you approve. The links open a page with the specialist's reason before you confirm.`,
    'While we wait for your answer the time for your report is paused.',
  ],
  actions: [
    { label: 'Read and approve', url: v.approveUrl },
    { label: 'Read and decline', url: v.declineUrl },
  ],
});

export const emails = {
  greeting: 'Dear {name},',
  closing: 'Kind regards,',
  team: 'The Second Opinion service of {hospital}',
  contact: 'Questions? Reply to this email, or call {phone} ({hours}). {address}',
  note: 'This message was sent automatically. Please do not forward it: its links are personal.',
  officeName: 'office',
  secretariatName: 'secretariat',
} satisfies EmailWords;

export const case_created: EmailTemplate<'case_created'> = (v) => ({
  subject: `Your request ${v.reference} has been received`,
  paragraphs: [
    `We have received your request for a second opinion. Its reference is ${v.reference}.`,
    'Please upload your clinical documents as PDF files from your personal page, then submit them. A doctor will check them within 2 working days.',
  ],
  actions: [caseLink(v.caseUrl)],
});

export const documents_requested: EmailTemplate<'documents_requested'> = (v, f) => ({
  subject: `Documents needed for your request ${v.reference}`,
  paragraphs: [
    'The doctor who checked your documents needs more before your request can go on. Your case page lists them.',
    `Please upload them as PDF files from your case page and press "Send my documents to the doctor" again by ${f.day(v.dueAt)}. If we receive nothing by then, the request will close.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const documents_reminder: EmailTemplate<'documents_reminder'> = (v, f) => ({
  subject: `Reminder: your request ${v.reference}`,
  paragraphs: [
    `We are still waiting for the documents requested for ${v.reference}. Please upload them and press "Send my documents to the doctor" by ${f.day(v.dueAt)}, or the request will close.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const payment_details: EmailTemplate<'payment_details'> = (v, f, site) => ({
  subject: `Your documents are complete: payment for ${v.reference}`,
  paragraphs: [
    'A doctor has checked your documents and they are complete.',
    `To go on, please pay ${f.money(v.amountCents)} by bank transfer by ${f.day(v.dueAt)}, writing the payment reference exactly as shown. The specialist starts when the payment has arrived; the report is ready within 5 working days from then.`,
  ],
  facts: transferFacts(v, f, site),
  actions: [caseLink(v.caseUrl)],
});

// Issue 13, histological review: words of the care helper.
export const histology_shipping: EmailTemplate<'histology_shipping'> = (v) => ({
  subject: `Sending your slides for the histology review: ${v.reference}`,
  paragraphs: [
    'Thank you for approving the histology review. Our Pathological Anatomy re-reads your slides: please ask the laboratory that holds them (or the hospital where the biopsy or surgery was done) to send them to the address below.',
    'What to send: the stained slides and the paraffin blocks of the sample, with a copy of the original histology report.',
    `How to label the parcel: write the reference ${v.reference} on the parcel and on the enclosed letter, with the patient's name. Please do not write any diagnosis on the outside.`,
    'The time for your report is paused until the review is done; the slides are returned afterwards.',
  ],
  facts: [
    { label: 'Send to', value: v.address },
    { label: 'Reference', value: v.reference },
  ],
  actions: [caseLink(v.caseUrl)],
});

export const additional_payment_details: EmailTemplate<'additional_payment_details', 'additional'> = (
  v,
  f,
  site,
) => ({
  subject: `Payment of the additional consultation: ${v.reference}`,
  paragraphs: [
    `Thank you for approving the additional consultation (${f.additional(v.consultation)}).`,
    `Please pay ${f.money(v.amountCents)} by bank transfer by ${f.day(v.dueAt)}, writing this payment reference exactly as shown (it is not the one of your first payment). The specialist starts the additional consultation when the payment has arrived; the time for your report is paused until then.`,
  ],
  facts: transferFacts(v, f, site),
  actions: [caseLink(v.caseUrl)],
});

export const additional_payment_reminder: EmailTemplate<'additional_payment_reminder', 'additional'> = (
  v,
  f,
) => ({
  subject: `Reminder: payment of the additional consultation for ${v.reference}`,
  paragraphs: [
    `We have not yet received ${f.money(v.amountCents)} for the additional consultation (${f.additional(v.consultation)}), payment reference ${f.groups(v.paymentReference)}. The details are on your case page. If it has not arrived by ${f.day(v.dueAt)}, the specialist completes the report without it.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const refund_done: EmailTemplate<'refund_done'> = (v, f) => ({
  subject: `Refund sent: ${v.reference}`,
  paragraphs: [
    `We have sent ${f.money(v.amountCents)} back to the account it came from. Banks usually take 1 to 3 working days to credit it.`,
  ],
});

export const case_withdrawn: EmailTemplate<'case_withdrawn'> = (v, f) => ({
  subject: `Your request ${v.reference} is cancelled`,
  paragraphs: [
    {
      cancelled: 'As agreed with our office, the request is cancelled.',
      late_payment:
        'Your payment arrived after the request had expired: we cannot go on with it, so it is cancelled.',
      failed: 'We are sorry: we could not complete your request, so it is cancelled.',
    }[v.reason],
    ...(v.amountCents > 0
      ? [
          `We will send ${f.money(v.amountCents)} back to the account you paid from, and write to you when it is done.`,
        ]
      : []),
  ],
});

export const payment_exception: EmailTemplate<'payment_exception', 'exceptionKind'> = (v, f) => ({
  subject: `Payment to check: ${v.reference ?? 'no reference'}`,
  paragraphs: [
    `A bank transfer of ${f.money(v.amountCents)} (value date ${f.day(`${v.valueDate}T12:00:00Z`)}) needs a decision: ${f.exceptionKind(v.kind)}.`,
    'The link shows the statement line and what you can do with it. It acts once.',
  ],
  actions: [{ label: 'Decide', url: v.resolveUrl }],
});

export const statement_imported: EmailTemplate<'statement_imported'> = (v) => ({
  subject: `Statement imported: ${v.file}`,
  paragraphs: v.alreadyImported
    ? ['This file was imported before: nothing was done again.']
    : [
        `${v.credits} credits read: ${v.paid} paid an amount due, ${v.reopened} re-opened an expired request, ${v.reconciled} matched a payment recorded by hand, and ${v.exceptions} need a decision (each has its own email).`,
        ...(v.alreadyRecorded || v.otherAccount || v.skipped
          ? [
              `Left alone: ${v.alreadyRecorded} credits already imported from an earlier file, ${v.otherAccount} credits to another account and ${v.skipped} lines that are not credits in euro.`,
            ]
          : []),
      ],
});

export const statement_refused: EmailTemplate<'statement_refused'> = (v) => ({
  subject: `Statement not imported: ${v.file}`,
  paragraphs: [
    v.reason === 'too_large'
      ? 'The file is larger than a statement can be (20 MB): it was not read.'
      : 'The file is not a camt.053 bank statement we can read: it was not imported.',
    'Nothing was recorded. Ask the bank for the statement in camt.053 (XML), then drop it in again.',
  ],
});

export const refund_due: EmailTemplate<'refund_due', 'refundReason'> = (v, f) => ({
  subject: `Refund to make: ${v.reference ?? 'no reference'}`,
  paragraphs: [
    `${f.money(v.amountCents)} must go back to the payer: ${f.refundReason(v.reason)}.`,
    'The link shows the payer and their account. When the transfer is made, record it there: the patient is told.',
  ],
  actions: [{ label: 'Record the refund', url: v.refundUrl }],
});

export const late_payment_reopened: EmailTemplate<'late_payment_reopened'> = (v, f) => ({
  subject: `Late payment, request re-opened: ${v.reference}`,
  paragraphs: [
    `${f.money(v.amountCents)} arrived for ${v.reference} after it had expired. The request is re-opened and goes on to a specialist.`,
    'If it should not go on, refund it instead: the request is cancelled and the patient told.',
  ],
  actions: [
    { label: 'Open the case', url: v.viewUrl },
    { label: 'Refund instead', url: v.refundUrl },
  ],
});

export const payment_reminder: EmailTemplate<'payment_reminder'> = (v, f) => ({
  subject: `Reminder: your request ${v.reference}`,
  paragraphs: [
    `We have not yet received the payment for ${v.reference}. The payment details are in our previous email and on your case page. Without payment by ${f.day(v.dueAt)} the request will close.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const payment_received: EmailTemplate<'payment_received'> = (v) => ({
  subject: `Payment received: ${v.reference}`,
  paragraphs: [
    'We have received your payment, thank you. Your case now goes to the specialist best suited to it.',
  ],
});

export const specialist_assigned: EmailTemplate<'specialist_assigned'> = (v) => ({
  subject: `A specialist is working on ${v.reference}`,
  paragraphs: [
    'A specialist has been assigned and is reading your documents. We will write to you when the report is ready.',
  ],
});

export const additional_approval: EmailTemplate<'additional_approval', 'additional'> = (v, f) => ({
  subject: `Your approval is needed: ${v.reference}`,
  ...approval(v, f),
});

export const approval_reminder: EmailTemplate<'approval_reminder', 'additional'> = (v, f) => ({
  subject: `Reminder: your approval is needed for ${v.reference}`,
  ...approval(v, f),
});

export const report_ready: EmailTemplate<'report_ready'> = (v) => ({
  subject: `Your report is ready: ${v.reference}`,
  paragraphs: [
    'The specialist has released your second-opinion report. You can download it from your case page.',
    ...(v.courier ? ['A printed copy will also be sent by courier to the address you gave.'] : []),
    'If you wish to be seen at the hospital, you can ask for it from the same page.',
    'For further questions after this report, an additional second opinion is needed: within 12 months it can be an update of this one, and the button below starts the request with this reference filled in.',
  ],
  actions: [caseLink(v.caseUrl), { label: 'Request an additional second opinion', url: v.updateUrl }],
});

export const case_rejected: EmailTemplate<'case_rejected'> = (v) => ({
  subject: `About your request ${v.reference}`,
  paragraphs: [
    'After checking your documents, our doctors cannot take your request forward as a remote second opinion. Nothing has been charged.',
    'Our office will contact you to explain why and what you can do.',
  ],
});

export const case_expired: EmailTemplate<'case_expired'> = (v) => ({
  subject: `Your request ${v.reference} has closed`,
  paragraphs: [
    'We did not hear back in time, so the request has closed. You are welcome to send a new request at any time.',
  ],
});

export const case_cancelled: EmailTemplate<'case_cancelled'> = (v) => ({
  subject: `Your request ${v.reference} is cancelled`,
  paragraphs: ['As you asked, the request is cancelled. Nothing has been charged.'],
});

export const triage_request: EmailTemplate<'triage_request'> = (v, f) => ({
  subject: `Triage needed: ${v.reference}`,
  paragraphs: [
    `A new request needs its documents checked by ${f.time(v.dueAt)}. Each link opens a page that asks you to confirm.`,
  ],
  actions: [
    { label: 'Complete', url: v.completeUrl },
    { label: 'Request documents', url: v.requestUrl },
    { label: 'Reject', url: v.rejectUrl },
  ],
});

export const payment_confirmation_request: EmailTemplate<'payment_confirmation_request', 'additional'> = (
  v,
  f,
) => ({
  subject: `Awaiting payment: ${v.reference}`,
  paragraphs: [
    `When the bank transfer of ${f.money(v.amountCents)} with reference ${f.groups(v.paymentReference)} arrives, confirm it with the link.`,
    ...(v.consultation ? [`It pays the additional consultation (${f.additional(v.consultation)}).`] : []),
    'A bank statement imported with this transfer confirms it without you.',
  ],
  actions: [{ label: 'Payment received', url: v.confirmUrl }],
});

export const assignment_candidates: EmailTemplate<'assignment_candidates', 'candidate'> = (v, f) => ({
  subject: `Choose the specialist: ${v.reference}`,
  paragraphs: ['The case is paid. Candidates, best match first (consultation type, language, open cases):'],
  actions: v.candidates.map((c) => ({ label: f.candidate(c), url: c.url })),
});

export const more_documents_requested: EmailTemplate<'more_documents_requested'> = (v, f) => ({
  subject: `More documents needed for ${v.reference}`,
  paragraphs: [
    'The specialist writing your report needs some more documents. Your case page lists them.',
    `Please upload them from your case page and press "Send my documents to the doctor" by ${f.day(v.dueAt)}. The time for your report is paused until then; if nothing arrives, the specialist goes on with what they have.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const triage_delayed: EmailTemplate<'triage_delayed'> = (v, f) => ({
  subject: `Your request ${v.reference}: a short delay`,
  paragraphs: [
    'We are sorry: checking your documents is taking longer than the 2 working days we promised.',
    `You will hear from us by ${f.day(v.newDate)}. You do not need to do anything.`,
  ],
});

export const report_delayed: EmailTemplate<'report_delayed'> = (v, f) => ({
  subject: `Your report ${v.reference}: a short delay`,
  paragraphs: [
    'We are sorry: your report is taking longer than we promised.',
    `We now expect it by ${f.day(v.newDate)}. You do not need to do anything.`,
  ],
});

export const report_extended: EmailTemplate<'report_extended', 'extensionReason'> = (v, f) => ({
  subject: `Your report ${v.reference}: a new date`,
  paragraphs: [
    `We are sorry: your report needs more time because ${f.extensionReason(v.reason)}.`,
    `We now expect it by ${f.day(v.newDate)}. You do not need to do anything.`,
  ],
});

export const triage_escalation: EmailTemplate<'triage_escalation'> = (v, f) => ({
  subject: `Triage overdue: ${v.reference}`,
  paragraphs: [
    `Nobody has decided the triage of ${v.reference}, due ${f.time(v.dueAt)}. As a lead you can decide it yourself: each link opens the case and asks you to confirm.`,
  ],
  actions: [
    { label: 'Complete', url: v.completeUrl },
    { label: 'Request documents', url: v.requestUrl },
    { label: 'Reject', url: v.rejectUrl },
  ],
});

export const payment_expired: EmailTemplate<'payment_expired'> = (v) => ({
  subject: `Payment not received, request closed: ${v.reference}`,
  paragraphs: [
    `The payment for ${v.reference} did not arrive in time and the request has closed; the patient was told.`,
    'If the transfer arrives late, re-open the request: the patient is asked to wait no longer and the case goes on.',
  ],
  actions: [
    { label: 'Re-open for payment', url: v.reopenUrl },
    { label: 'Open the case', url: v.viewUrl },
  ],
});

export const assignment_escalation: EmailTemplate<'assignment_escalation', 'candidate'> = (v, f) => ({
  subject: `Specialist not yet chosen: ${v.reference}`,
  paragraphs: [
    `${v.reference} is paid and still has no specialist (expected by ${f.time(v.dueAt)}). As a lead you can choose one:`,
  ],
  actions: v.candidates.map((c) => ({ label: f.candidate(c), url: c.url })),
});

export const report_task: EmailTemplate<'report_task', 'reportNote'> = (v, f) => ({
  subject: `Report requested: ${v.reference}`,
  paragraphs: [
    `Please release the report of ${v.reference} by ${f.time(v.dueAt)}.`,
    ...(v.note ? [f.reportNote(v.note, v.consultation)] : []),
  ],
  actions: reportActions(v),
});

export const report_reminder: EmailTemplate<'report_reminder'> = (v, f) => ({
  subject: `Report due soon: ${v.reference}`,
  paragraphs: [
    `The report of ${v.reference} is due ${f.time(v.dueAt)}. These links replace the earlier ones.`,
  ],
  actions: reportActions(v),
});

export const report_escalation: EmailTemplate<'report_escalation', 'candidate'> = (v, f) => ({
  subject: `Report overdue: ${v.reference}`,
  paragraphs: [
    `The report of ${v.reference}, assigned to ${v.specialistName}, was due ${f.time(v.dueAt)} and is not released.`,
    'You can give it to another specialist (they keep the due time, with at least 2 working days) or extend it once; the patient is told.',
  ],
  actions: [
    ...v.candidates.map((c) => ({ label: `Reassign to ${f.candidate(c)}`, url: c.url })),
    { label: 'Extend the due time', url: v.extendUrl },
    { label: 'Open the documents', url: v.documentsUrl },
  ],
});

export const case_rejected_office: EmailTemplate<'case_rejected_office'> = (v) => ({
  subject: `Rejected at triage: ${v.reference}`,
  paragraphs: [
    `The triage doctor rejected ${v.reference}. The patient was told that our office will contact them to explain why and what they can do.`,
  ],
  actions: [{ label: 'Open the case', url: v.viewUrl }],
});

export const case_stopped: EmailTemplate<'case_stopped', 'step' | 'caseReason'> = (v, f) => ({
  subject: `Case stopped: ${v.reference}`,
  paragraphs: [
    `${v.reference} stopped at ${f.step(v.step)}: ${f.caseReason(v.reason)}. The patient sees that our office is looking into it.`,
    'Operations can resume it where it stopped (npx so case resume).',
    ...(v.withdrawUrl
      ? [
          'It was paid: if it will not be resumed, cancel it with the second link and the payment is refunded.',
        ]
      : []),
  ],
  actions: [
    { label: 'Open the case', url: v.viewUrl },
    ...(v.withdrawUrl ? [{ label: 'Cancel and refund', url: v.withdrawUrl }] : []),
  ],
});

export const treatment_request: EmailTemplate<'treatment_request', 'languageName'> = (v, f) => ({
  subject: `Request to enter the treatment path: ${v.reference}`,
  paragraphs: [
    `The patient of ${v.reference}, whose second opinion your doctor wrote, asks to be taken into the hospital's care. Please contact them:`,
    v.patientName,
    v.email,
    v.phone,
    `Preferred language: ${f.languageName(v.language)}`,
  ],
});

export const draft_reminder: EmailTemplate<'draft_reminder'> = (v, f) => ({
  subject: `Reminder: your request ${v.reference} has not been sent yet`,
  paragraphs: [
    'You started a request for a second opinion but have not sent it to our doctors yet.',
    `Please upload your clinical documents as PDF files from your case page and press "Send my documents to the doctor" by ${f.day(v.dueAt)}. If it is not sent by then, the request will close. If you no longer need it, you do not need to do anything.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const task_assigned: EmailTemplate<'task_assigned', 'task'> = (v, f) => ({
  subject: `Task for ${v.reference}: ${f.task(v.task, v.consultation)}`,
  paragraphs: [
    `For ${v.reference} we ask you for ${f.task(v.task, v.consultation)} by ${f.time(v.dueAt)}.`,
    'The link opens the case (its documents) and the form; it works once.',
  ],
  actions: [{ label: 'Open the task', url: v.taskUrl }],
});

export const task_reminder: EmailTemplate<'task_reminder', 'task'> = (v, f) => ({
  subject: `${v.pastDue ? 'Overdue' : 'Due soon'}: ${f.task(v.task, v.consultation)} for ${v.reference}`,
  paragraphs: [
    v.pastDue
      ? `Our task for you on ${v.reference}, ${f.task(v.task, v.consultation)}, was due ${f.time(v.dueAt)}: please complete it as soon as you can.`
      : `Our task for you on ${v.reference}, ${f.task(v.task, v.consultation)}, is due ${f.time(v.dueAt)}.`,
    'This link works as well as the earlier one; whichever you use first counts.',
  ],
  actions: [{ label: 'Open the task', url: v.taskUrl }],
});

export const task_escalation: EmailTemplate<'task_escalation', 'task' | 'taskWho'> = (v, f) => ({
  subject: `Task overdue: ${f.task(v.task, v.consultation)} for ${v.reference}`,
  paragraphs: [
    `The task on ${v.reference} asked of ${f.taskWho(v.assignee)}, ${f.task(v.task, v.consultation)}, was due ${f.time(v.dueAt)} and is not done. They were reminded; as a lead you may want to follow it up.`,
  ],
  actions: [{ label: 'Open the case', url: v.viewUrl }],
});

export const task_done: EmailTemplate<'task_done', 'task' | 'taskWho'> = (v, f) => ({
  subject: `Done for ${v.reference}: ${f.task(v.task, v.consultation)}`,
  paragraphs: [
    `On ${v.reference}, ${f.taskWho(v.by)} completed the task asked: ${f.task(v.task, v.consultation)}. It is on the case's page.`,
  ],
  actions: [{ label: 'Open the case', url: v.viewUrl }],
});

export const courier_shipped: EmailTemplate<'courier_shipped'> = (v) => ({
  subject: `Your report ${v.reference} is on its way`,
  paragraphs: ['We have sent the printed copy of your report by courier.'],
  facts: [
    { label: 'Carrier', value: v.carrier },
    { label: 'Tracking number', value: v.tracking },
  ],
  actions: [caseLink(v.caseUrl)],
});

export const case_link: EmailTemplate<'case_link'> = (v) => ({
  subject: `Your link to request ${v.reference}`,
  paragraphs: [
    'You asked for your link to your case page again. Here it is. The links in our earlier emails no longer open the page.',
    'Keep this email: the link is the key to your case. If you did not ask for it, you can ignore this email.',
  ],
  actions: [caseLink(v.caseUrl)],
});

export const daily_digest: EmailTemplate<'daily_digest', 'step' | 'caseReason'> = (v, f) => {
  const overdue = v.open.filter((c) => c.overdue).length;
  const who = (w: WaitingOn) =>
    w.kind === 'staff' ? w.name : w.kind === 'patient' ? 'the patient' : 'the office';
  return {
    subject: `Daily digest ${f.day(v.at)}: ${v.open.length} open, ${overdue} overdue, ${v.stopped.length} stopped`,
    paragraphs: [
      v.open.length
        ? 'Every open case, the earliest due first. Each link opens the case.'
        : 'No case is open.',
      `Requests the patient has not sent yet: ${v.drafts.open}. Today ${v.drafts.reminded} were reminded and ${v.drafts.closed} closed unsent.`,
    ],
    sections: [
      ...(v.open.length
        ? [
            {
              title: `Open cases (${v.open.length})`,
              items: v.open.map((c) => ({
                text: [
                  c.reference,
                  f.step(c.step),
                  c.dueAt ? `due ${f.time(c.dueAt)}` : 'no open wait: look with npx so case show',
                  ...(c.overdue ? ['OVERDUE'] : []),
                  ...(c.waitingOn.length ? [`waiting on ${c.waitingOn.map(who).join(', ')}`] : []),
                ].join(' · '),
                url: c.url,
              })),
            },
          ]
        : []),
      ...(v.stopped.length
        ? [
            {
              title: `Stopped (${v.stopped.length}): operations resume them with npx so case resume`,
              items: v.stopped.map((c) => ({
                text: [
                  c.reference,
                  `${c.status === 'failed' ? 'failed' : 'timed out'}${c.step ? ` at ${f.step(c.step)}` : ''}`,
                  ...(c.reason ? [f.caseReason(c.reason)] : []),
                  `since ${f.time(c.since)}`,
                ].join(' · '),
                url: c.url,
              })),
            },
          ]
        : []),
    ],
  };
};
