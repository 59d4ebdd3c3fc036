/**
 * `so case show|resend|reassign|resume|reopen|withdraw|erase REF`: operations on one case, by its reference or id,
 * with the same use cases the Lambdas run (shared/usecases/operations/). Every action is audited
 * with the operator (`--operator NAME` or SO_OPERATOR), as `ops:<name>`.
 *
 * Where it acts:
 * - `--local [--data-dir DIR]`: the local stack (`npm start`) whose data is in DIR (default
 *   `.local`): its endpoints (endpoints.json) and its simulated time (clock.json);
 * - otherwise the environment, as a deployed function has it (every variable of
 *   shared/app/config.ts, with AWS credentials that may read and write the table, send email and
 *   start and call back the state machine): README, "Recover a stuck case".
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseCaseReference } from '#domain/ids.ts';
import { type Case, STEPS, type Step } from '#domain/model.ts';
import { readRunningClock } from '#local/clock-state.ts';
import { ACCOUNT_ID, localEnvironment, localNames, REGION } from '#local/environment.ts';
import { api } from '#presentation/i18n/en/api.ts';
import { Refusal } from '#usecases/errors.ts';
import { type CaseRecord, caseRecord } from '#usecases/operations/case-record.ts';
import { CaseOpenError, eraseCase } from '#usecases/operations/erase-case.ts';
import { findCase } from '#usecases/operations/find-case.ts';
import { reassignStep } from '#usecases/operations/reassign-step.ts';
import { reopenCase } from '#usecases/operations/reopen-case.ts';
import { resendLinks } from '#usecases/operations/resend-links.ts';
import { resumeCase } from '#usecases/operations/resume-case.ts';
import { withdrawCase } from '#usecases/payments/withdraw-case.ts';
import type { UseCaseDeps } from '#usecases/ports.ts';
import { type Io, options } from '../io.ts';

const USAGE = `usage:
  so case show REF [--json]                      the case, its waits and its audit trail
  so case resend REF                             send the open step's links again (older ones stop working)
  so case reassign REF --to STAFF_ID             the report to another specialist; triage or the
                                                 specialist's choice to another triage doctor or lead
  so case resume REF [--step STEP]               a failed or timed-out case, at the step where it stopped
  so case reopen REF                             an expired case (unpaid, documents or a draft never sent)
  so case withdraw REF                           cancel a paid case (the patient asked) or a stopped one:
                                                 the office is sent a refund task, the patient is told
  so case erase REF [--force --reason TEXT]      a GDPR erasure: the case's items, tokens and files deleted,
                                                 a record of the erasure kept (docs/security.md); a case
                                                 still open needs --force and a reason
every action needs --operator NAME (or SO_OPERATOR), audited as ops:NAME
--local [--data-dir DIR]: the local stack (npm start) in DIR (default .local); otherwise the
environment of the deployed functions (README: Recover a stuck case)
steps: ${STEPS.join(', ')}`;

/** Where the API's words (written for patients and staff pages) would mislead an operator. */
const OPERATOR_WORDS: Partial<Record<Refusal['code'], string>> = {
  not_waiting: 'The case waits on no open step (see so case show).',
};

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OPERATOR = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Points the process at the local stack of `dataDir`, as its handlers are, on its simulated clock. */
async function useLocalStack(dataDir: string): Promise<void> {
  let endpoints: Parameters<typeof localEnvironment>[0]['endpoints'] & { api: string };
  try {
    endpoints = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8'));
  } catch {
    throw new Error(`no local stack in ${dataDir} (start it with npm start, or pass --data-dir)`);
  }
  const clock = readRunningClock(dataDir);
  Object.assign(
    process.env,
    localEnvironment({
      region: REGION,
      accountId: ACCOUNT_ID,
      publicUrl: endpoints.api,
      endpoints,
      names: localNames(),
      speed: clock.speed,
      quiet: true,
      textractStartsPerSecond: 1,
    }),
  );
  const { overrideDeps } = await import('#app/deps.ts');
  overrideDeps({ clock });
}

