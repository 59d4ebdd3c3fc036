/**
 * The case page's script (GET /case/{caseId}). The patient's token comes in the URL fragment,
 * which never reaches the server; the script keeps it in sessionStorage, loads GET /cases/{caseId}
 * and renders the case in the case's language (unless the visitor chose one with ?lang=): uploads
 * with progress, each document's state, the checklist, submit, the timeline, the payment details
 * and the report download. It polls while anything is moving.
 */
import type { Language } from '#domain/model.ts';
import { fill, megabytes } from '#presentation/formats.ts';
import type { CaseView, CreateUploadResponse, NextStep } from '#usecases/patient/views.ts';
import {
  documentState,
  type LocalUpload,
  type Row,
  renderChecklist,
  renderPayment,
  renderTimeline,
} from './case-sections.ts';
import { byId, type ErrorBody, h, postFile, readIsland } from './dom.ts';
import type { CaseIsland } from './islands.ts';
import { isPhoto, MAX_PHOTO_BYTES, MAX_PHOTOS, photosToPdf } from './photos.ts';
import { CASE_WORDS, type CaseWords, lookup } from './words.ts';

type UiWord = keyof CaseWords['ui'];

const DATA = readIsland<CaseIsland>('case-data');
const caseId = DATA.caseId;
const asked = new URLSearchParams(location.search).get('lang');
let lang: Language = asked === 'en' || asked === 'it' ? asked : DATA.lang;
let D = CASE_WORDS[lang];

const KEY = `so.token.${caseId}`;
let token: string | null = null;

/** The token of the URL fragment, kept for this tab and taken out of the address bar; true when there was one. */
function tokenFromHash(): boolean {
  const fromHash = /(?:^#|&)token=([A-Za-z0-9_-]{20,200})/.exec(location.hash);
  if (!fromHash?.[1]) return false;
  token = fromHash[1];
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // No storage (a private window): the token still works until the page is left.
  }
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}

if (!tokenFromHash()) {
  try {
    token = sessionStorage.getItem(KEY);
  } catch {
    // No storage: the page asks for the emailed link again.
  }
}

function alertMessage(text: string): void {
  const a = byId('alert');
  a.textContent = text;
  a.hidden = !text;
  if (text) a.focus();
}

/** Screen readers hear a change of the live region, so it is emptied first. */
function announce(text: string): void {
  const a = byId('announcer');
  a.textContent = '';
  setTimeout(() => {
    a.textContent = text;
  }, 50);
}

async function api<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: T & ErrorBody }> {
  const res = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = (await res.json().catch(() => ({}))) as T & ErrorBody;
  return { status: res.status, data };
}

let view: CaseView | null = null;
/** Uploads this page started: documentId (or a temporary id) -> the file and how far it got. */
const local = new Map<string, LocalUpload>();
/** The state last announced for each document, so a change is spoken once. */
const spoken = new Map<string, string>();
let pollTimer: ReturnType<typeof setTimeout> | undefined;
let loadFailed = false;

/** The case as last loaded; the uploads start only once there is one. */
function current(): CaseView {
  if (!view) throw new Error('the case is not loaded yet');
  return view;
}

function setLanguage(next: Language): void {
  lang = next;
  D = CASE_WORDS[lang];
  document.documentElement.lang = lang;
  const other = lang === 'en' ? 'it' : 'en';
  const sw = byId<HTMLAnchorElement>('switch');
  sw.textContent = D.ui.switchTo;
  sw.setAttribute('lang', other);
  sw.setAttribute('hreflang', other);
  sw.setAttribute('aria-label', D.ui.switchLabel);
  sw.href = `?lang=${other}`;
  document.title = D.ui.caseTitle;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]'))
    el.textContent = D.ui[el.dataset.t as UiWord];
}

