/**
 * Every Lambda of the service, in one list: the CDK app deploys from it and the local stack wires
 * the same entries to its emulators. Entry paths are relative to the repository root; each
 * module exports `handler`. Task functions are named in the ASL as `${<name>FunctionArn}`.
 */
import { CHECK_SECONDS, RECONCILE_EVERY_MINUTES, RECONCILE_SECONDS } from '#usecases/documents/windows.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type Trigger =
  | { kind: 'http'; routes: { method: HttpMethod; path: string }[] }
  /** S3 ObjectCreated events of the documents bucket, through a queue with a DLQ. */
  | { kind: 'uploads-queue' }
  /** S3 ObjectCreated events of the bucket's statements/ prefix (bank statements), through a queue with a DLQ. */
  | { kind: 'statements-queue' }
  /** Textract completion notifications (SNS), through a queue with a DLQ. */
  | { kind: 'textract-queue' }
  /**
   * The same notifications through a second queue of their own, with a DLQ: Textract reads only a
   * document that passed the upload check, whose first page is then drawn.
   */
  | { kind: 'previews-queue' }
  /** SES bounce and complaint events of the configuration set (SNS). */
  | { kind: 'ses-events' }
  /** Invoked by the state machine. */
  | { kind: 'task' }
  /** Run every so many minutes (an EventBridge schedule; the local stack's clock). */
  | { kind: 'schedule'; everyMinutes: number }
  /** Run every day at `dailyAt` (HH:MM) in the site's time zone: EventBridge Scheduler, the local stack's clock. */
  | { kind: 'daily'; dailyAt: string };

