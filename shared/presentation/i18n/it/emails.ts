/** Le email del servizio, in italiano (registro formale, "Lei"): vedi en/emails.ts. */
import type { CodeFormats, EmailAction, EmailTemplate, Formats, Site } from '#presentation/emails/content.ts';
import type { WaitingOn } from '#usecases/notices.ts';
import type { emails as en } from '../en/emails.ts';

const caseLink = (url: string): EmailAction => ({ label: 'Apra la pagina della richiesta', url });
/** What a bank transfer needs, in the order a banking app asks for it. */
const transferFacts = (v: { amountCents: number; paymentReference: string }, f: Formats, site: Site) => [
  { label: 'Importo', value: f.money(v.amountCents) },
  { label: 'Beneficiario', value: site.bank.beneficiary },
  { label: 'IBAN', value: f.groups(site.bank.iban) },
  { label: 'BIC', value: site.bank.bic },
  { label: 'Causale (riferimento)', value: f.groups(v.paymentReference) },
];
const reportActions = (v: {
  documentsUrl: string;
  releaseUrl: string;
  additionalUrl: string;
  moreDocumentsUrl: string;
}) => [
  { label: 'Apra i documenti', url: v.documentsUrl },
  { label: 'Carichi e rilasci la relazione', url: v.releaseUrl },
  { label: 'Richieda un approfondimento', url: v.additionalUrl },
  { label: 'Chieda altri documenti al paziente', url: v.moreDocumentsUrl },
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
      ? `Lo specialista propone ${v.consultation.length} approfondimenti (${f.additional(v.consultation)}) che costano in tutto ${f.money(v.amountCents)}. Ciascuno viene svolto solo se Lei lo approva: il primo link apre una pagina con la motivazione dello specialista, dove può approvare o rifiutare ciascuno.`
      : `Lo specialista propone un approfondimento (${f.additional(v.consultation)}) che costa ${f.money(v.amountCents)}. Viene svolto solo se Lei lo approva. I link aprono una pagina con la motivazione dello specialista prima della conferma.`,
    'In attesa della Sua risposta, il tempo per la relazione è sospeso.',
  ],
  actions: [
    { label: 'Legga e approvi', url: v.approveUrl },
    { label: 'Legga e rifiuti', url: v.declineUrl },
  ],
});

export const emails: typeof en = {
  greeting: 'Gentile {name},',
  closing: 'Cordiali saluti,',
  team: 'Il servizio Second Opinion di {hospital}',
  contact: 'Domande? Risponda a questa email, oppure chiami il {phone} ({hours}). {address}',
  note: 'Messaggio inviato automaticamente. La preghiamo di non inoltrarlo: i link che contiene sono personali.',
  officeName: 'ufficio',
  secretariatName: 'segreteria',
};

export const case_created: EmailTemplate<'case_created'> = (v) => ({
  subject: `Abbiamo ricevuto la Sua richiesta ${v.reference}`,
  paragraphs: [
    `abbiamo ricevuto la Sua richiesta di secondo parere. Il riferimento è ${v.reference}.`,
    'Carichi i Suoi documenti clinici in formato PDF dalla Sua pagina personale, poi li invii. Un medico li controllerà entro 2 giorni lavorativi.',
  ],
  actions: [caseLink(v.caseUrl)],
});

