/**
 * The use cases the state machine's task Lambdas run: plan a wait, open it (links and emails),
 * remind or escalate on its timeout, apply its decision, expire, mark failed. Every status change
 * is a conditional write checked by the lifecycle table; every step appends an audit event; a
 * retried call does not repeat what it already did.
 */
import { DateTime } from 'luxon';
import { calendarOf } from '#app/config.ts';
import type { Deps } from '#app/deps.ts';
import { logger } from '#app/logger.ts';
import { rankCandidates } from '#domain/assignment.ts';
import { addWorkingDays, SITE_ZONE, subtractWorkingDays, workingDaysBetween } from '#domain/calendar.ts';
import { formatRfReference, hashToken, newSecretToken } from '#domain/ids.ts';
import {
  type CaseEvent,
  type CaseStatus,
  canTransition,
  isTerminal,
  TRANSITIONS,
  transition,
} from '#domain/lifecycle.ts';
import type { Case, Language, StaffMember, StaffRole, Step, Wait } from '#domain/model.ts';
import { formatCents, quoteAdditional, quoteCase, updateWindowEnd } from '#domain/pricing.ts';
import { sendEmail } from '#presentation/emails/send.ts';
import { ConflictError } from './ports.ts';
import { checkReport } from './report-check.ts';

export type WorkflowDeps = Pick<Deps, 'config' | 'clock' | 'store' | 'mailer' | 'workflow' | 'documents'>;

/** What a wait's SendTaskSuccess carries: the first decision of the step. */
export interface DecisionOutput {
  decision: string;
  /** "patient", "office", "system" or a staff id. */
  by: string;
  at: string;
  values: Record<string, unknown>;
}

export interface WaitPlan {
  openedAt: string;
  dueAt: string;
  /** Simulated seconds until the wait's next timeout (at least 1). */
  timeoutSeconds: number;
  reminders: number;
  expire: boolean;
}

/** The status a case has while each step waits; a link whose case has left it is closed. */
export const STEP_STATUS: Record<Step, CaseStatus> = {
  triage: 'triage',
  documents: 'documents_requested',
  payment: 'awaiting_payment',
  assignment: 'assignment',
  report: 'in_report',
  approval: 'awaiting_approval',
};

/** The decisions each step takes (lifecycle events), plus the report step's read-only documents link. */
export const STEP_DECISIONS: Record<Step, readonly CaseEvent[]> = {
  triage: ['complete', 'request_documents', 'reject'],
  documents: ['resubmit'],
  payment: ['confirm_payment'],
  assignment: ['assign'],
  report: ['release', 'request_additional'],
  approval: ['approve', 'decline'],
};

/** Patients are reminded of the documents and the payment they owe this often. */
const PATIENT_REMINDER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export class WorkflowError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowError';
  }
}

/**
 * The patient's case page with a fresh patient token in the fragment (the contract of the case link),
 * so the link in any of our emails opens the page on whatever phone the patient reads it.
 */
export async function caseUrl(d: WorkflowDeps, caseId: string): Promise<string> {
  const token = newSecretToken();
  await d.store.putPatientToken({
    tokenHash: hashToken(token),
    caseId,
    createdAt: d.clock.now().toISOString(),
  });
  return `${d.config.PUBLIC_BASE_URL}/case/${caseId}#token=${token}`;
}

export function linkUrl(d: WorkflowDeps, token: string): string {
  return `${d.config.PUBLIC_BASE_URL}/a/${token}`;
}

/** A time as people at the site read it, e.g. "Tue 3 Mar 2026, 23:59". */
export function siteTime(iso: string, language: Language): string {
  return DateTime.fromISO(iso, { zone: SITE_ZONE }).setLocale(language).toFormat('ccc d LLL yyyy, HH:mm');
}

export function siteDay(iso: string, language: Language): string {
  return DateTime.fromISO(iso, { zone: SITE_ZONE }).setLocale(language).toFormat('d LLLL yyyy');
}

function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}

function staffLanguage(s: StaffMember): Language {
  return s.languages[0] ?? 'en';
}

async function loadCase(d: WorkflowDeps, caseId: string): Promise<Case> {
  const c = await d.store.getCase(caseId);
  if (!c) throw new WorkflowError('case_not_found', `case ${caseId} does not exist`);
  return c;
}