function renderDocuments(): void {
  const v = current();
  const rows: Row[] = [];
  const known = new Set<string>();
  for (const doc of v.documents) {
    known.add(doc.documentId);
    rows.push(doc);
  }
  for (const [id, l] of local)
    if (!known.has(id)) rows.push({ documentId: id, fileName: l.fileName, pages: null });
  const list = byId('documents');
  if (!rows.length) {
    list.replaceChildren(h('li', { class: 'muted' }, D.ui.noDocuments));
    return;
  }
  list.replaceChildren(
    ...rows.map((doc) => {
      const s = documentState(doc, local.get(doc.documentId), v.documents, D);
      const l = local.get(doc.documentId);
      const previous = spoken.get(doc.documentId);
      if (previous !== undefined && previous !== s.text && s.kind !== 'busy')
        announce(`${doc.fileName}: ${s.text}`);
      if (s.kind !== 'busy' || previous === undefined) spoken.set(doc.documentId, s.text);
      return h(
        'li',
        {
          'data-document': doc.documentId,
          'data-state': l && l.state === 'uploading' ? 'uploading' : doc.state || 'uploading',
        },
        h('span', { class: 'doc-name' }, doc.fileName),
        doc.pages
          ? h(
              'span',
              { class: 'muted' },
              ` · ${doc.pages === 1 ? D.ui.pagesOne : fill(D.ui.pagesCount, { n: doc.pages })}`,
            )
          : null,
        l && l.state === 'uploading'
          ? h('progress', {
              max: 100,
              value: l.progress,
              'aria-label': fill(D.ui.progress, { file: doc.fileName }),
            })
          : null,
        h('span', { class: `state ${s.kind}` }, s.text),
        doc.removable
          ? h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': fill(D.ui.removeLabel, { file: doc.fileName }),
                onclick: (e: Event) => {
                  if (!window.confirm(fill(D.ui.removeConfirm, { file: doc.fileName }))) return;
                  void action(
                    e.currentTarget as HTMLButtonElement,
                    'DELETE',
                    `/documents/${encodeURIComponent(doc.documentId)}`,
                    () => announce(fill(D.ui.removed, { file: doc.fileName })),
                  );
                },
              },
              D.ui.remove,
            )
          : null,
        l && l.state === 'upload_failed'
          ? h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                onclick: () => {
                  local.delete(doc.documentId);
                  void startUploads([l.file]);
                },
              },
              D.ui.tryAgain,
            )
          : null,
      );
    }),
  );
}

const CLOSED: readonly string[] = ['rejected', 'expired', 'cancelled'];
/** Stopped without its outcome: the office looks into it (never a raw error). */
const STOPPED: readonly string[] = ['failed', 'timed_out'];
const TERMINAL: readonly string[] = ['released', ...CLOSED, ...STOPPED];
const ASKED_FOR_DOCUMENTS: readonly string[] = ['documents_requested', 'more_documents_requested'];
const BUSY_STATES: readonly string[] = ['upload_pending', 'checking', 'reading'];

function render(): void {
  const v = current();
  if (!asked && lang !== v.language) setLanguage(v.language);
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
  const open = v.status === 'draft' || ASKED_FOR_DOCUMENTS.includes(v.status);
  byId('upload-box').hidden = !v.can.upload;
  byId('limits').textContent = fill(D.ui.limits, {
    files: v.limits.filesLeft,
    size: megabytes(v.limits.maxFileBytes, lang),
  });
  byId('documents-box').hidden = !v.documents.length && !local.size && !open;
  renderDocuments();
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
  if (!view) return false;
  return (
    [...local.values()].some((l) => l.state !== 'upload_failed') ||
    view.documents.some((d) => BUSY_STATES.includes(d.state))
  );
}

