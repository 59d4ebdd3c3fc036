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
  address(a: CourierAddress): string[];
}

/**
 * Formats that put codes in words, in the reader's language (./code-formats.ts). Each reads only
 * its own code words, and a kind of email has those its words use (its template's `C`), so a
 * function bundles the code words of the emails it sends and no others.
 */
export interface CodeFormats {
  /** A consultation's name, or several joined. */
  additional(code: string | readonly string[]): string;
  languageName(code: string): string;
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

export type CodeFormat = keyof CodeFormats;

/** The words of one kind of email, in one language; C: the code formats they use. */
export type EmailTemplate<K extends NoticeKind, C extends CodeFormat = never> = (
  v: NoticeData[K],
  f: Formats & Pick<CodeFormats, C>,
  site: Site,
) => EmailContent;

/** A code format, made for a language. */
export type CodeFormatter<C extends CodeFormat> = (lang: Language) => CodeFormats[C];

/** One kind of email: its template in every language, and the code formats its words use. */
export type EmailEntry<K extends NoticeKind, C extends CodeFormat = never> = Record<
  Language,
  EmailTemplate<K, C>
> &
  ([C] extends [never] ? unknown : { codes: { [c in C]: CodeFormatter<c> } });

/**
 * The emails a notifier can write: each kind's entry. A function's notifier holds only the kinds
 * its use cases send (their `Notifies<...>` deps say which), so its bundle carries no other
 * email's words, nor code words none of its emails use.
 */
export type EmailCatalogue<K extends NoticeKind> = {
  [k in K]: Record<Language, EmailTemplate<k, CodeFormat>> & {
    codes?: { [c in CodeFormat]?: CodeFormatter<c> };
  };
};

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
