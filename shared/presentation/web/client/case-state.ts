/**
 * The case page's state, shared by its modules: the case id and the patient's token (from the URL
 * fragment, kept in sessionStorage), the language and its words, the case as last loaded, this
 * page's uploads, and the page's ways to speak: the alert, the live announcer and the API call.
 */
import type { Language } from '#domain/model.ts';
import type { CaseView } from '#usecases/patient/views.ts';
import type { LocalUpload } from './case-sections.ts';
import { byId, type ErrorBody, readIsland } from './dom.ts';
import type { CaseIsland } from './islands.ts';
import type { CaseWords } from './words.ts';

export type UiWord = keyof CaseWords['ui'];

export const DATA = readIsland<CaseIsland>('case-data');
const asked = new URLSearchParams(location.search).get('lang');
/** The language the visitor chose with ?lang=, if any (it wins over the case's). */
export const chosenLanguage: Language | null = asked === 'en' || asked === 'it' ? asked : null;

/** What the page's modules read and change. */
export const S: {
  caseId: string;
  token: string | null;
  lang: Language;
  D: CaseWords;
  view: CaseView | null;
  /** Uploads this page started: documentId (or a temporary id) -> the file and how far it got. */
  local: Map<string, LocalUpload>;
  /** The state last announced for each document, so a change is spoken once. */
  spoken: Map<string, string>;
} = {
  caseId: DATA.caseId,
  token: null,
  lang: chosenLanguage ?? DATA.lang,
  D: DATA.words[chosenLanguage ?? DATA.lang],
  view: null,
  local: new Map(),
  spoken: new Map(),
};

const KEY = `so.token.${S.caseId}`;

/** The token of the URL fragment, kept for this tab and taken out of the address bar; true when there was one. */
export function tokenFromHash(): boolean {
  const fromHash = /(?:^#|&)token=([A-Za-z0-9_-]{20,200})/.exec(location.hash);
  if (!fromHash?.[1]) return false;
  S.token = fromHash[1];
  try {
    sessionStorage.setItem(KEY, S.token);
  } catch {
    // No storage (a private window): the token still works until the page is left.
  }
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}

/** The token this tab kept, when the address has none. */
export function storedToken(): void {
  try {
    S.token = sessionStorage.getItem(KEY);
  } catch {
    // No storage: the page asks for the emailed link again.
  }
}

/** The case as last loaded; the uploads start only once there is one. */
export function current(): CaseView {
  if (!S.view) throw new Error('the case is not loaded yet');
  return S.view;
}

export function alertMessage(text: string): void {
  const a = byId('alert');
  a.textContent = text;
  a.hidden = !text;
  if (text) a.focus();
}

/** Screen readers hear a change of the live region, so it is emptied first. */
export function announce(text: string): void {
  const a = byId('announcer');
  a.textContent = '';
  setTimeout(() => {
    a.textContent = text;
  }, 50);
}

/** A call to the API with the patient's token; the status and the JSON body (empty when none). */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: T & ErrorBody }> {
  const res = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${S.token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = (await res.json().catch(() => ({}))) as T & ErrorBody;
  return { status: res.status, data };
}
