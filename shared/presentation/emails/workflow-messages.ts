/**
 * The case workflow's emails, English and Italian. No clinical content: a reference, a first name,
 * amounts, dates and links (the linked pages show the rest to whoever holds the link).
 */
import type { Language } from '#domain/model.ts';
import type { EmailContent } from './render.ts';

type Message<V> = Record<Language, (v: V) => EmailContent>;

interface Patient {
  firstName: string;
  reference: string;
}
interface Staff {
  name: string;
  reference: string;
}
interface Link {
  label: string;
  url: string;
}

const documentsRequested = {
  en: (v: Patient & { documents: string[]; caseUrl: string; dueDate: string }) => ({
    subject: `Documents needed for your request ${v.reference}`,
    greeting: `Dear ${v.firstName},`,
    paragraphs: [
      'The doctor who checked your documents needs more before your request can go on:',
      ...v.documents.map((d) => `• ${d}`),
      `Please upload them as PDF files from your case page and press "Send" again by ${v.dueDate}. If we receive nothing by then, the request will close.`,
    ],
    actions: [{ label: 'Open your case page', url: v.caseUrl }],
  }),
  it: (v: Patient & { documents: string[]; caseUrl: string; dueDate: string }) => ({
    subject: `Documenti necessari per la richiesta ${v.reference}`,
    greeting: `Gentile ${v.firstName},`,
    paragraphs: [
      'il medico che ha controllato i suoi documenti ha bisogno di altro per proseguire:',
      ...v.documents.map((d) => `• ${d}`),
      `Carichi i file in PDF dalla pagina della richiesta e prema di nuovo "Invia" entro il ${v.dueDate}. Se non riceviamo nulla entro quella data, la richiesta verrà chiusa.`,
    ],
    actions: [{ label: 'Apri la pagina della richiesta', url: v.caseUrl }],
  }),
} satisfies Message<Patient & { documents: string[]; caseUrl: string; dueDate: string }>;

type PaymentValues = Patient & {
  amount: string;
  beneficiary: string;
  iban: string;
  bic: string;
  paymentReference: string;
  dueDate: string;
  caseUrl: string;
};
const paymentDetails = {
  en: (v: PaymentValues) => ({
    subject: `Your documents are complete: payment for ${v.reference}`,
    greeting: `Dear ${v.firstName},`,
    paragraphs: [
      'A doctor has checked your documents and they are complete.',
      `To go on, please pay EUR ${v.amount} by bank transfer by ${v.dueDate}, writing the payment reference exactly as shown. The specialist starts when the payment has arrived; the report is ready within 5 working days from then.`,
    ],
    facts: [
      { label: 'Amount', value: `EUR ${v.amount}` },
      { label: 'Beneficiary', value: v.beneficiary },
      { label: 'IBAN', value: v.iban },
      { label: 'BIC', value: v.bic },
      { label: 'Payment reference', value: v.paymentReference },
    ],
    actions: [{ label: 'Open your case page', url: v.caseUrl }],
  }),
  it: (v: PaymentValues) => ({
    subject: `Documentazione completa: pagamento per ${v.reference}`,
    greeting: `Gentile ${v.firstName},`,
    paragraphs: [
      'un medico ha controllato i suoi documenti: sono completi.',
      `Per proseguire, effettui un bonifico di EUR ${v.amount} entro il ${v.dueDate}, indicando la causale esattamente come riportata. Lo specialista inizia quando il pagamento è arrivato; la relazione è pronta entro 5 giorni lavorativi da allora.`,
    ],
    facts: [
      { label: 'Importo', value: `EUR ${v.amount}` },
      { label: 'Beneficiario', value: v.beneficiary },
      { label: 'IBAN', value: v.iban },
      { label: 'BIC', value: v.bic },
      { label: 'Causale (riferimento)', value: v.paymentReference },
    ],
    actions: [{ label: 'Apri la pagina della richiesta', url: v.caseUrl }],
  }),
} satisfies Message<PaymentValues>;

