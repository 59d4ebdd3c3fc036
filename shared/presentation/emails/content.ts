/** The shape of an email before it is rendered, and what its words are written with. */
import type { ExceptionKind, RefundReason } from '#domain/ledger.ts';
import type {
  CaseReason,
  CourierAddress,
  ExtensionReason,
  Language,
  ReportNote,
  Step,
} from '#domain/model.ts';
import type { TaskKind } from '#domain/tasks.ts';
import type { OpeningHours } from '#presentation/formats.ts';
import type { Candidate, NoticeData, NoticeKind, TaskWho } from '#usecases/notices.ts';

export interface EmailAction {
  label: string;
  url: string;
}

export interface EmailContent {
  subject: string;
  paragraphs: string[];
  /** Label/value rows shown as a small table (amount, IBAN, payment reference...). */
  facts?: { label: string; value: string }[];
  actions?: EmailAction[];
  /** Titled lists of entries, each with its link (the office's digest). */
  sections?: EmailSection[];
}

export interface EmailSection {
  title: string;
  items: { text: string; url: string }[];
}

/** Formats bound to the reader's language (shared/presentation/formats.ts). */
export interface Formats {
  money(cents: number): string;
  time(iso: string): string;
  day(iso: string): string;
  groups(value: string): string;
  consultationType(code: string): string;
  /** A consultation's name, or several joined. */
  additional(code: string | readonly string[]): string;
  languageName(code: string): string;
  address(a: CourierAddress): string[];
  /** A candidate specialist: name, consultation types, languages and open cases. */
  candidate(c: Candidate): string;
  reportNote(note: ReportNote, consultation?: readonly string[]): string;
  extensionReason(reason: ExtensionReason): string;
  step(step: Step): string;
  caseReason(reason: CaseReason): string;
  exceptionKind(kind: ExceptionKind): string;
  refundReason(reason: RefundReason): string;
  /** A task's kind (with its consultation's name, for a consultation). */
  task(kind: TaskKind, consultation?: string): string;
  taskWho(who: TaskWho): string;
}

/** What every email and page may show of the site (stage configuration). */
export interface Site {
  hospitalName: string;
  office: { email: string; phone: string; address: string; hours: OpeningHours };
  bank: { beneficiary: string; iban: string; bic: string };
}

/** The words of one kind of email, in one language. */
export type EmailTemplate<K extends NoticeKind> = (v: NoticeData[K], f: Formats, site: Site) => EmailContent;

/**
 * The emails a notifier can write: each kind's template in every language. A function's notifier
 * holds only the kinds its use cases send (their `Notifies<...>` deps say which), so its bundle
 * carries no other email's words.
 */
export type EmailCatalogue<K extends NoticeKind> = { [k in K]: Record<Language, EmailTemplate<k>> };

export interface EmailWords {
  greeting: string;
  closing: string;
  /** {hospital}: the hospital's name. */
  team: string;
  note: string;
  /** Every email's footer: {phone}, {hours}, {address}. */
  contact: string;
  /** How the office and a secretariat are greeted. */
  officeName: string;
  secretariatName: string;
}
