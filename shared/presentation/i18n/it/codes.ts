/** Le parole dei codici: vedi en/codes.ts. */
import type { CodeWords } from '../codes.ts';

export const consultationTypes: CodeWords['consultationTypes'] = {
  surgical: 'Chirurgico',
  oncological: 'Oncologico',
  cardio_oncological: 'Cardio-oncologico',
  radiotherapy: 'Radioterapico',
};

export const additional: CodeWords['additional'] = {
  histology_review: 'Revisione istologica (rilettura dei vetrini)',
  surgical_review: 'Consulenza chirurgica',
  oncological_review: 'Consulenza oncologica',
  cardio_oncological_review: 'Consulenza cardio-oncologica',
  radiotherapy_review: 'Consulenza radioterapica',
};

export const steps: CodeWords['steps'] = {
  triage: 'il triage',
  documents: 'i documenti richiesti al triage',
  payment: 'il pagamento',
  assignment: 'la scelta dello specialista',
  report: 'la relazione',
  approval: "l'approvazione di un approfondimento da parte del paziente",
  additional_payment: 'il pagamento di un approfondimento',
  consultations: 'gli approfondimenti approvati',
  more_documents: 'i documenti chiesti dallo specialista',
};

export const caseReasons: CodeWords['caseReasons'] = {
  cancelled_by_patient: 'annullata dal paziente',
  rejected_at_triage: 'non accettata dopo il controllo dei documenti',
  no_answer_from_patient: 'nessuna risposta dal paziente in tempo',
  no_decision_from_staff: 'nessuna decisione del nostro personale in tempo',
  processing_error: 'un problema tecnico',
  cancelled_by_office: 'annullata dal nostro ufficio; il pagamento viene rimborsato',
};

export const extensionReasons: CodeWords['extensionReasons'] = {
  complex_case: 'il Suo caso richiede uno studio più approfondito',
  specialist_consultation: 'lo specialista sta consultando un collega sul Suo caso',
  specialist_unavailable: 'lo specialista ha avuto un impedimento imprevisto',
};

export const reportNotes: CodeWords['reportNotes'] = {
  additional_approved: "Il paziente ha approvato l'approfondimento ({consultation}).",
  additional_declined: "Il paziente ha rifiutato l'approfondimento ({consultation}).",
  additional_lapsed:
    "Il paziente non ha risposto sull'approfondimento ({consultation}): La preghiamo di proseguire senza.",
  additional_unpaid:
    "L'approfondimento ({consultation}) è stato approvato ma non pagato in tempo: La preghiamo di proseguire senza.",
  consultations_done:
    'Gli approfondimenti sono conclusi ({consultation}): gli esiti sono nella pagina della relazione.',
  consultations_lapsed:
    'Non tutti gli approfondimenti sono stati conclusi in tempo ({consultation}): La preghiamo di proseguire con gli esiti presenti nella pagina della relazione.',
  documents_received: 'Il paziente ha inviato i documenti richiesti: il tempo per la relazione riparte.',
  documents_not_received:
    'Il paziente non ha inviato in tempo i documenti richiesti: La preghiamo di proseguire con quanto disponibile.',
  reassigned: 'Questa relazione Le è stata affidata dal responsabile degli specialisti.',
  extended: 'Il responsabile degli specialisti ha prorogato la scadenza.',
};

export const exceptionKinds: CodeWords['exceptionKinds'] = {
  underpayment: "meno dell'importo dovuto",
  overpayment: "più dell'importo dovuto",
  unknown_reference: 'nessun nostro riferimento di pagamento',
  wrong_check_digit: 'un riferimento di pagamento con cifre di controllo errate',
  duplicate_line: 'un secondo pagamento di un importo già pagato',
  closed_case: 'un pagamento per una richiesta chiusa',
};

export const refundReasons: CodeWords['refundReasons'] = {
  cancelled: 'la richiesta è stata annullata',
  failed: 'non è stato possibile completare la richiesta',
  overpayment: 'è stato pagato più del dovuto',
  duplicate: 'lo stesso importo è stato pagato due volte',
  closed_case: 'il pagamento è arrivato per una richiesta chiusa',
  late_payment: 'il pagamento è arrivato in ritardo e viene restituito',
  unknown_payer: 'non è stato possibile abbinare il pagamento a una richiesta',
};

export const candidate: CodeWords['candidate'] = '{name} ({types}; {languages}; {open} casi aperti)';

export const tasks: CodeWords['tasks'] = {
  contribution: 'un contributo alla relazione',
  consultation: 'un approfondimento',
  slides_receipt: 'la ricezione dei vetrini',
  pathology_result: 'la diagnosi rivista dei vetrini',
  slides_return: 'la restituzione dei vetrini',
  courier_shipment: 'la spedizione della relazione con corriere',
  courier_delivery: 'la consegna della relazione con corriere',
};

export const taskWho: CodeWords['taskWho'] = { office: "l'ufficio", pathology: "l'Anatomia Patologica" };

