/**
 * The case page's script (GET /case/{caseId}). The patient's token comes in the URL fragment,
 * which never reaches the server; the script keeps it in sessionStorage, loads GET /cases/{caseId}
 * and renders the case in the case's language (unless the visitor chose one with ?lang=): uploads
 * with progress (./case-uploads.ts), each document's state (./case-documents.ts), the checklist,
 * submit, the timeline, the payment details and the report download. It polls while anything is
 * moving. The state the modules share is in ./case-state.ts.
 */
import type { Language } from '#domain/model.ts';
import type { DocumentType } from '#domain/taxonomy.ts';
import { fill, megabytes } from '#presentation/formats.ts';
import type { CaseView, NextStep } from '#usecases/patient/views.ts';
import { nameCountries, renderCourier, wireCourier } from './case-courier.ts';
import { type DocumentActions, renderDocuments } from './case-documents.ts';
import { renderChecklist, renderPayment, renderTimeline } from './case-sections.ts';
import {
  alertMessage,
  announce,
  api,
  chosenLanguage,
  current,
  DATA,
  S,
  storedToken,
  tokenFromHash,
  type UiWord,
} from './case-state.ts';
import { type Replacing, startUploads, type UploadHooks, wireUploads } from './case-uploads.ts';
import { byId, type ErrorBody, h } from './dom.ts';
import { lookup } from './words.ts';

if (!tokenFromHash()) storedToken();

let pollTimer: ReturnType<typeof setTimeout> | undefined;
let loadFailed = false;

function setLanguage(next: Language): void {
  S.lang = next;
  S.D = DATA.words[next];
  const D = S.D;
  document.documentElement.lang = next;
  const other = next === 'en' ? 'it' : 'en';
  const sw = byId<HTMLAnchorElement>('switch');
  sw.textContent = D.ui.switchTo;
  sw.setAttribute('lang', other);
  sw.setAttribute('hreflang', other);
  sw.setAttribute('aria-label', D.ui.switchLabel);
  sw.href = `?lang=${other}`;
  byId<HTMLAnchorElement>('proxy-form').href = `/forms/proxy-authorization?lang=${next}`;
  document.title = D.ui.caseTitle;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]'))
    el.textContent = D.ui[el.dataset.t as UiWord];
  nameCountries(next);
}

const documentActions: DocumentActions = {
  remove: (button, documentId, fileName) => {
    if (!window.confirm(fill(S.D.ui.removeConfirm, { file: fileName }))) return;
    void action(button, 'DELETE', `/documents/${encodeURIComponent(documentId)}`, () =>
      announce(fill(S.D.ui.removed, { file: fileName })),
    );
  },
  replace: (documentId, fileName) => {
    replacing = { documentId, fileName };
    replaceInput.click();
  },
  relabel: (select, documentId, fileName, type) => void relabel(select, documentId, fileName, type),
  retry: (file) => void upload([file]),
  reload: () => void load(),
};
const drawDocuments = () => renderDocuments(documentActions);
const uploadHooks: UploadHooks = { render, renderDocuments: drawDocuments, load };
const upload = (files: File[]) => startUploads(files, uploadHooks);
/** The document the file being chosen will replace. */
let replacing: Replacing | undefined;
// Never shown: each file's "Replace" button opens its chooser, which takes what the upload's does.
const replaceInput = h('input', {
  type: 'file',
  hidden: true,
  multiple: true,
  accept: byId<HTMLInputElement>('files').accept,
});
document.body.append(replaceInput);
replaceInput.addEventListener('change', () => {
  const files = [...(replaceInput.files ?? [])];
  replaceInput.value = '';
  const target = replacing;
  replacing = undefined;
  if (target && files.length) void startUploads(files, uploadHooks, target);
});

async function relabel(
  select: HTMLSelectElement,
  documentId: string,
  fileName: string,
  type: DocumentType | null,
): Promise<void> {
  const D = S.D;
  select.disabled = true;
  try {
    const path = `/cases/${encodeURIComponent(S.caseId)}/documents/${encodeURIComponent(documentId)}/type`;
    const r = await api('PUT', path, { documentType: type });
    if (r.status === 200)
      announce(
        type
          ? fill(D.ui.relabelled, { file: fileName, type: D.documentTypes[type] })
          : fill(D.ui.relabelCleared, { file: fileName }),
      );
    else alertMessage(r.status >= 500 ? D.ui.errServer : fill(D.ui.relabelFailed, { file: fileName }));
  } catch {
    alertMessage(D.ui.errNetwork);
  }
  select.disabled = false;
  void load();
}

