/**
 * What an action link's POST carries: a form (urlencoded), parsed to a LinkForm whose fields the
 * use case checks per decision; and the JSON of a report upload request.
 */
import * as z from 'zod';
import { CONSULTATION_TYPES } from '#domain/model.ts';
import type { LinkForm } from '#usecases/links/link-form.ts';

/** Forms larger than this are cut: nothing a person types into these pages comes near it. */
const FORM_MAX_CHARS = 64 * 1024;
const TEXT_MAX = 4000;
const DOCUMENT_MAX = 300;
const DOCUMENTS_MAX = 30;
/** In-depth consultations proposed or answered at once: more than the configured list never makes sense. */
const CONSULTATIONS_MAX = 20;
/** A carrier's name or a tracking number. */
const SHORT_MAX = 100;

const text = (value: string | null) => (value ?? '').slice(0, TEXT_MAX).trim();

export function parseLinkForm(body: string): LinkForm {
  const form = new URLSearchParams(body.slice(0, FORM_MAX_CHARS));
  const documents = (form.get('documents') ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim().slice(0, DOCUMENT_MAX))
    .filter(Boolean)
    .slice(0, DOCUMENTS_MAX);
  const note = text(form.get('note'));
  const reason = text(form.get('reason'));
  // request_additional: one or more consultations (checkboxes); approve: an answer for each.
  const consultations = [...new Set(form.getAll('consultation').map((c) => c.trim().slice(0, SHORT_MAX)))]
    .filter(Boolean)
    .slice(0, CONSULTATIONS_MAX);
  const answers = Object.fromEntries(
    [...form.entries()]
      .filter(([k, v]) => /^answer_[a-z0-9_]{1,60}$/.test(k) && (v === 'approve' || v === 'decline'))
      .slice(0, CONSULTATIONS_MAX)
      .map(([k, v]) => [k.slice('answer_'.length), v as 'approve' | 'decline']),
  );
  const reportId = form.get('reportId');
  const workingDays = form.get('workingDays');
  const amount = text(form.get('amount')).slice(0, 20);
  const valueDate = text(form.get('valueDate')).slice(0, 10);
  const carrier = text(form.get('carrier')).slice(0, SHORT_MAX);
  const tracking = text(form.get('tracking')).slice(0, SHORT_MAX);
  const diseaseSite = text(form.get('diseaseSite')).slice(0, SHORT_MAX);
  const remit = text(form.get('remit')).slice(0, SHORT_MAX);
  const contributors = Object.fromEntries(
    CONSULTATION_TYPES.flatMap((t) => {
      const id = text(form.get(`contributor_${t}`)).slice(0, SHORT_MAX);
      return id ? [[t, id]] : [];
    }),
  );
  return {
    ...(note ? { note } : {}),
    ...(documents.length ? { documents } : {}),
    ...(reason ? { reason } : {}),
    ...(consultations.length ? { consultation: consultations[0], consultations } : {}),
    ...(Object.keys(answers).length ? { answers } : {}),
    ...(reportId ? { reportId } : {}),
    ...(workingDays ? { workingDays: workingDays.slice(0, 3) } : {}),
    ...(amount ? { amount } : {}),
    ...(valueDate ? { valueDate } : {}),
    ...(carrier ? { carrier } : {}),
    ...(tracking ? { tracking } : {}),
    ...(diseaseSite ? { diseaseSite } : {}),
    ...(remit ? { remit } : {}),
    ...(Object.keys(contributors).length ? { contributors } : {}),
  };
}

export const reportUploadSchema = z.object({
  fileName: z.string().min(1).max(200),
  contentType: z.literal('application/pdf'),
  sizeBytes: z.number().int().positive(),
});
