/**
 * The pages of action links: a confirmation page holding one form, the result of acting, and the
 * friendly refusals (unknown, expired, already decided, moved on). In the recipient's language.
 */

import type { Language } from '#domain/model.ts';
import { DOCUMENT_TYPE_LABELS, isDocumentType } from '#domain/taxonomy.ts';
import { additionalName, codes } from '#presentation/i18n.ts';
import type { ActResult, linkSummary } from '#usecases/action-links.ts';
import { html, type Raw } from './html.ts';
import { page, pageCsp } from './page.ts';

type Summary = Awaited<ReturnType<typeof linkSummary>>;

const T = {
  en: {
    reference: 'Case reference',
    types: 'Consultation types',
    documents: 'Documents',
    due: 'Due',
    amount: 'Amount',
    note: 'Note (optional)',
    unclassified: 'not yet classified',
    invalid: [
      'This link is not valid',
      'Please check that you opened the whole link from the email. If it still does not work, the link may have been mistyped.',
    ],
    expired: [
      'This link has expired',
      'Links in our emails work for a limited time. If something is still needed from you, you will receive a new email.',
    ],
    closed: [
      'This request has moved on',
      'The case is no longer waiting for this answer, so the link cannot be used any more. Nothing else is needed from you here.',
    ],
    decided: (by: string, what: string, at: string) => [
      'Already answered',
      `This request was already answered: ${by} chose "${what}" on ${at}. Only the first answer counts.`,
    ],
    done: ['Thank you', 'Your answer has been recorded. You can close this page.'],
    problem: 'Please correct this and try again:',
    decisions: {
      complete: [
        'Documentation complete',
        'Confirm that the documentation is complete and correct. The patient then receives the payment details.',
        'Confirm: complete',
      ],
      request_documents: [
        'Request documents',
        'List what the patient must still send (one per line). The patient receives the list.',
        'Send the request',
      ],
      reject: [
        'Reject the request',
        'The request will not go forward and the patient is told; nothing is charged. The reason is kept for the office.',
        'Confirm rejection',
      ],
      confirm_payment: [
        'Payment received',
        'Confirm that the bank transfer with this reference has arrived. The case then goes to a specialist.',
        'Confirm payment received',
      ],
      assign: ['Assign the specialist', 'Confirm this specialist for the case.', 'Assign'],
      release: [
        'Upload and release the report',
        'Choose the report (PDF). It is uploaded, checked, and released to the patient when you confirm.',
        'Release the report',
      ],
      request_additional: [
        'Request an additional consultation',
        'The patient is asked to approve it and its price before it is done. The report time is paused meanwhile.',
        'Ask the patient',
      ],
      approve: [
        'Approve the additional consultation',
        'You agree to the additional consultation and its price.',
        'I approve',
      ],
      decline: [
        'Decline the additional consultation',
        'The specialist writes the report without it.',
        'I decline',
      ],
      documents: ['Case documents', 'The documents of the case. Each link works for a few minutes.', ''],
    } as Record<string, [string, string, string]>,
    documentsToList: 'Documents the patient must send',
    reason: 'Reason',
    reasonForPatient: 'Reason (the patient reads it)',
    consultation: 'Consultation',
    candidate: 'Specialist',
    file: 'Report (PDF)',
    uploading: 'Uploading…',
    uploadFailed: 'The upload failed. Please try again.',
    proposed: 'Proposed consultation',
    problems: {
      documents_required: 'Please list the documents the patient must send, one per line.',
      consultation_required: 'Please choose the additional consultation.',
      reason_required: 'Please write the reason the patient will read.',
      report_missing: 'The report has not arrived. Please choose the file again.',
      report_size: 'The report file is empty or too large.',
      report_pdf: 'The report must be a readable PDF, not password-protected.',
    } as Record<string, string>,
  },
  it: {
    reference: 'Riferimento',
    types: 'Tipi di consulto',
    documents: 'Documenti',
    due: 'Scadenza',
    amount: 'Importo',
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
    decided: (by: string, what: string, at: string) => [
      'Risposta già data',
      `A questa richiesta è già stato risposto: ${by} ha scelto "${what}" il ${at}. Conta solo la prima risposta.`,
    ],
    done: ['Grazie', 'La sua risposta è stata registrata. Può chiudere questa pagina.'],
    problem: 'Corregga e riprovi:',
    decisions: {
      complete: [
        'Documentazione completa',
        'Conferma che la documentazione è completa e corretta. Il paziente riceve poi i dati per il pagamento.',
        'Conferma: completa',
      ],
      request_documents: [
        'Richiedi documenti',
        'Elenca cosa deve ancora inviare il paziente (uno per riga). Il paziente riceve l’elenco.',
        'Invia la richiesta',
      ],
      reject: [
        'Rifiuta la richiesta',
        "La richiesta non prosegue e il paziente viene avvisato; nulla viene addebitato. Il motivo resta all'ufficio.",
        'Conferma il rifiuto',
      ],
      confirm_payment: [
        'Pagamento ricevuto',
        'Conferma che il bonifico con questa causale è arrivato. La pratica passa poi a uno specialista.',
        'Conferma pagamento ricevuto',
      ],
      assign: ['Assegna lo specialista', 'Conferma questo specialista per la pratica.', 'Assegna'],
      release: [
        'Carica e rilascia la relazione',
        'Scegli la relazione (PDF). Viene caricata, controllata e rilasciata al paziente alla conferma.',
        'Rilascia la relazione',
      ],
      request_additional: [
        'Richiedi un approfondimento',
        'Al paziente viene chiesto di approvarlo con il suo prezzo prima di svolgerlo. Il tempo della relazione è sospeso.',
        'Chiedi al paziente',
      ],
      approve: ["Approva l'approfondimento", "Accetta l'approfondimento e il suo prezzo.", 'Approvo'],
      decline: ["Rifiuta l'approfondimento", 'Lo specialista scrive la relazione senza di esso.', 'Rifiuto'],
      documents: ['Documenti della pratica', 'I documenti della pratica. Ogni link vale pochi minuti.', ''],
    } as Record<string, [string, string, string]>,
    documentsToList: 'Documenti che il paziente deve inviare',
    reason: 'Motivo',
    reasonForPatient: 'Motivo (lo legge il paziente)',
    consultation: 'Approfondimento',
    candidate: 'Specialista',
    file: 'Relazione (PDF)',
    uploading: 'Caricamento…',
    uploadFailed: 'Il caricamento non è riuscito. Riprovi.',
    proposed: 'Approfondimento proposto',
    problems: {
      documents_required: 'Elenca i documenti che il paziente deve inviare, uno per riga.',
      consultation_required: "Scegli l'approfondimento.",
      reason_required: 'Scrivi il motivo che leggerà il paziente.',
      report_missing: 'La relazione non è arrivata. Scegli di nuovo il file.',
      report_size: 'Il file della relazione è vuoto o troppo grande.',
      report_pdf: 'La relazione deve essere un PDF leggibile, non protetto da password.',
    } as Record<string, string>,
  },
} as const;