const CLOSED: readonly string[] = ['rejected', 'expired', 'cancelled'];
/** Stopped without its outcome: the office looks into it (never a raw error). */
const STOPPED: readonly string[] = ['failed', 'timed_out'];
const TERMINAL: readonly string[] = ['released', ...CLOSED, ...STOPPED];
const ASKED_FOR_DOCUMENTS: readonly string[] = ['documents_requested', 'more_documents_requested'];
const BUSY_STATES: readonly string[] = ['upload_pending', 'checking', 'reading'];

function render(): void {
  const v = current();
  if (!chosenLanguage && S.lang !== v.language) setLanguage(v.language);
  const { D, lang, local } = S;
  byId('loading').hidden = true;
  byId('case').hidden = false;
  byId('hello').textContent = fill(D.ui.hello, { name: v.patientFirstName });
  byId('reference').textContent = v.reference;
  const status = byId('status');
  status.textContent = D.statuses[v.status] || v.status;
  status.dataset.status = v.status;
  byId('next').textContent = STOPPED.includes(v.status)
    ? D.ui.officeLooking
    : CLOSED.includes(v.status)
      ? D.ui.caseClosed + (v.reason ? ` ${fill(D.ui.reason, { reason: D.caseReasons[v.reason] })}` : '')
      : D.next[v.next] || '';
  byId('requested-box').hidden = !(ASKED_FOR_DOCUMENTS.includes(v.status) && v.requestedDocuments.length);
  byId('requested').replaceChildren(...v.requestedDocuments.map((d) => h('li', {}, d)));
  // The card while a payment is awaited, and afterwards what was paid (and refunded).
  const showPayment = Boolean(v.ledger?.toPay || v.ledger?.paidCents);
  byId('payment-box').hidden = !showPayment;
  if (showPayment) renderPayment(v, D, lang, DATA.bank);
  byId('report-box').hidden = v.status !== 'released';
  renderCourier(v);
  const open = v.status === 'draft' || ASKED_FOR_DOCUMENTS.includes(v.status);
  byId('upload-box').hidden = !v.can.upload;
  byId('limits').textContent = fill(D.ui.limits, {
    files: v.limits.filesLeft,
    size: megabytes(v.limits.maxFileBytes, lang),
  });
  byId('documents-box').hidden = !v.documents.length && !local.size && !open;
  drawDocuments();
  byId('checklist-box').hidden = !open;
  if (open) renderChecklist(v, D);
  const uploading = [...local.values()].some((l) => l.state === 'uploading' || l.state === 'requesting');
  byId('submit-box').hidden = !open;
  byId<HTMLButtonElement>('submit').disabled = !v.can.submit || uploading;
  byId('submit-incomplete').hidden = !(v.can.submit && !v.checklist.complete);
  byId('timeline-box').hidden = !v.submittedAt;
  if (v.submittedAt) renderTimeline(v, D, lang);
  byId('cancel').hidden = !v.can.cancel;
}

function busy(): boolean {
  if (!S.view) return false;
  return (
    [...S.local.values()].some((l) => l.state !== 'upload_failed') ||
    S.view.documents.some((d) => BUSY_STATES.includes(d.state))
  );
}

async function load(): Promise<void> {
  clearTimeout(pollTimer);
  let r: { status: number; data: CaseView & ErrorBody } | null = null;
  try {
    r = await api<CaseView>('GET', `/cases/${encodeURIComponent(S.caseId)}`);
  } catch {
    if (!loadFailed) alertMessage(S.D.ui.errNetwork);
    loadFailed = true;
  }
  if (r && r.status === 200) {
    S.view = r.data;
    if (loadFailed) alertMessage('');
    loadFailed = false;
    for (const d of S.view.documents) {
      const l = S.local.get(d.documentId);
      if (l && l.state === 'sent' && d.state !== 'upload_pending') S.local.delete(d.documentId);
    }
    render();
  } else if (r && (r.status === 401 || r.status === 404 || r.status === 410)) {
    byId('loading').hidden = true;
    byId('case').hidden = true;
    byId('lost-link').hidden = false;
    alertMessage(r.status === 410 ? S.D.ui.linkExpired : S.D.ui.notFound);
    return;
  } else if (r && !loadFailed) {
    loadFailed = true;
    alertMessage(S.D.ui.errServer);
  }
  const terminal = S.view && TERMINAL.includes(S.view.status);
  if (!terminal) pollTimer = setTimeout(load, busy() ? 1500 : 10000);
}

