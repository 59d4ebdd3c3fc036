/**
 * What the page scripts share: finding elements, building them, reading the page's JSON island,
 * the API's error body, and a file POST with upload progress (presigned S3 form).
 */
import type { CreateUploadResponse } from '#usecases/patient/views.ts';

/** An element the page's markup always has; its absence is a bug in the page, so it throws. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is not on the page`);
  return el as T;
}

type Attribute = string | number | boolean | null | undefined | ((event: Event) => void);
type Child = Node | string | null | undefined | false;

/** An element with attributes (`on…` functions become listeners) and children; false and null are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attribute>,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = String(v);
    else if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** The JSON data block the server wrote into the page for its script. */
export function readIsland<T>(id: string): T {
  return JSON.parse(byId(id).textContent ?? '') as T;
}

/** The JSON body of a refusal from the API (shared/http/errors.ts). */
export interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** Posts a file to a presigned S3 form: fields first, then the file; true when S3 took it. */
export function postFile(
  upload: CreateUploadResponse['upload'],
  file: File,
  onProgress: (percent: number) => void,
): Promise<boolean> {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append('file', file);
  // XMLHttpRequest, not fetch: it reports upload progress.
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => resolve(xhr.status >= 200 && xhr.status < 300);
    xhr.onerror = () => resolve(false);
    xhr.send(form);
  });
}