export async function useCaseDeps(values: { local?: boolean; 'data-dir'?: string }): Promise<UseCaseDeps> {
  if (values.local) await useLocalStack(values['data-dir'] ?? join(ROOT, '.local'));
  const { deps } = await import('#app/deps.ts');
  return deps();
}

const line = (cells: (string | undefined)[]) => cells.filter(Boolean).join('  ');

function printRecord(io: Io, r: CaseRecord): void {
  const c: Case = r.case;
  io.out(`${c.reference}  case ${c.caseId}`);
  io.out(
    line([
      `status ${c.status}`,
      c.reason && `reason ${c.reason}`,
      c.stoppedAt && `stopped at ${c.stoppedAt}`,
      `language ${c.language}`,
    ]),
  );
  io.out(
    line([
      `created ${c.createdAt}`,
      c.submittedAt && `submitted ${c.submittedAt}`,
      c.paidAt && `paid ${c.paidAt}`,
      c.releasedAt && `released ${c.releasedAt}`,
    ]),
  );
  const deadlines = Object.entries(c.deadlines).map(([k, v]) => `${k} ${v}`);
  if (deadlines.length) io.out(`deadlines ${deadlines.join(', ')}`);
  io.out(
    line([
      c.triageDoctorId && `triage by ${c.triageDoctorId}`,
      c.assigneeId && `specialist ${c.assigneeId}`,
      c.execution && `execution ${c.execution}`,
      c.resumes ? `resumed ${c.resumes}x` : undefined,
    ]) || 'no staff yet',
  );
  const docs = Object.entries(r.documents).map(([state, n]) => `${state} ${n}`);
  io.out(`documents ${docs.length ? docs.join(', ') : 'none'}`);
  io.out('');
  io.out('waits');
  if (!r.waits.length) io.out('  none');
  for (const w of r.waits) {
    const asked = [...new Set([...w.recipients, ...Object.keys(w.generations ?? {})])]
      .map((id) => (w.generations?.[id] ? `${id} (links #${w.generations[id]! + 1})` : id))
      .join(', ');
    io.out(
      `  ${line([
        w.step.padEnd(14),
        w.open ? 'OPEN' : 'closed',
        `opened ${w.openedAt}`,
        `due ${w.dueAt}`,
        w.endsAt && `ends ${w.endsAt}`,
        w.reminders ? `reminders ${w.reminders}` : undefined,
        asked && `asked ${asked}`,
        w.decision && `decided ${w.decision} by ${w.decidedBy} at ${w.decidedAt}`,
        w.applied && `applied: ${w.applied.status} -> ${w.applied.next}`,
      ])}`,
    );
  }
  io.out('');
  io.out('audit trail');
  for (const e of r.events) {
    io.out(
      `  ${line([e.at, e.actor.padEnd(16), e.action, e.details ? JSON.stringify(e.details) : undefined])}`,
    );
  }
}