async function audit(
  d: WorkflowDeps,
  caseId: string,
  actor: string,
  action: string,
  details?: Record<string, unknown>,
) {
  await d.store.appendEvent({
    caseId,
    at: d.clock.now().toISOString(),
    actor,
    action,
    ...(details ? { details } : {}),
  });
}

async function activeStaff(d: WorkflowDeps, role: StaffRole): Promise<StaffMember[]> {
  return (await d.store.listStaff(role)).filter((s) => s.active);
}

async function requireStaff(d: WorkflowDeps, role: StaffRole): Promise<StaffMember[]> {
  const staff = await activeStaff(d, role);
  if (!staff.length) throw new WorkflowError('no_staff', `no active staff member has the role ${role}`);
  return staff;
}

/** Leads of a role, or the role's members when the site has no lead configured. */
async function leadsOf(d: WorkflowDeps, lead: StaffRole, fallback: StaffRole): Promise<StaffMember[]> {
  const leads = await activeStaff(d, lead);
  return leads.length ? leads : requireStaff(d, fallback);
}

function patientValues(c: Case) {
  return { firstName: c.patient.firstName, reference: c.reference };
}

// Plan

/** The due time and first timeout of a step's wait, from the working-day calendar and the clock. */
export async function planWait(d: WorkflowDeps, caseId: string, step: Step): Promise<WaitPlan> {
  const now = d.clock.now();
  const cal = calendarOf(d.config);
  const c = await loadCase(d, caseId);
  let due: Date;
  let firstTimeout: Date;
  const deadlines = { ...c.deadlines };
  switch (step) {
    case 'triage':
      due = addWorkingDays(now, 2, cal);
      firstTimeout = due;
      deadlines.triageDue = due.toISOString();
      break;
    case 'documents':
    case 'payment': {
      const days = step === 'documents' ? d.config.DOCUMENTS_EXPIRY_DAYS : d.config.PAYMENT_EXPIRY_DAYS;
      due = new Date(now.getTime() + days * DAY_MS);
      firstTimeout = new Date(Math.min(due.getTime(), now.getTime() + PATIENT_REMINDER_DAYS * DAY_MS));
      if (step === 'documents') deadlines.documentsDue = due.toISOString();
      else deadlines.paymentDue = due.toISOString();
      break;
    }
    case 'assignment':
      due = addWorkingDays(now, 1, cal);
      firstTimeout = due;
      break;
    case 'report': {
      if (!c.deadlines.reportDue)
        throw new WorkflowError('no_report_due', `case ${caseId} has no report due time`);
      due = new Date(c.deadlines.reportDue);
      const reminderAt = subtractWorkingDays(due, 1, cal);
      firstTimeout = reminderAt > now ? reminderAt : due;
      break;
    }
    case 'approval':
      due = addWorkingDays(now, 3, cal);
      firstTimeout = due;
      break;
  }
  if (JSON.stringify(deadlines) !== JSON.stringify(c.deadlines)) {
    await d.store.updateCase(caseId, c.version, { deadlines, status: c.status });
  }
  return {
    openedAt: now.toISOString(),
    dueAt: due.toISOString(),
    timeoutSeconds: secondsUntil(firstTimeout, now),
    reminders: 0,
    expire: false,
  };
}

// Open

export interface OpenWaitInput {
  caseId: string;
  step: Step;
  openedAt: string;
  dueAt: string;
  reminders: number;
  taskToken: string;
}

/**
 * Stores the task token on the step's wait and, the first time only, creates the action links and
 * sends the emails. Re-entered after a reminder (same openedAt) it only swaps the token, so the
 * links already sent keep working; if a decision arrived meanwhile it resumes the execution itself.
 */
