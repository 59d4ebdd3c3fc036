/**
 * GET /case/{caseId}: the patient's case page. The server knows nothing of the patient here (the
 * token stays in the URL fragment, which never reaches the server); the page's script reads it,
 * keeps it in sessionStorage, and renders the case from GET /cases/{caseId} in the case's language:
 * uploads with progress, each document's state, the checklist, submit, the timeline, the payment
 * details, and the report download.
 */
import type { Language } from '#domain/model.ts';
import { dictionary } from '#presentation/i18n/index.ts';
import { html, raw } from './html.ts';
import { page, pageCsp } from './page.ts';
import { jsonForScript } from './request-page.ts';

export interface BankDetails {
  beneficiary: string;
  iban: string;
  bic: string;
}

export const CASE_CSS = `
.drop{border:2px dashed #8a94a3;border-radius:8px;padding:1rem;text-align:center;background:#fafbfc}
.drop.over{border-color:#0b5cad;background:#eef4fb}
.drop p{margin:.25rem 0 .75rem}
#files:focus-visible + label{outline:3px solid #f0a500;outline-offset:2px}
ul.docs,ul.checklist,ol.timeline{list-style:none;padding:0;margin:0}
ul.docs li{padding:.6rem 0;border-bottom:1px solid #e3e6ea}
ul.docs li:last-child{border-bottom:0}
.doc-name{font-weight:600;overflow-wrap:anywhere}
.state{display:block;margin-top:.15rem}
.state.busy::before{content:"";display:inline-block;width:.7rem;height:.7rem;margin-right:.4rem;border-radius:50%;border:2px solid #0b5cad;border-right-color:transparent;animation:spin 1s linear infinite;vertical-align:-1px}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.state.busy::before{animation:none}}
.state.ok{color:#176b2c}
.state.error{color:#a61b1b;font-weight:600}
progress{margin-top:.3rem}
ul.checklist li{padding:.3rem 0;display:flex;gap:.5rem;align-items:baseline}
.mark{flex:none;width:1.4rem;text-align:center;font-weight:700}
.mark.yes{color:#176b2c}.mark.no{color:#a61b1b}.mark.opt{color:#5b6570}
ol.timeline li{position:relative;padding:0 0 1rem 1.75rem}
ol.timeline li::before{content:"";position:absolute;left:.35rem;top:.35rem;width:.8rem;height:.8rem;border-radius:50%;background:#c4cbd3}
ol.timeline li::after{content:"";position:absolute;left:.7rem;top:1.2rem;bottom:0;width:2px;background:#e3e6ea}
ol.timeline li:last-child::after{display:none}
ol.timeline li.done::before{background:#176b2c}
ol.timeline li.current::before{background:#0b5cad;box-shadow:0 0 0 4px #cfe0f3}
ol.timeline li.current{font-weight:600}
.badge{display:inline-block;padding:.15rem .6rem;border-radius:6px;background:#e7ebf0;font-weight:600}
dl.facts{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.25rem .75rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.05rem;letter-spacing:.03em}
@media (max-width:480px){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}}
.stack > * + *{margin-top:.75rem}
`;

