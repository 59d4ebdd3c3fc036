/**
 * Reads an ISO 20022 camt.053 bank-to-customer statement (versions 001.02 to 001.13; one file may
 * hold several statements, one a day) into the credits the matcher looks at: booked euro credits,
 * one per transaction (a batch entry gives one per transaction detail), with what the payer sent
 * (the instructed amount, or the booked amount plus the charges our bank took), what reached the
 * account, the dates, the payer and every piece of remittance text. Debits, reversals, pending
 * entries and other currencies are counted as skipped. A file with a DOCTYPE is refused (no entity
 * expansion), and so is one over the size limit: the parse is linear in a bounded input.
 */
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import {
  MAX_STATEMENT_BYTES,
  type ParsedStatement,
  type StatementCredit,
  StatementFormatError,
} from '#domain/statement.ts';

type Node = Record<string, unknown>;

/** Elements that may repeat, always read as lists. */
const LISTS = new Set([
  'Stmt',
  'Ntry',
  'NtryDtls',
  'TxDtls',
  'Ustrd',
  'Strd',
  'CdtrRefInf',
  'Chrgs',
  'Rcrd',
  'AddtlTxInf',
]);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => LISTS.has(name),
});

const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);
const node = (v: unknown): Node | undefined => (v && typeof v === 'object' ? (v as Node) : undefined);
function at(n: Node | undefined, ...path: string[]): unknown {
  let cur: unknown = n;
  for (const p of path) cur = node(Array.isArray(cur) ? cur[0] : cur)?.[p];
  return cur;
}
const text = (v: unknown): string | undefined => {
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'string') return first.trim() || undefined;
  const inner = node(first)?.['#text'];
  return typeof inner === 'string' ? inner.trim() || undefined : undefined;
};

/** An amount element (<Amt Ccy="EUR">500.00</Amt>) in cents, if it is in euro. */
function euroCents(v: unknown): number | undefined {
  const n = node(Array.isArray(v) ? v[0] : v);
  const value = text(n);
  if (!n || !value || (n['@Ccy'] !== undefined && n['@Ccy'] !== 'EUR')) return undefined;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) throw new StatementFormatError(`amount "${value}" is not a decimal amount`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
}

/** YYYY-MM-DD of a date choice (<Dt> or <DtTm>). */
function day(v: unknown): string | undefined {
  const s = text(at(node(v), 'Dt')) ?? text(at(node(v), 'DtTm'));
  return s ? s.slice(0, 10) : undefined;
}

/** The status of an entry: a code (001.02) or a choice with a code (001.08 and later). */
function status(entry: Node): string | undefined {
  return text(entry.Sts) ?? text(at(entry, 'Sts', 'Cd'));
}

/** Charges our bank deducted from a credit: 001.02 lists <Chrgs> with <Amt>; later versions <Chrgs><Rcrd>. */
function chargesCents(tx: Node | undefined): number {
  let total = 0;
  for (const c of list(tx?.Chrgs)) {
    const records = list(c.Rcrd);
    for (const r of records.length ? records : [c]) {
      // A charge not included in the amount (ChrgInclInd false) was not deducted from it.
      if (text(r.ChrgInclInd) === 'false') continue;
      if (text(r.CdtDbtInd) === 'CRDT') continue;
      total += euroCents(r.Amt) ?? 0;
    }
  }
  return total;
}

function remittanceOf(tx: Node | undefined): string[] {
  if (!tx) return [];
  const rmt = node(at(tx, 'RmtInf'));
  const parts: string[] = [];
  for (const u of list(rmt?.Ustrd)) parts.push(text(u) ?? '');
  for (const s of list(rmt?.Strd)) {
    for (const r of list(s.CdtrRefInf)) parts.push(text(r.Ref) ?? '');
    const extra = text(s.AddtlRmtInf);
    if (extra) parts.push(extra);
  }
  for (const a of list(tx.AddtlTxInf)) parts.push(text(a) ?? '');
  return parts.filter(Boolean);
}

function payerOf(tx: Node | undefined): { payerName?: string; payerIban?: string } {
  const parties = node(at(tx, 'RltdPties'));
  // 001.02 names the debtor directly; later versions wrap it in <Pty>.
  const name =
    text(at(parties, 'Dbtr', 'Nm')) ??
    text(at(parties, 'Dbtr', 'Pty', 'Nm')) ??
    text(at(parties, 'UltmtDbtr', 'Nm')) ??
    text(at(parties, 'UltmtDbtr', 'Pty', 'Nm'));
  const iban = text(at(parties, 'DbtrAcct', 'Id', 'IBAN'));
  return { ...(name ? { payerName: name } : {}), ...(iban ? { payerIban: iban.replace(/\s+/g, '') } : {}) };
}

