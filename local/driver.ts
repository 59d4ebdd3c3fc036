/**
 * Drives a running local stack the way people do: over HTTP and through the links of the emails in
 * the mailbox (SES stand-in, JSON at `/store`), never behind the API's back. Used by the integration
 * tests and the benchmarks.
 */
import type { CreateCaseRequest } from '#functions/api/create-case.schema.ts';
import { PRIVACY_NOTICE_VERSION } from '#presentation/i18n/privacy.ts';
import type { CaseView, CreateCaseResponse, CreateUploadResponse } from '#usecases/patient/views.ts';
import type { Endpoints } from './stack.ts';

export interface Mail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Unix seconds (the mailbox's own time, real). */
  at: number;
}

export interface Page {
  status: number;
  body: string;
}

export interface DriverCase extends CreateCaseResponse {}

/** A valid request for a second opinion for an invented patient, for tests and benchmarks. */
export function caseRequest(
  name: { firstName: string; lastName: string; email: string },
  changes: Partial<CreateCaseRequest> = {},
): CreateCaseRequest {
  return {
    // Any name: the codice fiscale's check reads only its date of birth (12 April 1961) and check character.
    patient: {
      ...name,
      phone: '+39 333 1234567',
      dateOfBirth: '1961-04-12',
      country: 'IT',
      taxCode: 'RSSMRA61D12H501D',
    },
    language: 'it',
    consultationTypes: ['oncological'],
    consent: { version: PRIVACY_NOTICE_VERSION, accepted: true },
    ...changes,
  };
}

/** Documents in these states are done with intake. */
export const SETTLED_DOCUMENT_STATES = ['classified', 'needs_review', 'rejected', 'failed', 'not_received'];

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The action links of an email: each "Label:" line followed by its URL line (the text part). */
export function linksOf(mail: Mail): { label: string; url: string }[] {
  const lines = mail.text.split('\n').map((l) => l.trim());
  const out: { label: string; url: string }[] = [];
  lines.forEach((line, i) => {
    const next = lines[i + 1] ?? '';
    if (line.endsWith(':') && /^https?:\/\//.test(next)) out.push({ label: line.slice(0, -1), url: next });
  });
  return out;
}

/** Throttled or unavailable before any work was done (API Gateway 429/503, S3 SlowDown): try again. */
const API_RETRY = [429, 503];
const S3_RETRY = [500, 503];

/**
 * A request that got no answer at all: the connection was refused or reset before a response (a
 * kept-alive socket the server had just closed, under load). A browser sends such a request again.
 */
function isUnanswered(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } })?.cause?.code ?? '';
  return err instanceof TypeError && ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET'].includes(code);
}

/** Sends again, after a growing pause, while the answer says nothing was done (chaos mode) or none came. */
async function retrying(send: () => Promise<Response>, statuses: number[]): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await send();
    } catch (err) {
      if (!isUnanswered(err) || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      continue;
    }
    if (!statuses.includes(res.status) || attempt >= 8) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
  }
}

export class Driver {
  private mailCache: Mail[] = [];
  private mailFetchedAt = 0;
  private mailFetching: Promise<Mail[]> | undefined;

  /**
   * `pollMs`: how often waits look at the mailbox (one shared, incremental fetch); `pagePollMs`: how
   * often they ask for the case (a GET per case: with many cases at once, poll it less, or the polling
   * itself becomes the load).
   */
  constructor(
    readonly endpoints: Endpoints,
    private readonly pollMs = 100,
    private readonly pagePollMs = pollMs,
  ) {}