/** The case page's script: plain ES2020, no dependencies; every text comes from the JSON island. */
export const CASE_SCRIPT = `
const DATA = JSON.parse(document.getElementById('case-data').textContent);
const $ = (id) => document.getElementById(id);
const fill = (t, v) => t.replace(/\\{(\\w+)\\}/g, (m, k) => (k in v ? String(v[k]) : m));
const caseId = DATA.caseId;
const asked = new URLSearchParams(location.search).get('lang');
let lang = DATA.dict[asked] ? asked : DATA.lang;
let D = DATA.dict[lang];
const KEY = 'so.token.' + caseId;
let token = null;
const fromHash = /(?:^#|&)token=([A-Za-z0-9_-]{20,200})/.exec(location.hash);
if (fromHash) {
  token = fromHash[1];
  try { sessionStorage.setItem(KEY, token); } catch {}
  history.replaceState(null, '', location.pathname + location.search);
} else {
  try { token = sessionStorage.getItem(KEY); } catch {}
}

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
const money = (cents) => new Intl.NumberFormat(D.locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
const when = (iso) => new Intl.DateTimeFormat(D.locale, { timeZone: 'Europe/Rome', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
const day = (iso) => new Intl.DateTimeFormat(D.locale, { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
const megabytes = (b) => new Intl.NumberFormat(D.locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }).format(b / 1048576);

function alertMessage(text) {
  const a = $('alert');
  a.textContent = text;
  a.hidden = !text;
  if (text) a.focus();
}
function announce(text) {
  const a = $('announcer');
  a.textContent = '';
  setTimeout(() => { a.textContent = text; }, 50);
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { authorization: 'Bearer ' + token, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  return { status: res.status, data };
}

let view = null;
/** Uploads this page started: documentId (or a temporary id) -> { fileName, progress, state, file }. */
const local = new Map();
const spoken = new Map();
let pollTimer = null;
let loadFailed = false;

function setLanguage(next) {
  lang = next;
  D = DATA.dict[lang];
  document.documentElement.lang = lang;
  const other = lang === 'en' ? 'it' : 'en';
  const sw = $('switch');
  sw.textContent = D.ui.switchTo;
  sw.setAttribute('lang', other);
  sw.setAttribute('hreflang', other);
  sw.setAttribute('aria-label', DATA.dict[lang].ui.switchLabel);
  sw.href = '?lang=' + other;
  document.title = D.ui.caseTitle;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = D.ui[el.dataset.t];
}

function docState(doc) {
  const l = local.get(doc.documentId);
  const reason = (code) => D.reasons[code] || D.reasons.unknown;
  if (l && (l.state === 'uploading' || l.state === 'requesting')) return { text: D.documentStates.uploading + ' ' + l.progress + '%', kind: 'busy' };
  if (l && l.state === 'upload_failed') return { text: D.documentStates.upload_failed, kind: 'error' };
  if (!doc.state) return { text: D.documentStates.checking, kind: 'busy' };
  if (doc.state === 'upload_pending' && l) return { text: D.documentStates.checking, kind: 'busy' };
  if (doc.duplicateOf && doc.state !== 'rejected' && doc.state !== 'failed') {
    const original = (view.documents.find((d) => d.documentId === doc.duplicateOf) || {}).fileName || '';
    return { text: fill(D.documentStates.duplicate, { original }), kind: 'error' };
  }
  switch (doc.state) {
    case 'classified': {
      const type = doc.classification ? D.documentTypes[doc.classification.documentType] || doc.classification.documentType : '';
      return { text: fill(D.documentStates.classified, { type }), kind: 'ok' };
    }
    case 'rejected':
    case 'failed':
      return { text: fill(D.documentStates[doc.state], { reason: reason(doc.reason) }), kind: 'error' };
    case 'not_received':
      return { text: D.documentStates.not_received, kind: 'error' };
    case 'needs_review':
      return { text: D.documentStates.needs_review, kind: '' };
    default:
      return { text: D.documentStates[doc.state] || doc.state, kind: 'busy' };
  }
}

function renderDocuments() {
  const rows = [];
  const known = new Set();
  for (const doc of view.documents) {
    known.add(doc.documentId);
    rows.push(doc);
  }
  for (const [id, l] of local) if (!known.has(id)) rows.push({ documentId: id, fileName: l.fileName, pages: null });
  const list = $('documents');
  if (!rows.length) {
    list.replaceChildren(h('li', { class: 'muted' }, D.ui.noDocuments));
    return;
  }
  list.replaceChildren(...rows.map((doc) => {
    const s = docState(doc);
    const l = local.get(doc.documentId);
    const previous = spoken.get(doc.documentId);
    if (previous !== undefined && previous !== s.text && s.kind !== 'busy') announce(doc.fileName + ': ' + s.text);
    if (s.kind !== 'busy' || previous === undefined) spoken.set(doc.documentId, s.text);
    return h('li', { 'data-document': doc.documentId, 'data-state': (l && l.state === 'uploading') ? 'uploading' : doc.state || 'uploading' },
      h('span', { class: 'doc-name' }, doc.fileName),
      doc.pages ? h('span', { class: 'muted' }, ' · ' + (doc.pages === 1 ? D.ui.pagesOne : fill(D.ui.pagesCount, { n: doc.pages }))) : null,
      l && l.state === 'uploading' ? h('progress', { max: 100, value: l.progress, 'aria-label': fill(D.ui.progress, { file: doc.fileName }) }) : null,
      h('span', { class: 'state ' + s.kind }, s.text),
      l && l.state === 'upload_failed' && l.file ? h('button', { type: 'button', class: 'secondary', onclick: () => { local.delete(doc.documentId); startUploads([l.file]); } }, D.ui.tryAgain) : null,
    );
  }));
}

function renderChecklist() {
  const c = view.checklist;
  const items = c.items.filter((i) => i.required || i.present);
  $('checklist').replaceChildren(...items.map((i) => h('li', {},
    h('span', { class: 'mark ' + (i.present ? 'yes' : i.required ? 'no' : 'opt'), 'aria-hidden': 'true' }, i.present ? '✓' : i.required ? '✗' : '·'),
    h('span', {}, D.documentTypes[i.documentType] || i.documentType, ' — ', h('span', { class: i.present ? 'ok' : i.required ? 'error' : 'muted' }, i.present ? D.ui.present : i.required ? D.ui.missing : D.ui.optional)),
  )));
  const problems = c.problems.filter((p) => p.code !== 'required_missing' && p.code !== 'still_processing');
  $('problems-box').hidden = !problems.length;
  $('problems').replaceChildren(...problems.map((p) => {
    const params = { ...p.params };
    if (p.params.documentType) params.documentType = D.documentTypes[p.params.documentType] || p.params.documentType;
    if (Array.isArray(p.params.sections)) params.sections = p.params.sections.map((s) => D.sections[s] || s).join(', ');
    if (p.params.reason) params.reason = D.reasons[p.params.reason] || D.reasons.unknown;
    return h('li', {}, fill(D.problems[p.code] || p.code, params));
  }));
}

const ORDER = ['draft', 'triage', 'awaiting_payment', 'assignment', 'in_report', 'released'];
function renderTimeline() {
  const v = view;
  const at = ORDER.indexOf(v.status === 'documents_requested' ? 'triage' : v.status === 'awaiting_approval' ? 'in_report' : v.status);
  const stepState = (i) => (at > i || v.status === 'released' ? 'done' : at === i ? 'current' : 'todo');
  const steps = [
    [D.ui.tlCreated, 'done', fill(D.ui.on, { date: when(v.createdAt) })],
    [D.ui.tlSubmitted, v.submittedAt ? 'done' : 'current', v.submittedAt ? fill(D.ui.on, { date: when(v.submittedAt) }) : ''],
    // Documents requested: triage has answered; the patient's answer is the current step.
    [D.ui.tlTriage, v.status === 'documents_requested' ? 'done' : stepState(1), v.deadlines.triageDue && v.status === 'triage' ? fill(D.ui.due, { date: when(v.deadlines.triageDue) }) : ''],
  ];
  if (v.status === 'documents_requested')
    steps.push([D.ui.tlDocuments, 'current', v.deadlines.documentsDue ? fill(D.ui.due, { date: when(v.deadlines.documentsDue) }) : '']);
  steps.push(
    [D.ui.tlPayment, stepState(2), v.deadlines.paymentDue && at === 2 ? fill(D.ui.due, { date: when(v.deadlines.paymentDue) }) : ''],
    [D.ui.tlReport, v.status === 'released' ? 'done' : at >= 3 ? 'current' : 'todo', v.deadlines.reportDue && at >= 3 && at < 5 ? fill(D.ui.due, { date: when(v.deadlines.reportDue) }) : ''],
    [D.ui.tlReleased, v.status === 'released' ? 'done' : 'todo', ''],
  );
  const words = { done: D.ui.tlDone, current: D.ui.tlNow, todo: D.ui.tlLater };
  $('timeline').replaceChildren(...steps.map(([label, state, date]) => h('li', { class: state, ...(state === 'current' ? { 'aria-current': 'step' } : {}) },
    h('span', { class: 'visually-hidden' }, words[state] + ': '),
    label,
    date ? h('span', { class: 'muted', style: 'display:block;font-weight:400' }, date) : null,
  )));
}

function renderPayment() {
  const q = view.quote;
  const line = (l) => {
    const [code, name] = l.code.split(':');
    const text = code === 'additional' ? fill(D.quoteLines.additional, { name: D.additional[name] || (name || '').replace(/_/g, ' ') }) : D.quoteLines[code] || l.code;
    return [h('dt', {}, text), h('dd', {}, money(l.amountCents))];
  };
  $('payment-facts').replaceChildren(
    ...(q ? q.lines.flatMap(line) : []),
    ...(q ? [h('dt', {}, D.ui.amount), h('dd', {}, h('strong', {}, money(q.totalCents)))] : []),
    h('dt', {}, D.ui.beneficiary), h('dd', {}, DATA.bank.beneficiary),
    h('dt', {}, D.ui.iban), h('dd', { class: 'mono' }, DATA.bank.iban.replace(/(.{4})(?!$)/g, '$1 ')),
    h('dt', {}, D.ui.bic), h('dd', { class: 'mono' }, DATA.bank.bic),
    h('dt', {}, D.ui.paymentReference), h('dd', { class: 'mono', id: 'payment-reference' }, view.paymentReference.replace(/(.{4})(?!$)/g, '$1 ')),
  );
}

function render() {
  const v = view;
  if (!asked && lang !== v.language) setLanguage(v.language);
  $('loading').hidden = true;
  $('case').hidden = false;
  $('hello').textContent = fill(D.ui.hello, { name: v.patientFirstName });
  $('reference').textContent = v.reference;
  $('status').textContent = D.statuses[v.status] || v.status;
  $('status').dataset.status = v.status;
  const closed = ['rejected', 'expired', 'cancelled', 'failed'].includes(v.status);
  $('next').textContent = closed ? D.ui.caseClosed + (v.reason ? ' ' + fill(D.ui.reason, { reason: v.reason }) : '') : D.next[v.next] || '';
  $('requested-box').hidden = !(v.status === 'documents_requested' && v.requestedDocuments.length);
  $('requested').replaceChildren(...v.requestedDocuments.map((d) => h('li', {}, d)));
  $('payment-box').hidden = v.status !== 'awaiting_payment';
  if (v.status === 'awaiting_payment') renderPayment();
  $('report-box').hidden = v.status !== 'released';
  const open = v.status === 'draft' || v.status === 'documents_requested';
  $('upload-box').hidden = !v.can.upload;
  $('limits').textContent = fill(D.ui.limits, { files: v.limits.filesLeft, size: megabytes(v.limits.maxFileBytes) });
  $('documents-box').hidden = !v.documents.length && !local.size && !open;
  renderDocuments();
  $('checklist-box').hidden = !open;
  if (open) renderChecklist();
  const uploading = [...local.values()].some((l) => l.state === 'uploading' || l.state === 'requesting');
  $('submit-box').hidden = !open;
  $('submit').disabled = !v.can.submit || uploading;
  $('submit-incomplete').hidden = !(v.can.submit && !v.checklist.complete);
  $('timeline-box').hidden = !v.submittedAt;
  if (v.submittedAt) renderTimeline();
  $('cancel').hidden = !v.can.cancel;
}

function busy() {
  if (!view) return false;
  return [...local.values()].some((l) => l.state !== 'upload_failed') ||
    view.documents.some((d) => ['upload_pending', 'checking', 'reading'].includes(d.state));
}

async function load() {
  clearTimeout(pollTimer);
  let r = null;
  try {
    r = await api('GET', '/cases/' + encodeURIComponent(caseId));
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
  } else if (r && (r.status === 401 || r.status === 404)) {
    $('loading').hidden = true;
    $('case').hidden = true;
    return alertMessage(D.ui.notFound);
  } else if (r && !loadFailed) {
    loadFailed = true;
    alertMessage(D.ui.errServer);
  }
  const terminal = view && ['released', 'rejected', 'expired', 'cancelled', 'failed'].includes(view.status);
  if (!terminal) pollTimer = setTimeout(load, busy() ? 1500 : 10000);
}

const UPLOAD_ERRORS = { unsupported_media_type: 'notPdf', empty_file: 'emptyFile', file_too_large: 'tooBig', case_too_large: 'caseFull', too_many_files: 'tooMany', uploads_closed: 'caseClosed' };

function uploadProblems(messages) {
  const box = $('upload-errors');
  box.replaceChildren(...messages.map((m) => h('li', {}, m)));
  box.hidden = !messages.length;
}

function isPdf(file) {
  return file.type === 'application/pdf' || /\\.pdf$/i.test(file.name);
}

async function uploadOne(file) {
  const temp = 'local-' + Math.random().toString(36).slice(2);
  local.set(temp, { fileName: file.name, progress: 0, state: 'requesting', file });
  render();
  const r = await api('POST', '/cases/' + encodeURIComponent(caseId) + '/uploads', { fileName: file.name, contentType: 'application/pdf', sizeBytes: file.size }).catch(() => null);
  local.delete(temp);
  if (!r || r.status !== 201) {
    const code = r && r.data && r.data.error ? r.data.error.code : '';
    const key = UPLOAD_ERRORS[code] || 'uploadError';
    render();
    const left = r && r.data && r.data.error && r.data.error.details ? r.data.error.details.bytesLeft : view.limits.bytesLeft;
    return fill(D.ui[key], { file: file.name, size: megabytes(view.limits.maxFileBytes), files: view.limits.filesLeft, left: megabytes(left || 0) });
  }
  const id = r.data.documentId;
  const entry = { fileName: file.name, progress: 0, state: 'uploading', file };
  local.set(id, entry);
  render();
  const ok = await new Promise((resolve) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(r.data.upload.fields)) form.append(k, v);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', r.data.upload.url);
    let last = 0;
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      entry.progress = Math.min(99, Math.round((e.loaded / e.total) * 100));
      if (entry.progress - last >= 5) { last = entry.progress; renderDocuments(); }
    };
    xhr.onload = () => resolve(xhr.status >= 200 && xhr.status < 300);
    xhr.onerror = () => resolve(false);
    xhr.send(form);
  });
  entry.state = ok ? 'sent' : 'upload_failed';
  entry.progress = 100;
  if (!ok) announce(fill(D.ui.uploadError, { file: file.name }));
  return ok ? null : fill(D.ui.uploadError, { file: file.name });
}

async function startUploads(files) {
  if (!view) return;
  const problems = [];
  const accepted = [];
  for (const f of files) {
    if (!isPdf(f)) problems.push(fill(D.ui.notPdf, { file: f.name }));
    else if (f.size === 0) problems.push(fill(D.ui.emptyFile, { file: f.name }));
    else if (f.size > view.limits.maxFileBytes) problems.push(fill(D.ui.tooBig, { file: f.name, size: megabytes(view.limits.maxFileBytes) }));
    else accepted.push(f);
  }
  const room = view.limits.filesLeft;
  if (accepted.length > room) {
    problems.push(fill(D.ui.tooMany, { files: room }));
    accepted.length = room;
  }
  uploadProblems(problems);
  if (problems.length) $('upload-errors').focus();
  const results = [];
  // Three at a time: quick on a good line, gentle on a phone's.
  const queue = [...accepted];
  await Promise.all([0, 1, 2].map(async () => {
    while (queue.length) {
      const problem = await uploadOne(queue.shift());
      if (problem) results.push(problem);
    }
  }));
  if (results.length) {
    uploadProblems([...problems, ...results]);
    $('upload-errors').focus();
  }
  load();
}

const input = $('files');
input.addEventListener('change', () => {
  const files = [...input.files];
  input.value = '';
  startUploads(files);
});
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  startUploads([...(e.dataTransfer ? e.dataTransfer.files : [])]);
});

async function action(button, method, path, onOk) {
  button.disabled = true;
  alertMessage('');
  try {
    const r = await api(method, '/cases/' + encodeURIComponent(caseId) + path);
    if (r.status >= 200 && r.status < 300) await onOk(r.data);
    else if (r.status === 401 || r.status === 404) alertMessage(D.ui.notFound);
    else if (r.data.error && r.data.error.code === 'already_submitted') announce(D.ui.submitted);
    else alertMessage(r.status >= 500 ? D.ui.errServer : (r.data.error && D.next[{ documents_in_progress: 'wait_for_documents_check', no_documents: 'upload_documents' }[r.data.error.code]]) || D.ui.errServer);
  } catch {
    alertMessage(D.ui.errNetwork);
  }
  button.disabled = false;
  load();
}
$('submit').addEventListener('click', (e) => action(e.currentTarget, 'POST', '/submit', () => announce(D.ui.submitted)));
$('download').addEventListener('click', (e) => action(e.currentTarget, 'GET', '/report', (data) => { if (data.url) location.assign(data.url); }));
$('treatment').addEventListener('click', (e) => action(e.currentTarget, 'POST', '/treatment-request', () => { $('treatment-done').hidden = false; $('treatment-done').textContent = D.ui.treatmentDone; }));
$('cancel').addEventListener('click', (e) => {
  if (window.confirm(D.ui.cancelConfirm)) action(e.currentTarget, 'POST', '/cancel', () => announce(D.ui.cancelled));
});

setLanguage(lang);
if (!token) {
  $('loading').hidden = true;
  alertMessage(D.ui.noToken);
} else {
  load();
}
`;