export async function openWait(d: WorkflowDeps, input: OpenWaitInput): Promise<void> {
  const existing = await d.store.getWait(input.caseId, input.step);
  let wait: Wait;
  if (existing && existing.openedAt === input.openedAt) {
    wait = await d.store.updateWait(input.caseId, input.step, input.openedAt, { taskToken: input.taskToken });
    if (wait.decision && wait.decisionOutput) {
      await d.workflow.sendTaskSuccess(input.taskToken, wait.decisionOutput);
      return;
    }
  } else {
    wait = {
      caseId: input.caseId,
      step: input.step,
      taskToken: input.taskToken,
      openedAt: input.openedAt,
      dueAt: input.dueAt,
      recipients: [],
      reminders: 0,
    };
    await d.store.putWait(wait);
    await audit(d, input.caseId, 'system', 'wait_opened', { step: input.step, dueAt: input.dueAt });
  }
  if (!wait.notifiedAt) {
    const c = await loadCase(d, input.caseId);
    const recipients = await notify(d, c, wait);
    await d.store.updateWait(input.caseId, input.step, input.openedAt, {
      recipients,
      notifiedAt: d.clock.now().toISOString(),
    });
  }
}

/** Creates an action link of a wait: only the token's hash is stored. */
export async function createLink(
  d: WorkflowDeps,
  wait: Pick<Wait, 'caseId' | 'step' | 'openedAt' | 'dueAt'>,
  recipient: string,
  decision: string,
  params?: Record<string, string>,
): Promise<string> {
  const now = d.clock.now();
  const token = newSecretToken();
  const ttl = now.getTime() + d.config.LINK_TTL_DAYS * DAY_MS;
  // A link lives at least as long as the wait it answers (payment waits are longer than the TTL).
  const expiresAt = new Date(Math.max(ttl, new Date(wait.dueAt).getTime() + DAY_MS));
  await d.store.putLink({
    tokenHash: hashToken(token),
    caseId: wait.caseId,
    step: wait.step,
    decision,
    recipient,
    ...(params ? { params } : {}),
    waitOpenedAt: wait.openedAt,
    expiresAt: expiresAt.toISOString(),
    createdAt: now.toISOString(),
  });
  return linkUrl(d, token);
}

/** Sends the emails that open a step; returns who was asked. */
async function notify(d: WorkflowDeps, c: Case, wait: Wait): Promise<string[]> {
  const lang = c.language;
  const patientTo = [c.patient.email];
  switch (wait.step) {
    case 'triage': {
      const doctors = await requireStaff(d, 'triage');
      for (const s of doctors) {
        const l = staffLanguage(s);
        await sendEmail(
          d.mailer,
          'triage_request',
          l,
          [s.email],
          {
            name: s.name,
            reference: c.reference,
            dueAt: siteTime(wait.dueAt, l),
            completeUrl: await createLink(d, wait, s.staffId, 'complete'),
            requestUrl: await createLink(d, wait, s.staffId, 'request_documents'),
            rejectUrl: await createLink(d, wait, s.staffId, 'reject'),
          },
          c.caseId,
        );
      }
      return doctors.map((s) => s.staffId);
    }
    case 'documents':
      await sendEmail(
        d.mailer,
        'documents_requested',
        lang,
        patientTo,
        {
          ...patientValues(c),
          documents: c.requestedDocuments ?? [],
          caseUrl: await caseUrl(d, c.caseId),
          dueDate: siteDay(wait.dueAt, lang),
        },
        c.caseId,
      );
      return ['patient'];
    case 'payment': {
      if (!c.quote) throw new WorkflowError('no_quote', `case ${c.caseId} has no quote`);
      const amount = formatCents(c.quote.totalCents);
      const reference = formatRfReference(c.paymentReference);
      await sendEmail(
        d.mailer,
        'payment_details',
        lang,
        patientTo,
        {
          ...patientValues(c),
          amount,
          beneficiary: d.config.BANK_BENEFICIARY,
          iban: d.config.BANK_IBAN,
          bic: d.config.BANK_BIC,
          paymentReference: reference,
          dueDate: siteDay(wait.dueAt, lang),
          caseUrl: await caseUrl(d, c.caseId),
        },
        c.caseId,
      );
      await sendEmail(
        d.mailer,
        'payment_confirmation_request',
        'en',
        [d.config.OFFICE_EMAIL],
        {
          name: 'office',
          reference: c.reference,
          amount,
          paymentReference: reference,
          confirmUrl: await createLink(d, wait, 'office', 'confirm_payment'),
        },
        c.caseId,
      );
      return ['patient', 'office'];
    }
    case 'assignment': {
      const decider = c.triageDoctorId ? await d.store.getStaff(c.triageDoctorId) : undefined;
      const deciders = decider?.active ? [decider] : await requireStaff(d, 'triage');
      const ranked = await rankedSpecialists(d, c);
      for (const s of deciders) {
        const l = staffLanguage(s);
        const candidates = [];
        for (const r of ranked) {
          const open = l === 'it' ? `${r.openCases} casi aperti` : `${r.openCases} open cases`;
          candidates.push({
            label: `${r.staff.name} (${r.staff.consultationTypes.join(', ')}; ${r.staff.languages.join('/')}; ${open})`,
            url: await createLink(d, wait, s.staffId, 'assign', { specialistId: r.staff.staffId }),
          });
        }
        await sendEmail(
          d.mailer,
          'assignment_candidates',
          l,
          [s.email],
          { name: s.name, reference: c.reference, candidates },
          c.caseId,
        );
      }
      return deciders.map((s) => s.staffId);
    }
    case 'report': {
      const s = c.assigneeId ? await d.store.getStaff(c.assigneeId) : undefined;
      if (!s) throw new WorkflowError('no_assignee', `case ${c.caseId} has no specialist`);
      const l = staffLanguage(s);
      const answer = c.additional?.answer;
      const note = answer
        ? l === 'it'
          ? `Il paziente ha ${answer === 'approve' ? 'approvato' : 'rifiutato'} l'approfondimento (${c.additional?.consultation}).`
          : `The patient ${answer === 'approve' ? 'approved' : 'declined'} the additional consultation (${c.additional?.consultation}).`
        : undefined;
      await sendEmail(
        d.mailer,
        'report_task',
        l,
        [s.email],
        {
          name: s.name,
          reference: c.reference,
          dueAt: siteTime(wait.dueAt, l),
          ...(note ? { note } : {}),
          ...(await reportLinks(d, wait, s.staffId)),
        },
        c.caseId,
      );
      return [s.staffId];
    }
    case 'approval':
      await sendApproval(d, c, wait, 'additional_approval');
      return ['patient'];
  }
}

