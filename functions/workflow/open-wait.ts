import { composeDeps } from '#app/compose.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import { workflow } from '#app/wiring/workflow.ts';
import * as z from '#app/zod.ts';
import { openWait } from '#usecases/workflow/open-wait.ts';
import { caseId, step } from './schemas.ts';
import { stepLinkEmails } from './step-emails.ts';
import { taskHandler } from './task.ts';

const deps = composeDeps({
  ...store,
  ...email(stepLinkEmails),
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