export const languageNames: CodeWords['languageNames'] = { en: 'English', it: 'Italiano' };

export const codes: CodeWords = {
  locale: 'it-IT',
  statuses: {
    draft: 'In attesa dei Suoi documenti',
    triage: 'Un medico sta controllando i Suoi documenti',
    documents_requested: 'Servono altri documenti',
    awaiting_payment: 'In attesa del pagamento',
    assignment: 'Pagamento ricevuto: scelta dello specialista',
    in_report: 'Lo specialista sta scrivendo la relazione',
    awaiting_approval: 'In attesa della Sua risposta su un approfondimento',
    awaiting_additional_payment: "In attesa del pagamento dell'approfondimento",
    in_consultation: 'Gli approfondimenti da Lei approvati sono in corso',
    more_documents_requested: 'Lo specialista ha bisogno di altri documenti',
    released: 'La relazione è pronta',
    rejected: 'La richiesta non può essere accettata',
    expired: 'La richiesta è stata chiusa',
    cancelled: 'La richiesta è stata annullata',
    timed_out: 'Il nostro ufficio sta verificando la richiesta',
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
    upload_documents: 'Carichi i Suoi documenti in formato PDF.',
    wait_for_documents_check:
      'Stiamo controllando i file. Servono pochi minuti; può tenere aperta questa pagina.',
    submit: 'Quando tutti i documenti sono caricati, prema "Invii i documenti al medico".',
    send_requested_documents:
      'Il medico ha chiesto altri documenti. Li carichi, poi prema di nuovo "Invii i documenti al medico".',
    wait_for_triage: 'Un medico sta verificando che i documenti siano completi. Le scriveremo via email.',
    pay: 'I documenti sono completi. Effettui il bonifico con i dati qui sotto.',
    wait_for_report:
      'Lo specialista sta lavorando al Suo caso. Riceverà un’email quando la relazione sarà pronta.',
    answer_additional_consultation:
      'Lo specialista propone un approfondimento. Le abbiamo inviato un’email con il prezzo e i link per approvarlo o rifiutarlo.',
    download_report: 'La relazione è pronta. Può scaricarla qui sotto.',
    none: 'Al momento non serve nulla da parte Sua.',
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
    declared_type_differs:
      'Secondo Lei "{fileName}" è {declaredType}; a noi risulta {documentType}. Un medico verificherà quale sia corretto.',
  },
  consultationTypes,
  quoteLines: {
    base: 'Secondo parere',
    update: 'Aggiornamento di un secondo parere precedente',
    courier: 'Relazione tramite corriere',
    additional: 'Approfondimento: {name}',
  },
  documentTypes: {
    oncologist_report: "Relazione dell'oncologo curante",
    pathology_report: 'Referto istologico',
    imaging_report: 'Referto di diagnostica per immagini',
    surgical_report: 'Verbale operatorio',
    discharge_letter: 'Lettera di dimissione',
    therapy_record: 'Scheda di terapia',
    molecular_report: 'Referto di biologia molecolare',
    lab_results: 'Esami del sangue',
    request_form: 'Modulo di richiesta firmato',
    privacy_consent: 'Consenso al trattamento dei dati',
    identity_document: "Documento d'identità",
    proxy_authorization: 'Delega',
    other: 'Altro documento',
  },
  sections: {
    diagnosis: 'diagnosi',
    stage: 'stadio',
    non_cancer_history: 'anamnesi patologica non oncologica',
    cancer_history: 'storia oncologica',
    treatments: 'terapie con dosaggi',
    current_problems: 'problemi attuali',
    clinical_question: 'il quesito clinico',
  },
  reasons: {
    not_pdf: 'non è un file PDF',
    empty: 'il file è vuoto',
    too_large: 'il file è troppo grande',
    encrypted: 'è protetto da password',
    corrupt: 'il file è danneggiato e non si apre',
    too_many_pages: 'ha troppe pagine',
    text_detection_failed: 'non siamo riusciti a leggerlo',
    check_failed: 'non è stato possibile completare il controllo del file',
    not_received: 'il file non è mai arrivato',
    no_text: 'non è stato possibile leggere il testo (è una foto?)',
    page_cap: 'supera le pagine che leggiamo automaticamente per una richiesta: lo leggerà un medico',
    unknown: 'di un problema tecnico',
  },
  additional,
  steps,
  caseReasons,
  extensionReasons,
  reportNotes,
  exceptionKinds,
  refundReasons,
  candidate,
  diseaseSites: {
    breast: 'Mammella',
    lung: 'Polmone',
    gastrointestinal: 'Gastrointestinale',
    gynaecological: 'Ginecologica',
    urological: 'Urologica',
    haematological: 'Ematologica',
    melanoma_skin: 'Melanoma e cute',
    head_neck: 'Testa e collo',
    sarcoma: 'Sarcoma',
    neuro_oncology: 'Neuro-oncologia',
  },
  tasks,
  taskWho,
  languageNames,
};