/** The specialist's links of a report wait (a reminder carries fresh ones, so they never run out). */
async function reportLinks(d: WorkflowDeps, wait: Wait, staffId: string) {
  return {
    documentsUrl: await createLink(d, wait, staffId, 'documents'),
    releaseUrl: await createLink(d, wait, staffId, 'release'),
    additionalUrl: await createLink(d, wait, staffId, 'request_additional'),
  };
}

async function sendApproval(
  d: WorkflowDeps,
  c: Case,
  wait: Wait,
  kind: 'additional_approval' | 'approval_reminder',
): Promise<void> {
  if (!c.additional)
    throw new WorkflowError('no_additional', `case ${c.caseId} has no additional consultation`);
  await sendEmail(
    d.mailer,
    kind,
    c.language,
    [c.patient.email],
    {
      ...patientValues(c),
      consultation: c.additional.consultation.replace(/_/g, ' '),
      amount: formatCents(c.additional.quote.totalCents),
      approveUrl: await createLink(d, wait, 'patient', 'approve'),
      declineUrl: await createLink(d, wait, 'patient', 'decline'),
    },
    c.caseId,
  );
}

/** Active specialists ranked for the case, with their open workload. */
export async function rankedSpecialists(d: WorkflowDeps, c: Case) {
  const open: Record<string, number> = {};
  for (const status of ['in_report', 'awaiting_approval'] as const) {
    for (const other of await d.store.listCasesByStatus(status)) {
      if (other.assigneeId) open[other.assigneeId] = (open[other.assigneeId] ?? 0) + 1;
    }
  }
  return rankCandidates(c, await d.store.listStaff('specialist'), open);
}

// Remind

/**
 * A wait timed out: remind (or escalate), then wait again with the same links; or, for a patient who
 * let the documents or the payment lapse, expire. A retry does not send the reminder twice.
 */