async function load(): Promise<void> {
  clearTimeout(pollTimer);
  let r: { status: number; data: CaseView & ErrorBody } | null = null;
  try {
    r = await api<CaseView>('GET', `/cases/${encodeURIComponent(caseId)}`);
  } catch {
    if (!loadFailed) alertMessage(D.ui.errNetwork);
    loadFailed = true;
  }
  if (r && r.status === 200) {
    view = r.data;
    if (loadFailed) alertMessage('');
    loadFailed = false;
    for (const d of view.documents) {
      const l = local.get(d.documentId);
      if (l && l.state === 'sent' && d.state !== 'upload_pending') local.delete(d.documentId);
    }
    render();
  } else if (r && (r.status === 401 || r.status === 404 || r.status === 410)) {
    byId('loading').hidden = true;
    byId('case').hidden = true;
    byId('lost-link').hidden = false;
    alertMessage(r.status === 410 ? D.ui.linkExpired : D.ui.notFound);
    return;
  } else if (r && !loadFailed) {
    loadFailed = true;
    alertMessage(D.ui.errServer);
  }
  const terminal = view && TERMINAL.includes(view.status);
  if (!terminal) pollTimer = setTimeout(load, busy() ? 1500 : 10000);
}

/** The API's upload refusals, in the words of the page. */
const UPLOAD_ERRORS = {
  unsupported_media_type: 'notPdf',
  empty_file: 'emptyFile',
  file_too_large: 'tooBig',
  case_too_large: 'caseFull',
  too_many_files: 'tooMany',
  uploads_closed: 'caseClosed',
} as const satisfies Record<string, UiWord>;

function uploadProblems(messages: string[]): void {
  const box = byId('upload-errors');
  box.replaceChildren(...messages.map((m) => h('li', {}, m)));
  box.hidden = !messages.length;
}

function isPdf(file: File): boolean {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
}

/** Sends one file; the problem in words when it could not. */
async function uploadOne(file: File): Promise<string | null> {
  const temp = `local-${Math.random().toString(36).slice(2)}`;
  local.set(temp, { fileName: file.name, progress: 0, state: 'requesting', file });
  render();
  const r = await api<CreateUploadResponse>('POST', `/cases/${encodeURIComponent(caseId)}/uploads`, {
    fileName: file.name,
    contentType: 'application/pdf',
    sizeBytes: file.size,
  }).catch(() => null);
  local.delete(temp);
  if (r?.status !== 201) {
    const error = r?.data.error;
    const key: UiWord = lookup(UPLOAD_ERRORS, error?.code) ?? 'uploadError';
    render();
    const limits = current().limits;
    const details = error?.details as { bytesLeft?: number } | undefined;
    const left = details ? details.bytesLeft : limits.bytesLeft;
    return fill(D.ui[key], {
      file: file.name,
      size: megabytes(limits.maxFileBytes, lang),
      files: limits.filesLeft,
      left: megabytes(left || 0, lang),
    });
  }
  const entry: LocalUpload = { fileName: file.name, progress: 0, state: 'uploading', file };
  local.set(r.data.documentId, entry);
  render();
  let last = 0;
  const ok = await postFile(r.data.upload, file, (percent) => {
    entry.progress = Math.min(99, percent);
    if (entry.progress - last >= 5) {
      last = entry.progress;
      renderDocuments();
    }
  });
  entry.state = ok ? 'sent' : 'upload_failed';
  entry.progress = 100;
  if (!ok) announce(fill(D.ui.uploadError, { file: file.name }));
  return ok ? null : fill(D.ui.uploadError, { file: file.name });
}