type ReminderValues = Patient & { dueDate: string; caseUrl: string };
const patientReminder = (
  en: (v: ReminderValues) => string,
  it: (v: ReminderValues) => string,
): Message<ReminderValues> => ({
  en: (v) => ({
    subject: `Reminder: your request ${v.reference}`,
    greeting: `Dear ${v.firstName},`,
    paragraphs: [en(v)],
    actions: [{ label: 'Open your case page', url: v.caseUrl }],
  }),
  it: (v) => ({
    subject: `Promemoria: la sua richiesta ${v.reference}`,
    greeting: `Gentile ${v.firstName},`,
    paragraphs: [it(v)],
    actions: [{ label: 'Apri la pagina della richiesta', url: v.caseUrl }],
  }),
});

const simplePatient = (
  subject: Record<Language, (v: Patient) => string>,
  text: Record<Language, (v: Patient) => string[]>,
): Message<Patient> => ({
  en: (v) => ({ subject: subject.en(v), greeting: `Dear ${v.firstName},`, paragraphs: text.en(v) }),
  it: (v) => ({ subject: subject.it(v), greeting: `Gentile ${v.firstName},`, paragraphs: text.it(v) }),
});

type ApprovalValues = Patient & {
  consultation: string;
  amount: string;
  approveUrl: string;
  declineUrl: string;
};
const additionalApproval = {
  en: (v: ApprovalValues) => ({
    subject: `Your approval is needed: ${v.reference}`,
    greeting: `Dear ${v.firstName},`,
    paragraphs: [
      `The specialist proposes an additional consultation (${v.consultation}) that costs EUR ${v.amount}. It is done only if you approve. The links open a page with the specialist's reason before you confirm.`,
      'While we wait for your answer the time for your report is paused.',
    ],
    actions: [
      { label: 'Read and approve', url: v.approveUrl },
      { label: 'Read and decline', url: v.declineUrl },
    ],
  }),
  it: (v: ApprovalValues) => ({
    subject: `Serve la sua approvazione: ${v.reference}`,
    greeting: `Gentile ${v.firstName},`,
    paragraphs: [
      `Lo specialista propone un approfondimento (${v.consultation}) che costa EUR ${v.amount}. Viene svolto solo se lei lo approva. I link aprono una pagina con la motivazione dello specialista prima della conferma.`,
      'In attesa della sua risposta, il tempo per la relazione è sospeso.',
    ],
    actions: [
      { label: 'Leggi e approva', url: v.approveUrl },
      { label: 'Leggi e rifiuta', url: v.declineUrl },
    ],
  }),
} satisfies Message<ApprovalValues>;

const reportReady = {
  en: (v: Patient & { caseUrl: string; courier: boolean }) => ({
    subject: `Your report is ready: ${v.reference}`,
    greeting: `Dear ${v.firstName},`,
    paragraphs: [
      'The specialist has released your second-opinion report. You can download it from your case page.',
      ...(v.courier ? ['A printed copy will also be sent by courier to the address you gave.'] : []),
      'If you wish to be seen at the hospital, you can ask for it from the same page.',
    ],
    actions: [{ label: 'Open your case page', url: v.caseUrl }],
  }),
  it: (v: Patient & { caseUrl: string; courier: boolean }) => ({
    subject: `La sua relazione è pronta: ${v.reference}`,
    greeting: `Gentile ${v.firstName},`,
    paragraphs: [
      'lo specialista ha rilasciato la relazione di secondo parere. Può scaricarla dalla pagina della richiesta.',
      ...(v.courier
        ? ['Una copia stampata le verrà inviata anche tramite corriere all’indirizzo indicato.']
        : []),
      'Se desidera essere preso in carico dall’ospedale, può chiederlo dalla stessa pagina.',
    ],
    actions: [{ label: 'Apri la pagina della richiesta', url: v.caseUrl }],
  }),
} satisfies Message<Patient & { caseUrl: string; courier: boolean }>;