export async function remind(
  d: WorkflowDeps,
  input: { caseId: string; step: Step; openedAt: string; reminders: number },
): Promise<WaitPlan> {
  const now = d.clock.now();
  const cal = calendarOf(d.config);
  const c = await loadCase(d, input.caseId);
  const wait = await d.store.getWait(input.caseId, input.step);
  if (!wait || wait.openedAt !== input.openedAt) {
    throw new WorkflowError('wait_moved_on', `the ${input.step} wait of case ${input.caseId} moved on`);
  }
  if (c.status !== STEP_STATUS[input.step]) {
    // The case left the step without the execution (a cancellation whose StopExecution failed): end quietly.
    return {
      openedAt: wait.openedAt,
      dueAt: wait.dueAt,
      timeoutSeconds: 1,
      reminders: input.reminders,
      expire: true,
    };
  }
  const n = input.reminders + 1;
  const alreadySent = (wait.reminders ?? 0) >= n;
  const due = new Date(wait.dueAt);
  let next: Date;
  let expire = false;
  const send = async (fn: () => Promise<void>, action: string, details: Record<string, unknown> = {}) => {
    if (alreadySent) return;
    await fn();
    await audit(d, c.caseId, 'system', action, { step: input.step, n, ...details });
  };

  switch (input.step) {
    case 'triage':
    case 'assignment': {
      const kind = input.step === 'triage' ? 'triage_reminder' : 'assignment_reminder';
      await send(async () => {
        for (const s of await leadsOf(d, 'triage_lead', 'triage')) {
          const l = staffLanguage(s);
          await sendEmail(
            d.mailer,
            kind,
            l,
            [s.email],
            { name: s.name, reference: c.reference, dueAt: siteTime(wait.dueAt, l) },
            c.caseId,
          );
        }
      }, 'reminder_sent');
      next = addWorkingDays(now, 1, cal);
      break;
    }
    case 'documents':
    case 'payment':
      if (now.getTime() >= due.getTime() - 1000) {
        expire = true;
        next = now;
        break;
      }
      await send(async () => {
        await sendEmail(
          d.mailer,
          input.step === 'documents' ? 'documents_reminder' : 'payment_reminder',
          c.language,
          [c.patient.email],
          {
            ...patientValues(c),
            dueDate: siteDay(wait.dueAt, c.language),
            caseUrl: await caseUrl(d, c.caseId),
          },
          c.caseId,
        );
      }, 'reminder_sent');
      next = new Date(Math.min(due.getTime(), now.getTime() + PATIENT_REMINDER_DAYS * DAY_MS));
      break;
    case 'report': {
      const specialist = c.assigneeId ? await d.store.getStaff(c.assigneeId) : undefined;
      if (!specialist) throw new WorkflowError('no_assignee', `case ${c.caseId} has no specialist`);
      if (now.getTime() < due.getTime() - 1000) {
        await send(async () => {
          const l = staffLanguage(specialist);
          await sendEmail(
            d.mailer,
            'report_reminder',
            l,
            [specialist.email],
            {
              name: specialist.name,
              reference: c.reference,
              dueAt: siteTime(wait.dueAt, l),
              ...(await reportLinks(d, wait, specialist.staffId)),
            },
            c.caseId,
          );
        }, 'reminder_sent');
        next = due;
      } else {
        await send(
          async () => {
            for (const s of await leadsOf(d, 'specialist_lead', 'specialist')) {
              const l = staffLanguage(s);
              await sendEmail(
                d.mailer,
                'report_escalation',
                l,
                [s.email],
                {
                  name: s.name,
                  reference: c.reference,
                  dueAt: siteTime(wait.dueAt, l),
                  specialist: specialist.name,
                },
                c.caseId,
              );
            }
          },
          'report_escalated',
          { assigneeId: specialist.staffId },
        );
        next = addWorkingDays(now, 1, cal);
      }
      break;
    }
    case 'approval':
      await send(() => sendApproval(d, c, wait, 'approval_reminder'), 'reminder_sent');
      next = addWorkingDays(now, 3, cal);
      break;
  }
  if (!alreadySent && !expire)
    await d.store.updateWait(c.caseId, input.step, input.openedAt, { reminders: n });
  return {
    openedAt: wait.openedAt,
    dueAt: wait.dueAt,
    timeoutSeconds: secondsUntil(next, now),
    reminders: n,
    expire,
  };
}

// Apply a decision

export interface Applied {
  status: CaseStatus;
  autoAssignTo: string | null;
}

function applied(c: Case): Applied {
  return { status: c.status, autoAssignTo: c.autoAssignTo ?? null };
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .map(String)
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof value === 'string')
    return value
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