async function startUploads(picked: File[]): Promise<void> {
  if (!view) return;
  let files = picked;
  const limits = view.limits;
  const problems: string[] = [];
  const accepted: File[] = [];
  const photos = files.filter((f) => !isPdf(f) && isPhoto(f));
  if (photos.length > MAX_PHOTOS) problems.push(fill(D.ui.tooManyPhotos, { n: MAX_PHOTOS }));
  else if (photos.length) {
    const usable = photos.filter((f) => {
      if (f.size > MAX_PHOTO_BYTES)
        problems.push(fill(D.ui.tooBig, { file: f.name, size: megabytes(MAX_PHOTO_BYTES, lang) }));
      return f.size > 0 && f.size <= MAX_PHOTO_BYTES;
    });
    announce(D.ui.preparingPhotos);
    const stamp = new Date().toISOString().slice(0, 16).replace(/\D/g, '');
    const made = await photosToPdf(usable, `${D.ui.photosFile}-${stamp}`);
    for (const name of made.unreadable) problems.push(fill(D.ui.photoUnreadable, { file: name }));
    if (made.file) files = [...files.filter((f) => !photos.includes(f)), made.file];
  }
  for (const f of files) {
    if (photos.includes(f)) continue;
    if (!isPdf(f)) problems.push(fill(D.ui.notPdf, { file: f.name }));
    else if (f.size === 0) problems.push(fill(D.ui.emptyFile, { file: f.name }));
    else if (f.size > limits.maxFileBytes)
      problems.push(fill(D.ui.tooBig, { file: f.name, size: megabytes(limits.maxFileBytes, lang) }));
    else accepted.push(f);
  }
  const room = limits.filesLeft;
  if (accepted.length > room) {
    problems.push(fill(D.ui.tooMany, { files: room }));
    accepted.length = room;
  }
  uploadProblems(problems);
  if (problems.length) byId('upload-errors').focus();
  const results: string[] = [];
  // Three at a time: quick on a good line, gentle on a phone's.
  const queue = [...accepted];
  await Promise.all(
    [0, 1, 2].map(async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const problem = await uploadOne(next);
        if (problem) results.push(problem);
      }
    }),
  );
  if (results.length) {
    uploadProblems([...problems, ...results]);
    byId('upload-errors').focus();
  }
  void load();
}

const input = byId<HTMLInputElement>('files');
input.addEventListener('change', () => {
  const files = [...(input.files ?? [])];
  input.value = '';
  void startUploads(files);
});
const drop = byId('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  void startUploads([...(e.dataTransfer ? e.dataTransfer.files : [])]);
});

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
  button.disabled = true;
  alertMessage('');
  try {
    const r = await api<T>(method, `/cases/${encodeURIComponent(caseId)}${path}`);
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
submit.addEventListener('click', () => action(submit, 'POST', '/submit', () => announce(D.ui.submitted)));
const download = byId<HTMLButtonElement>('download');
download.addEventListener('click', () =>
  action<{ url?: string }>(download, 'GET', '/report', (data) => {
    if (data.url) location.assign(data.url);
  }),
);
// A receipt: the PDF comes with the patient's token, then is saved under its own name.
byId('payment-facts').addEventListener('click', async (e) => {
  const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-receipt]');
  if (!button) return;
  button.disabled = true;
  try {
    const res = await fetch(`/cases/${caseId}/payments/${button.dataset.receipt}/receipt`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(String(res.status));
    const name =
      /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'receipt.pdf';
    const a = h('a', { href: URL.createObjectURL(await res.blob()), download: name });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch {
    alertMessage(D.ui.errNetwork);
  }
  button.disabled = false;
});
const treatment = byId<HTMLButtonElement>('treatment');
treatment.addEventListener('click', () =>
  action(treatment, 'POST', '/treatment-request', () => {
    const done = byId('treatment-done');
    done.hidden = false;
    done.textContent = D.ui.treatmentDone;
  }),
);
const cancel = byId<HTMLButtonElement>('cancel');
cancel.addEventListener('click', () => {
  if (window.confirm(D.ui.cancelConfirm))
    void action(cancel, 'POST', '/cancel', () => announce(D.ui.cancelled));
});

// A link pasted into this tab changes only the fragment: the page opens the case with its token.
window.addEventListener('hashchange', () => {
  if (!tokenFromHash()) return;
  view = null;
  local.clear();
  byId('lost-link').hidden = true;
  byId('loading').hidden = false;
  alertMessage('');
  void load();
});

setLanguage(lang);
if (token) void load();
else {
  byId('loading').hidden = true;
  byId('lost-link').hidden = false;
  alertMessage(D.ui.noToken);
}
