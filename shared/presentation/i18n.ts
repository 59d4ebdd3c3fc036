/**
 * The words of the patient pages, English and Italian, and the translation of every code the API
 * returns (case statuses, document states, rejection reasons, checklist problems, next steps,
 * quote lines). Document type and reason wording comes from the domain, so pages, emails and the
 * doctors' checklist say the same thing.
 */

import type { ProblemCode } from '#domain/checklist.ts';
import { describeReason } from '#domain/checklist.ts';
import type { CaseStatus } from '#domain/lifecycle.ts';
import { CASE_STATUSES } from '#domain/lifecycle.ts';
import type { ConsultationType, DocumentState, Language } from '#domain/model.ts';
import { CONSULTATION_TYPES, LANGUAGES } from '#domain/model.ts';
import {
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  type DocumentType,
  ONCOLOGIST_SECTION_LABELS,
  type OncologistSection,
} from '#domain/taxonomy.ts';
import type { NextStep } from '#http/api-types.ts';

/** Reason codes the API may put on a rejected or failed document. */
export const REASON_CODES = [
  'not_pdf',
  'empty',
  'too_large',
  'encrypted',
  'corrupt',
  'too_many_pages',
  'text_detection_failed',
  'check_failed',
  'not_received',
  'no_text',
  'unknown',
] as const;

/** Document states as the page shows them: the API's, plus what happens in the browser first. */
export type PageDocumentState = DocumentState | 'not_received' | 'uploading' | 'upload_failed' | 'duplicate';

const PAGE_DOCUMENT_STATES: PageDocumentState[] = [
  'uploading',
  'upload_failed',
  'upload_pending',
  'not_received',
  'checking',
  'reading',
  'classified',
  'needs_review',
  'rejected',
  'failed',
  'duplicate',
];

const NEXT_STEPS: NextStep[] = [
  'upload_documents',
  'wait_for_documents_check',
  'submit',
  'send_requested_documents',
  'wait_for_triage',
  'pay',
  'wait_for_report',
  'answer_additional_consultation',
  'download_report',
  'none',
];

const PROBLEM_CODES: ProblemCode[] = [
  'required_missing',
  'proxy_authorization_missing',
  'oncologist_report_too_old',
  'oncologist_report_undated',
  'oncologist_report_missing_sections',
  'translation_needed',
  'blood_tests_not_needed',
  'duplicate_file',
  'rejected_file',
  'failed_file',
  'needs_review',
  'still_processing',
];

type Dict<K extends string> = Record<K, string>;

interface CodeStrings {
  statuses: Dict<CaseStatus>;
  documentStates: Dict<PageDocumentState>;
  next: Dict<NextStep>;
  /** Templates with {placeholders}, filled by the page from the problem's params. */
  problems: Dict<ProblemCode>;
  consultationTypes: Dict<ConsultationType>;
  /** Quote line codes; `additional:<name>` lines use `additional` with {name}. */
  quoteLines: { base: string; update: string; courier: string; additional: string };
}