  private async call(method: string, path: string, body?: unknown, token?: string): Promise<Page> {
    const res = await retrying(
      () =>
        fetch(new URL(path, this.endpoints.api), {
          method,
          headers: {
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        }),
      API_RETRY,
    );
    return { status: res.status, body: await res.text() };
  }

  private async expect<T>(
    status: number,
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<T> {
    const res = await this.call(method, path, body, token);
    if (res.status !== status) throw new HttpError(res.status, res.body, `${method} ${path}`);
    return (res.body ? JSON.parse(res.body) : undefined) as T;
  }

  createCase(request: CreateCaseRequest): Promise<DriverCase> {
    return this.expect<DriverCase>(201, 'POST', '/cases', request);
  }

  getCase(c: Pick<DriverCase, 'caseId' | 'patientToken'>): Promise<CaseView> {
    return this.expect<CaseView>(200, 'GET', `/cases/${c.caseId}`, undefined, c.patientToken);
  }

  /** POST /cases/{caseId}/<action> (submit, cancel, treatment-request) with the patient's token. */
  caseAction(c: Pick<DriverCase, 'caseId' | 'patientToken'>, action: string): Promise<Page> {
    return this.call('POST', `/cases/${c.caseId}/${action}`, undefined, c.patientToken);
  }

  /** DELETE /cases/{caseId}/documents/{documentId}: the patient removes a file. */
  removeDocument(c: Pick<DriverCase, 'caseId' | 'patientToken'>, documentId: string): Promise<Page> {
    return this.call('DELETE', `/cases/${c.caseId}/documents/${documentId}`, undefined, c.patientToken);
  }

  report(c: Pick<DriverCase, 'caseId' | 'patientToken'>): Promise<Page> {
    return this.call('GET', `/cases/${c.caseId}/report`, undefined, c.patientToken);
  }

  /** Asks for a presigned POST and sends the file to S3 as a browser does (multipart form). */
  async upload(
    c: Pick<DriverCase, 'caseId' | 'patientToken'>,
    fileName: string,
    bytes: Uint8Array,
  ): Promise<string> {
    const { documentId, upload } = await this.expect<CreateUploadResponse>(
      201,
      'POST',
      `/cases/${c.caseId}/uploads`,
      { fileName, contentType: 'application/pdf', sizeBytes: bytes.byteLength },
      c.patientToken,
    );
    await this.postFile(upload, fileName, bytes);
    return documentId;
  }

  async postFile(
    upload: { url: string; fields: Record<string, string> },
    fileName: string,
    bytes: Uint8Array,
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), fileName);
    const res = await retrying(
      () => fetch(upload.url, { method: 'POST', body: form, headers: { origin: this.endpoints.api } }),
      S3_RETRY,
    );
    if (res.status >= 300) throw new HttpError(res.status, await res.text(), `upload ${fileName}`);
  }

  /** Waits until every document of the case is done with intake (classified, needs review, refused). */
  waitForDocuments(c: Pick<DriverCase, 'caseId' | 'patientToken'>, count: number, timeoutMs = 60_000) {
    return until(
      async () => {
        const view = await this.getCase(c);
        return view.documents.length >= count &&
          view.documents.every((d) => SETTLED_DOCUMENT_STATES.includes(d.state))
          ? view
          : undefined;
      },
      `${count} documents of ${c.caseId} read`,
      timeoutMs,
      this.pagePollMs,
    );
  }

  /** Waits until `count` documents of the case have a first-page preview (drawn after Textract read them). */
  waitForPreviews(c: Pick<DriverCase, 'caseId' | 'patientToken'>, count: number, timeoutMs = 60_000) {
    return until(
      async () => {
        const view = await this.getCase(c);
        return view.documents.filter((d) => d.previewUrl).length >= count ? view : undefined;
      },
      `${count} previews of ${c.caseId}`,
      timeoutMs,
      this.pagePollMs,
    );
  }

  waitForStatus(c: Pick<DriverCase, 'caseId' | 'patientToken'>, status: string, timeoutMs = 30_000) {
    return until(
      async () => {
        const view = await this.getCase(c);
        return view.status === status ? view : undefined;
      },
      `case ${c.caseId} ${status}`,
      timeoutMs,
      this.pagePollMs,
    );
  }

