import { composeDeps } from '#app/compose.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import { workflow } from '#app/wiring/workflow.ts';
import * as z from '#app/zod.ts';
import {
  additional_approval,
  additional_payment_details,
  assignment_candidates,
  documents_requested,
  more_documents_requested,
  payment_confirmation_request,
  payment_details,
  report_task,
  triage_request,
} from '#presentation/i18n/email-words.ts';
import { openWait } from '#usecases/workflow/open-wait.ts';
import { caseId, step } from './schemas.ts';
import { taskHandler } from './task.ts';

const deps = composeDeps({
  ...store,
  ...email({
    triage_request,
    documents_requested,
    more_documents_requested,
    payment_details,
    payment_confirmation_request,
    additional_payment_details,
    assignment_candidates,
    report_task,
    additional_approval,
  }),
  ...workflow,
});

/** Invoked with .waitForTaskToken: stores the token on the wait, sends the step's links once. */
export const handler = taskHandler(
  z.object({
    caseId,
    step,
    openedAt: z.string().check(z.minLength(1)),
    dueAt: z.string().check(z.minLength(1)),
    endsAt: z.string().check(z.minLength(1)),
    reminders: z.number().check(z.int(), z.minimum(0)),
    taskToken: z.string().check(z.minLength(1)),
  }),
  (i) => openWait(deps(), i),
);