export async function run(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = options(rest, {
    json: { type: 'boolean' },
    to: { type: 'string' },
    step: { type: 'string' },
    operator: { type: 'string' },
    local: { type: 'boolean' },
    'data-dir': { type: 'string' },
    force: { type: 'boolean' },
    reason: { type: 'string' },
  });
  const ref = positionals[0];
  const known = ['show', 'resend', 'reassign', 'resume', 'reopen', 'withdraw', 'erase'];
  if (!sub || !known.includes(sub) || !ref || positionals.length !== 1) {
    io.err(USAGE);
    return 2;
  }
  let by = '';
  if (sub !== 'show') {
    const operator = values.operator ?? process.env.SO_OPERATOR ?? '';
    if (!OPERATOR.test(operator)) {
      io.err(
        `so case ${sub}: --operator NAME (or SO_OPERATOR) is required: letters, digits, . _ @ -; it is written to the audit trail`,
      );
      return 2;
    }
    by = `ops:${operator}`;
  }
  if (sub === 'reassign' && !values.to) {
    io.err(`so case reassign: --to STAFF_ID is required\n${USAGE}`);
    return 2;
  }
  if (
    values.step !== undefined &&
    (sub !== 'resume' || !(STEPS as readonly string[]).includes(values.step))
  ) {
    io.err(`so case ${sub}: --step must be one of ${STEPS.join(', ')} (resume only)`);
    return 2;
  }

  if ((values.force || values.reason !== undefined) && sub !== 'erase') {
    io.err(`so case ${sub}: --force and --reason are for erase only`);
    return 2;
  }
  if (values.force && !values.reason?.trim()) {
    io.err(
      'so case erase: --force needs --reason TEXT (why a case still open is erased; it is kept with the record)',
    );
    return 2;
  }

  const d = await useCaseDeps(values);
  try {
    switch (sub) {
      case 'show': {
        const record = await caseRecord(d, ref);
        if (values.json) io.out(JSON.stringify(record));
        else printRecord(io, record);
        return 0;
      }
      case 'resend': {
        const r = await resendLinks(d, ref, by);
        io.out(
          `${r.reference}: the links of ${r.step} went again to ${r.to.join(', ')}; their older links no longer act`,
        );
        return 0;
      }
      case 'reassign': {
        const r = await reassignStep(d, ref, values.to!, by);
        io.out(
          r.step === 'report'
            ? `${r.reference}: the report goes from ${r.from ?? 'nobody'} to ${r.to}; the workflow applies it and tells them`
            : `${r.reference}: ${r.to} was sent links that decide ${r.step}; whoever was asked before keeps theirs`,
        );
        return 0;
      }
      case 'resume': {
        const c = await findCase(d, ref);
        if (c.status === 'expired') {
          io.err(`so case resume: ${c.reference} expired: re-open it with so case reopen`);
          return 1;
        }
        const r = await resumeCase(d, c.caseId, by, values.step as Step | undefined);
        io.out(`${c.reference}: resumed at ${r.step} (${r.status}), execution ${r.execution}`);
        return 0;
      }
      case 'erase': {
        const r = await eraseCase(d, ref, {
          by,
          ...(values.force ? { force: true } : {}),
          ...(values.reason !== undefined ? { reason: values.reason } : {}),
        });
        io.out(
          `${r.reference}: erased (${r.status}): ${r.deleted.items} items, ${r.deleted.tokens} patient tokens, ${r.deleted.objects} files deleted; the ledger and a record of the erasure are kept`,
        );
        return 0;
      }
      case 'withdraw': {
        const c = await findCase(d, ref);
        const r = await withdrawCase(d, c.caseId, by, 'cancelled');
        io.out(
          r.refundCents > 0
            ? `${c.reference}: cancelled; the office was sent a refund task for ${(r.refundCents / 100).toFixed(2)} EUR and the patient told`
            : `${c.reference}: cancelled, nothing to refund; the patient was told`,
        );
        return 0;
      }
      case 'reopen': {
        const r = await reopenCase(d, ref, by);
        io.out(
          r.step === 'draft'
            ? `${r.reference}: a draft again; the patient was told by when to send it`
            : `${r.reference}: re-opened at ${r.step} (${r.status}), execution ${r.execution}`,
        );
        return 0;
      }
    }
  } catch (err) {
    if (err instanceof CaseOpenError) {
      io.err(`so case erase: ${err.message}`);
      return 1;
    }
    if (err instanceof Refusal && err.code === 'not_found') {
      // An erased case: its reference still finds the record of the erasure.
      const caseId = (await d.store.getCaseIdByReference(normaliseCaseReference(ref))) ?? ref.trim();
      const erased = await d.store.getErasure(caseId);
      if (erased) {
        io.err(
          `so case ${sub}: ${erased.reference} was erased at ${erased.erasedAt} by ${erased.by} (it was ${erased.status}${erased.reason ? `; ${erased.reason}` : ''})`,
        );
        return 1;
      }
    }
    if (err instanceof Refusal) {
      io.err(`so case ${sub}: ${OPERATOR_WORDS[err.code] ?? api[err.code]} (${err.code})`);
      return 1;
    }
    throw err;
  }
  return 2;
}
