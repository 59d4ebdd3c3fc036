/** What an action link's POST may carry; which fields a decision or task needs is checked where it acts. */
import type { ConsultationType } from '#domain/model.ts';

export interface LinkForm {
  note?: string;
  /** request_documents: one document per entry. */
  documents?: string[];
  /** A free-text reason (reject, request_additional) or a reason code (extend). */
  reason?: string;
  consultation?: string;
  /** request_additional: the consultations proposed (one or more codes of the price list). */
  consultations?: string[];
  /** approve: the patient's answer to each proposed consultation, by its code. */
  answers?: Record<string, 'approve' | 'decline'>;
  reportId?: string;
  /** extend: by how many working days. */
  workingDays?: string;
  /** A shipment recorded from a task link (slides returned, report shipped). */
  carrier?: string;
  tracking?: string;
  /** complete: the disease site triage names. */
  diseaseSite?: string;
  /** complete, for an update: within the previous physician's remit, or for another doctor. */
  remit?: string;
  /** assign: the contributor chosen for each consultation type the lead does not cover (staff ids). */
  contributors?: Partial<Record<ConsultationType, string>>;
  /** confirm_payment: the amount received, as the office typed it ("500,00"), and its value date. */
  amount?: string;
  valueDate?: string;
}