/** The quote of a case, and the physician an update at EUR 350 goes to. */
export async function quoteFor(d: WorkflowDeps, c: Case): Promise<Pick<Case, 'quote' | 'autoAssignTo'>> {
  const requestedAt = new Date(c.submittedAt ?? c.createdAt);
  const previous = c.previousCaseId ? await d.store.getCase(c.previousCaseId) : undefined;
  const physician = previous?.assigneeId ? await d.store.getStaff(previous.assigneeId) : undefined;
  const samePhysician = Boolean(physician?.active && physician.roles.includes('specialist'));
  const quote = quoteCase({
    requestedAt,
    courier: c.courier,
    ...(previous
      ? {
          update: {
            previousRequestedAt: new Date(previous.submittedAt ?? previous.createdAt),
            samePhysician,
          },
        }
      : {}),
  });
  const discounted = quote.lines.some((l) => l.code === 'update');
  return { quote, autoAssignTo: discounted ? physician?.staffId : undefined };
}

/**
 * Applies a step's decision to the case: a conditional write from the step's status, an audit event,
 * and the patient's email. A retry that finds the decision already applied returns the same result.
 */
export async function applyDecision(
  d: WorkflowDeps,
  input: { caseId: string; step: Step; openedAt: string; decision: DecisionOutput },
): Promise<Applied> {
  const { step, decision } = input;
  const event = decision.decision as CaseEvent;
  if (!STEP_DECISIONS[step].includes(event)) {
    throw new WorkflowError(
      'invalid_decision',
      `"${decision.decision}" is not a decision of the ${step} step`,
    );
  }
  const c = await loadCase(d, input.caseId);
  const expected = STEP_STATUS[step];
  if (c.status !== expected) {
    if (c.status === TRANSITIONS[expected][event]) return applied(c);
    transition(c.status, event);
  }
  const to = transition(c.status, event);
  const now = d.clock.now();
  const cal = calendarOf(d.config);
  const v = decision.values ?? {};
  const changes: Partial<Case> = {
    status: to,
    deadlines: { ...c.deadlines },
    updatedAt: now.toISOString(),
  };
  const details: Record<string, unknown> = { step };
  const after: (() => Promise<unknown>)[] = [];
  const patient = (kind: 'case_rejected' | 'payment_received' | 'specialist_assigned') => () =>
    sendEmail(d.mailer, kind, c.language, [c.patient.email], patientValues(c), c.caseId);

  switch (event) {
    case 'complete': {
      changes.triageDoctorId = decision.by;
      Object.assign(changes, await quoteFor(d, c));
      details.totalCents = changes.quote?.totalCents;
      break;
    }
    case 'request_documents': {
      const documents = stringList(v.documents);
      if (!documents.length)
        throw new WorkflowError('no_documents', 'a documents request needs the list of documents');
      changes.triageDoctorId = decision.by;
      changes.requestedDocuments = documents;
      details.documents = documents.length;
      break;
    }
    case 'reject':
      changes.triageDoctorId = decision.by;
      // The doctor's words stay in the audit trail for staff; the patient's page shows no clinical reasoning.
      changes.reason = 'rejected at triage';
      if (typeof v.reason === 'string' && v.reason.trim()) details.reason = v.reason.trim().slice(0, 2000);
      after.push(patient('case_rejected'));
      break;
    case 'resubmit':
      changes.submittedAt = c.submittedAt ?? now.toISOString();
      break;
    case 'confirm_payment':
      changes.paidAt = now.toISOString();
      changes.deadlines = { ...c.deadlines, reportDue: addWorkingDays(now, 5, cal).toISOString() };
      after.push(patient('payment_received'));
      break;
    case 'assign': {
      const specialistId = String(v.specialistId ?? '');
      const s = await d.store.getStaff(specialistId);
      if (!s?.active || !s.roles.includes('specialist')) {
        throw new WorkflowError(
          'invalid_specialist',
          `${specialistId || 'nobody'} is not an active specialist`,
        );
      }
      changes.assigneeId = specialistId;
      details.assigneeId = specialistId;
      after.push(patient('specialist_assigned'));
      break;
    }
    case 'request_additional': {
      const consultation = String(v.consultation ?? '');
      changes.additional = {
        consultation,
        reason: String(v.reason ?? '').trim(),
        quote: quoteAdditional(consultation, d.config.ADDITIONAL_PRICES),
        requestedBy: decision.by,
        requestedAt: now.toISOString(),
      };
      details.consultation = consultation;
      break;
    }
    case 'approve':
    case 'decline': {
      if (!c.additional)
        throw new WorkflowError('no_additional', `case ${c.caseId} has no additional consultation`);
      changes.additional = { ...c.additional, answer: event, answeredAt: now.toISOString() };
      // The report clock stood still while the patient was asked: move the due time by those working days.
      const paused = workingDaysBetween(new Date(c.additional.requestedAt), now, cal);
      if (paused > 0 && c.deadlines.reportDue) {
        changes.deadlines = {
          ...c.deadlines,
          reportDue: addWorkingDays(new Date(c.deadlines.reportDue), paused, cal).toISOString(),
        };
      }
      details.pausedWorkingDays = paused;
      break;
    }
    case 'release': {
      const reportKey = await checkReport(d, c.caseId, String(v.reportId ?? ''));
      changes.reportKey = reportKey;
      changes.releasedAt = now.toISOString();
      changes.updateWindowEnds = updateWindowEnd(new Date(c.submittedAt ?? c.createdAt));
      after.push(async () =>
        sendEmail(
          d.mailer,
          'report_ready',
          c.language,
          [c.patient.email],
          { ...patientValues(c), caseUrl: await caseUrl(d, c.caseId), courier: c.courier },
          c.caseId,
        ),
      );
      if (c.courier && c.courierAddress) {
        const a = c.courierAddress;
        after.push(() =>
          sendEmail(
            d.mailer,
            'courier_shipping',
            'en',
            [d.config.OFFICE_EMAIL],
            {
              name: 'office',
              reference: c.reference,
              address: [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, a.country].filter(
                (x): x is string => Boolean(x),
              ),
            },
            c.caseId,
          ),
        );
      }
      break;
    }
    default:
      throw new WorkflowError('invalid_decision', `unhandled decision ${event}`);
  }
  const updated = await d.store.updateCase(c.caseId, c.version, changes);
  await audit(d, c.caseId, decision.by, event, details);
  for (const send of after) await send();
  return applied(updated);
}

