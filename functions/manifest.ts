/**
 * Every Lambda of the service, in one list: the CDK app deploys from it and the local stack wires
 * the same entries to its emulators. Entry paths are relative to the repository root; each
 * module exports `handler`. Task functions are named in the ASL as `${<name>FunctionArn}`.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type Trigger =
  | { kind: 'http'; routes: { method: HttpMethod; path: string }[] }
  /** S3 ObjectCreated events of the documents bucket, through a queue with a DLQ. */
  | { kind: 'uploads-queue' }
  /** Textract completion notifications (SNS), through a queue with a DLQ. */
  | { kind: 'textract-queue' }
  /** SES bounce and complaint events of the configuration set (SNS). */
  | { kind: 'ses-events' }
  /** Invoked by the state machine. */
  | { kind: 'task' };

/** What a function may touch; the CDK construct turns these into least-privilege grants. */
export type Access =
  | 'table:read'
  | 'table:write'
  | 'documents:read'
  | 'documents:write'
  | 'documents:delete'
  | 'email:send'
  | 'workflow:start'
  | 'workflow:callback'
  | 'workflow:stop'
  | 'textract:start'
  | 'textract:get';

export interface FunctionSpec {
  /** PascalCase, unique: the construct id and the ASL substitution `${<name>FunctionArn}`. */
  name: string;
  entry: string;
  trigger: Trigger;
  access: Access[];
  memoryMb?: number;
  timeoutSeconds?: number;
}

export const FUNCTIONS: FunctionSpec[] = [];
