import { composeDeps } from '#app/compose.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import {
  additional_payment_reminder,
  approval_reminder,
  assignment_escalation,
  documents_reminder,
  payment_reminder,
  report_delayed,
  report_escalation,
  report_reminder,
  triage_delayed,
  triage_escalation,
} from '#presentation/i18n/email-words.ts';
import { remind } from '#usecases/workflow/remind.ts';
import { caseId, step } from './schemas.ts';
import { stepLinkEmails } from './step-emails.ts';
import { taskHandler } from './task.ts';

const deps = composeDeps({
  ...store,
  ...email({
    ...stepLinkEmails,
    documents_reminder,
    payment_reminder,
    additional_payment_reminder,
    report_reminder,
    approval_reminder,
    triage_escalation,
    assignment_escalation,
    report_escalation,
    report_delayed,
    triage_delayed,
  }),
});

/** A wait timed out: remind or escalate and plan the next timeout, or end the wait with the policy's decision. */
export const handler = taskHandler(
  z.object({
    caseId,
    step,
    openedAt: z.string().check(z.minLength(1)),
    dueAt: z.string().check(z.minLength(1)),
    endsAt: z.string().check(z.minLength(1)),
    reminders: z.number().check(z.int(), z.minimum(0)),
  }),
  (i) => remind(deps(), i),
);