const CODES: Record<Language, CodeStrings> = {
  en: {
    statuses: {
      draft: 'Waiting for your documents',
      triage: 'A doctor is checking your documents',
      documents_requested: 'More documents needed',
      awaiting_payment: 'Waiting for payment',
      assignment: 'Payment received: choosing your specialist',
      in_report: 'The specialist is writing your report',
      awaiting_approval: 'Waiting for your answer on an additional consultation',
      released: 'Your report is ready',
      rejected: 'Your request could not be accepted',
      expired: 'Your request has closed',
      cancelled: 'Your request was cancelled',
      failed: 'Our office is looking into your request',
    },
    documentStates: {
      uploading: 'Uploading',
      upload_failed: 'Upload failed: please try again',
      upload_pending: 'Waiting for the file',
      not_received: 'Not received: please upload it again',
      checking: 'Checking the file',
      reading: 'Reading the document',
      classified: 'Recognised as: {type}',
      needs_review: 'A doctor will check this document',
      rejected: 'Not accepted: {reason}',
      failed: 'Could not be processed: {reason}',
      duplicate: 'Same file as "{original}": you do not need to send it twice',
    },
    next: {
      upload_documents: 'Please upload your documents as PDF files.',
      wait_for_documents_check:
        'We are checking your files. This takes a few minutes; you can keep this page open.',
      submit: 'When all your documents are here, press "Send my documents to the doctor".',
      send_requested_documents:
        'The doctor asked for more documents. Upload them, then press "Send my documents to the doctor" again.',
      wait_for_triage:
        'A doctor is checking that your documents are complete. You will hear from us by email.',
      pay: 'Your documents are complete. Please pay by bank transfer with the details below.',
      wait_for_report:
        'The specialist is working on your case. You will receive an email when the report is ready.',
      answer_additional_consultation:
        'The specialist proposes an additional consultation. We sent you an email with its price and the links to approve or decline it.',
      download_report: 'Your report is ready. You can download it below.',
      none: 'Nothing is needed from you right now.',
    },
    problems: {
      required_missing: 'Missing: {documentType}.',
      proxy_authorization_missing:
        'Missing: a proxy authorization signed by the patient, because someone else is applying for them.',
      oncologist_report_too_old:
        'The oncologist\'s report "{fileName}" is {ageDays} days old; it must be at most {maxDays} days old. Please ask for an updated report.',
      oncologist_report_undated: 'We could not find the date of the oncologist\'s report "{fileName}".',
      oncologist_report_missing_sections: 'The oncologist\'s report "{fileName}" seems to lack: {sections}.',
      translation_needed: '"{fileName}" is not in English or Italian: please send an official translation.',
      blood_tests_not_needed:
        '"{fileName}" looks like blood tests: these are not needed unless a doctor asks for them.',
      duplicate_file: '"{fileName}" is the same file as "{originalFileName}".',
      rejected_file: '"{fileName}" was not accepted because {reason}. Please upload it again as a PDF.',
      failed_file: '"{fileName}" could not be processed because {reason}. Our staff will check it.',
      needs_review: '"{fileName}" will be checked by a doctor: we could not recognise it with certainty.',
      still_processing: '{count} file(s) are still being read. This takes a few minutes.',
    },
    consultationTypes: {
      surgical: 'Surgical',
      oncological: 'Oncological',
      cardio_oncological: 'Cardio-oncological',
      radiotherapy: 'Radiotherapy',
    },
    quoteLines: {
      base: 'Second opinion',
      update: 'Update of a previous second opinion',
      courier: 'Report by courier',
      additional: 'Additional consultation: {name}',
    },
  },
  it: {
    statuses: {
      draft: 'In attesa dei suoi documenti',
      triage: 'Un medico sta controllando i suoi documenti',
      documents_requested: 'Servono altri documenti',
      awaiting_payment: 'In attesa del pagamento',
      assignment: 'Pagamento ricevuto: scelta dello specialista',
      in_report: 'Lo specialista sta scrivendo la relazione',
      awaiting_approval: 'In attesa della sua risposta su un approfondimento',
      released: 'La relazione è pronta',
      rejected: 'La richiesta non può essere accettata',
      expired: 'La richiesta è stata chiusa',
      cancelled: 'La richiesta è stata annullata',
      failed: 'Il nostro ufficio sta verificando la richiesta',
    },
    documentStates: {
      uploading: 'Caricamento in corso',
      upload_failed: 'Caricamento non riuscito: riprovi',
      upload_pending: 'In attesa del file',
      not_received: 'Non ricevuto: lo carichi di nuovo',
      checking: 'Controllo del file',
      reading: 'Lettura del documento',
      classified: 'Riconosciuto come: {type}',
      needs_review: 'Un medico controllerà questo documento',
      rejected: 'Non accettato: {reason}',
      failed: 'Non elaborato: {reason}',
      duplicate: 'Stesso file di "{original}": non serve inviarlo due volte',
    },
    next: {
      upload_documents: 'Carichi i suoi documenti in formato PDF.',
      wait_for_documents_check:
        'Stiamo controllando i file. Servono pochi minuti; può tenere aperta questa pagina.',
      submit: 'Quando tutti i documenti sono caricati, prema "Invia i documenti al medico".',
      send_requested_documents:
        'Il medico ha chiesto altri documenti. Li carichi, poi prema di nuovo "Invia i documenti al medico".',
      wait_for_triage: 'Un medico sta verificando che i documenti siano completi. Le scriveremo via email.',
      pay: 'I documenti sono completi. Effettui il bonifico con i dati qui sotto.',
      wait_for_report:
        'Lo specialista sta lavorando al suo caso. Riceverà un’email quando la relazione sarà pronta.',
      answer_additional_consultation:
        'Lo specialista propone un approfondimento. Le abbiamo inviato un’email con il prezzo e i link per approvarlo o rifiutarlo.',
      download_report: 'La relazione è pronta. Può scaricarla qui sotto.',
      none: 'Al momento non serve nulla da parte sua.',
    },
    problems: {
      required_missing: 'Manca: {documentType}.',
      proxy_authorization_missing:
        "Manca la delega firmata dal paziente, perché la richiesta è presentata da un'altra persona.",
      oncologist_report_too_old:
        'La relazione dell\'oncologo "{fileName}" risale a {ageDays} giorni fa; non deve superare i {maxDays} giorni. Chieda una relazione aggiornata.',
      oncologist_report_undated: 'Non abbiamo trovato la data della relazione dell\'oncologo "{fileName}".',
      oncologist_report_missing_sections:
        'Nella relazione dell\'oncologo "{fileName}" sembrano mancare: {sections}.',
      translation_needed: '"{fileName}" non è in italiano né in inglese: invii una traduzione ufficiale.',
      blood_tests_not_needed:
        '"{fileName}" sembrano esami del sangue: non servono, salvo richiesta del medico.',
      duplicate_file: '"{fileName}" è lo stesso file di "{originalFileName}".',
      rejected_file: '"{fileName}" non è stato accettato perché {reason}. Lo carichi di nuovo in PDF.',
      failed_file: '"{fileName}" non è stato elaborato perché {reason}. Il nostro personale lo verificherà.',
      needs_review:
        '"{fileName}" sarà controllato da un medico: non siamo riusciti a riconoscerlo con certezza.',
      still_processing: '{count} file in lettura. Servono pochi minuti.',
    },
    consultationTypes: {
      surgical: 'Chirurgico',
      oncological: 'Oncologico',
      cardio_oncological: 'Cardio-oncologico',
      radiotherapy: 'Radioterapico',
    },
    quoteLines: {
      base: 'Secondo parere',
      update: 'Aggiornamento di un secondo parere precedente',
      courier: 'Relazione tramite corriere',
      additional: 'Approfondimento: {name}',
    },
  },
};