  /**
   * Every email in the mailbox. Concurrent callers within `pollMs` share one fetch, and each fetch
   * asks only for mail since the last one (`/store?since=`), so polling stays cheap as mail piles up.
   */
  async mail(): Promise<Mail[]> {
    if (Date.now() - this.mailFetchedAt < Math.max(100, this.pollMs)) return this.mailCache;
    this.mailFetching ??= (async () => {
      try {
        const since = this.mailCache.length ? Math.max(...this.mailCache.slice(-50).map((m) => m.at)) : 0;
        const res = await retrying(
          () => fetch(new URL(since ? `/store?since=${since}` : '/store', this.endpoints.ses)),
          [],
        );
        const store = (await res.json()) as {
          emails: {
            messageId: string;
            destination: { to: string[] };
            subject: string;
            body: { text?: string; html?: string };
            at: number;
          }[];
        };
        const known = new Set(this.mailCache.map((m) => m.messageId));
        const fresh = store.emails
          .filter((e) => !known.has(e.messageId))
          .map((e) => ({
            messageId: e.messageId,
            to: e.destination.to,
            subject: e.subject,
            text: e.body.text ?? '',
            html: e.body.html ?? '',
            at: e.at,
          }));
        this.mailCache = [...this.mailCache, ...fresh];
        this.mailFetchedAt = Date.now();
        return this.mailCache;
      } finally {
        this.mailFetching = undefined;
      }
    })();
    return this.mailFetching;
  }

  /** Emails to `to` that mention `reference` (subject or text), oldest first. */
  async mailFor(to: string, reference: string): Promise<Mail[]> {
    return (await this.mail()).filter(
      (m) => m.to.includes(to) && (m.subject.includes(reference) || m.text.includes(reference)),
    );
  }

  /**
   * Waits for an email to `to` about `reference` that carries a link labelled with one of `labels`
   * (a staff member gets labels in their language), skipping the first `skip` such emails.
   */
  async waitForLink(
    to: string,
    reference: string,
    labels: string[] | ((label: string) => boolean),
    { skip = 0, timeoutMs = 30_000 }: { skip?: number; timeoutMs?: number } = {},
  ): Promise<{ mail: Mail; url: string }> {
    const wanted = typeof labels === 'function' ? labels : (l: string) => labels.includes(l);
    return until(
      async () => {
        const found = (await this.mailFor(to, reference))
          .map((mail) => ({ mail, link: linksOf(mail).find((l) => wanted(l.label)) }))
          .filter((x) => x.link);
        const hit = found[skip];
        return hit ? { mail: hit.mail, url: hit.link!.url } : undefined;
      },
      `an email to ${to} about ${reference} with the link ${typeof labels === 'function' ? 'asked for' : `"${labels.join('" or "')}"`}`,
      timeoutMs,
      this.pollMs,
    );
  }

  /** Waits for an email to `to` about `reference` whose subject matches. */
  waitForMail(to: string, reference: string, subject: RegExp, timeoutMs = 30_000): Promise<Mail> {
    return until(
      async () => (await this.mailFor(to, reference)).find((m) => subject.test(m.subject)),
      `an email to ${to} about ${reference} with subject ${subject}`,
      timeoutMs,
      this.pollMs,
    );
  }

  async getLink(url: string): Promise<Page> {
    const res = await retrying(() => fetch(url), API_RETRY);
    return { status: res.status, body: await res.text() };
  }

  /** Submits the form of an action page, as the browser would (pairs where a field repeats: checkboxes). */
  async postLink(url: string, form: Record<string, string> | [string, string][] = {}): Promise<Page> {
    const res = await retrying(
      () =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.endpoints.api },
          body: new URLSearchParams(form).toString(),
        }),
      API_RETRY,
    );
    return { status: res.status, body: await res.text() };
  }

  /** Uploads a report through an action link's presigned POST; returns the reportId for the form. */
  async uploadReport(url: string, bytes: Uint8Array): Promise<string> {
    const res = await retrying(
      () =>
        fetch(`${url}/uploads`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: this.endpoints.api },
          body: JSON.stringify({
            fileName: 'report.pdf',
            contentType: 'application/pdf',
            sizeBytes: bytes.byteLength,
          }),
        }),
      API_RETRY,
    );
    const body = await res.text();
    if (res.status !== 201) throw new HttpError(res.status, body, 'report upload');
    const { reportId, upload } = JSON.parse(body) as {
      reportId: string;
      upload: { url: string; fields: Record<string, string> };
    };
    await this.postFile(upload, 'report.pdf', bytes);
    return reportId;
  }
}