wireUploads((files) => void upload(files));

/** Refusals of submit that tell the patient what to do next. */
const SUBMIT_REFUSALS = {
  documents_in_progress: 'wait_for_documents_check',
  no_documents: 'upload_documents',
} as const satisfies Record<string, NextStep>;

async function action<T>(
  button: HTMLButtonElement,
  method: string,
  path: string,
  onOk: (data: T) => void | Promise<void>,
): Promise<void> {
  const D = S.D;
  button.disabled = true;
  alertMessage('');
  try {
    const r = await api<T>(method, `/cases/${encodeURIComponent(S.caseId)}${path}`);
    const code = r.data.error?.code;
    const next = lookup(SUBMIT_REFUSALS, code);
    if (r.status >= 200 && r.status < 300) await onOk(r.data);
    else if (r.status === 401 || r.status === 404) alertMessage(D.ui.notFound);
    else if (code === 'already_submitted') announce(D.ui.submitted);
    else alertMessage(r.status >= 500 ? D.ui.errServer : (next && D.next[next]) || D.ui.errServer);
  } catch {
    alertMessage(D.ui.errNetwork);
  }
  button.disabled = false;
  void load();
}

const submit = byId<HTMLButtonElement>('submit');
submit.addEventListener('click', () => action(submit, 'POST', '/submit', () => announce(S.D.ui.submitted)));
const download = byId<HTMLButtonElement>('download');
download.addEventListener('click', async () => {
  // The tab opens now, while the click still counts as the person's: one opened when the API has
  // answered would be blocked as a pop-up. The case page stays where it is.
  const tab = window.open('', '_blank');
  let opened = false;
  await action<{ url?: string }>(download, 'GET', '/report', (data) => {
    if (!data.url) return;
    opened = true;
    if (!tab) location.assign(data.url);
    else {
      tab.opener = null;
      tab.location.href = data.url;
    }
  });
  if (!opened) tab?.close();
});

/** Copies a bank detail; where the browser cannot, selects it for the person to copy. */
async function copyValue(button: HTMLButtonElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(button.dataset.copy ?? '');
    button.textContent = S.D.ui.copied;
    announce(button.dataset.copied ?? S.D.ui.copied);
  } catch {
    const shown = button.previousElementSibling;
    if (shown) getSelection()?.selectAllChildren(shown);
  }
}

byId('payment-facts').addEventListener('click', async (e) => {
  const copy = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-copy]');
  if (copy) return copyValue(copy);
  // A receipt: the PDF comes with the patient's token, then is saved under its own name.
  const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-receipt]');
  if (!button) return;
  button.disabled = true;
  try {
    const res = await fetch(`/cases/${S.caseId}/payments/${button.dataset.receipt}/receipt`, {
      headers: { authorization: `Bearer ${S.token}` },
    });
    if (!res.ok) throw new Error(String(res.status));
    const name =
      /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'receipt.pdf';
    const a = h('a', { href: URL.createObjectURL(await res.blob()), download: name });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch {
    alertMessage(S.D.ui.errNetwork);
  }
  button.disabled = false;
});
const treatment = byId<HTMLButtonElement>('treatment');
treatment.addEventListener('click', () =>
  action(treatment, 'POST', '/treatment-request', () => {
    const done = byId('treatment-done');
    done.hidden = false;
    done.textContent = S.D.ui.treatmentDone;
  }),
);
wireCourier(load);
const cancel = byId<HTMLButtonElement>('cancel');
cancel.addEventListener('click', () => {
  if (window.confirm(S.D.ui.cancelConfirm))
    void action(cancel, 'POST', '/cancel', () => announce(S.D.ui.cancelled));
});

// A link pasted into this tab changes only the fragment: the page opens the case with its token.
window.addEventListener('hashchange', () => {
  if (!tokenFromHash()) return;
  S.view = null;
  S.local.clear();
  byId('lost-link').hidden = true;
  byId('loading').hidden = false;
  alertMessage('');
  void load();
});

setLanguage(S.lang);
if (S.token) void load();
else {
  byId('loading').hidden = true;
  byId('lost-link').hidden = false;
  alertMessage(S.D.ui.noToken);
}
