/** Le parole delle pagine dei link di azione (registro formale): vedi en/staff.ts. */
import type { staff as en } from '../en/staff.ts';

export const staff: typeof en = {
  reference: 'Riferimento',
  types: 'Tipi di consulto',
  documents: 'Documenti',
  due: 'Scadenza',
  amount: 'Importo',
  amountReceived: 'Importo ricevuto (EUR)',
  valueDate: 'Data valuta del bonifico',
  note: 'Nota (facoltativa)',
  unclassified: 'non ancora classificato',
  invalid: [
    'Questo link non è valido',
    "Verifichi di aver aperto il link completo dall'email. Se ancora non funziona, il link potrebbe essere stato copiato male.",
  ],
  expired: [
    'Questo link è scaduto',
    'I link delle nostre email valgono per un tempo limitato. Se serve ancora qualcosa da lei, riceverà una nuova email.',
  ],
  closed: [
    'Questa richiesta è superata',
    'La pratica non attende più questa risposta, quindi il link non può più essere usato. Non serve altro da parte sua.',
  ],
  superseded: [
    'Una email più recente contiene questo link',
    "Le abbiamo inviato di nuovo questa richiesta in un'email più recente, con link nuovi; questo non funziona più. La preghiamo di usare i link dell'email più recente.",
  ],
  decided: (by: string, what: string, at: string) => [
    'Risposta già data',
    `A questa richiesta è già stato risposto: ${by} ha scelto "${what}" il ${at}. Conta solo la prima risposta.`,
  ],
  roles: { patient: 'il paziente', office: "l'ufficio", system: 'il sistema' },
  done: ['Grazie', 'La sua risposta è stata registrata. Può chiudere questa pagina.'],
  problem: 'Corregga e riprovi:',
  decisions: {
    complete: [
      'Documentazione completa',
      'Confermi che la documentazione è completa e corretta. Il paziente riceve poi i dati per il pagamento.',
      'Conferma: completa',
    ],
    request_documents: [
      'Richiedi documenti',
      'Elenchi cosa deve ancora inviare il paziente (uno per riga). Il paziente riceve l’elenco.',
      'Invia la richiesta',
    ],
    reject: [
      'Rifiuta la richiesta',
      "La richiesta non prosegue e il paziente viene avvisato; nulla viene addebitato. Il motivo resta all'ufficio.",
      'Conferma il rifiuto',
    ],
    confirm_payment: [
      'Pagamento ricevuto',
      'Confermi che il bonifico con questa causale è arrivato. La pratica passa poi a uno specialista.',
      'Conferma pagamento ricevuto',
    ],
    assign: ['Assegna lo specialista', 'Confermi questo specialista per la pratica.', 'Assegna'],
    release: [
      'Carica e rilascia la relazione',
      'Scelga la relazione (PDF). Viene caricata, controllata e rilasciata al paziente alla conferma.',
      'Rilascia la relazione',
    ],
    request_additional: [
      'Richiedi un approfondimento',
      'Al paziente viene chiesto di approvarlo con il suo prezzo prima di svolgerlo. Il tempo della relazione è sospeso.',
      'Chiedi al paziente',
    ],
    approve: ["Approva l'approfondimento", "Lei accetta l'approfondimento e il suo prezzo.", 'Approvo'],
    decline: ["Rifiuta l'approfondimento", 'Lo specialista scrive la relazione senza di esso.', 'Rifiuto'],
    reassign: [
      'Affidare la relazione a un altro specialista',
      'La pratica passa a questo specialista, che mantiene la scadenza con almeno 2 giorni lavorativi; se cambia, il paziente viene avvisato.',
      'Riassegna',
    ],
    extend: [
      'Prorogare la scadenza',
      'Una sola volta: la relazione scade più tardi dei giorni lavorativi scelti, e al paziente vengono comunicati la nuova data e il motivo scelto.',
      'Proroga',
    ],
    reopen: [
      'Riaprire per il pagamento',
      'La richiesta è stata chiusa perché il pagamento non è arrivato in tempo. La riapra se il bonifico è arrivato in ritardo: la pratica prosegue.',
      'Riapri',
    ],
    view: ['La pratica', 'Quanto sappiamo della pratica.', ''],
    documents: ['Documenti della pratica', 'I documenti della pratica. Ogni link vale pochi minuti.', ''],
  },
  documentsToList: 'Documenti che il paziente deve inviare',
  reason: 'Motivo',
  reasonForPatient: 'Motivo (lo legge il paziente)',
  workingDays: 'Di quanti giorni lavorativi',
  extensionReason: 'Perché (viene detto al paziente)',
  consultation: 'Approfondimento',
  candidate: 'Specialista',
  file: 'Relazione (PDF)',
  uploading: 'Caricamento…',
  uploadFailed: 'Il caricamento non è riuscito. Riprovi.',
  proposed: 'Approfondimento proposto',
  /** I link dell'ufficio: un accredito da decidere, un rimborso da registrare, un pagamento tardivo da rimborsare. */
  office: {
    titles: {
      exception: 'Un bonifico da verificare',
      refund: 'Un rimborso da effettuare',
      withdraw: 'Rimborsare il pagamento tardivo',
    },
    intros: {
      exception:
        "Questo accredito dell'estratto conto non corrisponde esattamente a un importo dovuto. Scelga che cosa farne.",
      refund:
        "Restituisca questo importo a chi l'ha pagato, poi registri qui il bonifico. Il paziente viene informato.",
      withdraw:
        "Il pagamento è arrivato dopo la scadenza della richiesta, che è stata riaperta. Se l'ospedale preferisce restituire il denaro, annulli qui la richiesta: seguirà un rimborso e il paziente verrà informato.",
    },
    why: 'Motivo',
    valueDate: 'Data valuta',
    payer: 'Ordinante',
    payerAccount: "Conto dell'ordinante",
    remittance: "Causale scritta dall'ordinante",
    resolutions: {
      accept: 'Accettare come pagato per intero',
      assign: 'Appartiene a questa richiesta',
      refund: "Rimborsarlo all'ordinante",
      dismiss: 'Lasciarlo così (gestito altrove)',
    },
    assignTo: 'Riferimento della pratica (per "Appartiene a questa richiesta")',
    bankReference: 'Riferimento bancario del rimborso (facoltativo)',
    buttons: { exception: 'Conferma', refund: 'Rimborso effettuato', withdraw: 'Annulla e rimborsa' },
    done: ['Registrato', 'Grazie: è stato registrato. Può chiudere questa pagina.'],
    used: ['Già fatto', 'È già stato deciso o registrato; conta solo la prima risposta.'],
  },
  problems: {
    resolution_invalid: 'La preghiamo di scegliere che cosa fare di questo pagamento.',
    reference_unknown: 'Nessuna richiesta ha questo riferimento. La preghiamo di controllarlo.',
    amount_invalid: "Indichi l'importo ricevuto in euro, per esempio 500,00.",
    value_date_invalid: 'Indichi la data valuta del bonifico (non nel futuro).',
    documents_required: 'Elenchi i documenti che il paziente deve inviare, uno per riga.',
    consultation_required: "Scelga l'approfondimento.",
    reason_required: 'Scriva il motivo che leggerà il paziente.',
    report_missing: 'La relazione non è arrivata. Scelga di nuovo il file.',
    report_size: 'Il file della relazione è vuoto o troppo grande.',
    report_pdf: 'La relazione deve essere un PDF leggibile, non protetto da password.',
    unknown: 'Qualcosa nel modulo non va. La preghiamo di controllarlo e riprovare.',
  },
};
