/**
 * The ledger: amounts due, payments, refunds (indexed while open), the office's payment
 * exceptions, imported statements and office links.
 */
import type { AmountDue, Payment, Refund } from '#domain/ledger.ts';
import {
  ConflictError,
  type LedgerStore,
  type OfficeLink,
  type PaymentException,
  type StatementImport,
} from '#usecases/ports.ts';
import { keys, ledgerIndex, prefixes } from './items.ts';
import type { Table } from './table.ts';

function refundIndex(open: boolean, createdAt: string, refundId: string) {
  return { gsi1pk: ledgerIndex.refunds(open), gsi1sk: `${createdAt}#${refundId}` };
}

export function ledgerItems(table: Table): LedgerStore {
  const getRefund = (caseId: string | undefined, refundId: string) =>
    table.get<Refund>(keys.refund(caseId, refundId));
  return {
    putDue: (item) => table.putNew(keys.due(item.caseId, item.itemId), item, `amount due ${item.itemId}`),

    updateDue(caseId, itemId, changes) {
      const { caseId: _c, itemId: _i, ...rest } = changes;
      return table.update<AmountDue>(
        keys.due(caseId, itemId),
        rest,
        'attribute_exists(pk)',
        {},
        `amount due ${itemId} of case ${caseId} is gone`,
      );
    },

    async getLedger(caseId) {
      const pk = keys.case(caseId).pk;
      const [dues, payments, refunds] = await Promise.all([
        table.queryPrefix<AmountDue>(pk, prefixes.due),
        table.queryPrefix<Payment>(pk, prefixes.payment),
        table.queryPrefix<Refund>(pk, prefixes.refund),
      ]);
      return {
        dues: dues.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        payments: payments.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
        refunds: refunds.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      };
    },

    putPayment: (item) =>
      table.putNew(keys.payment(item.caseId, item.paymentId), item, `payment ${item.paymentId}`),

    reconcilePayment: (caseId, paymentId, line, payer) =>
      table.update<Payment>(
        keys.payment(caseId, paymentId),
        { line, ...payer },
        'attribute_exists(pk) AND attribute_not_exists(line)',
        {},
        `payment ${paymentId} already has its statement line`,
      ),

    putRefund: (item) =>
      table.putNew(
        keys.refund(item.caseId, item.refundId),
        { ...item, ...refundIndex(true, item.createdAt, item.refundId) },
        `refund ${item.refundId}`,
      ),

    getRefund,

    async closeRefund(caseId, refundId, changes) {
      const current = await getRefund(caseId, refundId);
      if (!current) throw new ConflictError(`refund ${refundId} does not exist`);
      return table.update<Refund>(
        keys.refund(caseId, refundId),
        { ...changes, ...refundIndex(false, current.createdAt, refundId) },
        'attribute_exists(pk) AND attribute_not_exists(doneAt) AND attribute_not_exists(cancelledAt)',
        {},
        `refund ${refundId} is already closed`,
      );
    },

    listOpenRefunds: () => table.queryIndex<Refund>(ledgerIndex.refunds(true)),

    putException: (item) =>
      table.putNew(
        keys.paymentException(item.exceptionId),
        { ...item, gsi1pk: ledgerIndex.exceptions(true), gsi1sk: `${item.createdAt}#${item.exceptionId}` },
        `exception ${item.exceptionId}`,
      ),

    getException: (exceptionId) => table.get<PaymentException>(keys.paymentException(exceptionId)),

    resolveException: (exceptionId, changes) =>
      table.update<PaymentException>(
        keys.paymentException(exceptionId),
        { ...changes, gsi1pk: ledgerIndex.exceptions(false) },
        'attribute_exists(pk) AND attribute_not_exists(resolvedAt)',
        {},
        `exception ${exceptionId} is already resolved`,
      ),

    listOpenExceptions: () => table.queryIndex<PaymentException>(ledgerIndex.exceptions(true)),

    getStatementImport: (sha256) => table.get<StatementImport>(keys.statement(sha256)),

    putStatementImport: (item) => table.put(keys.statement(item.sha256), item),

    putOfficeLink: (item) => table.putNew(keys.officeLink(item.tokenHash), item, 'office link'),

    getOfficeLink: (tokenHash) => table.get<OfficeLink>(keys.officeLink(tokenHash)),

    useOfficeLink: (tokenHash, at) =>
      table.useOnce<OfficeLink>(keys.officeLink(tokenHash), at, 'office link'),
  };
}