/** The words of the two pages (request and case), by language. */
const EN = {
  siteName: 'Second Opinion',
  switchTo: 'Italiano',
  switchLabel: 'Leggi questa pagina in italiano',
  // request page
  requestTitle: 'Ask for a second opinion',
  requestIntro:
    'Our specialists read your clinical documents and write a report with their opinion. Fill in this form; next, you will upload your documents as PDF files.',
  required: 'Fields marked * are required.',
  patientSection: 'The patient',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  emailHint: 'We send the link to your case page and every update to this address.',
  phone: 'Phone',
  phoneHint: 'With the country code, for example +39 02 1234 5678.',
  dateOfBirth: 'Date of birth',
  country: 'Country of residence',
  language: 'Language for emails and the report page',
  languageNames: { en: 'English', it: 'Italiano' },
  applicantSection: 'Who is filling in this form?',
  applicantSelf: 'I am the patient',
  applicantOther: 'I am applying for someone else',
  requesterSection: 'Your details (the person applying)',
  relationship: 'Your relationship to the patient',
  relationshipHint: 'For example: daughter, husband, guardian.',
  proxyNote:
    'Because you apply for someone else, you will also need to upload a proxy authorization signed by the patient.',
  typesSection: 'Which consultation do you need?',
  typesHint: 'Choose at least one.',
  courierSection: 'Report by courier',
  courierLabel: 'Also send me the printed report by courier (+EUR 18.00)',
  addressName: 'Recipient name',
  addressLine1: 'Address',
  addressLine2: 'Address, line 2 (optional)',
  city: 'City',
  postalCode: 'Postal code',
  region: 'Province or region (optional)',
  addressCountry: 'Country',
  updateSection: 'Update of an earlier second opinion',
  updateLabel: 'This is an update of a second opinion I asked for before',
  updateHint:
    'Within 12 months of the earlier request, an update answered by the same doctor costs EUR 350.00 instead of EUR 500.00.',
  previousReference: 'Reference of the earlier request',
  previousReferenceHint: 'You find it in the emails we sent you, for example SO-2026-000123.',
  privacySection: 'Privacy',
  privacyText:
    'The hospital processes the personal and health data you provide only to give you this second opinion, as the data controller, under the EU General Data Protection Regulation (GDPR). Your documents are seen only by the doctors and staff handling your request and are kept as medical records for the time the law requires. You may ask to see, correct or delete your data by writing to the hospital’s data protection officer.',
  privacyConsent: 'I have read the privacy notice and agree to the processing of my data for this request',
  priceNote:
    'Price: EUR 500.00, paid by bank transfer only after a doctor has confirmed that your documents are complete. The report is ready within 5 working days of payment.',
  create: 'Continue to upload documents',
  creating: 'Creating your request…',
  errorSummary: 'Please correct the following:',
  // validation
  errRequired: 'Please fill in {field}.',
  errEmail: 'Please enter a valid email address, for example name@example.com.',
  errPhone: 'Please enter a phone number with digits only, spaces or +, at least 6 digits.',
  errDate: 'Please enter a valid date of birth in the past.',
  errTypes: 'Please choose at least one consultation type.',
  errConsent: 'Please agree to the privacy notice to continue.',
  errReference: 'Please enter the reference of the earlier request.',
  errServerField: 'Please check {field}.',
  errNotFoundReference: 'We could not find an earlier request with this reference.',
  errNetwork: 'We could not reach the service. Please check your connection and try again.',
  errServer: 'Something went wrong on our side. Please try again in a few minutes.',
  // case page
  caseTitle: 'Your second opinion request',
  loading: 'Loading your case…',
  hello: 'Hello {name},',
  reference: 'Reference',
  status: 'Status',
  noToken: 'This page needs the link we sent you by email. Please open the link from the email again.',
  notFound: 'We could not find this case. Please open the link from your email again.',
  uploadTitle: 'Your documents',
  uploadHelp:
    'Send PDF files only, officially translated into English or Italian if needed: the treating oncologist’s report (at most 30 days old), pathology reports, imaging and surgical reports, discharge letters, therapy records, the signed request form, the privacy consent and an identity document. Blood tests are not needed.',
  dropHere: 'Drag your PDF files here, or',
  choose: 'Choose PDF files',
  limits: 'Up to {files} more files, each at most {size}.',
  notPdf: '"{file}" is not a PDF file. Please save or scan it as PDF.',
  tooBig: '"{file}" is too large (at most {size}).',
  emptyFile: '"{file}" is empty.',
  tooMany: 'You can add at most {files} more files to this case.',
  caseFull: '"{file}" does not fit: your files together may add up to {left} more.',
  uploadError: 'The upload of "{file}" failed. Please try again.',
  documentsTitle: 'Files received',
  noDocuments: 'No documents yet.',
  checklistTitle: 'What we need',
  checklistHint: 'We recognise each file from its content. A doctor checks everything again.',
  present: 'received',
  missing: 'missing',
  optional: 'if you have it',
  problemsTitle: 'Please note',
  submit: 'Send my documents to the doctor',
  submitting: 'Sending…',
  submitHint: 'Only when all your files are uploaded and checked.',
  submitIncomplete:
    'Some required documents seem to be missing. You can still send; the doctor will tell you what is needed.',
  submitted: 'Your documents were sent. A doctor will check them within 2 working days.',
  requestedTitle: 'The doctor asked for',
  timelineTitle: 'What happens next',
  tlCreated: 'Request created',
  tlSubmitted: 'Documents sent',
  tlTriage: 'Documents checked by a doctor',
  tlDocuments: 'Send the requested documents by',
  tlPayment: 'Payment by bank transfer',
  tlReport: 'Report from the specialist',
  tlReleased: 'Report ready',
  due: 'by {date}',
  on: '{date}',
  paymentTitle: 'Payment',
  amount: 'Total',
  beneficiary: 'Beneficiary',
  iban: 'IBAN',
  bic: 'BIC / SWIFT',
  paymentReference: 'Payment reference (write it exactly as shown)',
  paymentNote:
    'The specialist starts when the payment arrives; the report is ready within 5 working days from then.',
  approvalTitle: 'Additional consultation',
  reportTitle: 'Your report',
  download: 'Download the report (PDF)',
  downloadNote: 'The download link works for a few minutes; press the button again any time.',
  treatment: 'I would like to be treated at the hospital',
  treatmentDone: 'We forwarded your request to the doctor’s secretariat; they will contact you.',
  cancel: 'Cancel my request',
  cancelConfirm: 'Do you really want to cancel this request? This cannot be undone.',
  cancelled: 'Your request was cancelled.',
  reason: 'Reason: {reason}',
  retry: 'Please try again.',
  progress: 'Upload progress of {file}',
  updated: 'Updated {time}',
  tlDone: 'done',
  tlNow: 'now',
  tlLater: 'next',
  pagesCount: '{n} pages',
  pagesOne: '1 page',
  tryAgain: 'Try again',
  caseClosed: 'This request is closed.',
};

