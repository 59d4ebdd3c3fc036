/**
 * In-memory stand-ins for the workflow bench's ports: a mailer that keeps what it sent and finds the
 * link after an action label, a versioned document store, and the Workflow port over the
 * in-process engine.
 */
import type { EmailMessage, Mailer } from '#adapters/ses.ts';
import type { LocalStateMachine } from '#local/stepfunctions/engine.ts';
import type { DocumentStore, Workflow } from '#usecases/ports.ts';

/** The ARN of the workflow bench's state machine. */
export const STATE_MACHINE_ARN = 'arn:aws:states:eu-south-1:000000000000:stateMachine:second-opinion';

export class FakeMailer implements Mailer {
  readonly sent: EmailMessage[] = [];
  async send(message: EmailMessage) {
    this.sent.push(message);
    return { messageId: `m-${this.sent.length}` };
  }
  ofKind(kind: string, caseId?: string): EmailMessage[] {
    return this.sent.filter((m) => m.tags?.kind === kind && (!caseId || m.tags?.caseId === caseId));
  }
  /** The URL after an action label in the text of the last email of a kind to a recipient. */
  link(kind: string, to: string, label: string, caseId?: string): string {
    const mail = this.ofKind(kind, caseId)
      .filter((m) => m.to.includes(to))
      .at(-1);
    if (!mail)
      throw new Error(`no ${kind} email to ${to}; sent: ${this.sent.map((m) => m.tags?.kind).join(', ')}`);
    const lines = mail.text.split('\n');
    const i = lines.indexOf(`${label}:`);
    if (i < 0) throw new Error(`no "${label}" link in ${kind}`);
    return lines[i + 1]!;
  }
}

export class FakeDocuments implements DocumentStore {
  readonly objects = new Map<string, Uint8Array>();
  /** Each key's current version, as a versioned bucket numbers them (v1, v2...). */
  readonly versions = new Map<string, number>();
  async presignUpload(key: string) {
    return { url: 'http://s3.local/documents', fields: { key, 'Content-Type': 'application/pdf' } };
  }
  async read(key: string, maxBytes: number) {
    const o = this.objects.get(key);
    if (!o) return undefined;
    const version = this.versions.get(key);
    const head = {
      sizeBytes: o.byteLength,
      contentType: 'application/pdf',
      ...(version ? { versionId: `v${version}` } : {}),
    };
    return o.byteLength > maxBytes ? head : { ...head, bytes: o };
  }
  async presignDownload(key: string, seconds: number, fileName?: string, versionId?: string) {
    const name = fileName ? `&name=${encodeURIComponent(fileName)}` : '';
    const version = versionId ? `&versionId=${versionId}` : '';
    return `http://s3.local/documents/${key}?expires=${seconds}${name}${version}`;
  }
  async presignPreview(key: string, seconds: number, versionId?: string) {
    const version = versionId ? `&versionId=${versionId}` : '';
    return `http://s3.local/documents/${key}?expires=${seconds}${version}`;
  }
  async put(key: string, bytes: Uint8Array) {
    this.objects.set(key, bytes);
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
  async deletePrefix(prefix: string) {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix));
    for (const k of keys) this.objects.delete(k);
    return keys.length;
  }
}

/** The Workflow port over the in-process engine, counting SendTaskSuccess calls. */
export class EngineWorkflow implements Workflow {
  taskSuccesses = 0;
  constructor(readonly engine: LocalStateMachine) {}
  async start(caseId: string, input: Record<string, unknown>) {
    return this.engine.startExecution(caseId, input);
  }
  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>) {
    this.engine.sendTaskSuccess(taskToken, JSON.stringify(output));
    this.taskSuccesses += 1;
  }
  async sendTaskFailure(taskToken: string, error: string, cause: string) {
    this.engine.sendTaskFailure(taskToken, error, cause);
  }
  async stop(caseId: string, cause: string) {
    this.engine.stopExecution(this.arn(caseId), cause);
  }
  arn(caseId: string) {
    return `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${caseId}`;
  }
}
