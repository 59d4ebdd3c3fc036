/**
 * Every notice for the patient goes to everyone who applied (the patient when they gave an address,
 * and whoever applied for them), one email each, addressed to the reader, with links of their own.
 */
import type { Case } from '#domain/model.ts';
import type { Notice, NoticeData, NoticeKind, Notifies } from '../notices.ts';
import { type ApplicantRecipient, applicants } from './people.ts';

/** The notice of `kind` for each applicant, its data made for that reader (a case link of their own). */
export async function applicantNotices<K extends NoticeKind>(
  c: Case,
  kind: K,
  data: (a: ApplicantRecipient) => NoticeData[K] | Promise<NoticeData[K]>,
): Promise<Notice<K>[]> {
  const out: Notice<K>[] = [];
  for (const a of applicants(c)) out.push({ kind, to: a.to, caseId: c.caseId, data: await data(a) });
  return out;
}

/** Sends the notice of `kind` to each applicant. */
export async function tellApplicants<K extends NoticeKind>(
  d: Notifies<K>,
  c: Case,
  kind: K,
  data: (a: ApplicantRecipient) => NoticeData[K] | Promise<NoticeData[K]>,
): Promise<void> {
  for (const notice of await applicantNotices(c, kind, data)) await d.notifier.notify(notice);
}
