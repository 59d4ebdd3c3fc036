/**
 * The emails' code formats (content.ts, CodeFormats), one export each, each reading only the code
 * words it puts in words: an email's entry (i18n/email-words.ts) names those its words use, so a
 * function bundles those areas of the code words and no others.
 */
import type { Language } from '#domain/model.ts';
import { fill } from '#presentation/formats.ts';
import { additionalName } from '#presentation/i18n/code-words.ts';
import * as en from '#presentation/i18n/en/codes.ts';
import * as it from '#presentation/i18n/it/codes.ts';
import type { CodeFormatter } from './content.ts';

const CONSULTATION_TYPES = { en: en.consultationTypes, it: it.consultationTypes };
const LANGUAGE_NAMES = { en: en.languageNames, it: it.languageNames };
const CANDIDATE = { en: en.candidate, it: it.candidate };
const REPORT_NOTES = { en: en.reportNotes, it: it.reportNotes };
const EXTENSION_REASONS = { en: en.extensionReasons, it: it.extensionReasons };
const STEPS = { en: en.steps, it: it.steps };
const CASE_REASONS = { en: en.caseReasons, it: it.caseReasons };
const EXCEPTION_KINDS = { en: en.exceptionKinds, it: it.exceptionKinds };
const REFUND_REASONS = { en: en.refundReasons, it: it.refundReasons };
const TASKS = { en: en.tasks, it: it.tasks };
const TASK_WHO = { en: en.taskWho, it: it.taskWho };

export const additional: CodeFormatter<'additional'> = (lang) => (code) =>
  (typeof code === 'string' ? [code] : code).map((c) => additionalName(c, lang)).join(', ');

export const languageName: CodeFormatter<'languageName'> = (lang) => (code) =>
  LANGUAGE_NAMES[lang][code as Language] ?? code;

export const candidate: CodeFormatter<'candidate'> = (lang) => (c) =>
  fill(CANDIDATE[lang], {
    name: c.name,
    types: c.consultationTypes.map((t) => CONSULTATION_TYPES[lang][t]).join(', '),
    languages: c.languages.join('/'),
    open: c.openCases,
  });

export const reportNote: CodeFormatter<'reportNote'> = (lang) => (note, consultation) =>
  fill(REPORT_NOTES[lang][note], {
    consultation: (consultation ?? []).map((c) => additionalName(c, lang)).join(', '),
  });

export const extensionReason: CodeFormatter<'extensionReason'> = (lang) => (reason) =>
  EXTENSION_REASONS[lang][reason];

export const step: CodeFormatter<'step'> = (lang) => (s) => STEPS[lang][s];

export const caseReason: CodeFormatter<'caseReason'> = (lang) => (reason) => CASE_REASONS[lang][reason];

export const exceptionKind: CodeFormatter<'exceptionKind'> = (lang) => (kind) => EXCEPTION_KINDS[lang][kind];

export const refundReason: CodeFormatter<'refundReason'> = (lang) => (reason) => REFUND_REASONS[lang][reason];

export const task: CodeFormatter<'task'> = (lang) => (kind, consultation) =>
  consultation ? `${TASKS[lang][kind]} (${additionalName(consultation, lang)})` : TASKS[lang][kind];

export const taskWho: CodeFormatter<'taskWho'> = (lang) => (who) =>
  who.kind === 'staff' ? who.name : TASK_WHO[lang][who.kind];