/** The hour and minute of a daily schedule's `dailyAt`; a malformed one fails the synth and the local stack. */
export function dailyTime(dailyAt: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(dailyAt);
  if (!m) throw new Error(`dailyAt "${dailyAt}" is not HH:MM`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** What a function may touch; the CDK construct turns these into least-privilege grants. */
export type Access =
  | 'table:read'
  | 'table:write'
  | 'documents:read'
  | 'documents:write'
  | 'documents:delete'
  /** The documents' first-page images (cases/<caseId>/previews/): read (signed for a page), written by the renderer. */
  | 'previews:read'
  | 'previews:write'
  /** The bank statements the office drops into the bucket (statements/). */
  | 'statements:read'
  | 'email:send'
  | 'workflow:start'
  | 'workflow:callback'
  | 'workflow:stop'
  | 'textract:start'
  | 'textract:get';

/**
 * How a queue feeds its function, the same in AWS (event source mapping and redrive policy) and on
 * the local stack. The concurrency cap bounds the invocations waiting for a paced Textract start:
 * 10 x 5 documents wait at most 52 s at 1 start a second, within the 60 s a start waits before its
 * record goes back to the queue (shared/adapters/textract.ts), and enough are in flight to keep 10
 * starts a second busy (bench/intake-burst.ts).
 */
export const QUEUE_FEED = { batchSize: 5, maxConcurrency: 10, maxReceiveCount: 5 } as const;

/**
 * Bank statements: one file an invocation (a month's statement holds hundreds of credits), two at
 * a time (the least SQS allows), and a file that keeps failing parks after three tries, where the
 * DLQ alarm tells operations. Importing is idempotent per line, so a retry finishes the rest.
 */
export const STATEMENTS_FEED = { batchSize: 1, maxConcurrency: 2, maxReceiveCount: 3 } as const;
/**
 * Previews: one document an invocation (a PDF of up to MAX_UPLOAD_BYTES and its renderer in memory),
 * a few at a time; a preview is a nicety, so a message that keeps failing parks after three tries.
 */
export const PREVIEWS_FEED = { batchSize: 1, maxConcurrency: 5, maxReceiveCount: 3 } as const;

/** A statement's import: hundreds of credits, each a few table writes and maybe an email. */
export const STATEMENT_SECONDS = 300;

export interface FunctionSpec {
  /** PascalCase, unique: the construct id and the ASL substitution `${<name>FunctionArn}`. */
  name: string;
  entry: string;
  trigger: Trigger;
  access: Access[];
  /**
   * MB, and the CPU share with it; 512 unless set. Sized from measured durations (docs/performance.md):
   * people wait on the HTTP functions, so those keep 512 for their cold start.
   */
  memoryMb?: number;
  timeoutSeconds?: number;
  /**
   * Linux packages the function runs besides Node (dnf names): it is then built as a container
   * image of the Lambda Node.js base with them (infra/constructs/image/Dockerfile), not a zip.
   */
  systemPackages?: readonly string[];
}

export const FUNCTIONS: FunctionSpec[] = [
  // Document intake (issue 4): patient case routes, upload checks, text detection and classification.
  {
    name: 'CreateCase',
    entry: 'functions/api/create-case.ts',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/cases' }] },
    // documents:write: the request form rendered from the web form is stored with the case.
    access: ['table:read', 'table:write', 'email:send', 'documents:write'],
  },
  {
    name: 'CreateUpload',
    entry: 'functions/api/create-upload.ts',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/cases/{caseId}/uploads' }] },
    // documents:delete: a replacement deletes the file it takes the place of.
    access: ['table:read', 'table:write', 'documents:write', 'documents:delete'],
  },
  {
    name: 'DocumentActions',
    entry: 'functions/api/document-actions.ts',
    trigger: {
      kind: 'http',
      routes: [
        { method: 'DELETE', path: '/cases/{caseId}/documents/{documentId}' },
        { method: 'PUT', path: '/cases/{caseId}/documents/{documentId}/type' },
      ],
    },
    // documents:delete: the removed file's checked version is deleted for good.
    access: ['table:read', 'table:write', 'documents:delete'],
  },
  {
    name: 'GetCase',
    entry: 'functions/api/get-case.ts',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/cases/{caseId}' }] },
    // previews:read signs each first-page image the page shows (a minute).
    access: ['table:read', 'previews:read'],
  },
  {
    name: 'GetReceipt',
    entry: 'functions/api/get-receipt.ts',
    trigger: {
      kind: 'http',
      routes: [{ method: 'GET', path: '/cases/{caseId}/payments/{paymentId}/receipt' }],
    },
    access: ['table:read'],
  },
  {
    name: 'UploadReceived',
    entry: 'functions/intake/upload-received.ts',
    trigger: { kind: 'uploads-queue' },
    // Textract reads the object with this function's rights: documents:read covers it.
    access: ['table:read', 'table:write', 'documents:read', 'documents:delete', 'textract:start'],
    // Five records at once, each up to MAX_UPLOAD_BYTES (50 MB) in memory while it is checked.
    memoryMb: 1024,
    // A check claimed longer ago than this (and a margin) was killed: a redelivery takes it up again.
    timeoutSeconds: CHECK_SECONDS,
  },
  {
    name: 'TextDetected',
    entry: 'functions/intake/text-detected.ts',
    trigger: { kind: 'textract-queue' },
    access: ['table:read', 'table:write', 'textract:get'],
    memoryMb: 512,
    timeoutSeconds: 120,
  },
  {
    name: 'RenderPreview',
    entry: 'functions/intake/render-preview.ts',
    trigger: { kind: 'previews-queue' },
    // Untrusted bytes meet a C renderer here: the table read for the checked version, the document
    // read, the image written; UploadReceived records it (docs/security.md, Previews).
    access: ['table:read', 'documents:read', 'previews:write'],
    systemPackages: ['poppler-utils'],
    // The PDF (up to MAX_UPLOAD_BYTES) and pdftoppm drawing one page, a few seconds at most.
    memoryMb: 1024,
    timeoutSeconds: 30,
  },
  {
    name: 'Reconcile',
    entry: 'functions/intake/reconcile.ts',
    trigger: { kind: 'schedule', everyMinutes: RECONCILE_EVERY_MINUTES },
    // Checks a document again as UploadReceived does, and asks Textract about a job, or starts it again.
    access: [
      'table:read',
      'table:write',
      'documents:read',
      'documents:delete',
      'textract:start',
      'textract:get',
    ],
    // One document at a time: a 50 MB file and its check.
    memoryMb: 512,
    timeoutSeconds: RECONCILE_SECONDS,
  },
  // The case workflow (issue 5): tasks of statemachines/second-opinion.asl.json, action links, patient actions.
  {
    name: 'PlanWait',
    entry: 'functions/workflow/plan-wait.ts',
    trigger: { kind: 'task' },
    access: ['table:read', 'table:write'],
    // No one waits on it and it waits on DynamoDB, SES or Step Functions: half the default (docs/performance.md).
    memoryMb: 256,
  },
  {
    name: 'OpenWait',
    entry: 'functions/workflow/open-wait.ts',
    trigger: { kind: 'task' },
    access: ['table:read', 'table:write', 'email:send', 'workflow:callback'],
    // No one waits on it and it waits on DynamoDB, SES or Step Functions: half the default (docs/performance.md).
    memoryMb: 256,
  },
  {
    name: 'Remind',
    entry: 'functions/workflow/remind.ts',
    trigger: { kind: 'task' },
    access: ['table:read', 'table:write', 'email:send'],
    // No one waits on it and it waits on DynamoDB, SES or Step Functions: half the default (docs/performance.md).
    memoryMb: 256,
  },
  {
    name: 'ApplyDecision',
    entry: 'functions/workflow/apply-decision.ts',
    trigger: { kind: 'task' },
    access: ['table:read', 'table:write', 'email:send', 'documents:read'],
  },
  {
    name: 'MarkFailed',
    entry: 'functions/workflow/mark-failed.ts',
    trigger: { kind: 'task' },
    access: ['table:read', 'table:write', 'email:send'],
    // No one waits on it and it waits on DynamoDB, SES or Step Functions: half the default (docs/performance.md).
    memoryMb: 256,
  },
  {
    name: 'SesEvents',
    entry: 'functions/workflow/ses-events.ts',
    trigger: { kind: 'ses-events' },
    access: ['table:read', 'table:write'],
    // No one waits on it and it waits on DynamoDB, SES or Step Functions: half the default (docs/performance.md).
    memoryMb: 256,
  },
  {
    name: 'ActionLinks',
    entry: 'functions/api/action-links.ts',
    trigger: {
      kind: 'http',
      routes: [
        { method: 'GET', path: '/a/{token}' },
        { method: 'POST', path: '/a/{token}' },
        { method: 'POST', path: '/a/{token}/uploads' },
        // Staff open the case's documents from the page: audited, then a one-minute presigned GET.
        { method: 'GET', path: '/a/{token}/documents/{documentId}' },
        { method: 'GET', path: '/a/{token}/previous-report' },
        { method: 'GET', path: '/a/{token}/previous-documents/{documentId}' },
        { method: 'GET', path: '/a/{token}/contributions/{taskId}' },
        // A document's first-page image on the page: a one-minute presigned GET, not audited.
        { method: 'GET', path: '/a/{token}/previews/{documentId}' },
      ],
    },
    // documents:read signs the GETs of documents and reports; documents:write the report upload;
    // email:send tells the lead a task is done and the patient a courier's tracking (complete-task.ts).
    access: [
      'table:read',
      'table:write',
      'documents:read',
      'documents:write',
      'email:send',
      'workflow:callback',
    ],
  },
  {
    name: 'OfficeLinks',
    entry: 'functions/api/office-links.ts',
    trigger: {
      kind: 'http',
      routes: [
        { method: 'GET', path: '/o/{token}' },
        { method: 'POST', path: '/o/{token}' },
      ],
    },
    // Resolving a credit may confirm a payment (callback), re-open or cancel a case (start, stop).
    access: [
      'table:read',
      'table:write',
      'email:send',
      'workflow:start',
      'workflow:stop',
      'workflow:callback',
    ],
  },
  {
    name: 'CaseActions',
    entry: 'functions/api/case-actions.ts',
    trigger: {
      kind: 'http',
      routes: [
        { method: 'POST', path: '/cases/{caseId}/submit' },
        { method: 'POST', path: '/cases/{caseId}/cancel' },
        { method: 'POST', path: '/cases/{caseId}/treatment-request' },
        { method: 'POST', path: '/cases/{caseId}/courier-request' },
        { method: 'GET', path: '/cases/{caseId}/report' },
      ],
    },
    access: [
      'table:read',
      'table:write',
      'documents:read',
      'email:send',
      'workflow:start',
      'workflow:callback',
      'workflow:stop',
    ],
  },
  // Money (issue 14): a camt.053 statement dropped into statements/ is imported as `so payments import` does.
  {
    name: 'StatementReceived',
    entry: 'functions/payments/statement-received.ts',
    trigger: { kind: 'statements-queue' },
    // A paid case moves on (callback); a late payment re-opens an expired case (start); the office is told.
    access: [
      'table:read',
      'table:write',
      'statements:read',
      'email:send',
      'workflow:start',
      'workflow:callback',
    ],
    // The file (at most 20 MB) and its parse in memory.
    memoryMb: 512,
    timeoutSeconds: STATEMENT_SECONDS,
  },
  // Operations (issue 12): the draft sweep and the office's digest, every morning before the office opens.
  {
    name: 'DailyRound',
    entry: 'functions/operations/daily-round.ts',
    trigger: { kind: 'daily', dailyAt: '07:00' },
    access: ['table:read', 'table:write', 'email:send'],
    // It waits on DynamoDB and SES; a few hundred open cases take seconds, thousands well under the timeout.
    memoryMb: 256,
    timeoutSeconds: 300,
  },
  // The patient's web pages (issue 7): static shells with their scripts; they read only the config.
  {
    name: 'WebPages',
    entry: 'functions/api/pages.ts',
    trigger: {
      kind: 'http',
      routes: [
        { method: 'GET', path: '/' },
        { method: 'GET', path: '/case/{caseId}' },
        { method: 'GET', path: '/link' },
        { method: 'GET', path: '/forms/proxy-authorization' },
      ],
    },
    access: [],
  },
  // "Send me my link" (issue 15): anonymous, rate limited; rotates the applicant's links and emails a new one.
  {
    name: 'SendLink',
    entry: 'functions/api/send-link.ts',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/link' }] },
    access: ['table:read', 'table:write', 'email:send'],
  },
];
