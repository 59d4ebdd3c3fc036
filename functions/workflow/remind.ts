import { composeDeps } from '#app/compose.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import { remind } from '#usecases/workflow/remind.ts';
import { caseId, step } from './schemas.ts';
import { taskHandler } from './task.ts';

const deps = composeDeps({ ...store, ...email });

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