/** Everything the case page's script needs to speak a language, as plain JSON. */
export function clientDictionary(lang: Language) {
  const d = dictionary(lang);
  return { ...d.codes, ui: d.patient };
}

/** The page shell; the script fills it in. Both languages travel with it, so the case's language wins. */
export function casePage(caseId: string, lang: Language, bank: BankDetails): { body: string; csp: string } {
  const t = dictionary(lang).patient;
  const other: Language = lang === 'en' ? 'it' : 'en';
  const data = { caseId, lang, bank, dict: { en: clientDictionary('en'), it: clientDictionary('it') } };
  const T = (key: keyof typeof t) => html`<span data-t="${key}">${t[key] as string}</span>`;
  const body = html`<h1>${T('caseTitle')}</h1>
<div id="alert" class="alert" role="alert" tabindex="-1" hidden></div>
<div id="announcer" class="visually-hidden" aria-live="polite"></div>
<p id="loading" class="muted" role="status">${T('loading')}</p>
<div id="case" hidden>
<section class="card stack" aria-labelledby="hello">
<p id="hello"></p>
<dl class="facts"><dt>${T('reference')}</dt><dd id="reference" class="mono"></dd><dt>${T('status')}</dt><dd><span id="status" class="badge"></span></dd></dl>
<p id="next" class="notice"></p>
</section>
<section id="requested-box" class="card" hidden aria-labelledby="requested-title"><h2 id="requested-title">${T('requestedTitle')}</h2><ul id="requested"></ul></section>
<section id="payment-box" class="card stack" hidden aria-labelledby="payment-title"><h2 id="payment-title">${T('paymentTitle')}</h2><dl id="payment-facts" class="facts"></dl><p class="muted">${T('paymentNote')}</p></section>
<section id="report-box" class="card stack" hidden aria-labelledby="report-title"><h2 id="report-title">${T('reportTitle')}</h2>
<p><button type="button" id="download">${T('download')}</button></p><p class="muted">${T('downloadNote')}</p>
<p><button type="button" id="treatment" class="secondary">${T('treatment')}</button></p><p id="treatment-done" class="ok" role="status" hidden></p>
</section>
<section id="upload-box" class="card" hidden aria-labelledby="upload-title"><h2 id="upload-title">${T('uploadTitle')}</h2>
<p class="muted">${T('uploadHelp')}</p>
<div id="drop" class="drop"><p>${T('dropHere')}</p>
<input type="file" id="files" class="visually-hidden" multiple accept="application/pdf,.pdf">
<label for="files" class="button">${T('choose')}</label>
<p id="limits" class="muted"></p></div>
<ul id="upload-errors" class="alert" role="alert" tabindex="-1" hidden></ul>
</section>
<section id="documents-box" class="card" hidden aria-labelledby="documents-title"><h2 id="documents-title">${T('documentsTitle')}</h2><ul id="documents" class="docs"></ul></section>
<section id="checklist-box" class="card" hidden aria-labelledby="checklist-title"><h2 id="checklist-title">${T('checklistTitle')}</h2>
<p class="muted">${T('checklistHint')}</p><ul id="checklist" class="checklist"></ul>
<div id="problems-box" hidden><h3>${T('problemsTitle')}</h3><ul id="problems"></ul></div>
</section>
<section id="submit-box" hidden>
<p id="submit-incomplete" class="notice" hidden>${T('submitIncomplete')}</p>
<p><button type="button" id="submit">${T('submit')}</button></p><p class="muted">${T('submitHint')}</p>
</section>
<section id="timeline-box" class="card" hidden aria-labelledby="timeline-title"><h2 id="timeline-title">${T('timelineTitle')}</h2><ol id="timeline" class="timeline"></ol></section>
<p><button type="button" id="cancel" class="danger" hidden>${T('cancel')}</button></p>
</div>
<script type="application/json" id="case-data">${raw(jsonForScript(data))}</script>`;
  return {
    body: page({
      lang,
      title: t.caseTitle,
      body,
      script: CASE_SCRIPT,
      css: CASE_CSS,
      nav: html`<a id="switch" href="?lang=${other}" lang="${other}" hreflang="${other}" aria-label="${t.switchLabel}">${t.switchTo}</a>`,
    }),
    csp: pageCsp(CASE_SCRIPT),
  };
}
