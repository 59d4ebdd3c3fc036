import * as z from 'zod';
import { deps } from '#app/deps.ts';
import { remind } from '#usecases/workflow/remind.ts';
import { caseId, step } from './schemas.ts';
import { taskHandler } from './task.ts';

/** A wait timed out: remind or escalate and plan the next timeout, or end the wait with the policy's decision. */
export const handler = taskHandler(
  z.object({
    caseId,
    step,
    openedAt: z.string().min(1),
    dueAt: z.string().min(1),
    endsAt: z.string().min(1),
    reminders: z.number().int().min(0),
  }),
  (i) => remind(deps(), i),
);