export type UiStrings = {
  [K in keyof typeof EN]: (typeof EN)[K] extends string ? string : Record<Language, string>;
};

const IT: UiStrings = {
  siteName: 'Secondo Parere',
  switchTo: 'English',
  switchLabel: 'Read this page in English',
  requestTitle: 'Richiedi un secondo parere',
  requestIntro:
    'I nostri specialisti leggono la sua documentazione clinica e scrivono una relazione con il loro parere. Compili questo modulo; poi caricherà i documenti in formato PDF.',
  required: 'I campi con * sono obbligatori.',
  patientSection: 'Il paziente',
  firstName: 'Nome',
  lastName: 'Cognome',
  email: 'Email',
  emailHint: 'A questo indirizzo inviamo il link alla pagina della richiesta e ogni aggiornamento.',
  phone: 'Telefono',
  phoneHint: 'Con il prefisso internazionale, ad esempio +39 02 1234 5678.',
  dateOfBirth: 'Data di nascita',
  country: 'Paese di residenza',
  language: 'Lingua delle email e della pagina della richiesta',
  languageNames: { en: 'English', it: 'Italiano' },
  applicantSection: 'Chi compila il modulo?',
  applicantSelf: 'Sono il paziente',
  applicantOther: "Faccio la richiesta per un'altra persona",
  requesterSection: 'I suoi dati (chi presenta la richiesta)',
  relationship: 'Rapporto con il paziente',
  relationshipHint: 'Ad esempio: figlia, marito, tutore.',
  proxyNote:
    "Poiché presenta la richiesta per un'altra persona, dovrà caricare anche una delega firmata dal paziente.",
  typesSection: 'Di quale consulto ha bisogno?',
  typesHint: 'Ne scelga almeno uno.',
  courierSection: 'Relazione tramite corriere',
  courierLabel: 'Inviatemi anche la relazione stampata tramite corriere (+EUR 18,00)',
  addressName: 'Destinatario',
  addressLine1: 'Indirizzo',
  addressLine2: 'Indirizzo, seconda riga (facoltativa)',
  city: 'Città',
  postalCode: 'CAP',
  region: 'Provincia o regione (facoltativa)',
  addressCountry: 'Paese',
  updateSection: 'Aggiornamento di un secondo parere precedente',
  updateLabel: 'È un aggiornamento di un secondo parere già richiesto',
  updateHint:
    'Entro 12 mesi dalla richiesta precedente, un aggiornamento con lo stesso medico costa EUR 350,00 invece di EUR 500,00.',
  previousReference: 'Riferimento della richiesta precedente',
  previousReferenceHint: 'Lo trova nelle email che le abbiamo inviato, ad esempio SO-2026-000123.',
  privacySection: 'Privacy',
  privacyText:
    "L'ospedale, titolare del trattamento, tratta i dati personali e sanitari che lei fornisce solo per rilasciare questo secondo parere, secondo il Regolamento generale sulla protezione dei dati (GDPR). I documenti sono visti solo dai medici e dal personale che seguono la richiesta e sono conservati come documentazione sanitaria per il tempo previsto dalla legge. Può chiedere di accedere ai suoi dati, correggerli o cancellarli scrivendo al responsabile della protezione dei dati dell'ospedale.",
  privacyConsent:
    "Ho letto l'informativa sulla privacy e acconsento al trattamento dei miei dati per questa richiesta",
  priceNote:
    'Prezzo: EUR 500,00, da pagare con bonifico solo dopo che un medico ha confermato che i documenti sono completi. La relazione è pronta entro 5 giorni lavorativi dal pagamento.',
  create: 'Continua e carica i documenti',
  creating: 'Creazione della richiesta…',
  errorSummary: 'Corregga quanto segue:',
  errRequired: 'Compili il campo {field}.',
  errEmail: 'Inserisca un indirizzo email valido, ad esempio nome@esempio.it.',
  errPhone: 'Inserisca un numero di telefono con sole cifre, spazi o +, almeno 6 cifre.',
  errDate: 'Inserisca una data di nascita valida, nel passato.',
  errTypes: 'Scelga almeno un tipo di consulto.',
  errConsent: "Per proseguire deve accettare l'informativa sulla privacy.",
  errReference: 'Inserisca il riferimento della richiesta precedente.',
  errServerField: 'Controlli il campo {field}.',
  errNotFoundReference: 'Non abbiamo trovato una richiesta precedente con questo riferimento.',
  errNetwork: 'Non riusciamo a raggiungere il servizio. Controlli la connessione e riprovi.',
  errServer: 'Si è verificato un problema da parte nostra. Riprovi tra qualche minuto.',
  caseTitle: 'La sua richiesta di secondo parere',
  loading: 'Caricamento della richiesta…',
  hello: 'Gentile {name},',
  reference: 'Riferimento',
  status: 'Stato',
  noToken:
    "Questa pagina richiede il link che le abbiamo inviato via email. Apra di nuovo il link dall'email.",
  notFound: "Non abbiamo trovato questa richiesta. Apra di nuovo il link dall'email.",
  uploadTitle: 'I suoi documenti',
  uploadHelp:
    "Invii solo file PDF, con traduzione ufficiale in italiano o inglese se serve: la relazione dell'oncologo curante (non più vecchia di 30 giorni), i referti istologici, i referti di diagnostica per immagini e gli interventi, le lettere di dimissione, le schede di terapia, il modulo di richiesta firmato, il consenso privacy e un documento d'identità. Gli esami del sangue non servono.",
  dropHere: 'Trascini qui i file PDF, oppure',
  choose: 'Scegli i file PDF',
  limits: 'Ancora fino a {files} file, ciascuno al massimo di {size}.',
  notPdf: '"{file}" non è un file PDF. Lo salvi o lo scansioni in PDF.',
  tooBig: '"{file}" è troppo grande (al massimo {size}).',
  emptyFile: '"{file}" è vuoto.',
  tooMany: 'Può aggiungere al massimo altri {files} file a questa richiesta.',
  caseFull: '"{file}" non ci sta: i suoi file insieme possono occupare ancora {left}.',
  uploadError: 'Il caricamento di "{file}" non è riuscito. Riprovi.',
  documentsTitle: 'File ricevuti',
  noDocuments: 'Ancora nessun documento.',
  checklistTitle: 'Cosa ci serve',
  checklistHint: 'Riconosciamo ogni file dal contenuto. Un medico ricontrolla tutto.',
  present: 'ricevuto',
  missing: 'mancante',
  optional: 'se lo ha',
  problemsTitle: 'Attenzione',
  submit: 'Invia i documenti al medico',
  submitting: 'Invio…',
  submitHint: 'Solo quando tutti i file sono caricati e controllati.',
  submitIncomplete:
    'Sembrano mancare alcuni documenti obbligatori. Può inviare comunque: il medico le dirà cosa serve.',
  submitted: 'I documenti sono stati inviati. Un medico li controllerà entro 2 giorni lavorativi.',
  requestedTitle: 'Il medico ha chiesto',
  timelineTitle: 'I prossimi passi',
  tlCreated: 'Richiesta creata',
  tlSubmitted: 'Documenti inviati',
  tlTriage: 'Documenti controllati da un medico',
  tlDocuments: 'Invio dei documenti richiesti',
  tlPayment: 'Pagamento con bonifico',
  tlReport: 'Relazione dello specialista',
  tlReleased: 'Relazione pronta',
  due: 'entro {date}',
  on: '{date}',
  paymentTitle: 'Pagamento',
  amount: 'Totale',
  beneficiary: 'Beneficiario',
  iban: 'IBAN',
  bic: 'BIC / SWIFT',
  paymentReference: 'Causale (la scriva esattamente così)',
  paymentNote:
    'Lo specialista inizia quando arriva il pagamento; la relazione è pronta entro 5 giorni lavorativi.',
  approvalTitle: 'Approfondimento',
  reportTitle: 'La sua relazione',
  download: 'Scarica la relazione (PDF)',
  downloadNote: 'Il link di download vale pochi minuti; può premere di nuovo il pulsante quando vuole.',
  treatment: "Vorrei essere curato presso l'ospedale",
  treatmentDone: 'Abbiamo inoltrato la richiesta alla segreteria del medico, che la contatterà.',
  cancel: 'Annulla la richiesta',
  cancelConfirm: 'Vuole davvero annullare questa richiesta? Non si potrà tornare indietro.',
  cancelled: 'La richiesta è stata annullata.',
  reason: 'Motivo: {reason}',
  retry: 'Riprovi.',
  progress: 'Avanzamento del caricamento di {file}',
  updated: 'Aggiornato alle {time}',
  tlDone: 'fatto',
  tlNow: 'in corso',
  tlLater: 'prossimo',
  pagesCount: '{n} pagine',
  pagesOne: '1 pagina',
  tryAgain: 'Riprova',
  caseClosed: 'Questa richiesta è chiusa.',
};

