/**
 * The single-table DynamoDB adapter. Correctness rests on single-item conditional writes only
 * (dynalite has no transactions); items are written in an order that never exposes a half case.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AmountDue, ItemId, Payment, Refund } from '#domain/ledger.ts';
import type {
  ActionLink,
  AuditEvent,
  Case,
  CaseDocument,
  PatientToken,
  StaffMember,
  StaffRole,
  Step,
  TextJob,
  Wait,
} from '#domain/model.ts';
import type { CaseTask } from '#domain/tasks.ts';
import {
  type CaseStore,
  ConflictError,
  type Ledger,
  type LedgerStore,
  type OfficeLink,
  type PaymentException,
  type StaffDirectory,
  type StatementImport,
  type TaskStore,
  type WaitStore,
} from '#usecases/ports.ts';
import {
  documentIndex,
  indexes,
  keys,
  ledgerIndex,
  prefixes,
  TTL_ATTRIBUTE,
  taskIndex,
  ttl,
} from './items.ts';

type Key = { pk: string; sk: string };
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', TTL_ATTRIBUTE] as const;

/** An item with the table's TTL attribute when it names a time after which it may be deleted. */
function expiring<T extends { deleteAfter?: string }>(item: T): T {
  return item.deleteAfter ? { ...item, ...ttl(item.deleteAfter) } : item;
}

function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as T;
}

async function conditional<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (
      err instanceof ConditionalCheckFailedException ||
      (err as Error).name === 'ConditionalCheckFailedException'
    ) {
      throw new ConflictError(message);
    }
    throw err;
  }
}

/** The due time a case is waiting on in its status, for the by-status index (none sorts last). */
function statusIndex(caseId: string, status: Case['status'], deadlines: Case['deadlines'] = {}) {
  const due: Partial<Record<Case['status'], string | undefined>> = {
    triage: deadlines.triageDue,
    documents_requested: deadlines.documentsDue,
    awaiting_payment: deadlines.paymentDue,
    in_report: deadlines.reportDue,
    awaiting_approval: deadlines.reportDue,
    awaiting_additional_payment: deadlines.additionalPaymentDue,
  };
  return { gsi1pk: `STATUS#${status}`, gsi1sk: `${due[status] ?? '9999'}#${caseId}` };
}

