import { deps } from '#app/deps.ts';
import * as z from '#app/zod.ts';
import { remind } from '#usecases/workflow/remind.ts';
import { caseId, step } from './schemas.ts';
import { taskHandler } from './task.ts';

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