const UI: Record<Language, UiStrings> = { en: EN, it: IT };

export function ui(lang: Language): UiStrings {
  return UI[lang];
}

export function codes(lang: Language): CodeStrings {
  return CODES[lang];
}

/** Everything the case page's script needs to speak both languages, as plain JSON. */
export interface ClientDictionary extends CodeStrings {
  ui: UiStrings;
  documentTypes: Dict<DocumentType>;
  sections: Dict<OncologistSection>;
  reasons: Dict<(typeof REASON_CODES)[number]>;
  locale: string;
  /** Names of the additional consultations we have words for. */
  additional: Record<string, string>;
}

export function clientDictionary(lang: Language): ClientDictionary {
  return {
    ...CODES[lang],
    ui: ui(lang),
    documentTypes: Object.fromEntries(
      DOCUMENT_TYPES.map((t) => [t, DOCUMENT_TYPE_LABELS[t][lang]]),
    ) as Dict<DocumentType>,
    sections: Object.fromEntries(
      Object.entries(ONCOLOGIST_SECTION_LABELS).map(([k, v]) => [k, v[lang]]),
    ) as Dict<OncologistSection>,
    reasons: Object.fromEntries(REASON_CODES.map((r) => [r, describeReason(r, lang)])) as Dict<
      (typeof REASON_CODES)[number]
    >,
    locale: LOCALES[lang],
    additional: Object.fromEntries(
      Object.keys(ADDITIONAL_CONSULTATIONS).map((k) => [k, additionalName(k, lang)]),
    ),
  };
}