function updateExpression(changes: Record<string, unknown>) {
  const set: string[] = [];
  const remove: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  Object.entries(changes).forEach(([k, v], i) => {
    names[`#a${i}`] = k;
    if (v === undefined) remove.push(`#a${i}`);
    else {
      set.push(`#a${i} = :v${i}`);
      values[`:v${i}`] = v;
    }
  });
  const expression = [
    set.length ? `SET ${set.join(', ')}` : '',
    remove.length ? `REMOVE ${remove.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { expression, names, values };
}

export class DynamoStore implements CaseStore, WaitStore, TaskStore, StaffDirectory, LedgerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** Told of every audit event once it is stored (the business metrics). */
    private readonly onEvent: (event: AuditEvent) => void = () => {},
  ) {}

  private async get<T>(key: Key): Promise<T | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return strip<T>(out.Item);
  }

  private async putNew(key: Key, item: object, what: string): Promise<void> {
    await conditional(
      () =>
        this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...item, ...key },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      `${what} already exists`,
    );
  }

  private async update<T>(
    key: Key,
    changes: Record<string, unknown>,
    condition: string,
    conditionValues: Record<string, unknown>,
    what: string,
    conditionNames: Record<string, string> = {},
  ): Promise<T> {
    const { expression, names, values } = updateExpression(changes);
    const out = await conditional(
      () =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: key,
            UpdateExpression: expression,
            ConditionExpression: condition,
            ExpressionAttributeNames: { ...names, ...conditionNames },
            ExpressionAttributeValues: { ...values, ...conditionValues },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      what,
    );
    return strip<T>(out.Attributes) as T;
  }

  private async queryPrefix<T>(pk: string, prefix: string): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': prefix },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      for (const item of out.Items ?? []) items.push(strip<T>(item) as T);
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  // Cases

  async createCase(item: Case, token: PatientToken): Promise<void> {
    await this.putNew(keys.reference(item.reference), { caseId: item.caseId }, `reference ${item.reference}`);
    await this.putNew(keys.patientToken(token.tokenHash), token, 'patient token');
    // The case item is written last: whoever can read it can also find its reference and token.
    await this.putNew(
      keys.case(item.caseId),
      { ...item, ...statusIndex(item.caseId, item.status, item.deadlines) },
      `case ${item.caseId}`,
    );
  }

  getCase(caseId: string): Promise<Case | undefined> {
    return this.get<Case>(keys.case(caseId));
  }

  async getCaseIdByReference(reference: string): Promise<string | undefined> {
    return (await this.get<{ caseId: string }>(keys.reference(reference)))?.caseId;
  }

  /** When `changes` holds a status, pass the case's deadlines with it so the by-status index stays ordered. */
  updateCase(caseId: string, expectedVersion: number, changes: Partial<Case>): Promise<Case> {
    const { caseId: _id, version: _v, ...rest } = changes;
    const indexed = changes.status ? statusIndex(caseId, changes.status, changes.deadlines) : {};
    return this.update<Case>(
      keys.case(caseId),
      { ...rest, ...indexed, version: expectedVersion + 1 },
      'attribute_exists(pk) AND version = :expected',
      { ':expected': expectedVersion },
      `case ${caseId} changed`,
    );
  }

  getPatientToken(tokenHash: string): Promise<PatientToken | undefined> {
    return this.get<PatientToken>(keys.patientToken(tokenHash));
  }

  async putPatientToken(item: PatientToken): Promise<void> {
    await this.putNew(keys.patientToken(item.tokenHash), item, 'patient token');
  }

  async listCasesByStatus(status: Case['status']): Promise<Case[]> {
    const items: Case[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: indexes.byStatus.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': indexes.byStatus.pk },
          ExpressionAttributeValues: { ':pk': `STATUS#${status}` },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) items.push(strip<Case>(item) as Case);
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  // Documents

  async putDocument(item: CaseDocument): Promise<void> {
    await this.putNew(
      keys.document(item.caseId, item.documentId),
      { ...item, ...documentIndex(item.state, item.updatedAt) },
      `document ${item.documentId}`,
    );
  }

  getDocument(caseId: string, documentId: string): Promise<CaseDocument | undefined> {
    return this.get<CaseDocument>(keys.document(caseId, documentId));
  }

  /**
   * Also, when given, only if the document's updatedAt is still `ifUpdatedAt` (nobody else moved it
   * since it was read). `changes` with a state put the document in the index of unsettled ones as
   * of their updatedAt, or take it out.
   */
  updateDocument(
    caseId: string,
    documentId: string,
    fromStates: readonly CaseDocument['state'][],
    changes: Partial<CaseDocument>,
    ifUpdatedAt?: string,
  ): Promise<CaseDocument> {
    const { caseId: _c, documentId: _d, ...rest } = changes;
    const indexed = changes.state ? documentIndex(changes.state, changes.updatedAt) : {};
    const states = Object.fromEntries(fromStates.map((s, i) => [`:s${i}`, s]));
    const unchanged = ifUpdatedAt === undefined ? '' : ' AND #updatedAt = :updatedAt';
    return this.update<CaseDocument>(
      keys.document(caseId, documentId),
      { ...rest, ...indexed },
      `attribute_exists(pk) AND #state IN (${Object.keys(states).join(', ')})${unchanged}`,
      { ...states, ...(ifUpdatedAt === undefined ? {} : { ':updatedAt': ifUpdatedAt }) },
      `document ${documentId} is not in state ${fromStates.join('/')}${unchanged && ' or changed since'}`,
      { '#state': 'state', ...(ifUpdatedAt === undefined ? {} : { '#updatedAt': 'updatedAt' }) },
    );
  }

  async deleteDocument(caseId: string, documentId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.document(caseId, documentId) }));
  }

  /** Up to `limit` documents in an unsettled state since `enteredBy` or earlier, oldest first (eventually consistent). */
  async listDocumentsByState(
    state: CaseDocument['state'],
    enteredBy: string,
    limit: number,
  ): Promise<CaseDocument[]> {
    const items: CaseDocument[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: indexes.byStatus.name,
          KeyConditionExpression: '#pk = :pk AND #sk <= :by',
          ExpressionAttributeNames: { '#pk': indexes.byStatus.pk, '#sk': indexes.byStatus.sk },
          ExpressionAttributeValues: { ':pk': `DOCSTATE#${state}`, ':by': enteredBy },
          Limit: limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) items.push(strip<CaseDocument>(item) as CaseDocument);
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items;
  }

  listDocuments(caseId: string): Promise<CaseDocument[]> {
    return this.queryPrefix<CaseDocument>(keys.case(caseId).pk, prefixes.document);
  }

  // Audit trail

  async appendEvent(event: AuditEvent): Promise<void> {
    for (let n = 0; ; n++) {
      try {
        await this.putNew(keys.event(event.caseId, event.at, n), event, 'event');
        this.onEvent(event);
        return;
      } catch (err) {
        if (!(err instanceof ConflictError) || n >= 50) throw err;
      }
    }
  }

  listEvents(caseId: string): Promise<AuditEvent[]> {
    return this.queryPrefix<AuditEvent>(keys.case(caseId).pk, prefixes.event);
  }

  // Textract jobs

  async putJob(item: TextJob): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...expiring(item), ...keys.job(item.jobId) } }),
    );
  }

  getJob(jobId: string): Promise<TextJob | undefined> {
    return this.get<TextJob>(keys.job(jobId));
  }

  // Rate limits

  async countHit(name: string, deleteAfter: Date): Promise<number> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.counter(name),
        UpdateExpression: 'ADD #hits :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#hits': 'hits', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':ttl': ttl(deleteAfter)[TTL_ATTRIBUTE] },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.hits);
  }

  // Human waits and action links

  async putWait(item: Wait): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...item, ...keys.wait(item.caseId, item.step) } }),
    );
  }

  getWait(caseId: string, step: Step): Promise<Wait | undefined> {
    return this.get<Wait>(keys.wait(caseId, step));
  }

  decideWait(
    caseId: string,
    step: Step,
    d: { by: string; decision: string; at: string; openedAt?: string; output?: Record<string, unknown> },
  ): Promise<Wait> {
    return this.update<Wait>(
      keys.wait(caseId, step),
      { decidedBy: d.by, decision: d.decision, decidedAt: d.at, decisionOutput: d.output },
      `attribute_exists(pk) AND attribute_not_exists(decision)${d.openedAt ? ' AND openedAt = :opened' : ''}`,
      d.openedAt ? { ':opened': d.openedAt } : {},
      `step ${step} of case ${caseId} is already decided`,
    );
  }

  updateWait(caseId: string, step: Step, openedAt: string, changes: Partial<Wait>): Promise<Wait> {
    const { caseId: _c, step: _s, openedAt: _o, ...rest } = changes;
    return this.update<Wait>(
      keys.wait(caseId, step),
      rest,
      'attribute_exists(pk) AND openedAt = :opened',
      { ':opened': openedAt },
      `the ${step} wait of case ${caseId} moved on`,
    );
  }

  async deleteWait(caseId: string, step: Step): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.wait(caseId, step) }));
  }

  async putLink(item: ActionLink): Promise<void> {
    await this.putNew(keys.link(item.tokenHash), expiring(item), 'link');
  }

  getLink(tokenHash: string): Promise<ActionLink | undefined> {
    return this.get<ActionLink>(keys.link(tokenHash));
  }

  useLink(tokenHash: string, at: string): Promise<ActionLink> {
    return this.useOnce<ActionLink>(keys.link(tokenHash), at, 'link');
  }

  /** Marks a one-use item used at `at`, once: a second use is a ConflictError. */
  private useOnce<T>(key: Key, at: string, what: string): Promise<T> {
    return this.update<T>(
      key,
      { usedAt: at },
      'attribute_exists(pk) AND attribute_not_exists(usedAt)',
      {},
      `${what} already used`,
    );
  }

  // The ledger

  async putDue(item: AmountDue): Promise<void> {
    await this.putNew(keys.due(item.caseId, item.itemId), item, `amount due ${item.itemId}`);
  }

  updateDue(caseId: string, itemId: ItemId, changes: Partial<AmountDue>): Promise<AmountDue> {
    const { caseId: _c, itemId: _i, ...rest } = changes;
    return this.update<AmountDue>(
      keys.due(caseId, itemId),
      rest,
      'attribute_exists(pk)',
      {},
      `amount due ${itemId} of case ${caseId} is gone`,
    );
  }

  async getLedger(caseId: string): Promise<Ledger> {
    const pk = keys.case(caseId).pk;
    const [dues, payments, refunds] = await Promise.all([
      this.queryPrefix<AmountDue>(pk, prefixes.due),
      this.queryPrefix<Payment>(pk, prefixes.payment),
      this.queryPrefix<Refund>(pk, prefixes.refund),
    ]);
    return {
      dues: dues.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      payments: payments.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
      refunds: refunds.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    };
  }

  async putPayment(item: Payment): Promise<void> {
    await this.putNew(keys.payment(item.caseId, item.paymentId), item, `payment ${item.paymentId}`);
  }

  reconcilePayment(
    caseId: string,
    paymentId: string,
    line: NonNullable<Payment['line']>,
    payer: Pick<Payment, 'payerName' | 'payerIban'>,
  ): Promise<Payment> {
    return this.update<Payment>(
      keys.payment(caseId, paymentId),
      { line, ...payer },
      'attribute_exists(pk) AND attribute_not_exists(line)',
      {},
      `payment ${paymentId} already has its statement line`,
    );
  }

  private refundIndex(open: boolean, createdAt: string, refundId: string) {
    return { gsi1pk: ledgerIndex.refunds(open), gsi1sk: `${createdAt}#${refundId}` };
  }

  async putRefund(item: Refund): Promise<void> {
    await this.putNew(
      keys.refund(item.caseId, item.refundId),
      { ...item, ...this.refundIndex(true, item.createdAt, item.refundId) },
      `refund ${item.refundId}`,
    );
  }

  getRefund(caseId: string | undefined, refundId: string): Promise<Refund | undefined> {
    return this.get<Refund>(keys.refund(caseId, refundId));
  }

  async closeRefund(
    caseId: string | undefined,
    refundId: string,
    changes: Pick<Refund, 'doneAt' | 'doneBy' | 'bankReference' | 'cancelledAt'>,
  ): Promise<Refund> {
    const current = await this.getRefund(caseId, refundId);
    if (!current) throw new ConflictError(`refund ${refundId} does not exist`);
    return this.update<Refund>(
      keys.refund(caseId, refundId),
      { ...changes, ...this.refundIndex(false, current.createdAt, refundId) },
      'attribute_exists(pk) AND attribute_not_exists(doneAt) AND attribute_not_exists(cancelledAt)',
      {},
      `refund ${refundId} is already closed`,
    );
  }

  listOpenRefunds(): Promise<Refund[]> {
    return this.queryIndex<Refund>(ledgerIndex.refunds(true));
  }

  async putException(item: PaymentException): Promise<void> {
    await this.putNew(
      keys.paymentException(item.exceptionId),
      { ...item, gsi1pk: ledgerIndex.exceptions(true), gsi1sk: `${item.createdAt}#${item.exceptionId}` },
      `exception ${item.exceptionId}`,
    );
  }

  getException(exceptionId: string): Promise<PaymentException | undefined> {
    return this.get<PaymentException>(keys.paymentException(exceptionId));
  }

  async resolveException(
    exceptionId: string,
    changes: Pick<PaymentException, 'resolvedAt' | 'resolvedBy' | 'resolution' | 'note'>,
  ): Promise<PaymentException> {
    return this.update<PaymentException>(
      keys.paymentException(exceptionId),
      { ...changes, gsi1pk: ledgerIndex.exceptions(false) },
      'attribute_exists(pk) AND attribute_not_exists(resolvedAt)',
      {},
      `exception ${exceptionId} is already resolved`,
    );
  }

  listOpenExceptions(): Promise<PaymentException[]> {
    return this.queryIndex<PaymentException>(ledgerIndex.exceptions(true));
  }

  getStatementImport(sha256: string): Promise<StatementImport | undefined> {
    return this.get<StatementImport>(keys.statement(sha256));
  }

  async putStatementImport(item: StatementImport): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...item, ...keys.statement(item.sha256) } }),
    );
  }

  async putOfficeLink(item: OfficeLink): Promise<void> {
    await this.putNew(keys.officeLink(item.tokenHash), item, 'office link');
  }

  getOfficeLink(tokenHash: string): Promise<OfficeLink | undefined> {
    return this.get<OfficeLink>(keys.officeLink(tokenHash));
  }

  useOfficeLink(tokenHash: string, at: string): Promise<OfficeLink> {
    return this.useOnce<OfficeLink>(keys.officeLink(tokenHash), at, 'office link');
  }

  // Case tasks

  async putTask(item: CaseTask): Promise<void> {
    await this.putNew(
      keys.task(item.caseId, item.taskId),
      { ...item, ...taskIndex(item) },
      `task ${item.taskId}`,
    );
  }

  getTask(caseId: string, taskId: string): Promise<CaseTask | undefined> {
    return this.get<CaseTask>(keys.task(caseId, taskId));
  }

  listTasks(caseId: string): Promise<CaseTask[]> {
    return this.queryPrefix<CaseTask>(keys.case(caseId).pk, prefixes.task);
  }

  /** `changes` with a status or a due time move the task in the index of open tasks (or out of it). */
  updateOpenTask(
    caseId: string,
    taskId: string,
    changes: Partial<CaseTask>,
    ifUpdatedAt?: string,
  ): Promise<CaseTask> {
    const { caseId: _c, taskId: _t, ...rest } = changes;
    const indexed =
      changes.status || changes.dueAt
        ? taskIndex({ caseId, taskId, status: changes.status ?? 'open', dueAt: changes.dueAt })
        : {};
    const unchanged = ifUpdatedAt === undefined ? '' : ' AND #updatedAt = :updatedAt';
    return this.update<CaseTask>(
      keys.task(caseId, taskId),
      { ...rest, ...indexed },
      `attribute_exists(pk) AND #status = :open${unchanged}`,
      { ':open': 'open', ...(ifUpdatedAt === undefined ? {} : { ':updatedAt': ifUpdatedAt }) },
      `task ${taskId} is no longer open${unchanged && ' or changed since'}`,
      { '#status': 'status', ...(ifUpdatedAt === undefined ? {} : { '#updatedAt': 'updatedAt' }) },
    );
  }

  listOpenTasks(): Promise<CaseTask[]> {
    return this.queryIndex<CaseTask>('TASKSTATE#open');
  }

  /** Every item under a partition value of the by-status index, oldest first. */
  private async queryIndex<T>(partition: string): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: indexes.byStatus.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': indexes.byStatus.pk },
          ExpressionAttributeValues: { ':pk': partition },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) items.push(strip<T>(item) as T);
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  // Staff directory: one item per member, plus a copy per role for the by-role index.

  async putStaff(item: StaffMember): Promise<void> {
    const previous = await this.getStaff(item.staffId);
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...item, ...keys.staff(item.staffId) } }),
    );
    for (const role of item.roles) {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...item,
            pk: keys.staff(item.staffId).pk,
            sk: `ROLE#${role}`,
            [indexes.byRole.pk]: `ROLE#${role}`,
            [indexes.byRole.sk]: `${item.active ? 'A' : 'I'}#${item.staffId}`,
          },
        }),
      );
    }
    for (const role of previous?.roles ?? []) {
      if (!item.roles.includes(role)) {
        await this.db.send(
          new DeleteCommand({
            TableName: this.table,
            Key: { pk: keys.staff(item.staffId).pk, sk: `ROLE#${role}` },
          }),
        );
      }
    }
  }

  getStaff(staffId: string): Promise<StaffMember | undefined> {
    return this.get<StaffMember>(keys.staff(staffId));
  }

  async listStaff(role?: StaffRole): Promise<StaffMember[]> {
    const items: StaffMember[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        role
          ? new QueryCommand({
              TableName: this.table,
              IndexName: indexes.byRole.name,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': indexes.byRole.pk },
              ExpressionAttributeValues: { ':pk': `ROLE#${role}` },
              ExclusiveStartKey: start,
            })
          : new ScanCommand({
              TableName: this.table,
              FilterExpression: 'begins_with(pk, :p) AND sk = :s',
              ExpressionAttributeValues: { ':p': 'STAFF#', ':s': 'STAFF' },
              ExclusiveStartKey: start,
            }),
      );
      for (const item of out.Items ?? []) items.push(strip<StaffMember>(item) as StaffMember);
      start = out.LastEvaluatedKey;
    } while (start);
    return items.sort((a, b) => a.staffId.localeCompare(b.staffId));
  }
}