/** A document type in the reader's words (the code itself when it is not one we know). */
function typeLabel(lang: Language, type: string | undefined): string | undefined {
  return type && isDocumentType(type) ? DOCUMENT_TYPE_LABELS[type][lang] : type;
}

function message(lang: Language, [title, body]: readonly string[]): string {
  return page({
    lang,
    title: title ?? '',
    body: html`<h1>${title}</h1><div class="card"><p>${body}</p></div>`,
  });
}

/** A refusal or the result of a POST, with its status code. */
export function resultPage(result: ActResult): { status: number; body: string } {
  switch (result.kind) {
    case 'invalid':
      return { status: 404, body: message('en', T.en.invalid) };
    case 'expired':
      return { status: 410, body: message(result.language, T[result.language].expired) };
    case 'closed':
      return { status: 410, body: message(result.language, T[result.language].closed) };
    case 'decided': {
      const t = T[result.language];
      const what = t.decisions[result.decision]?.[0] ?? result.decision;
      const at = result.at
        ? new Date(result.at).toLocaleString(result.language === 'it' ? 'it-IT' : 'en-GB', {
            timeZone: 'Europe/Rome',
          })
        : '';
      return { status: 409, body: message(result.language, t.decided(result.by, what, at)) };
    }
    case 'done':
      return { status: 200, body: message(result.language, T[result.language].done) };
  }
}

const UPLOAD_SCRIPT = `
const form = document.querySelector('form');
const file = document.getElementById('report');
const status = document.getElementById('status');
form.addEventListener('submit', async (e) => {
  if (form.reportId.value) return;
  e.preventDefault();
  const f = file.files[0];
  if (!f) return;
  status.textContent = form.dataset.uploading;
  try {
    const r = await fetch(location.pathname + '/uploads', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: f.name, contentType: 'application/pdf', sizeBytes: f.size }) });
    if (!r.ok) throw new Error(String(r.status));
    const { reportId, upload } = await r.json();
    const body = new FormData();
    for (const [k, v] of Object.entries(upload.fields)) body.append(k, v);
    body.append('file', f);
    // XMLHttpRequest, not fetch: it reports upload progress for the bar.
    const progress = document.getElementById('progress');
    progress.hidden = false;
    const ok = await new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', upload.url);
      xhr.upload.onprogress = (p) => { if (p.lengthComputable) progress.value = Math.round((p.loaded / p.total) * 100); };
      xhr.onload = () => resolve(xhr.status >= 200 && xhr.status < 300);
      xhr.onerror = () => resolve(false);
      xhr.send(body);
    });
    if (!ok) throw new Error('upload failed');
    form.reportId.value = reportId;
    form.submit();
  } catch {
    status.textContent = form.dataset.failed;
  }
});`;

