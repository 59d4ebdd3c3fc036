/**
 * The office's daily digest: every open case, earliest due first, with the step it is in, who it
 * waits on, whether it is overdue and a link to its page; the cases that stopped (failed, timed
 * out) for operations; and the drafts the patient has not sent. No clinical content and no patient
 * names: a reference and a step per case.
 */
import { type Case, STEPS, type Step } from '#domain/model.ts';
import { stepStatus } from '#domain/wait-policy.ts';
import { createCaseLink } from '../common/links.ts';
import { OFFICE } from '../common/people.ts';
import type { DigestCase, DigestStopped, NoticeData, Notifies, WaitingOn } from '../notices.ts';
import type { UseCaseDeps } from '../ports.ts';
import type { DraftSweep } from './draft-sweep.ts';
import { askedBy, isOpenWait } from './find-case.ts';

type Deps = Pick<UseCaseDeps, 'config' | 'clock' | 'store'>;
type Digest = NoticeData['daily_digest'];

/** Cases looked at in parallel: a few, so a large list is quick without a burst on the table. */
const PARALLEL = 8;

async function mapInBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL)
    out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(fn))));
  return out;
}

export async function buildDailyDigest(d: Deps, drafts: Omit<DraftSweep, 'failed'>): Promise<Digest> {
  const now = d.clock.now();
  const names = new Map<string, Promise<string>>();
  const nameOf = (staffId: string) => {
    if (!names.has(staffId))
      names.set(
        staffId,
        d.store.getStaff(staffId).then((s) => s?.name ?? staffId),
      );
    return names.get(staffId)!;
  };
  const waitingOn = async (ids: string[]): Promise<WaitingOn[]> =>
    Promise.all(
      ids.map(
        async (id): Promise<WaitingOn> =>
          id === 'patient' || id === 'office' ? { kind: id } : { kind: 'staff', name: await nameOf(id) },
      ),
    );
  const view = (c: Case) => createCaseLink(d, c.caseId, 'office', 'view');

  const waiting: { c: Case; step: Step }[] = [];
  for (const step of STEPS) {
    for (const c of await d.store.listCasesByStatus(stepStatus(step))) waiting.push({ c, step });
  }
  const open = await mapInBatches(waiting, async ({ c, step }): Promise<DigestCase> => {
    const wait = await d.store.getWait(c.caseId, step);
    const base = { reference: c.reference, step, url: await view(c) };
    // No open wait: the workflow is between two steps, or stopped without saying so; operations look.
    if (!isOpenWait(wait)) return { ...base, overdue: false, waitingOn: [] };
    return {
      ...base,
      dueAt: wait.dueAt,
      overdue: new Date(wait.dueAt).getTime() < now.getTime(),
      waitingOn: await waitingOn(askedBy(wait)),
    };
  });
  open.sort(
    (a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.reference.localeCompare(b.reference),
  );

  const stoppedCases = [
    ...(await d.store.listCasesByStatus('failed')),
    ...(await d.store.listCasesByStatus('timed_out')),
  ].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  const stopped = await mapInBatches(
    stoppedCases,
    async (c): Promise<DigestStopped> => ({
      reference: c.reference,
      status: c.status === 'failed' ? 'failed' : 'timed_out',
      ...(c.stoppedAt ? { step: c.stoppedAt } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
      since: c.updatedAt,
      url: await view(c),
    }),
  );
  return {
    at: now.toISOString(),
    open,
    stopped,
    drafts: { open: drafts.open, reminded: drafts.reminded, closed: drafts.closed },
  };
}

/** Builds the digest and sends it to the office. */
export async function sendDailyDigest(
  d: Deps & Notifies<'daily_digest'>,
  drafts: Omit<DraftSweep, 'failed'>,
): Promise<Digest> {
  const digest = await buildDailyDigest(d, drafts);
  await d.notifier.notify({ kind: 'daily_digest', to: OFFICE, data: digest });
  return digest;
}