// Expire and fail

export async function expire(d: WorkflowDeps, caseId: string): Promise<{ status: CaseStatus }> {
  const c = await loadCase(d, caseId);
  if (isTerminal(c.status)) return { status: c.status };
  const status = transition(c.status, 'expire');
  await d.store.updateCase(caseId, c.version, {
    status,
    reason: `no answer from the patient while ${c.status.replace(/_/g, ' ')}`,
    updatedAt: d.clock.now().toISOString(),
  });
  await audit(d, caseId, 'system', 'expire', { from: c.status });
  await sendEmail(d.mailer, 'case_expired', c.language, [c.patient.email], patientValues(c), caseId);
  return { status };
}

/** A Lambda error's Cause is its JSON (type, message, stack): keep the message only. */
function causeMessage(cause: string | undefined): string {
  try {
    const parsed = JSON.parse(cause ?? '') as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // Not JSON: the cause is the message itself.
  }
  return String(cause ?? '');
}

/** Leaves the case visibly failed with the reason; tries again when the case changed meanwhile. */
export async function markFailed(d: WorkflowDeps, caseId: string, error: { Error?: string; Cause?: string }) {
  const reason = `${error.Error ?? 'Error'}: ${causeMessage(error.Cause).slice(0, 500)}`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await d.store.getCase(caseId);
    if (!c) {
      logger.error('workflow failed for a missing case', { caseId });
      return;
    }
    try {
      if (canTransition(c.status, 'fail')) {
        await d.store.updateCase(caseId, c.version, {
          status: 'failed',
          reason,
          updatedAt: d.clock.now().toISOString(),
        });
      }
      await audit(d, caseId, 'system', 'fail', { error: error.Error ?? 'Error', from: c.status });
      logger.error('case workflow failed', { caseId, error: error.Error });
      return;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  throw new ConflictError(`case ${caseId} kept changing while being marked failed`);
}