const staffMessage = <V extends Staff>(
  subject: Record<Language, (v: V) => string>,
  text: Record<Language, (v: V) => string[]>,
  actions: (v: V, language: Language) => Link[] = () => [],
): Message<V> => ({
  en: (v) => ({
    subject: subject.en(v),
    greeting: `Dear ${v.name},`,
    paragraphs: text.en(v),
    actions: actions(v, 'en'),
  }),
  it: (v) => ({
    subject: subject.it(v),
    greeting: `Gentile ${v.name},`,
    paragraphs: text.it(v),
    actions: actions(v, 'it'),
  }),
});

type TriageValues = Staff & { dueAt: string; completeUrl: string; requestUrl: string; rejectUrl: string };
type AssignmentValues = Staff & { candidates: Link[] };
type ReportTaskValues = Staff & {
  dueAt: string;
  note?: string;
  documentsUrl: string;
  releaseUrl: string;
  additionalUrl: string;
};
type DueValues = Staff & { dueAt: string };

const reportActions = (v: ReportTaskValues, l: Language): Link[] => [
  { label: l === 'it' ? 'Apri i documenti' : 'Open the documents', url: v.documentsUrl },
  {
    label: l === 'it' ? 'Carica e rilascia la relazione' : 'Upload and release the report',
    url: v.releaseUrl,
  },
  {
    label: l === 'it' ? 'Richiedi un approfondimento' : 'Request an additional consultation',
    url: v.additionalUrl,
  },
];
type EscalationValues = Staff & { dueAt: string; specialist: string };
type OfficeValues = Staff & { amount: string; paymentReference: string; confirmUrl: string };
type CourierValues = Staff & { address: string[] };
type TreatmentValues = Staff & { patientName: string; email: string; phone: string; language: string };