function problemText(lang: Language, problem: { code: string; message: string }): string {
  const problems = T[lang].problems;
  const code = /^report_(not_pdf|encrypted|corrupt|too_many_pages|empty|too_large)$/.test(problem.code)
    ? 'report_pdf'
    : problem.code;
  return problems[code] ?? problem.message;
}

/** The CSP of a confirmation page: the shared policy, letting in the upload script where the page has it. */
export function confirmPageCsp(decision: string): string {
  return pageCsp(decision === 'release' ? UPLOAD_SCRIPT : undefined);
}

/** The confirmation page of an open link: what is asked, a short summary, one form. */
export function confirmPage(
  lang: Language,
  decision: string,
  summary: Summary,
  extra: {
    candidate?: string;
    prices?: Record<string, number>;
    downloads?: { fileName: string; url: string; documentType?: string }[];
    /** A problem with the last POST: its code (shown in the page's language) and its message. */
    problem?: { code: string; message: string };
  },
): string {
  const t = T[lang];
  const [title, intro, button] = t.decisions[decision] ?? [decision, '', 'OK'];
  const facts: [string, string][] = [
    [t.reference, summary.reference],
    [t.types, summary.consultationTypes.map((c) => codes(lang).consultationTypes[c] ?? c).join(', ')],
    [t.due, summary.dueAt],
  ];
  if (summary.amount && decision === 'confirm_payment') facts.push([t.amount, `EUR ${summary.amount}`]);
  if (extra.candidate) facts.push([t.candidate, extra.candidate]);
  const docs = summary.documents.length
    ? html`<h2>${t.documents}</h2><ul>${summary.documents.map((d) => html`<li>${d.fileName} <span class="muted">(${typeLabel(lang, d.documentType) ?? t.unclassified})</span></li>`)}</ul>`
    : '';
  const additional =
    summary.additional && (decision === 'approve' || decision === 'decline')
      ? html`<div class="card"><h2>${t.proposed}</h2><p><strong>${additionalName(summary.additional.consultation, lang)}</strong> – EUR ${summary.additional.amount}</p><p>${t.reason}: ${summary.additional.reason}</p></div>`
      : '';
  let fields: Raw | string = '';
  let script: string | undefined;
  switch (decision) {
    case 'request_documents':
      fields = html`<label for="documents">${t.documentsToList}</label><textarea id="documents" name="documents" rows="6" required></textarea>`;
      break;
    case 'reject':
      fields = html`<label for="reason">${t.reason}</label><textarea id="reason" name="reason" rows="3"></textarea>`;
      break;
    case 'request_additional':
      fields = html`<label for="consultation">${t.consultation}</label><select id="consultation" name="consultation" required>${Object.entries(extra.prices ?? {}).map(([k, cents]) => html`<option value="${k}">${additionalName(k, lang)} (EUR ${(cents / 100).toFixed(2)})</option>`)}</select>
<label for="reason">${t.reasonForPatient}</label><textarea id="reason" name="reason" rows="4" required></textarea>`;
      break;
    case 'release':
      fields = html`<label for="report">${t.file}</label><input id="report" type="file" accept="application/pdf" required><input type="hidden" name="reportId" value=""><progress id="progress" max="100" value="0" aria-labelledby="status" hidden></progress><p id="status" class="muted" role="status"></p>`;
      script = UPLOAD_SCRIPT;
      break;
  }
  const form =
    decision === 'documents'
      ? html`<ul>${(extra.downloads ?? []).map((d) => html`<li><a href="${d.url}">${d.fileName}</a> <span class="muted">(${typeLabel(lang, d.documentType) ?? t.unclassified})</span></li>`)}</ul>`
      : html`<form method="post" class="card" data-uploading="${t.uploading}" data-failed="${t.uploadFailed}">
${fields}
<label for="note">${t.note}</label><textarea id="note" name="note" rows="2"></textarea>
<p><button type="submit"${decision === 'reject' || decision === 'decline' ? html` class="danger"` : ''}>${button}</button></p>
</form>`;
  const body = html`<h1>${title}</h1>
${extra.problem ? html`<p class="error" role="alert">${t.problem} ${problemText(lang, extra.problem)}</p>` : ''}
<p>${intro}</p>
<div class="card"><table>${facts.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</table></div>
${additional}
${decision === 'documents' ? '' : docs}
${form}`;
  return page({ lang, title, body, ...(script ? { script } : {}) });
}