export const LOCALES: Record<Language, string> = { en: 'en-GB', it: 'it-IT' };

/** Additional consultations the configuration may price (ADDITIONAL_PRICES keys), in plain words. */
const ADDITIONAL_CONSULTATIONS: Record<string, Record<Language, string>> = {
  histology_review: {
    en: 'Histology review (re-reading the slides)',
    it: 'Revisione istologica (rilettura dei vetrini)',
  },
};

/** An additional consultation's name; a key we have no words for is shown with spaces. */
export function additionalName(key: string, lang: Language): string {
  return ADDITIONAL_CONSULTATIONS[key]?.[lang] ?? key.replace(/_/g, ' ');
}

/** Fills {placeholders}; an unknown one is left visible rather than silently dropped. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/**
 * The page language: an explicit `?lang=` wins, then the first of Accept-Language's languages
 * (by q) we speak, then English.
 */
export function pickLanguage(queryLang: string | undefined, acceptLanguage: string | undefined): Language {
  if (queryLang && (LANGUAGES as readonly string[]).includes(queryLang)) return queryLang as Language;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: (tag ?? '').toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const hit = ranked.find((x) => (LANGUAGES as readonly string[]).includes(x.lang));
  return (hit?.lang as Language | undefined) ?? 'en';
}

/** Every code the API can return has words in both languages (the unit tests walk these lists). */
export const KNOWN_CODES = {
  statuses: CASE_STATUSES,
  documentStates: PAGE_DOCUMENT_STATES,
  next: NEXT_STEPS,
  problems: PROBLEM_CODES,
  consultationTypes: CONSULTATION_TYPES,
  reasons: REASON_CODES,
} as const;