const digest = (...parts: (string | number | undefined)[]) =>
  createHash('sha256')
    .update(parts.map((p) => String(p ?? '')).join('\u0000'))
    .digest('hex')
    .slice(0, 32);

/** Parses a camt.053 file; StatementFormatError when it is not one. */
export function parseCamt053(bytes: Uint8Array): ParsedStatement {
  if (bytes.byteLength > MAX_STATEMENT_BYTES)
    throw new StatementFormatError(`the file is larger than ${MAX_STATEMENT_BYTES} bytes`);
  const xml = Buffer.from(bytes).toString('utf8');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new StatementFormatError('a statement has no DOCTYPE');
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new StatementFormatError(`not XML: ${(err as Error).message}`);
  }
  const root = node(doc.Document);
  // Namespace prefixes are dropped by the parse: the document's namespace is read from its text.
  const camt = /xmlns(?::\w+)?="urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2}"/.test(xml);
  const statements = list(at(root, 'BkToCstmrStmt', 'Stmt'));
  if (!root || !camt || !statements.length)
    throw new StatementFormatError('not a camt.053 bank-to-customer statement');

  const credits: StatementCredit[] = [];
  const statementIds: string[] = [];
  let skipped = 0;
  for (const stmt of statements) {
    const statementId = text(stmt.Id) ?? digest(JSON.stringify(stmt).slice(0, 200));
    statementIds.push(statementId);
    const account = (
      text(at(stmt, 'Acct', 'Id', 'IBAN')) ??
      text(at(stmt, 'Acct', 'Id', 'Othr', 'Id')) ??
      ''
    ).replace(/\s+/g, '');
    list(stmt.Ntry).forEach((entry, entryIndex) => {
      const booked = status(entry) === 'BOOK';
      const credit = text(entry.CdtDbtInd) === 'CRDT';
      const reversal = text(entry.RvslInd) === 'true';
      const entryCents = euroCents(entry.Amt);
      if (!booked || !credit || reversal || entryCents === undefined) {
        skipped += 1;
        return;
      }
      const bookingDate = day(entry.BookgDt) ?? '';
      const valueDate = day(entry.ValDt) ?? bookingDate;
      const entryRef = text(entry.AcctSvcrRef) ?? text(entry.NtryRef);
      const txs = list(entry.NtryDtls).flatMap((d) => list(d.TxDtls));
      const entryText = text(entry.AddtlNtryInf);
      const amountOf = (tx: Node | undefined) =>
        euroCents(at(tx, 'AmtDtls', 'TxAmt', 'Amt')) ?? euroCents(tx?.Amt);
      // A batch whose transactions carry no amounts of their own cannot be split: one credit for the entry.
      const split = txs.length > 1 && txs.every((tx) => amountOf(tx) !== undefined);
      const lines: (Node | undefined)[] = split ? txs : [txs[0]];
      lines.forEach((tx, txIndex) => {
        const creditedCents = (split ? amountOf(tx) : undefined) ?? entryCents;
        const instructed = euroCents(at(tx, 'AmtDtls', 'InstdAmt', 'Amt'));
        const amountCents = instructed ?? creditedCents + chargesCents(tx);
        const remittance = [
          ...(split ? remittanceOf(tx) : txs.flatMap(remittanceOf)),
          ...(split || !entryText ? [] : [entryText]),
        ].join(' ');
        const txRef = text(at(tx, 'Refs', 'AcctSvcrRef'));
        const endToEndId = text(at(tx, 'Refs', 'EndToEndId'));
        const bankReference =
          txRef ?? (entryRef ? (split ? `${entryRef}/${txIndex + 1}` : entryRef) : undefined);
        const payer = payerOf(tx);
        credits.push({
          // The bank's reference names the transaction in every statement that shows it; without
          // one, its content and place do (the same file gives the same keys).
          lineKey: bankReference
            ? `${account}|${bankReference}`
            : `${account}|${digest(statementId, entryIndex, txIndex, bookingDate, amountCents, remittance, endToEndId)}`,
          statementId,
          account,
          amountCents,
          creditedCents,
          bookingDate,
          valueDate,
          ...payer,
          ...(bankReference ? { bankReference } : {}),
          ...(endToEndId && endToEndId !== 'NOTPROVIDED' ? { endToEndId } : {}),
          remittance,
        });
      });
    });
  }
  return { statementIds, credits, skipped };
}
