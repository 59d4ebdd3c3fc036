/**
 * The case page's uploads: files picked or dropped are checked in the browser (PDF or photo, size,
 * how many are left), photos chosen together become one PDF in the order the patient puts them
 * in (./photos.ts), and each file gets its
 * presigned form from the API and goes to S3 with progress, three at a time. Problems are listed
 * in words, and the list takes the focus.
 */
import { fill, megabytes } from '#presentation/formats.ts';
import type { CreateUploadResponse } from '#usecases/patient/views.ts';
import type { LocalUpload } from './case-sections.ts';
import { announce, api, current, S, type UiWord } from './case-state.ts';
import { byId, h, postFile } from './dom.ts';
import { isPhoto, MAX_PHOTO_BYTES, MAX_PHOTOS, orderPhotos, photosToPdf } from './photos.ts';
import { lookup } from './words.ts';

/** What the uploads ask of the page as they go. */
export interface UploadHooks {
  render(): void;
  renderDocuments(): void;
  load(): Promise<void>;
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

/** A document of the patient's that the next upload takes the place of. */
export interface Replacing {
  documentId: string;
  fileName: string;
}

/** Sends one file (in the place of `replacing`'s); the problem in words when it could not. */
async function uploadOne(file: File, hooks: UploadHooks, replacing?: Replacing): Promise<string | null> {
  const { D, lang, local } = S;
  const temp = `local-${Math.random().toString(36).slice(2)}`;
  local.set(temp, { fileName: file.name, progress: 0, state: 'requesting', file });
  hooks.render();
  const r = await api<CreateUploadResponse>('POST', `/cases/${encodeURIComponent(S.caseId)}/uploads`, {
    fileName: file.name,
    contentType: 'application/pdf',
    sizeBytes: file.size,
    ...(replacing ? { replaces: replacing.documentId } : {}),
  }).catch(() => null);
  local.delete(temp);
  if (r?.status !== 201) {
    const error = r?.data.error;
    const key: UiWord = lookup(UPLOAD_ERRORS, error?.code) ?? 'uploadError';
    hooks.render();
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
  hooks.render();
  let last = 0;
  const ok = await postFile(r.data.upload, file, (percent) => {
    entry.progress = Math.min(99, percent);
    if (entry.progress - last >= 5) {
      last = entry.progress;
      hooks.renderDocuments();
    }
  });
  entry.state = ok ? 'sent' : 'upload_failed';
  entry.progress = 100;
  if (ok && replacing) announce(fill(D.ui.replaced, { file: replacing.fileName }));
  if (!ok) announce(fill(D.ui.uploadError, { file: file.name }));
  return ok ? null : fill(D.ui.uploadError, { file: file.name });
}

export async function startUploads(picked: File[], hooks: UploadHooks, replacing?: Replacing): Promise<void> {
  const view = S.view;
  if (!view) return;
  const { D, lang } = S;
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
    // Several photos are one document's pages: the patient puts them in order first.
    const ordered = usable.length > 1 ? await orderPhotos(usable) : usable;
    if (ordered?.length) {
      announce(D.ui.preparingPhotos);
      const stamp = new Date().toISOString().slice(0, 16).replace(/\D/g, '');
      const made = await photosToPdf(ordered, `${D.ui.photosFile}-${stamp}`);
      for (const name of made.unreadable) problems.push(fill(D.ui.photoUnreadable, { file: name }));
      if (made.file) files = [...files.filter((f) => !photos.includes(f)), made.file];
    }
  }
  for (const f of files) {
    if (photos.includes(f)) continue;
    if (!isPdf(f)) problems.push(fill(D.ui.notPdf, { file: f.name }));
    else if (f.size === 0) problems.push(fill(D.ui.emptyFile, { file: f.name }));
    else if (f.size > limits.maxFileBytes)
      problems.push(fill(D.ui.tooBig, { file: f.name, size: megabytes(limits.maxFileBytes, lang) }));
    else accepted.push(f);
  }
  // A replacement is one file in one file's place: it needs no room, and takes no more than one.
  const room = replacing ? 1 : limits.filesLeft;
  if (replacing && accepted.length > 1) {
    problems.push(fill(D.ui.replaceOne, { file: replacing.fileName }));
    accepted.length = 0;
  } else if (accepted.length > room) {
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
        const problem = await uploadOne(next, hooks, replacing);
        if (problem) results.push(problem);
      }
    }),
  );
  if (results.length) {
    uploadProblems([...problems, ...results]);
    byId('upload-errors').focus();
  }
  void hooks.load();
}

/** The file button and the drop zone start uploads. */
export function wireUploads(start: (files: File[]) => void): void {
  const input = byId<HTMLInputElement>('files');
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    start(files);
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
    start([...(e.dataTransfer ? e.dataTransfer.files : [])]);
  });
}