export const documents_requested: EmailTemplate<'documents_requested'> = (v, f) => ({
  subject: `Documenti necessari per la richiesta ${v.reference}`,
  paragraphs: [
    'il medico che ha controllato i Suoi documenti ha bisogno di altro per proseguire. Li trova elencati nella pagina della richiesta.',
    `Carichi i file in PDF dalla pagina della richiesta e prema di nuovo "Invii i documenti al medico" entro il ${f.day(v.dueAt)}. Se non riceviamo nulla entro quella data, la richiesta verrà chiusa.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const documents_reminder: EmailTemplate<'documents_reminder'> = (v, f) => ({
  subject: `Promemoria: la Sua richiesta ${v.reference}`,
  paragraphs: [
    `Siamo ancora in attesa dei documenti richiesti per ${v.reference}. Li carichi e prema "Invii i documenti al medico" entro il ${f.day(v.dueAt)}, altrimenti la richiesta verrà chiusa.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const payment_details: EmailTemplate<'payment_details'> = (v, f, site) => ({
  subject: `Documentazione completa: pagamento per ${v.reference}`,
  paragraphs: [
    'un medico ha controllato i Suoi documenti: sono completi.',
    `Per proseguire, effettui un bonifico di ${f.money(v.amountCents)} entro il ${f.day(v.dueAt)}, indicando la causale esattamente come riportata. Lo specialista inizia quando il pagamento è arrivato; la relazione è pronta entro 5 giorni lavorativi da allora.`,
  ],
  facts: transferFacts(v, f, site),
  actions: [caseLink(v.caseUrl)],
});

// Issue 13, revisione istologica: parole dell'helper care.
export const histology_shipping: EmailTemplate<'histology_shipping'> = (v) => ({
  subject: `Invio dei vetrini per la revisione istologica: ${v.reference}`,
  paragraphs: [
    "La ringraziamo per aver approvato la revisione istologica. La nostra Anatomia Patologica rileggerà i Suoi vetrini: La preghiamo di chiedere al laboratorio che li conserva (o all'ospedale dove è stata eseguita la biopsia o l'intervento) di spedirli all'indirizzo qui sotto.",
    'Cosa inviare: i vetrini colorati e i blocchetti in paraffina del campione, con una copia del referto istologico originale.',
    `Come etichettare il pacco: scriva il riferimento ${v.reference} sul pacco e sulla lettera di accompagnamento, con il nome del paziente. La preghiamo di non scrivere alcuna diagnosi all'esterno.`,
    'Il tempo per la relazione è sospeso fino alla conclusione della revisione; al termine i vetrini vengono restituiti.',
  ],
  facts: [
    { label: 'Indirizzo di spedizione', value: v.address },
    { label: 'Riferimento', value: v.reference },
  ],
  actions: [caseLink(v.caseUrl)],
});

export const additional_payment_details: EmailTemplate<'additional_payment_details', 'additional'> = (
  v,
  f,
  site,
) => ({
  subject: `Pagamento dell'approfondimento: ${v.reference}`,
  paragraphs: [
    `La ringraziamo per aver approvato l'approfondimento (${f.additional(v.consultation)}).`,
    `La preghiamo di pagare ${f.money(v.amountCents)} con bonifico bancario entro il ${f.day(v.dueAt)}, indicando questo riferimento di pagamento esattamente come riportato (non è quello del primo pagamento). Lo specialista svolge l'approfondimento quando il pagamento è arrivato; fino ad allora il tempo per la relazione è sospeso.`,
  ],
  facts: transferFacts(v, f, site),
  actions: [caseLink(v.caseUrl)],
});

export const additional_payment_reminder: EmailTemplate<'additional_payment_reminder', 'additional'> = (
  v,
  f,
) => ({
  subject: `Promemoria: pagamento dell'approfondimento per ${v.reference}`,
  paragraphs: [
    `Non abbiamo ancora ricevuto ${f.money(v.amountCents)} per l'approfondimento (${f.additional(v.consultation)}), riferimento di pagamento ${f.groups(v.paymentReference)}. I dati sono nella pagina della Sua richiesta. Se non arriva entro il ${f.day(v.dueAt)}, lo specialista completa la relazione senza.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const refund_done: EmailTemplate<'refund_done'> = (v, f) => ({
  subject: `Rimborso inviato: ${v.reference}`,
  paragraphs: [
    `Abbiamo restituito ${f.money(v.amountCents)} sul conto da cui era partito il pagamento. Di solito la banca lo accredita in 1-3 giorni lavorativi.`,
  ],
});

export const case_withdrawn: EmailTemplate<'case_withdrawn'> = (v, f) => ({
  subject: `La Sua richiesta ${v.reference} è annullata`,
  paragraphs: [
    {
      cancelled: 'Come concordato con il nostro ufficio, la richiesta è annullata.',
      late_payment:
        'Il Suo pagamento è arrivato dopo la scadenza della richiesta: non possiamo darle seguito, quindi è annullata.',
      failed: 'Ci scusiamo: non siamo riusciti a completare la Sua richiesta, che è quindi annullata.',
    }[v.reason],
    ...(v.amountCents > 0
      ? [
          `Restituiremo ${f.money(v.amountCents)} sul conto da cui ha pagato e Le scriveremo quando sarà fatto.`,
        ]
      : []),
  ],
});

export const payment_exception: EmailTemplate<'payment_exception', 'exceptionKind'> = (v, f) => ({
  subject: `Pagamento da verificare: ${v.reference ?? 'senza riferimento'}`,
  paragraphs: [
    `Un bonifico di ${f.money(v.amountCents)} (valuta ${f.day(`${v.valueDate}T12:00:00Z`)}) richiede una decisione: ${f.exceptionKind(v.kind)}.`,
    "Il link mostra la riga dell'estratto conto e cosa può farne. Agisce una sola volta.",
  ],
  actions: [{ label: 'Decida', url: v.resolveUrl }],
});

export const statement_imported: EmailTemplate<'statement_imported'> = (v) => ({
  subject: `Estratto conto importato: ${v.file}`,
  paragraphs: v.alreadyImported
    ? ['Questo file era già stato importato: non è stato rifatto nulla.']
    : [
        `Accrediti letti: ${v.credits}. Hanno pagato un importo dovuto: ${v.paid}; hanno riaperto una richiesta scaduta: ${v.reopened}; corrispondono a un pagamento registrato a mano: ${v.reconciled}; richiedono una decisione: ${v.exceptions} (ciascuno con un'email a parte).`,
        ...(v.alreadyRecorded || v.otherAccount || v.skipped
          ? [
              `Non considerati: ${v.alreadyRecorded} accrediti già importati da un file precedente, ${v.otherAccount} accrediti su un altro conto e ${v.skipped} righe che non sono accrediti in euro.`,
            ]
          : []),
      ],
});

export const statement_refused: EmailTemplate<'statement_refused'> = (v) => ({
  subject: `Estratto conto non importato: ${v.file}`,
  paragraphs: [
    v.reason === 'too_large'
      ? 'Il file supera la dimensione massima di un estratto conto (20 MB): non è stato letto.'
      : 'Il file non è un estratto conto camt.053 leggibile: non è stato importato.',
    "Non è stato registrato nulla. Chieda alla banca l'estratto conto in formato camt.053 (XML) e lo carichi di nuovo.",
  ],
});

export const refund_due: EmailTemplate<'refund_due', 'refundReason'> = (v, f) => ({
  subject: `Rimborso da effettuare: ${v.reference ?? 'senza riferimento'}`,
  paragraphs: [
    `${f.money(v.amountCents)} vanno restituiti a chi li ha pagati: ${f.refundReason(v.reason)}.`,
    'Il link mostra chi ha pagato e da quale conto. Quando il bonifico è fatto, lo registri lì: il paziente viene avvisato.',
  ],
  actions: [{ label: 'Registri il rimborso', url: v.refundUrl }],
});

export const late_payment_reopened: EmailTemplate<'late_payment_reopened'> = (v, f) => ({
  subject: `Pagamento in ritardo, richiesta riaperta: ${v.reference}`,
  paragraphs: [
    `${f.money(v.amountCents)} sono arrivati per ${v.reference} dopo la scadenza. La richiesta è riaperta e prosegue verso uno specialista.`,
    'Se non deve proseguire, rimborsi invece: la richiesta viene annullata e il paziente avvisato.',
  ],
  actions: [
    { label: 'Apra la pratica', url: v.viewUrl },
    { label: 'Rimborsi invece', url: v.refundUrl },
  ],
});

export const payment_reminder: EmailTemplate<'payment_reminder'> = (v, f) => ({
  subject: `Promemoria: la Sua richiesta ${v.reference}`,
  paragraphs: [
    `Non abbiamo ancora ricevuto il pagamento per ${v.reference}. I dati per il bonifico sono nella nostra email precedente e nella pagina della richiesta. Senza pagamento entro il ${f.day(v.dueAt)} la richiesta verrà chiusa.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const payment_received: EmailTemplate<'payment_received'> = (v) => ({
  subject: `Pagamento ricevuto: ${v.reference}`,
  paragraphs: [
    'abbiamo ricevuto il Suo pagamento, grazie. La richiesta passa ora allo specialista più adatto.',
  ],
});

export const specialist_assigned: EmailTemplate<'specialist_assigned'> = (v) => ({
  subject: `Uno specialista sta lavorando a ${v.reference}`,
  paragraphs: [
    'uno specialista è stato assegnato e sta leggendo i Suoi documenti. Le scriveremo quando la relazione sarà pronta.',
  ],
});

export const additional_approval: EmailTemplate<'additional_approval', 'additional'> = (v, f) => ({
  subject: `Serve la Sua approvazione: ${v.reference}`,
  ...approval(v, f),
});

export const approval_reminder: EmailTemplate<'approval_reminder', 'additional'> = (v, f) => ({
  subject: `Promemoria: serve la Sua approvazione per ${v.reference}`,
  ...approval(v, f),
});

export const report_ready: EmailTemplate<'report_ready'> = (v) => ({
  subject: `La Sua relazione è pronta: ${v.reference}`,
  paragraphs: [
    'lo specialista ha rilasciato la relazione di secondo parere. Può scaricarla dalla pagina della richiesta.',
    ...(v.courier
      ? ['Una copia stampata Le verrà inviata anche tramite corriere all’indirizzo indicato.']
      : []),
    'Se desidera ricevere le cure presso l’ospedale, può chiederlo dalla stessa pagina.',
    'Per ulteriori domande dopo questa relazione è necessario richiedere un ulteriore secondo parere: entro 12 mesi può essere un aggiornamento di questo, e il pulsante qui sotto avvia la richiesta con questo riferimento già indicato.',
  ],
  actions: [caseLink(v.caseUrl), { label: 'Richieda un ulteriore secondo parere', url: v.updateUrl }],
});

export const case_rejected: EmailTemplate<'case_rejected'> = (v) => ({
  subject: `Riguardo alla Sua richiesta ${v.reference}`,
  paragraphs: [
    'dopo aver controllato i documenti, i nostri medici non possono proseguire con la richiesta di secondo parere a distanza. Non Le è stato addebitato nulla.',
    'Il nostro ufficio La contatterà per spiegarLe il motivo e cosa può fare.',
  ],
});

export const case_expired: EmailTemplate<'case_expired'> = (v) => ({
  subject: `La Sua richiesta ${v.reference} è stata chiusa`,
  paragraphs: [
    'non abbiamo ricevuto risposta in tempo, quindi la richiesta è stata chiusa. Può inviare una nuova richiesta in qualsiasi momento.',
  ],
});

export const case_cancelled: EmailTemplate<'case_cancelled'> = (v) => ({
  subject: `La Sua richiesta ${v.reference} è annullata`,
  paragraphs: ['come richiesto, la richiesta è annullata. Non Le è stato addebitato nulla.'],
});

export const triage_request: EmailTemplate<'triage_request'> = (v, f) => ({
  subject: `Triage richiesto: ${v.reference}`,
  paragraphs: [
    `Una nuova richiesta attende il controllo dei documenti entro ${f.time(v.dueAt)}. Ogni link apre una pagina di conferma.`,
  ],
  actions: [
    { label: 'Documentazione completa', url: v.completeUrl },
    { label: 'Richieda documenti', url: v.requestUrl },
    { label: 'Rifiuti la richiesta', url: v.rejectUrl },
  ],
});

export const payment_confirmation_request: EmailTemplate<'payment_confirmation_request', 'additional'> = (
  v,
  f,
) => ({
  subject: `Pagamento atteso: ${v.reference}`,
  paragraphs: [
    `Quando arriva il bonifico di ${f.money(v.amountCents)} con causale ${f.groups(v.paymentReference)}, lo confermi con il link.`,
    ...(v.consultation ? [`Paga l'approfondimento (${f.additional(v.consultation)}).`] : []),
    'Un estratto conto importato con questo bonifico lo conferma senza il Suo intervento.',
  ],
  actions: [{ label: 'Pagamento ricevuto', url: v.confirmUrl }],
});

export const assignment_candidates: EmailTemplate<'assignment_candidates', 'candidate'> = (v, f) => ({
  subject: `Scelga lo specialista: ${v.reference}`,
  paragraphs: ['Il caso è pagato. Candidati, dal più adatto (tipo di consulto, lingua, casi aperti):'],
  actions: v.candidates.map((c) => ({ label: f.candidate(c), url: c.url })),
});

export const more_documents_requested: EmailTemplate<'more_documents_requested'> = (v, f) => ({
  subject: `Servono altri documenti per ${v.reference}`,
  paragraphs: [
    'lo specialista che scrive la Sua relazione ha bisogno di altri documenti. Li trova elencati nella pagina della richiesta.',
    `La preghiamo di caricarli dalla pagina della richiesta e di premere "Invii i documenti al medico" entro il ${f.day(v.dueAt)}. Il tempo per la relazione è sospeso fino ad allora; se non arriva nulla, lo specialista prosegue con quanto ha.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const triage_delayed: EmailTemplate<'triage_delayed'> = (v, f) => ({
  subject: `La Sua richiesta ${v.reference}: un breve ritardo`,
  paragraphs: [
    'ci scusiamo: il controllo dei Suoi documenti richiede più dei 2 giorni lavorativi previsti.',
    `Avrà nostre notizie entro il ${f.day(v.newDate)}. Non deve fare nulla.`,
  ],
});

export const report_delayed: EmailTemplate<'report_delayed'> = (v, f) => ({
  subject: `La Sua relazione ${v.reference}: un breve ritardo`,
  paragraphs: [
    'ci scusiamo: la Sua relazione richiede più tempo del previsto.',
    `Ora la prevediamo entro il ${f.day(v.newDate)}. Non deve fare nulla.`,
  ],
});

export const report_extended: EmailTemplate<'report_extended', 'extensionReason'> = (v, f) => ({
  subject: `La Sua relazione ${v.reference}: una nuova data`,
  paragraphs: [
    `ci scusiamo: la Sua relazione richiede più tempo perché ${f.extensionReason(v.reason)}.`,
    `Ora la prevediamo entro il ${f.day(v.newDate)}. Non deve fare nulla.`,
  ],
});

export const triage_escalation: EmailTemplate<'triage_escalation'> = (v, f) => ({
  subject: `Triage scaduto: ${v.reference}`,
  paragraphs: [
    `Nessuno ha ancora deciso il triage di ${v.reference}, previsto entro ${f.time(v.dueAt)}. Come responsabile può decidere Lei: ogni link apre la pratica e chiede conferma.`,
  ],
  actions: [
    { label: 'Documentazione completa', url: v.completeUrl },
    { label: 'Richieda documenti', url: v.requestUrl },
    { label: 'Rifiuti la richiesta', url: v.rejectUrl },
  ],
});

export const payment_expired: EmailTemplate<'payment_expired'> = (v) => ({
  subject: `Pagamento non ricevuto, richiesta chiusa: ${v.reference}`,
  paragraphs: [
    `Il pagamento per ${v.reference} non è arrivato in tempo e la richiesta è stata chiusa; il paziente è stato avvisato.`,
    'Se il bonifico arriva in ritardo, riapra la richiesta: la pratica prosegue.',
  ],
  actions: [
    { label: 'Riapra per il pagamento', url: v.reopenUrl },
    { label: 'Apra la pratica', url: v.viewUrl },
  ],
});

export const assignment_escalation: EmailTemplate<'assignment_escalation', 'candidate'> = (v, f) => ({
  subject: `Specialista non ancora scelto: ${v.reference}`,
  paragraphs: [
    `${v.reference} è pagato e non ha ancora uno specialista (previsto entro ${f.time(v.dueAt)}). Come responsabile può sceglierlo Lei:`,
  ],
  actions: v.candidates.map((c) => ({ label: f.candidate(c), url: c.url })),
});

export const report_task: EmailTemplate<'report_task', 'reportNote'> = (v, f) => ({
  subject: `Relazione richiesta: ${v.reference}`,
  paragraphs: [
    `La preghiamo di rilasciare la relazione di ${v.reference} entro ${f.time(v.dueAt)}.`,
    ...(v.note ? [f.reportNote(v.note, v.consultation)] : []),
  ],
  actions: reportActions(v),
});

export const report_reminder: EmailTemplate<'report_reminder'> = (v, f) => ({
  subject: `Relazione in scadenza: ${v.reference}`,
  paragraphs: [
    `La relazione di ${v.reference} scade ${f.time(v.dueAt)}. Questi link sostituiscono i precedenti.`,
  ],
  actions: reportActions(v),
});

export const report_escalation: EmailTemplate<'report_escalation', 'candidate'> = (v, f) => ({
  subject: `Relazione in ritardo: ${v.reference}`,
  paragraphs: [
    `La relazione di ${v.reference}, assegnata a ${v.specialistName}, era prevista entro ${f.time(v.dueAt)} e non è stata rilasciata.`,
    'Può affidarla a un altro specialista (mantiene la scadenza, con almeno 2 giorni lavorativi) o prorogarla una volta; il paziente viene avvisato.',
  ],
  actions: [
    ...v.candidates.map((c) => ({ label: `Riassegni a ${f.candidate(c)}`, url: c.url })),
    { label: 'Proroghi la scadenza', url: v.extendUrl },
    { label: 'Apra i documenti', url: v.documentsUrl },
  ],
});

export const case_rejected_office: EmailTemplate<'case_rejected_office'> = (v) => ({
  subject: `Rifiutata al triage: ${v.reference}`,
  paragraphs: [
    `Il medico di triage ha rifiutato ${v.reference}. Al paziente è stato detto che il nostro ufficio si metterà in contatto per spiegare il motivo e le possibilità.`,
  ],
  actions: [{ label: 'Apra la pratica', url: v.viewUrl }],
});

export const case_stopped: EmailTemplate<'case_stopped', 'step' | 'caseReason'> = (v, f) => ({
  subject: `Pratica ferma: ${v.reference}`,
  paragraphs: [
    `${v.reference} si è fermata a ${f.step(v.step)}: ${f.caseReason(v.reason)}. Il paziente vede che il nostro ufficio se ne sta occupando.`,
    'Le operazioni possono riprenderla da dove si è fermata (npx so case resume).',
    ...(v.withdrawUrl
      ? [
          'È stata pagata: se non verrà ripresa, la annulli con il secondo link e il pagamento verrà rimborsato.',
        ]
      : []),
  ],
  actions: [
    { label: 'Apra la pratica', url: v.viewUrl },
    ...(v.withdrawUrl ? [{ label: 'Annulli e rimborsi', url: v.withdrawUrl }] : []),
  ],
});

export const treatment_request: EmailTemplate<'treatment_request', 'languageName'> = (v, f) => ({
  subject: `Richiesta di presa in carico: ${v.reference}`,
  paragraphs: [
    `Il paziente di ${v.reference}, di cui il medico ha scritto il secondo parere, chiede la presa in carico in ospedale. La preghiamo di mettersi in contatto:`,
    v.patientName,
    v.email,
    v.phone,
    `Lingua preferita: ${f.languageName(v.language)}`,
  ],
});

export const draft_reminder: EmailTemplate<'draft_reminder'> = (v, f) => ({
  subject: `Promemoria: la Sua richiesta ${v.reference} non è ancora stata inviata`,
  paragraphs: [
    "ha iniziato una richiesta di secondo parere ma non l'ha ancora inviata ai nostri medici.",
    `Carichi i Suoi documenti clinici in formato PDF dalla pagina della richiesta e prema "Invii i documenti al medico" entro il ${f.day(v.dueAt)}. Se non verrà inviata entro quella data, la richiesta sarà chiusa. Se non Le serve più, non deve fare nulla.`,
  ],
  actions: [caseLink(v.caseUrl)],
});

export const task_assigned: EmailTemplate<'task_assigned', 'task'> = (v, f) => ({
  subject: `Attività per ${v.reference}: ${f.task(v.task, v.consultation)}`,
  paragraphs: [
    `Per ${v.reference} Le chiediamo ${f.task(v.task, v.consultation)} entro ${f.time(v.dueAt)}.`,
    'Il link apre la pratica (con i documenti) e il modulo; funziona una sola volta.',
  ],
  actions: [{ label: "Apra l'attività", url: v.taskUrl }],
});

export const task_reminder: EmailTemplate<'task_reminder', 'task'> = (v, f) => ({
  subject: `${v.pastDue ? 'In ritardo' : 'In scadenza'}: ${f.task(v.task, v.consultation)} per ${v.reference}`,
  paragraphs: [
    v.pastDue
      ? `L'attività che Le abbiamo chiesto per ${v.reference}, ${f.task(v.task, v.consultation)}, aveva scadenza ${f.time(v.dueAt)}: La preghiamo di completarla appena possibile.`
      : `L'attività che Le abbiamo chiesto per ${v.reference}, ${f.task(v.task, v.consultation)}, scade ${f.time(v.dueAt)}.`,
    'Questo link vale quanto il precedente; conta quello che usa per primo.',
  ],
  actions: [{ label: "Apra l'attività", url: v.taskUrl }],
});

export const task_escalation: EmailTemplate<'task_escalation', 'task' | 'taskWho'> = (v, f) => ({
  subject: `Attività in ritardo: ${f.task(v.task, v.consultation)} per ${v.reference}`,
  paragraphs: [
    `L'attività per ${v.reference} chiesta a ${f.taskWho(v.assignee)}, ${f.task(v.task, v.consultation)}, aveva scadenza ${f.time(v.dueAt)} e non è completata. È stato inviato un promemoria; come responsabile può seguirla Lei.`,
  ],
  actions: [{ label: 'Apra la pratica', url: v.viewUrl }],
});

export const task_done: EmailTemplate<'task_done', 'task' | 'taskWho'> = (v, f) => ({
  subject: `Completata per ${v.reference}: ${f.task(v.task, v.consultation)}`,
  paragraphs: [
    `Per ${v.reference}, ${f.taskWho(v.by)} ha completato l'attività richiesta: ${f.task(v.task, v.consultation)}. La trova nella pagina della pratica.`,
  ],
  actions: [{ label: 'Apra la pratica', url: v.viewUrl }],
});

export const courier_shipped: EmailTemplate<'courier_shipped'> = (v) => ({
  subject: `La Sua relazione ${v.reference} è in viaggio`,
  paragraphs: ['Abbiamo spedito con corriere la copia stampata della Sua relazione.'],
  facts: [
    { label: 'Corriere', value: v.carrier },
    { label: 'Numero di spedizione', value: v.tracking },
  ],
  actions: [caseLink(v.caseUrl)],
});

export const case_link: EmailTemplate<'case_link'> = (v) => ({
  subject: `Il Suo link alla richiesta ${v.reference}`,
  paragraphs: [
    'ci ha chiesto di nuovo il link alla pagina della Sua richiesta: eccolo. I link delle nostre email precedenti non aprono più la pagina.',
    'Conservi questa email: il link è la chiave della Sua richiesta. Se non l’ha chiesto Lei, può ignorare questa email.',
  ],
  actions: [caseLink(v.caseUrl)],
});

export const daily_digest: EmailTemplate<'daily_digest', 'step' | 'caseReason'> = (v, f) => {
  const overdue = v.open.filter((c) => c.overdue).length;
  const who = (w: WaitingOn) =>
    w.kind === 'staff' ? w.name : w.kind === 'patient' ? 'il paziente' : "l'ufficio";
  return {
    subject: `Riepilogo del ${f.day(v.at)}: ${v.open.length} aperte, ${overdue} in ritardo, ${v.stopped.length} ferme`,
    paragraphs: [
      v.open.length
        ? 'Tutte le pratiche aperte, dalla scadenza più vicina. Ogni link apre la pratica.'
        : 'Nessuna pratica è aperta.',
      `Richieste non ancora inviate dal paziente: ${v.drafts.open}. Oggi ${v.drafts.reminded} sono state sollecitate e ${v.drafts.closed} chiuse senza invio.`,
    ],
    sections: [
      ...(v.open.length
        ? [
            {
              title: `Pratiche aperte (${v.open.length})`,
              items: v.open.map((c) => ({
                text: [
                  c.reference,
                  f.step(c.step),
                  c.dueAt
                    ? `scadenza ${f.time(c.dueAt)}`
                    : 'nessuna attesa aperta: verificare con npx so case show',
                  ...(c.overdue ? ['IN RITARDO'] : []),
                  ...(c.waitingOn.length ? [`in attesa di ${c.waitingOn.map(who).join(', ')}`] : []),
                ].join(' · '),
                url: c.url,
              })),
            },
          ]
        : []),
      ...(v.stopped.length
        ? [
            {
              title: `Ferme (${v.stopped.length}): le operazioni le riprendono con npx so case resume`,
              items: v.stopped.map((c) => ({
                text: [
                  c.reference,
                  `${c.status === 'failed' ? 'non riuscita' : 'scaduta'}${c.step ? `, fase: ${f.step(c.step)}` : ''}`,
                  ...(c.reason ? [f.caseReason(c.reason)] : []),
                  `dal ${f.time(c.since)}`,
                ].join(' · '),
                url: c.url,
              })),
            },
          ]
        : []),
    ],
  };
};