export const WORKFLOW_MESSAGES = {
  documents_requested: documentsRequested,
  documents_reminder: patientReminder(
    (v) =>
      `We are still waiting for the documents requested for ${v.reference}. Please upload them and press "Send" by ${v.dueDate}, or the request will close.`,
    (v) =>
      `Siamo ancora in attesa dei documenti richiesti per ${v.reference}. Li carichi e prema "Invia" entro il ${v.dueDate}, altrimenti la richiesta verrà chiusa.`,
  ),
  payment_details: paymentDetails,
  payment_reminder: patientReminder(
    (v) =>
      `We have not yet received the payment for ${v.reference}. The payment details are in our previous email and on your case page. Without payment by ${v.dueDate} the request will close.`,
    (v) =>
      `Non abbiamo ancora ricevuto il pagamento per ${v.reference}. I dati per il bonifico sono nella nostra email precedente e nella pagina della richiesta. Senza pagamento entro il ${v.dueDate} la richiesta verrà chiusa.`,
  ),
  payment_received: simplePatient(
    { en: (v) => `Payment received: ${v.reference}`, it: (v) => `Pagamento ricevuto: ${v.reference}` },
    {
      en: () => [
        'We have received your payment, thank you. Your case now goes to the specialist best suited to it.',
      ],
      it: () => [
        'abbiamo ricevuto il suo pagamento, grazie. La richiesta passa ora allo specialista più adatto.',
      ],
    },
  ),
  specialist_assigned: simplePatient(
    {
      en: (v) => `A specialist is working on ${v.reference}`,
      it: (v) => `Uno specialista sta lavorando a ${v.reference}`,
    },
    {
      en: () => [
        'A specialist has been assigned and is reading your documents. We will write to you when the report is ready.',
      ],
      it: () => [
        'uno specialista è stato assegnato e sta leggendo i suoi documenti. Le scriveremo quando la relazione sarà pronta.',
      ],
    },
  ),
  additional_approval: additionalApproval,
  approval_reminder: {
    en: (v: ApprovalValues) => ({
      ...additionalApproval.en(v),
      subject: `Reminder: your approval is needed for ${v.reference}`,
    }),
    it: (v: ApprovalValues) => ({
      ...additionalApproval.it(v),
      subject: `Promemoria: serve la sua approvazione per ${v.reference}`,
    }),
  } satisfies Message<ApprovalValues>,
  report_ready: reportReady,
  case_rejected: simplePatient(
    {
      en: (v) => `About your request ${v.reference}`,
      it: (v) => `Riguardo alla sua richiesta ${v.reference}`,
    },
    {
      en: () => [
        'After checking your documents, our doctors cannot take your request forward as a remote second opinion. Nothing has been charged.',
        'Our office will contact you to explain why and what you can do.',
      ],
      it: () => [
        'dopo aver controllato i documenti, i nostri medici non possono proseguire con la richiesta di secondo parere a distanza. Non le è stato addebitato nulla.',
        'Il nostro ufficio la contatterà per spiegarle il motivo e cosa può fare.',
      ],
    },
  ),
  case_expired: simplePatient(
    {
      en: (v) => `Your request ${v.reference} has closed`,
      it: (v) => `La sua richiesta ${v.reference} è stata chiusa`,
    },
    {
      en: () => [
        'We did not hear back in time, so the request has closed. You are welcome to send a new request at any time.',
      ],
      it: () => [
        'non abbiamo ricevuto risposta in tempo, quindi la richiesta è stata chiusa. Può inviare una nuova richiesta in qualsiasi momento.',
      ],
    },
  ),
  case_cancelled: simplePatient(
    {
      en: (v) => `Your request ${v.reference} is cancelled`,
      it: (v) => `La sua richiesta ${v.reference} è annullata`,
    },
    {
      en: () => ['As you asked, the request is cancelled. Nothing has been charged.'],
      it: () => ['come richiesto, la richiesta è annullata. Non le è stato addebitato nulla.'],
    },
  ),
  triage_request: staffMessage<TriageValues>(
    { en: (v) => `Triage needed: ${v.reference}`, it: (v) => `Triage richiesto: ${v.reference}` },
    {
      en: (v) => [
        `A new request needs its documents checked by ${v.dueAt}. Each link opens a page that asks you to confirm.`,
      ],
      it: (v) => [
        `Una nuova richiesta attende il controllo dei documenti entro ${v.dueAt}. Ogni link apre una pagina di conferma.`,
      ],
    },
    (v, l) => [
      { label: l === 'it' ? 'Completa' : 'Complete', url: v.completeUrl },
      { label: l === 'it' ? 'Richiedi documenti' : 'Request documents', url: v.requestUrl },
      { label: l === 'it' ? 'Rifiuta' : 'Reject', url: v.rejectUrl },
    ],
  ),
  triage_reminder: staffMessage<DueValues>(
    { en: (v) => `Triage overdue: ${v.reference}`, it: (v) => `Triage scaduto: ${v.reference}` },
    {
      en: (v) => [
        `Nobody has decided the triage of ${v.reference}, due ${v.dueAt}. The triage doctors' links still work.`,
      ],
      it: (v) => [
        `Nessuno ha ancora deciso il triage di ${v.reference}, previsto entro ${v.dueAt}. I link dei medici sono ancora validi.`,
      ],
    },
  ),
  payment_confirmation_request: staffMessage<OfficeValues>(
    { en: (v) => `Awaiting payment: ${v.reference}`, it: (v) => `Pagamento atteso: ${v.reference}` },
    {
      en: (v) => [
        `When the bank transfer of EUR ${v.amount} with reference ${v.paymentReference} arrives, confirm it with the link.`,
      ],
      it: (v) => [
        `Quando arriva il bonifico di EUR ${v.amount} con causale ${v.paymentReference}, confermalo con il link.`,
      ],
    },
    (v, l) => [{ label: l === 'it' ? 'Pagamento ricevuto' : 'Payment received', url: v.confirmUrl }],
  ),
  assignment_candidates: staffMessage<AssignmentValues>(
    {
      en: (v) => `Choose the specialist: ${v.reference}`,
      it: (v) => `Scegli lo specialista: ${v.reference}`,
    },
    {
      en: () => ['The case is paid. Candidates, best match first (consultation type, language, open cases):'],
      it: () => ['Il caso è pagato. Candidati, dal più adatto (tipo di consulto, lingua, casi aperti):'],
    },
    (v) => v.candidates,
  ),
  assignment_reminder: staffMessage<DueValues>(
    {
      en: (v) => `Specialist not yet chosen: ${v.reference}`,
      it: (v) => `Specialista non ancora scelto: ${v.reference}`,
    },
    {
      en: (v) => [`${v.reference} is paid and still has no specialist (expected by ${v.dueAt}).`],
      it: (v) => [`${v.reference} è pagato e non ha ancora uno specialista (previsto entro ${v.dueAt}).`],
    },
  ),
  report_task: staffMessage<ReportTaskValues>(
    { en: (v) => `Report requested: ${v.reference}`, it: (v) => `Relazione richiesta: ${v.reference}` },
    {
      en: (v) => [`Please release the report of ${v.reference} by ${v.dueAt}.`, ...(v.note ? [v.note] : [])],
      it: (v) => [`Rilascia la relazione di ${v.reference} entro ${v.dueAt}.`, ...(v.note ? [v.note] : [])],
    },
    (v, l) => reportActions(v, l),
  ),
  report_reminder: staffMessage<ReportTaskValues>(
    { en: (v) => `Report due soon: ${v.reference}`, it: (v) => `Relazione in scadenza: ${v.reference}` },
    {
      en: (v) => [`The report of ${v.reference} is due ${v.dueAt}.`],
      it: (v) => [`La relazione di ${v.reference} scade ${v.dueAt}.`],
    },
    (v, l) => reportActions(v, l),
  ),
  report_escalation: staffMessage<EscalationValues>(
    { en: (v) => `Report overdue: ${v.reference}`, it: (v) => `Relazione in ritardo: ${v.reference}` },
    {
      en: (v) => [
        `The report of ${v.reference}, assigned to ${v.specialist}, was due ${v.dueAt} and is not released.`,
      ],
      it: (v) => [
        `La relazione di ${v.reference}, assegnata a ${v.specialist}, era prevista entro ${v.dueAt} e non è stata rilasciata.`,
      ],
    },
  ),
  courier_shipping: staffMessage<CourierValues>(
    {
      en: (v) => `Ship the report by courier: ${v.reference}`,
      it: (v) => `Spedire la relazione con corriere: ${v.reference}`,
    },
    {
      en: (v) => [
        'The report is released and the patient asked for a printed copy by courier. Address:',
        ...v.address,
      ],
      it: (v) => [
        'La relazione è rilasciata e il paziente ha chiesto una copia stampata con corriere. Indirizzo:',
        ...v.address,
      ],
    },
  ),
  treatment_request: staffMessage<TreatmentValues>(
    {
      en: (v) => `Request to enter the treatment path: ${v.reference}`,
      it: (v) => `Richiesta di presa in carico: ${v.reference}`,
    },
    {
      en: (v) => [
        `The patient of ${v.reference}, whose second opinion your doctor wrote, asks to be taken into the hospital's care. Please contact them:`,
        v.patientName,
        v.email,
        v.phone,
        `Preferred language: ${v.language}`,
      ],
      it: (v) => [
        `Il paziente di ${v.reference}, di cui il medico ha scritto il secondo parere, chiede la presa in carico in ospedale. Contattarlo:`,
        v.patientName,
        v.email,
        v.phone,
        `Lingua preferita: ${v.language}`,
      ],
    },
  ),
} as const;
