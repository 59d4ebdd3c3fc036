/**
 * The values a decision's form sends, read strictly: lists of lines, a disease site, a consultation
 * type, triage's answer on an update's remit, a report extension and the patient's answer to each proposed consultation. Anything else is
 * nothing, so a tampered form cannot write what the page did not offer.
 */
import type { ConsultationAnswer } from '#domain/consultations.ts';
import {
  CONSULTATION_TYPES,
  type ConsultationType,
  DISEASE_SITES,
  type DiseaseSite,
  EXTENSION_REASONS,
  type ExtensionReason,
  UPDATE_REMITS,
  type UpdateRemit,
} from '#domain/model.ts';

/** The specialist lead may extend a report once, by at most this many working days. */
export const MAX_EXTENSION_WORKING_DAYS = 5;

/** A list, or the lines of a text box: trimmed, blanks dropped. */
export function stringList(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(/\r?\n/)
      : [];
  return items.map((s) => s.trim()).filter(Boolean);
}

export function isDiseaseSite(s: unknown): s is DiseaseSite {
  return (DISEASE_SITES as readonly unknown[]).includes(s);
}

/** Triage's answer on an update's remit, or nothing. */
export function remitOf(value: unknown): UpdateRemit | undefined {
  return (UPDATE_REMITS as readonly unknown[]).includes(value) ? (value as UpdateRemit) : undefined;
}

export function isConsultationType(s: string): s is ConsultationType {
  return (CONSULTATION_TYPES as readonly string[]).includes(s);
}

/** Working days of `n` (1 to the maximum) and a known reason, or nothing. */
export function extensionOf(
  values: Record<string, unknown>,
): { workingDays: number; reason: ExtensionReason } | undefined {
  const workingDays = Number(values.workingDays);
  const reason = String(values.reason ?? '');
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_EXTENSION_WORKING_DAYS)
    return undefined;
  if (!(EXTENSION_REASONS as readonly string[]).includes(reason)) return undefined;
  return { workingDays, reason: reason as ExtensionReason };
}

/** The patient's answer to each proposed consultation: as the form says, else the decision's for all. */
export function answersOf(
  values: Record<string, unknown>,
  event: 'approve' | 'decline',
  codes: readonly string[],
): Record<string, ConsultationAnswer> {
  const given =
    values.answers && typeof values.answers === 'object' ? (values.answers as Record<string, unknown>) : {};
  return Object.fromEntries(
    codes.map((code) => [code, given[code] === 'approve' || given[code] === 'decline' ? given[code] : event]),
  ) as Record<string, ConsultationAnswer>;
}
